import { describe, expect, it } from 'vitest';
import { createDemoMesh, expectedFlows, expectedGuardedFlows } from '@/tools/demo';
import { RECORDED } from '@/testing/testdata/egress/recorded';
import type { EgressFlow } from '@/lib/egress/types';
import { buildEgressGraph } from '@/lib/graph/build';
import { LIVE_RANGE } from '@/lib/view/range';
import { pickTabStop, shownRows, toggleSort, type TableSort } from './data-table-model';
import { DEFAULT_FLOW_SORT as DEFAULT_SORT, flowColumns } from './flow-columns';
import { destinationText, flowKey, flowKeyOf, inDefaultOrder, toFlowRows, type FlowRow } from './flow-rows';

const http = (ns: string, wl: string, host: string, status: EgressFlow['destination']['status'], rps: number, responses?: Record<string, number>): EgressFlow => ({
  source: { namespace: ns, workload: wl },
  destination: { host, status },
  protocol: 'http', dataPlane: 'sidecar',
  requestsPerSecond: rps,
  responses: responses ?? { '200': rps },
});

const FLOWS: readonly EgressFlow[] = [
  http('shop', 'checkout-v1', 'httpbin.org', 'passthrough', 0.8, { '200': 0.76, '503': 0.04 }),
  http('shop', 'cart', 'api.stripe.com', 'registered', 2.5),
  http('shop', 'frontend', 'evil.test', 'blocked', 0.2, { '502': 0.2 }),
  { source: { namespace: 'data', workload: 'cdc-connector' }, destination: { host: null, status: 'blocked' }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: 0.46, responseFlags: { UH: 0.46 } },
  { source: { namespace: 'data', workload: 'etl' }, destination: { host: null, status: 'passthrough' }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: 0.1, bytesPerSecond: 2048 },
  http('ops', 'backup', 'S3.Example.COM', 'registered', 0.05),
];

/** The flows table's columns (a Cluster column included) and its model, as FlowsTable runs them. */
const COLUMNS = flowColumns(LIVE_RANGE, true);
const column = (id: string) => COLUMNS.find((c) => c.id === id)!;
const shown = (rows: readonly FlowRow[], sort: TableSort, filters: readonly (string | undefined)[]) =>
  shownRows({ rows: inDefaultOrder(rows), columns: COLUMNS, rowKey: (r) => r.key, searchText: (r) => r.search, sort, filters });
const filterRows = (rows: readonly FlowRow[], filters: readonly (string | undefined)[]) => shown(rows, DEFAULT_SORT, filters);
const sortRows = (rows: readonly FlowRow[], sort: TableSort) => shown(rows, sort, []);

const order = (rows: ReturnType<typeof toFlowRows>) => rows.map((r) => `${r.source} ${r.destination}`);

describe('flowKey', () => {
  it('is unique per flow and equals the graph edge id, on the demo mesh with an "other hosts" bucket', () => {
    const demo = expectedFlows(createDemoMesh({ origin: RECORDED.origin }), { end: RECORDED.end, window: RECORDED.windowSeconds });
    const { flows } = expectedGuardedFlows(demo, 2);
    expect(flows.some((f) => f.via)).toBe(true);
    expect(flows.some((f) => f.destination.otherHosts !== undefined)).toBe(true);
    expect(flows.some((f) => f.destination.host === null && f.destination.otherHosts === undefined)).toBe(true);
    // The demo has two clusters: keys name the cluster, as the graph's ids do.
    const keys = flows.map((f) => flowKeyOf(f, true));
    expect(new Set(keys).size).toBe(flows.length);
    const graph = buildEgressGraph({ end: '', window: '', flows, warnings: [], queries: { http: '', tcp: '' } });
    const edges = graph.edges.map((e) => e.id);
    // A flow an egress waypoint reported is drawn as two hops through the waypoint (waypoint -> host summed over
    // its callers), so its key is no edge; every other flow is exactly one edge, and every other edge one flow.
    const viaWaypoint = (f: EgressFlow) => f.via !== undefined && f.destination.host !== null;
    expect(flows.some(viaWaypoint)).toBe(true);
    const direct = flows.filter((f) => !viaWaypoint(f)).map((f) => flowKeyOf(f, true));
    const waypoints = new Set(graph.nodes.filter((n) => n.kind === 'workload' && n.waypoint).map((n) => n.id));
    const throughWaypoint = (id: string) => graph.edges.some((e) => e.id === id && (waypoints.has(e.source) || waypoints.has(e.target)));
    expect(direct.filter((k) => !edges.includes(k))).toEqual([]);
    expect(edges.filter((id) => !direct.includes(id) && !throughWaypoint(id))).toEqual([]);
  });

  it('does not change when rates or the size of the "other hosts" bucket change', () => {
    const f: EgressFlow = { source: { namespace: 'a', workload: 'b' }, destination: { host: null, status: 'passthrough', otherHosts: 3 }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 1 };
    expect(flowKey({ ...f, requestsPerSecond: 9, destination: { ...f.destination, otherHosts: 40 } })).toBe(flowKey(f));
    expect(flowKey(f)).toBe('wl:a/b>other:passthrough|http|passthrough');
  });
});

