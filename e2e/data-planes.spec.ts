import { parse } from 'yaml';
import { DEMO_AMBIENT_SERVICE_ENTRIES, DEMO_EGRESS_WAYPOINT, DEMO_IP_NAMED_SERVICE, DEMO_POD_IP_SERVICE, expectedFlows } from '../tools/demo';
import type { EgressReport } from '../lib/egress/report';
import type { EgressFlow } from '../lib/egress/types';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

// The demo's ambient namespace (ztunnel and an egress waypoint, no sidecars),
// its second cluster, and the telemetry artefacts that must never become hosts.

const MIN = 60;
const AMBIENT = 'ambient-shop';
const WAYPOINT_NODE = `wl:east/${DEMO_EGRESS_WAYPOINT.namespace}/${DEMO_EGRESS_WAYPOINT.workload}`;
const { sendgrid, slack, mailgun } = DEMO_AMBIENT_SERVICE_ENTRIES;
/** The artefact's and the pod IP's addresses, with and without port. */
const NEVER_HOSTS = [DEMO_IP_NAMED_SERVICE, DEMO_IP_NAMED_SERVICE.replace(/:\d+$/, ''), DEMO_POD_IP_SERVICE, DEMO_POD_IP_SERVICE.replace(/:\d+$/, '')];
const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])(?::\d+)?$/i;

const find = (flows: readonly EgressFlow[], workload: string, host: string | null) => flows.filter((f) => f.source.workload === workload && f.destination.host === host);

