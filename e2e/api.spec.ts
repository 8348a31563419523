import { DEMO_HOSTILE_BLOCKED, DEMO_HOSTILE_HOST, DEMO_NOT_EGRESS, diffFlows, expectedFlows } from '../tools/demo';
import type { EgressReport } from '../lib/egress/report';
import type { EgressGraph } from '../lib/graph/model';
import { expect, test } from './fixtures';

const MIN = 60;

test.describe('GET /api/egress on the demo mesh', () => {
  // Windows away from the demo's events (counter reset at +90m, switch to blocked at +2h),
  // where Prometheus' extrapolating rate() and the oracle's exact integral agree.
  const cases = [
    { name: 'before the switch to blocked', offset: 80 * MIN, window: '10m', seconds: 600 },
    { name: 'after the switch to blocked', offset: 150 * MIN, window: '10m', seconds: 600 },
    { name: 'across the counter reset', offset: 105 * MIN, window: '20m', seconds: 1200 },
  ];

  for (const c of cases) {
    test(`every flow has the right status, host and rate (within 1%): ${c.name}`, async ({ api, mesh }) => {
      const end = mesh.origin + c.offset;
      const res = await api.get(`/api/egress?end=${end}&window=${c.window}`);
      expect(res.status()).toBe(200);
      const body = (await res.json()) as EgressReport;
      expect(body.end).toBe(new Date(end * 1000).toISOString());
      expect(body.window).toBe(c.window);
      const expected = expectedFlows(mesh, { end, window: c.seconds });
      expect(expected.length).toBeGreaterThan(10);
      expect(diffFlows(body.flows, expected)).toEqual([]);
    });
  }

  test('the host that switched shows as passthrough before and blocked after', async ({ api, mesh }) => {
    const statuses = async (end: number) => {
      const body = (await (await api.get(`/api/egress?end=${end}&window=5m`)).json()) as EgressReport;
      return body.flows.filter((f) => f.destination.host === 'api.ipify.org').map((f) => f.destination.status);
    };
    expect(await statuses(mesh.events.switchToBlockedAt - 20 * MIN)).toEqual(['passthrough']);
    expect(await statuses(mesh.events.switchToBlockedAt + 20 * MIN)).toEqual(['blocked']);
  });

  test('defaults to now and a 5m window', async ({ api, mesh }) => {
    const res = await api.get('/api/egress');
    expect(res.status()).toBe(200);
    const body = (await res.json()) as EgressReport;
    expect(body.window).toBe('5m');
    const end = Date.parse(body.end) / 1000;
    expect(Math.abs(end - Date.now() / 1000)).toBeLessThan(30);
    expect(diffFlows(body.flows, expectedFlows(mesh, { end, window: 300 }))).toEqual([]);
  });

  test('pod-IP passthrough and the unknown source are not egress', async ({ api, mesh }) => {
    const body = (await (await api.get(`/api/egress?end=${mesh.origin + 80 * MIN}&window=10m`)).json()) as EgressReport;
    for (const notEgress of DEMO_NOT_EGRESS) {
      const host = notEgress.destinationService.replace(/:\d+$/, '');
      expect(body.flows.filter((f) => f.destination.host === host)).toEqual([]);
    }
    expect(body.flows.filter((f) => f.source.workload === 'unknown' || f.source.namespace === 'unknown')).toEqual([]);
    expect(body.flows.some((f) => f.destination.host?.endsWith('.svc.cluster.local'))).toBe(false);
  });

  test('the hostile Host header comes back as plain data', async ({ api, mesh }) => {
    const res = await api.get(`/api/egress?end=${mesh.origin + 80 * MIN}&window=10m`);
    expect(res.headers()['content-type']).toContain('application/json');
    const body = (await res.json()) as EgressReport;
    const hostile = body.flows.filter((f) => f.destination.host === DEMO_HOSTILE_HOST);
    expect(hostile).toHaveLength(1);
    expect(hostile[0]?.destination.status).toBe('passthrough');
  });

  test('filters by source namespace', async ({ api, mesh }) => {
    const body = (await (await api.get(`/api/egress?end=${mesh.origin + 80 * MIN}&window=10m&namespace=shop&namespace=data`)).json()) as EgressReport;
    expect(body.flows.length).toBeGreaterThan(0);
    expect(new Set(body.flows.map((f) => f.source.namespace))).toEqual(new Set(['shop', 'data']));
    const all = expectedFlows(mesh, { end: mesh.origin + 80 * MIN, window: 600 }).filter((f) => ['shop', 'data'].includes(f.source.namespace));
    expect(diffFlows(body.flows, all)).toEqual([]);
  });

  test('says which PromQL produced the numbers', async ({ api }) => {
    const body = (await (await api.get('/api/egress')).json()) as EgressReport;
    expect(body.queries.http).toContain('istio_requests_total');
    expect(body.queries.tcp).toContain('istio_tcp_connections_closed_total');
  });
});

