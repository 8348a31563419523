import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedGuardedFlows, expectedHostId } from '../../tools/demo';
import type { Sample } from '../prometheus/types';
import { gatewayMatcher } from './classify';
import { FlowAccumulator } from './flow-accumulator';
import type { GuardResult } from './guard';
import type { DataPlane, EgressFlow, EgressProtocol, EgressStatus, WorkloadRef } from './types';

/*
 * The production path (FlowAccumulator, then finish with the guard) against
 * an oracle written plainly here: traffic is described abstractly, rendered
 * as the Istio series Prometheus would answer, and the oracle groups the
 * abstract traffic with Maps (no classification, no code of lib/egress),
 * then guards it with the demo oracle's plain guard (tools/demo/guard-oracle.ts).
 */

type Kind = 'passthrough' | 'blocked' | 'registered' | 'ambient-registered' | 'waypoint' | 'gateway';
type Measure = 'sent' | 'received' | 'connections' | 'closed';

interface Traffic {
  readonly source: WorkloadRef;
  readonly kind: Kind;
  readonly metric: 'requests' | 'tcp';
  readonly grpc: boolean;
  /** For TCP passthrough and blocked, the SNI (EGRESS_TCP_SNI_LABEL); null: not known. Gateway hops have none. */
  readonly host: string | null;
  /** Carried in the Host header (HTTP passthrough and blocked only). */
  readonly port: number | undefined;
  readonly code: string;
  readonly flag: string;
  readonly measure: Measure;
  readonly value: number;
}

const IP_HOST = '203.0.113.7';
const GATEWAY: WorkloadRef = { namespace: 'istio-system', workload: 'istio-egressgateway' };
/** A flow an egress waypoint reported goes through a waypoint that attachWaypoints (waypoints.ts) names later; until then, this. */
const UNNAMED_WAYPOINT: WorkloadRef = { namespace: '', workload: '' };
const SE_NAMESPACE = 'payments';
const options = { isGateway: gatewayMatcher('istio-egressgateway.*'), tcpDestinationLabels: { sni: 'destination_sni' } };

/** The series Prometheus answers for one traffic (istio-egress-facts §2, §9). */
function render(t: Traffic): Sample {
  const labels: Record<string, string> = {
    reporter: 'source',
    source_workload_namespace: t.source.namespace,
    source_workload: t.source.workload,
    ...(t.source.cluster ? { source_cluster: t.source.cluster } : {}),
    destination_workload: 'unknown',
    destination_workload_namespace: 'unknown',
    destination_service_namespace: 'unknown',
    request_protocol: t.metric === 'tcp' ? 'tcp' : t.grpc ? 'grpc' : 'http',
    response_flags: t.flag,
  };
  if (t.metric === 'requests') labels.response_code = t.code;
  else labels.egress_lens_measure = t.measure;
  const host = t.host ?? 'unknown';
  switch (t.kind) {
    case 'passthrough':
    case 'blocked':
      labels.destination_service_name = t.kind === 'passthrough' ? 'PassthroughCluster' : 'BlackHoleCluster';
      if (t.metric === 'tcp') {
        labels.destination_service = 'unknown';
        labels.destination_sni = host;
      } else labels.destination_service = t.port === undefined ? host : `${host}:${t.port}`;
      break;
    case 'registered':
      Object.assign(labels, { destination_service: host, destination_service_name: host, destination_service_namespace: SE_NAMESPACE });
      break;
    case 'ambient-registered':
      // ztunnel names the ServiceEntry (and the destination workload after it), not the host.
      Object.assign(labels, { destination_service: host, destination_service_name: 'se-external', destination_workload: 'se-external', destination_service_namespace: SE_NAMESPACE });
      break;
    case 'waypoint':
      // The egress waypoint's own report: the app's source labels, the ServiceEntry host, nothing naming the waypoint.
      Object.assign(labels, { reporter: 'waypoint', destination_service: host, destination_service_name: host, destination_service_namespace: SE_NAMESPACE });
      break;
    case 'gateway':
      Object.assign(labels, { destination_service: 'istio-egressgateway.istio-system.svc.cluster.local', destination_service_name: 'istio-egressgateway' });
      Object.assign(labels, { destination_workload: GATEWAY.workload, destination_workload_namespace: GATEWAY.namespace });
      break;
  }
  return { labels, value: t.value };
}

