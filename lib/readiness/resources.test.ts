import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { EgressFlow } from '../egress/types';
import { parseAndValidateYaml } from '../resources';
import { computeReadiness } from './compute';
import type { InMeshCall } from './in-mesh';
import { defaultServiceEntryNamespace, readinessResources, type NamespaceSwitch } from './resources';

const flow = (namespace: string, host: string, status: EgressFlow['destination']['status'] = 'passthrough'): EgressFlow => ({
  source: { namespace, workload: 'w' },
  destination: { host, status },
  protocol: 'http', dataPlane: 'sidecar',
  requestsPerSecond: 1,
});
const call = (from: string, to: string): InMeshCall => ({ source: { namespace: from, workload: 'w' }, kind: 'service', namespace: to, service: `svc.${to}.svc.cluster.local`, workload: 'x', ratePerSecond: 1 });

function resources(flows: EgressFlow[], calls: InMeshCall[] = [], rootNamespace?: string) {
  const readiness = computeReadiness({ end: 'E', window: '1h', flows, warnings: [] }, calls);
  return { readiness, resources: readinessResources(readiness, rootNamespace ? { rootNamespace } : {}) };
}

const switchOf = (switches: readonly NamespaceSwitch[], ns: string) => switches.find((s) => s.namespace === ns);

describe('readinessResources', () => {
  it('gives each namespace a valid REGISTRY_ONLY Sidecar that keeps every service visible, with a comment saying why', () => {
    const hostile = ['<img src=x onerror=alert(1)>.evil.test', 'tab\there.evil.test', 'crlf\r\nx: 1.evil.test'];
    const { resources: r } = resources(
      [flow('shop', 'httpbin.org'), flow('shop', 'api.stripe.com', 'registered'), ...hostile.map((h) => flow('shop', h))],
      [call('shop', 'payments'), call('shop', 'shop')],
    );
    const s = switchOf(r.switches, 'shop');
    expect(s?.kind).toBe('sidecar');
    const yaml = s?.kind === 'sidecar' ? s.yaml : '';
    const { objects, validation } = parseAndValidateYaml(yaml);
    expect(validation.errors).toEqual([]);
    expect(objects).toEqual([
      { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace: 'shop' }, spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['*/*'] }] } },
    ]);
    expect(yaml).toMatch(/^# Switches the sidecars of namespace shop to REGISTRY_ONLY/);
    expect(yaml).toMatch(/# .*"\*\/\*" keep every service/);
    expect(yaml).toMatch(/In-mesh calls seen from shop in the last 1h go to: payments, shop/);
    expect(yaml).toMatch(/calls not seen in this window are not listed/);
    // No host reaches the YAML, so no Host header can.
    for (const h of [...hostile, 'httpbin.org']) expect(yaml).not.toContain(h.slice(0, 8));
    expect(r.telemetry.yaml).toContain('kind: Telemetry');
    expect(r.telemetry.warning).toMatch(/cardinality/i);
  });

  it('never offers a Sidecar for the root namespace: it is mesh-wide, offered apart (istio-system, or ISTIO_ROOT_NAMESPACE)', () => {
    const flows = [flow('istio-system', 'api.shipengine.com', 'registered'), flow('mesh-root', 'x.io'), flow('shop', 'x.io')];
    const byDefault = resources(flows).resources;
    expect(switchOf(byDefault.switches, 'istio-system')).toEqual({ namespace: 'istio-system', kind: 'root-namespace' });
    expect(switchOf(byDefault.switches, 'mesh-root')?.kind).toBe('sidecar');
    expect(byDefault.meshSwitch.rootNamespace).toBe('istio-system');
    expect(byDefault.telemetry.warning).toMatch(/every sidecar in the mesh/);

    const configured = resources(flows, [], 'mesh-root').resources;
    expect(switchOf(configured.switches, 'mesh-root')).toEqual({ namespace: 'mesh-root', kind: 'root-namespace' });
    expect(switchOf(configured.switches, 'istio-system')?.kind).toBe('sidecar');
    expect(configured.meshSwitch.rootNamespace).toBe('mesh-root');
    expect(parse(configured.meshSwitch.rootSidecar)).toMatchObject({ metadata: { namespace: 'mesh-root' } });
    expect(configured.telemetry.yaml).toContain('namespace: mesh-root');
  });

  it('lists a namespace label that cannot be a name as such, with the reason, and keeps the rest of the report', () => {
    const forged = ['Team_A', '__proto__', 'constructor', '', 'a'.repeat(64), 'équipe', 'a\u0007b'];
    const { readiness, resources: r } = resources([...forged.map((ns) => flow(ns, 'httpbin.org')), flow('shop', 'httpbin.org')], [call('shop', 'Team_A')]);
    expect(readiness.namespaces.map((n) => n.namespace)).toEqual([...forged, 'shop'].sort());
    expect(r.switches.map((s) => s.namespace)).toEqual(readiness.namespaces.map((n) => n.namespace));
    for (const ns of forged.filter((n) => n !== 'constructor')) {
      expect(switchOf(r.switches, ns), JSON.stringify(ns)).toMatchObject({ kind: 'cannot-be-named', reason: expect.stringMatching(/./) });
    }
    // A valid name, whatever it means to JavaScript objects.
    expect(switchOf(r.switches, 'constructor')?.kind).toBe('sidecar');
    const shop = switchOf(r.switches, 'shop');
    expect(shop?.kind).toBe('sidecar');
    // The forged destination is not written into the YAML comment.
    expect(shop?.kind === 'sidecar' && shop.yaml).toMatch(/go to: 1 namespace that cannot be named/);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('places hosts like the promote generator: the only calling namespace, else the egress config namespace', () => {
    expect(defaultServiceEntryNamespace(['shop/a', 'shop/b'])).toBe('shop');
    expect(defaultServiceEntryNamespace(['shop/a', 'data/b'])).toBe('istio-egress');
  });
});
