import { describe, expect, it } from 'vitest';
import { handleReadiness } from '../api/handlers/readiness';
import { recordingContext } from '../../testing/api';
import type { Sample } from '../prometheus/types';
import type { ReadinessResources } from './resources';
import type { ReadinessReport } from './types';

// Any workload can serve its own istio_requests_total through metrics merging,
// so source_workload_namespace can hold anything (issue 12): one such series
// must not take GET /api/readiness down.

const NOW_MS = 1_800_000_000_000;
const FORGED = ['Team_A', '__proto__', 'constructor', 'prototype', '', 'a'.repeat(64), 'équipe', '😀', 'a\u0007b\u001b[31m', 'x\ny: 1', 'shop\u202e'];

function passthrough(namespace: string, host = 'httpbin.org'): Sample {
  return {
    labels: {
      reporter: 'source',
      source_workload_namespace: namespace,
      source_workload: 'w',
      destination_service: host,
      destination_service_name: 'PassthroughCluster',
      destination_service_namespace: 'unknown',
      destination_workload: 'unknown',
      destination_workload_namespace: 'unknown',
      request_protocol: 'http',
      response_code: '200',
      response_flags: '-',
    },
    value: 1,
  };
}

function inMesh(from: string, to: string): Sample {
  return {
    labels: {
      source_workload_namespace: from,
      source_workload: 'w',
      destination_service: `svc.${to}.svc.cluster.local`,
      destination_service_name: 'svc',
      destination_service_namespace: to,
      destination_workload: 'svc',
      destination_workload_namespace: to,
      egress_lens_measure: 'requests',
    },
    value: 2,
  };
}

async function readiness(samples: (query: string) => Sample[]) {
  const rec = recordingContext(samples);
  const res = await handleReadiness('window=1h', NOW_MS, rec.ctx);
  return { status: res.status, body: res.body as ReadinessReport & ReadinessResources };
}

describe('GET /api/readiness with forged namespace labels', () => {
  it.each(FORGED)('answers 200 for %j, builds a Sidecar only if it is a Kubernetes name, and keeps the rest', async (forged) => {
    const { status, body } = await readiness((q) => {
      if (q.startsWith('sum by') && q.includes('istio_requests_total')) return [passthrough(forged), passthrough('shop')];
      if (q.startsWith('label_replace')) return [inMesh('shop', forged), inMesh(forged, 'shop')];
      return [];
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.namespaces.map((n) => n.namespace)).toEqual([forged, 'shop'].sort());
    const forgedSwitch = body.switches.find((s) => s.namespace === forged);
    const isName = forged === 'constructor' || forged === 'prototype';
    if (isName) {
      // Valid Kubernetes names: a Sidecar like any other.
      expect(forgedSwitch?.kind).toBe('sidecar');
    } else {
      expect(forgedSwitch).toMatchObject({ kind: 'cannot-be-named', reason: expect.any(String) as string });
    }
    const shop = body.switches.find((s) => s.namespace === 'shop');
    expect(shop?.kind).toBe('sidecar');
    // A value that is not a name never reaches a YAML document.
    if (shop?.kind === 'sidecar' && !isName && forged.length > 3) expect(shop.yaml).not.toContain(forged);
    expect(body.namespaces.find((n) => n.namespace === 'shop')?.toRegister.map((h) => h.host)).toEqual(['httpbin.org']);
    expect(body.mesh.requests.passthrough).toBe(2);
    // Round-trips as JSON with the forged value intact (an own key nowhere).
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('asks Prometheus the egress queries and the in-mesh query once each', async () => {
    const rec = recordingContext();
    expect((await handleReadiness('window=1h', NOW_MS, rec.ctx)).status).toBe(200);
    const queries = rec.queries.map((q) => q.query);
    // The in-mesh query is the one that tags requests (the egress HTTP query does not tag its measures).
    expect(queries.filter((q) => q.includes('"egress_lens_measure", "requests"'))).toHaveLength(1);
  });
});