const usable = (t: Traffic): boolean => Number.isFinite(t.value) && t.value >= 0;
const statusOf = (t: Traffic): EgressStatus => (t.kind === 'passthrough' || t.kind === 'blocked' ? t.kind : 'registered');
const hostOf = (t: Traffic): string | null => (t.kind === 'gateway' ? null : t.host);

interface Sums {
  requests?: number;
  responses?: Record<string, number>;
  flags?: Record<string, number>;
  connections?: number;
  bytes?: number;
  ports: Set<number>;
}

const plus = (r: Record<string, number> | undefined, k: string, v: number): Record<string, number> => Object.assign(r ?? {}, { [k]: (r?.[k] ?? 0) + v });

/** The flows of the traffic, grouped with a Map by source, host, status, protocol, data plane and gateway, in the order first seen. */
function oracleFlows(traffic: readonly Traffic[]): { flows: EgressFlow[]; skipped: number } {
  const groups = new Map<string, { flow: EgressFlow; sums: Sums }>();
  let skipped = 0;
  for (const t of traffic) {
    if (!usable(t)) {
      skipped++;
      continue;
    }
    const status = statusOf(t);
    const host = hostOf(t);
    const protocol: EgressProtocol = t.metric === 'tcp' ? 'tcp' : t.grpc ? 'grpc' : 'http';
    const dataPlane: DataPlane = t.kind === 'ambient-registered' || t.kind === 'waypoint' ? 'ambient' : 'sidecar';
    const via = t.kind === 'gateway' ? GATEWAY : t.kind === 'waypoint' ? UNNAMED_WAYPOINT : undefined;
    const key = JSON.stringify([t.source.cluster ?? null, t.source.namespace, t.source.workload, host, status, protocol, dataPlane, via ?? null]);
    let group = groups.get(key);
    if (!group) {
      const destination = {
        host,
        ...(host !== null ? { hostId: expectedHostId(host) } : {}),
        status,
        ...(host !== null && status === 'registered' ? { serviceEntryNamespace: SE_NAMESPACE } : {}),
        ...(host === IP_HOST ? { ip: true } : {}),
      };
      const flow: EgressFlow = { source: t.source, destination, ...(via ? { via } : {}), protocol, dataPlane };
      groups.set(key, (group = { flow, sums: { ports: new Set() } }));
    }
    const s = group.sums;
    const v = t.value;
    if (t.metric === 'requests') {
      s.requests = (s.requests ?? 0) + v;
      s.responses = plus(s.responses, t.code || 'unknown', v);
    }
    if ((t.metric === 'requests' || t.measure === 'closed') && t.flag !== '-') s.flags = plus(s.flags, t.flag, v);
    if (t.metric === 'tcp' && t.measure === 'connections') s.connections = (s.connections ?? 0) + v;
    if (t.metric === 'tcp' && (t.measure === 'sent' || t.measure === 'received')) s.bytes = (s.bytes ?? 0) + v;
    if (t.port !== undefined) s.ports.add(t.port);
  }
  const flows = [...groups.values()].map(({ flow, sums: s }) => ({
    ...flow,
    destination: { ...flow.destination, ...(s.ports.size > 0 ? { ports: [...s.ports].sort((a, b) => a - b) } : {}) },
    ...(s.requests !== undefined ? { requestsPerSecond: s.requests } : {}),
    ...(s.responses ? { responses: s.responses } : {}),
    ...(s.flags ? { responseFlags: s.flags } : {}),
    ...(s.connections !== undefined ? { connectionsPerSecond: s.connections } : {}),
    ...(s.bytes !== undefined ? { bytesPerSecond: s.bytes } : {}),
  }));
  return { flows, skipped };
}

/** The order the guard documents (sortFlows): source, status, host (none last), protocol, gateway, data plane, "other hosts" last. */
function byDocumentedOrder(a: EgressFlow, b: EgressFlow): number {
  const key = (f: EgressFlow): string[] => {
    const { source: src, destination: d } = f;
    return [src.cluster ?? '', src.namespace, src.workload, d.status, d.host === null ? '1' : '0', d.host ?? '', f.protocol, f.via?.workload ?? '', f.via?.namespace ?? '', f.dataPlane, d.otherHosts === undefined ? '0' : '1'];
  };
  const [ka, kb] = [key(a), key(b)];
  const i = ka.findIndex((k, j) => k !== kb[j]);
  return i < 0 ? 0 : (ka[i] ?? '') < (kb[i] ?? '') ? -1 : 1;
}