test.describe('data planes and clusters on the demo mesh', () => {
  test('/api/egress: the ambient namespace\'s passthrough, registered and waypoint flows say ambient, and name the waypoint', async ({ api, mesh }) => {
    const end = mesh.origin + 80 * MIN;
    const body = (await (await api.get(`/api/egress?end=${end}&window=10m`)).json()) as EgressReport;
    for (const f of body.flows) expect(['sidecar', 'ambient'], JSON.stringify(f.source)).toContain(f.dataPlane);
    const ambient = body.flows.filter((f) => f.source.namespace === AMBIENT);
    expect(ambient.length).toBeGreaterThan(0);
    for (const f of ambient) expect(f.dataPlane).toBe('ambient');
    expect(body.flows.filter((f) => f.source.namespace !== AMBIENT).every((f) => f.dataPlane === 'sidecar')).toBe(true);

    // ztunnel passthrough: who, never where.
    expect(find(ambient, 'reviews-v1', null)).toEqual([expect.objectContaining({ destination: expect.objectContaining({ status: 'passthrough', host: null }), protocol: 'tcp' })]);
    expect(find(ambient, 'reviews-v1', null)[0]?.via).toBeUndefined();
    // ztunnel straight to a ServiceEntry host.
    expect(find(ambient, 'ratings-v1', mailgun.host)).toEqual([
      expect.objectContaining({ destination: expect.objectContaining({ status: 'registered', serviceEntryNamespace: mailgun.namespace }) }),
    ]);
    // Through the waypoint: ztunnel's hop (host null) and the waypoint's hosts, each via the waypoint, counted once.
    const hop = find(ambient, 'notifier', null);
    expect(hop).toHaveLength(1);
    expect(hop[0]).toMatchObject({ via: DEMO_EGRESS_WAYPOINT, destination: { status: 'registered' }, protocol: 'tcp' });
    for (const [se, protocol] of [[sendgrid, 'http'], [slack, 'tcp']] as const) {
      const flows = body.flows.filter((f) => f.destination.host === se.host);
      expect(flows, se.host).toHaveLength(1);
      expect(flows[0]).toMatchObject({ source: { namespace: AMBIENT, workload: 'notifier' }, via: DEMO_EGRESS_WAYPOINT, protocol, destination: { status: 'registered', serviceEntryNamespace: se.namespace } });
    }
    // The rates are the oracle's: the waypoint's requests are not added to ztunnel's connections.
    const oracle = expectedFlows(mesh, { end, window: 600 });
    const sent = find(oracle, 'notifier', sendgrid.host)[0];
    expect(find(ambient, 'notifier', sendgrid.host)[0]?.requestsPerSecond).toBeCloseTo(sent?.requestsPerSecond ?? NaN, 2);
    expect(hop[0]?.connectionsPerSecond).toBeCloseTo(find(oracle, 'notifier', null)[0]?.connectionsPerSecond ?? NaN, 2);
  });

  test('/api/egress: flows carry source.cluster, and the same workload in two clusters is two flows', async ({ api, mesh }) => {
    const body = (await (await api.get(`/api/egress?end=${mesh.origin + 80 * MIN}&window=10m`)).json()) as EgressReport;
    for (const f of body.flows) expect(['east', 'west'], JSON.stringify(f.source)).toContain(f.source.cluster);
    const ip = find(body.flows, 'checkout-v1', '203.0.113.10');
    expect(ip.map((f) => f.source.cluster).sort()).toEqual(['east', 'west']);
    for (const f of ip) expect(f.source).toMatchObject({ namespace: 'shop', workload: 'checkout-v1' });
    const byCluster = Object.fromEntries(ip.map((f) => [f.source.cluster, f.requestsPerSecond]));
    expect(byCluster.west).toBeCloseTo(0.7, 2);
    expect(byCluster.east).toBeGreaterThan(1);
    expect(body.flows.filter((f) => f.destination.host === 'api.postcodes.io').map((f) => f.source.cluster)).toEqual(['west']);
  });

  test('the graph draws the waypoint between the ambient workload and its hosts', async ({ page }) => {
    const graph = new GraphPage(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    // The namespace filter: the ambient workloads, the waypoint and ztunnel's hop to it.
    await graph.goto('ns=ambient-shop');
    const ids = (await graph.nodes()).map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([WAYPOINT_NODE, 'wl:east/ambient-shop/notifier', 'wl:east/ambient-shop/ratings-v1', 'wl:east/ambient-shop/reviews-v1', `ext:${mailgun.host}`]));
    expect((await graph.nodes()).find((n) => n.id === WAYPOINT_NODE)?.classes).toContain('gateway');
    expect((await graph.edges()).map((e) => e.id)).toEqual(
      expect.arrayContaining([`wl:east/ambient-shop/notifier>${WAYPOINT_NODE}|tcp|registered`, `wl:east/ambient-shop/ratings-v1>ext:${mailgun.host}|tcp|registered`]),
    );
    await page.screenshot({ path: test.info().outputPath('ambient-graph-1440.png') });

    // The whole graph: past the waypoint to the hosts it reported, and no edge from the app straight to them (drawn once).
    await graph.goto();
    const edges = (await graph.edges()).map((e) => e.id);
    expect(edges).toEqual(
      expect.arrayContaining([
        `wl:east/ambient-shop/notifier>${WAYPOINT_NODE}|tcp|registered`,
        `${WAYPOINT_NODE}>ext:${sendgrid.host}|http|registered`,
        `${WAYPOINT_NODE}>ext:${slack.host}|tcp|registered`,
      ]),
    );
    expect(edges.some((id) => id.startsWith('wl:east/ambient-shop/notifier>ext:'))).toBe(false);
    // The second cluster is a group of its own: west's shop, beside east's, the same workloads drawn twice.
    const nodes = await graph.nodes();
    expect(nodes.find((n) => n.id === 'ns:west/shop')?.label).toBe('west · shop');
    expect(nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['ns:east/shop', 'wl:east/shop/checkout-v1', 'wl:west/shop/checkout-v1']));
  });

  test('no IP-named artefact or pod IP is a host anywhere: /api/egress, /api/hosts, /api/blocked, /api/graph', async ({ api, mesh }) => {
    for (const offset of [80 * MIN, 150 * MIN]) {
      for (const path of ['/api/egress', '/api/hosts', '/api/blocked', '/api/graph']) {
        const res = await api.get(`${path}?end=${mesh.origin + offset}&window=10m`);
        expect(res.status(), path).toBe(200);
        const text = await res.text();
        for (const address of NEVER_HOSTS) expect(text.includes(address), `${path} names ${address}`).toBe(false);
        // No registered destination is an IP: a ServiceEntry host never is.
        const registeredIps: string[] = [];
        const walk = (v: unknown): void => {
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') {
            const o = v as Record<string, unknown>;
            if (o.status === 'registered' && typeof o.host === 'string' && IP.test(o.host)) registeredIps.push(o.host);
            Object.values(o).forEach(walk);
          }
        };
        walk(JSON.parse(text));
        expect(registeredIps, path).toEqual([]);
      }
    }
  });

  test('the generated alert rules, run on the demo\'s Prometheus, never name the artefact or the pod IP', async ({ api, state, mesh }) => {
    const prom = state.backends.prometheus;
    const count = async (query: string, time: number): Promise<Array<{ metric: Record<string, string> }>> => {
      const res = await api.post(`${prom}/api/v1/query`, { form: { query, time: String(time) } });
      expect(res.status(), query).toBe(200);
      return ((await res.json()) as { data: { result: Array<{ metric: Record<string, string> }> } }).data.result;
    };
    // The artefacts are there to be ignored.
    const at = mesh.origin + 80 * MIN;
    expect(await count(`istio_requests_total{destination_service="${DEMO_IP_NAMED_SERVICE}"}`, at)).not.toHaveLength(0);
    expect(await count(`istio_requests_total{destination_service="${DEMO_POD_IP_SERVICE}"}`, at)).not.toHaveLength(0);
    const res = await api.post('/api/alert-rules', { data: { newPassthroughHost: { lookbackDays: 1 } } });
    expect(res.status()).toBe(200);
    const rules = (parse(((await res.json()) as { rulesFile: string }).rulesFile) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(3);
    let fired = 0;
    for (const rule of rules) {
      for (const t of [mesh.origin + 20 * MIN, at, mesh.origin + 150 * MIN]) {
        const result = await count(rule.expr, t);
        fired += result.length;
        for (const r of result) expect(NEVER_HOSTS, `${rule.alert} at ${t}`).not.toContain(r.metric.destination_service);
      }
    }
    // The rules do fire on the demo's real blocked traffic.
    expect(fired).toBeGreaterThan(0);
  });
});