test.describe('GET /api/graph on the demo mesh', () => {
  test('draws blocked edges for exactly the blocked flows, with deterministic ids', async ({ api, mesh }) => {
    const url = `/api/graph?end=${mesh.origin + 150 * MIN}&window=10m`;
    const g = (await (await api.get(url)).json()) as EgressGraph;
    const again = (await (await api.get(url)).json()) as EgressGraph;
    expect(again.nodes.map((n) => n.id)).toEqual(g.nodes.map((n) => n.id));
    expect(again.edges.map((e) => e.id)).toEqual(g.edges.map((e) => e.id));

    const blockedTargets = g.edges.filter((e) => e.blocked).map((e) => e.target).sort();
    // The demo's hostile Host headers attempted from data/etl-worker are blocked too.
    expect(blockedTargets).toEqual(['ext:api.ipify.org', 'ext:pastebin.com', ...DEMO_HOSTILE_BLOCKED.map((h) => `ext:${h.host}`), 'unattributed:blocked'].sort());
    for (const e of g.edges) expect(e.blocked).toBe(e.status === 'blocked');

    expect(g.nodes.find((n) => n.id === 'unattributed:passthrough')?.label).toMatch(/no host/);
    expect(g.nodes.find((n) => n.id === 'wl:east/istio-system/istio-egressgateway')).toMatchObject({ kind: 'workload', gateway: true });
    const hop1 = g.edges.filter((e) => e.target === 'wl:east/istio-system/istio-egressgateway');
    expect(hop1.length).toBe(2);
    expect(g.edges.some((e) => e.source === 'wl:east/istio-system/istio-egressgateway' && e.target === 'ext:api.shipengine.com')).toBe(true);
  });

  test('computes health with Kiali thresholds and leaves TCP neutral', async ({ api, mesh }) => {
    const g = (await (await api.get(`/api/graph?end=${mesh.origin + 80 * MIN}&window=10m`)).json()) as EgressGraph;
    const edgeTo = (target: string) => g.edges.find((e) => e.target === target);
    expect(edgeTo('ext:api.open-meteo.com')?.health).toBe('degraded');
    expect(edgeTo('ext:legacy-partner.example.net')?.health).toBe('failing');
    expect(edgeTo('ext:api.currencylayer.com')?.health).toBe('healthy');
    expect(edgeTo('unattributed:passthrough')?.health).toBeUndefined();
  });
});

test.describe('errors', () => {
  const bad: [string, RegExp][] = [
    ['window=5x', /^window: /],
    ['window=31d', /^window: /],
    ['end=tomorrow', /^end: /],
    ['namespace=%22%7D%20or%20vector(1)', /^namespace: /],
    ['namespace=Shop', /^namespace: /],
    ['bogus=1', /^bogus: unknown parameter/],
  ];
  for (const [qs, message] of bad) {
    test(`400 naming the parameter for ${qs}`, async ({ api }) => {
      for (const path of ['/api/egress', '/api/graph']) {
        const res = await api.get(`${path}?${qs}`);
        expect(res.status()).toBe(400);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('bad-parameter');
        expect(body.error.message).toMatch(message);
      }
    });
  }
});

test('GET /api/health says the backend answers', async ({ api, backend }) => {
  const res = await api.get('/api/health');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { prometheus: { reachable: boolean; version: string | null } };
  expect(body.prometheus.reachable).toBe(true);
  if (backend === 'prometheus') expect(body.prometheus.version).toMatch(/^2\./);
});

test('GET /api/livez and /api/readyz (the Kubernetes probes) answer ok, uncached', async ({ api }) => {
  for (const path of ['/api/livez', '/api/readyz']) {
    const res = await api.get(path);
    expect(res.status(), path).toBe(200);
    expect(await res.json(), path).toEqual({ status: 'ok' });
    expect(res.headers()['cache-control'], path).toContain('no-store');
  }
});