function expected(traffic: readonly Traffic[], topK: number, grouped = oracleFlows(traffic)): GuardResult {
  const { flows, skipped } = grouped;
  const guarded = expectedGuardedFlows(flows, topK);
  const warnings = skipped > 0 ? [`${skipped} series had unusable values (not a finite rate) and were ignored.`, ...guarded.warnings] : guarded.warnings;
  return { flows: [...guarded.flows].sort(byDocumentedOrder), warnings };
}

/** The code under test: every sample through the accumulator, in order, then finish. */
function actual(traffic: readonly Traffic[], topK: number): GuardResult {
  const acc = new FlowAccumulator(options);
  for (const t of traffic) acc.add(render(t), t.metric);
  return acc.finish(topK);
}

const HOSTS = ['a.test', 'b.test', 'c.test', 'd.test', 'e.test', 'f.test', 'g.test', IP_HOST];

const trafficArb: fc.Arbitrary<Traffic> = fc
  .record({
    source: fc.constantFrom<WorkloadRef>({ namespace: 'shop', workload: 'cart' }, { namespace: 'shop', workload: 'checkout' }, { namespace: 'data', workload: 'etl' }, { namespace: 'shop', workload: 'cart', cluster: 'west' }),
    kind: fc.constantFrom<Kind>('passthrough', 'passthrough', 'blocked', 'registered', 'ambient-registered', 'waypoint', 'gateway'),
    metric: fc.constantFrom('requests', 'requests', 'tcp'),
    grpc: fc.boolean(),
    host: fc.constantFrom(...HOSTS),
    noSni: fc.boolean(),
    port: fc.option(fc.constantFrom(80, 8080, 443), { nil: undefined, freq: 2 }),
    code: fc.constantFrom('200', '503', ''),
    flag: fc.constantFrom('-', '-', 'UF', 'UH'),
    measure: fc.constantFrom<Measure>('sent', 'received', 'connections', 'closed'),
    value: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 12 }), weight: 20 }, { arbitrary: fc.constantFrom(Number.NaN, -1, Number.POSITIVE_INFINITY), weight: 1 }),
  })
  .map(({ noSni, ...t }): Traffic => {
    const catchAll = t.kind === 'passthrough' || t.kind === 'blocked';
    // A ServiceEntry host is a name (an IP is no ServiceEntry host label); TCP's host comes from the SNI, when there is one.
    const host = t.kind === 'gateway' ? null : !catchAll && t.host === IP_HOST ? 'a.test' : t.metric === 'tcp' && catchAll && noSni ? null : t.host;
    return { ...t, host, port: catchAll && t.metric === 'requests' ? t.port : undefined };
  });

const topKArb = fc.integer({ min: 1, max: 9 });

/** Per status, each named host's rate (requests plus connections per second) over the usable traffic; flows through a gateway or waypoint are not ranked. */
function hostRates(traffic: readonly Traffic[]): Map<EgressStatus, Map<string, number>> {
  const rates = new Map<EgressStatus, Map<string, number>>();
  for (const t of traffic) {
    const host = hostOf(t);
    if (!usable(t) || host === null || t.kind === 'waypoint') continue;
    const rate = t.metric === 'requests' || t.measure === 'connections' ? t.value : 0;
    const m = rates.get(statusOf(t)) ?? new Map<string, number>();
    rates.set(statusOf(t), m.set(host, (m.get(host) ?? 0) + rate));
  }
  return rates;
}