describe('destinationText', () => {
  const base = { source: { namespace: 'a', workload: 'b' }, protocol: 'tcp' as const, dataPlane: 'sidecar' as const };
  it('names what stands in for a missing host', () => {
    expect(destinationText({ ...base, destination: { host: null, status: 'passthrough' } })).toBe('TLS/TCP (no host in metrics)');
    expect(destinationText({ ...base, destination: { host: null, status: 'blocked' } })).toBe('TCP (no host in metrics)');
    expect(destinationText({ ...base, destination: { host: null, status: 'registered' }, via: { namespace: 'istio-system', workload: 'istio-egressgateway' } })).toBe(
      'via istio-system/istio-egressgateway',
    );
    expect(destinationText({ ...base, destination: { host: null, status: 'passthrough', otherHosts: 12 } })).toBe('12 other hosts');
  });
  it('shows ports', () => {
    expect(destinationText({ ...base, destination: { host: 'h.test', status: 'passthrough', ports: [8080] } })).toBe('h.test (port 8080)');
    expect(destinationText({ ...base, destination: { host: 'h.test', status: 'passthrough', ports: [80, 8080] } })).toBe('h.test (port 80, 8080)');
  });
});

describe('toFlowRows', () => {
  it('computes the error ratio from the response codes (HTTP only)', () => {
    const rows = toFlowRows(FLOWS);
    expect(rows[0]?.errorRatio).toBeCloseTo(0.05);
    expect(rows[0]?.health).toBe('degraded');
    expect(rows[2]?.health).toBe('failing');
    expect(rows[3]?.errorRatio).toBeUndefined();
  });
});

describe('filterRows', () => {
  const rows = toFlowRows(FLOWS);
  const count = (...q: (string | undefined)[]) => filterRows(rows, q).length;

  it('keeps everything for empty queries', () => {
    expect(count()).toBe(6);
    expect(count('', '   ', undefined)).toBe(6);
  });
  it('matches source, host, status and protocol, case-insensitively', () => {
    expect(count('SHOP/')).toBe(3);
    expect(count('cdc')).toBe(1);
    expect(count('s3.example')).toBe(1);
    expect(count('Blocked')).toBe(2);
    expect(count('TCP')).toBe(2);
    expect(count('no host')).toBe(2);
  });
  it('requires every term of every query', () => {
    expect(count('shop blocked')).toBe(1);
    expect(count('shop', 'registered')).toBe(1);
    expect(count('data', 'http')).toBe(0);
  });
});

describe('sortRows', () => {
  const rows = toFlowRows(FLOWS);

  it('defaults to severity, then rate descending', () => {
    expect(order(sortRows(rows, DEFAULT_SORT))).toEqual([
      'data/cdc-connector TCP (no host in metrics)',
      'shop/frontend evil.test',
      'shop/checkout-v1 httpbin.org',
      'data/etl TLS/TCP (no host in metrics)',
      'shop/cart api.stripe.com',
      'ops/backup S3.Example.COM',
    ]);
  });

  it('sorts numbers numerically with missing values last, both ways', () => {
    const asc = sortRows(rows, { column: 'requests', direction: 'ascending' }).map((r) => r.flow.requestsPerSecond);
    const desc = sortRows(rows, { column: 'requests', direction: 'descending' }).map((r) => r.flow.requestsPerSecond);
    expect(asc).toEqual([0.05, 0.2, 0.8, 2.5, undefined, undefined]);
    expect(desc).toEqual([2.5, 0.8, 0.2, 0.05, undefined, undefined]);
    const bytes = sortRows(rows, { column: 'bytes', direction: 'ascending' }).map((r) => r.flow.bytesPerSecond);
    expect(bytes[0]).toBe(2048);
    expect(sortRows(rows, { column: 'errors', direction: 'descending' }).map((r) => r.errorRatio)).toEqual([1, expect.closeTo(0.05), 0, 0, undefined, undefined]);
  });

  it('sorts text case-insensitively and status by severity', () => {
    expect(sortRows(rows, { column: 'destination', direction: 'ascending' }).map((r) => r.destination)).toEqual([
      'api.stripe.com',
      'evil.test',
      'httpbin.org',
      'S3.Example.COM',
      'TCP (no host in metrics)',
      'TLS/TCP (no host in metrics)',
    ]);
    expect(sortRows(rows, { column: 'source', direction: 'descending' })[0]?.source).toBe('shop/frontend');
    expect(sortRows(rows, { column: 'status', direction: 'ascending' }).map((r) => r.flow.destination.status)).toEqual([
      'registered',
      'registered',
      'passthrough',
      'passthrough',
      'blocked',
      'blocked',
    ]);
  });

  it('does not mutate its input', () => {
    const copy = [...rows];
    sortRows(rows, { column: 'requests', direction: 'ascending' });
    expect(rows).toEqual(copy);
  });
});

describe('toggleSort', () => {
  it('flips the sorted column and starts others in their natural direction', () => {
    const s: TableSort = toggleSort(DEFAULT_SORT, column('requests'));
    expect(s).toEqual({ column: 'requests', direction: 'descending' });
    expect(toggleSort(s, column('requests'))).toEqual({ column: 'requests', direction: 'ascending' });
    expect(toggleSort(s, column('source'))).toEqual({ column: 'source', direction: 'ascending' });
    expect(toggleSort(DEFAULT_SORT, column('status'))).toEqual({ column: 'status', direction: 'ascending' });
  });
});

describe('pickTabStop', () => {
  it('takes the first candidate still shown, else the first row', () => {
    expect(pickTabStop(['a', 'b', 'c'], [null, 'b'])).toBe('b');
    expect(pickTabStop(['a', 'b'], ['z', undefined])).toBe('a');
    expect(pickTabStop([], ['a'])).toBeUndefined();
  });
});

describe('rows of flows from several clusters', () => {
  const inCluster = (cluster: string) => FLOWS.map((f) => ({ ...f, source: { ...f.source, cluster } }));
  const gw = { namespace: 'istio-system', workload: 'istio-egressgateway' };
  const hop: EgressFlow = { source: { namespace: 'shop', workload: 'cart', cluster: 'west' }, destination: { host: null, status: 'registered' }, via: gw, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: 1 };
  const flows = [...inCluster('east'), ...inCluster('west'), hop];

  it('keys each row by the graph edge id, the cluster in it', () => {
    const keys = toFlowRows(flows, true).map((r) => r.key);
    expect(new Set(keys).size).toBe(flows.length);
    const edges = buildEgressGraph({ end: '', window: '', flows, warnings: [], queries: { http: '', tcp: '' } }).edges.map((e) => e.id);
    expect([...keys].sort()).toEqual([...edges].sort());
  });

  it('names the cluster of each row, finds and sorts by it', () => {
    const rows = toFlowRows(flows, true);
    expect(rows[0]!.cluster).toBe('east');
    expect(filterRows(rows, ['west/shop/checkout']).map((r) => r.key)).toEqual(['wl:west/shop/checkout-v1>ext:httpbin.org|http|passthrough']);
    const sorted = sortRows(rows, { column: 'cluster', direction: 'descending' });
    expect(sorted[0]!.cluster).toBe('west');
    expect(sorted.at(-1)!.cluster).toBe('east');
  });
});