describe('the cardinality guard on the production path, against a plain oracle', () => {
  it('gives the oracle\'s flows (in the documented order) and warnings', () => {
    fc.assert(
      fc.property(fc.array(trafficArb, { maxLength: 60 }), topKArb, (traffic, topK) => {
        expect(actual(traffic, topK)).toEqual(expected(traffic, topK));
      }),
      { numRuns: 300 },
    );
  });

  it('conserves traffic: requests, connections, bytes, response codes and flags sum to what the samples carry', () => {
    fc.assert(
      fc.property(fc.array(trafficArb, { maxLength: 60 }), topKArb, (traffic, topK) => {
        const { flows } = actual(traffic, topK);
        const ok = traffic.filter(usable);
        const total = (pick: (t: Traffic) => number) => ok.reduce((n, t) => n + pick(t), 0);
        const out = (pick: (f: EgressFlow) => number | undefined) => flows.reduce((n, f) => n + (pick(f) ?? 0), 0);
        expect(out((f) => f.requestsPerSecond)).toBe(total((t) => (t.metric === 'requests' ? t.value : 0)));
        expect(out((f) => f.connectionsPerSecond)).toBe(total((t) => (t.metric === 'tcp' && t.measure === 'connections' ? t.value : 0)));
        expect(out((f) => f.bytesPerSecond)).toBe(total((t) => (t.metric === 'tcp' && (t.measure === 'sent' || t.measure === 'received') ? t.value : 0)));
        for (const code of ['200', '503', 'unknown']) expect(out((f) => f.responses?.[code])).toBe(total((t) => (t.metric === 'requests' && (t.code || 'unknown') === code ? t.value : 0)));
        for (const flag of ['UF', 'UH']) {
          expect(out((f) => f.responseFlags?.[flag])).toBe(total((t) => ((t.metric === 'requests' || t.measure === 'closed') && t.flag === flag ? t.value : 0)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps, per status, the top K hosts by rate (ties: the smaller name), never folds flows through a gateway or waypoint, and says how many it folded', () => {
    fc.assert(
      fc.property(fc.array(trafficArb, { maxLength: 60 }), topKArb, (traffic, topK) => {
        const { flows, warnings } = actual(traffic, topK);
        // Flows through a gateway or waypoint are never folded.
        for (const t of traffic.filter((x) => usable(x) && x.kind === 'waypoint')) expect(flows.some((f) => f.via && f.destination.host === t.host)).toBe(true);
        for (const [status, rates] of hostRates(traffic)) {
          const kept = new Set(flows.filter((f) => f.destination.status === status && f.destination.host !== null && !f.via).map((f) => String(f.destination.host)));
          if (rates.size <= topK) {
            expect(kept).toEqual(new Set(rates.keys()));
            continue;
          }
          expect(kept.size).toBe(topK);
          const rate = (h: string) => rates.get(h) ?? 0;
          for (const k of kept) for (const other of rates.keys()) if (!kept.has(other)) expect(rate(k) > rate(other) || (rate(k) === rate(other) && k < other)).toBe(true);
          const buckets = flows.filter((f) => f.destination.status === status && f.destination.otherHosts !== undefined);
          expect(buckets.length).toBeGreaterThan(0);
          expect(warnings).toContain(
            `${rates.size} distinct ${status} hosts in this window: showing the top ${topK} by rate; the other ${rates.size - topK} are summed per source as "other hosts".`,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the oracle\'s answer at scale: 20,000 samples, 600 hosts, several ports, codes and flags per flow, at limits 1 to 10,000', () => {
    let seed = 11;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const pick = <T,>(xs: readonly T[]): T => xs[rand(xs.length)] as T;
    const kinds: Kind[] = ['passthrough', 'passthrough', 'passthrough', 'blocked', 'registered', 'ambient-registered', 'waypoint', 'gateway'];
    const traffic = Array.from({ length: 20_000 }, (): Traffic => {
      const kind = pick(kinds);
      const metric = rand(10) < 7 ? 'requests' : 'tcp';
      const catchAll = kind === 'passthrough' || kind === 'blocked';
      return {
        source: { namespace: `ns${rand(3)}`, workload: `w${rand(5)}`, ...(rand(4) === 0 ? { cluster: 'west' } : {}) },
        kind,
        metric,
        grpc: rand(8) === 0,
        host: kind === 'gateway' || (metric === 'tcp' && catchAll && rand(3) === 0) ? null : `h${rand(600)}.example.com`,
        port: catchAll && metric === 'requests' && rand(3) === 0 ? 8000 + rand(3) : undefined,
        code: pick(['200', '404', '503']),
        flag: rand(4) === 0 ? 'UF' : '-',
        measure: pick<Measure>(['sent', 'received', 'connections', 'closed']),
        value: rand(100),
      };
    });
    const grouped = oracleFlows(traffic);
    for (const k of [1, 10, 100, 10_000]) expect(actual(traffic, k)).toEqual(expected(traffic, k, grouped));
  }, 60_000);
});
