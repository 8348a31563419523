import fsSync from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import YAML from 'yaml';
import {
  createHostileLabelsMesh,
  DEMO_CONTROL_HOST,
  DEMO_FORGED_NAMESPACES,
  DEMO_FORMULA_HOSTS,
  DEMO_HUGE_HOST,
  DEMO_LONG_HOST,
  DEMO_SCRIPT_HOST,
  DEMO_UNICODE_HOST,
  diffFlows,
  expectedFlows,
  expectedHostId,
  type DemoMesh,
} from '../tools/demo';
import type { EgressReport } from '../lib/egress/report';
import type { TimeseriesReport } from '../lib/egress/timeseries';
import { escapeTemplate } from '../lib/alerts/rules';
import { expectedCsvText, parseCsv } from '../testing/export';
import { displayLabel, displayText } from '../lib/format';
import { CANVAS_LABEL_MAX } from '../lib/graph/layout-geometry';
import { ownStackOrigin, startOwnStack, type OwnStack } from './support/own-stack';
import type { EgressGraph } from '../lib/graph/model';
import type { BlockedAttempt } from '../lib/blocked/blocked';
import type { ExternalHost } from '../lib/hosts/hosts';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';
import { BLOCKED_HOSTS, download, expectSafePage, HOSTILE_HOSTS, inspectPage, labelFacts, labelTexts, labelWithText, PASSTHROUGH_HOSTS, watchDialogs } from './pages/hostile';

/**
 * Hostile label values (tools/demo/hostile.ts: markup, quotes, control and
 * bidi characters, emoji, 10 kB, CSV formula starters) on every page and in
 * every export: shown as text (control characters as symbols, bidi escaped
 * and isolated), never run, never widening the page, exported exactly.
 */

/** Canvas labels (lib/graph/layout-geometry.ts; the details panel and tooltips carry the whole name) and headings (details panel, promote page). */
const NODE_LABEL_MAX = CANVAS_LABEL_MAX;
const HEADING_MAX = 120;

/** Every string anywhere in a parsed document. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function column(records: string[][], name: string): string[] {
  const i = records[0]?.indexOf(name) ?? -1;
  expect(i, `CSV column ${name}`).toBeGreaterThanOrEqual(0);
  return records.slice(1).map((r) => r[i] ?? '');
}

/** Every cell is either inert or neutralised: nothing a spreadsheet would evaluate. */
function expectFormulaSafe(records: string[][]): void {
  for (const r of records) for (const cell of r) expect(cell, JSON.stringify(cell.slice(0, 60))).not.toMatch(/^[=+\-@\t\r]/);
}

test.describe('hostile label values', () => {
  test('reach the API exactly as the demo sent them (lower-cased Host headers)', async ({ api }) => {
    const report = (await (await api.get('/api/egress')).json()) as EgressReport;
    const hosts = (status: string) => new Set(report.flows.filter((f) => f.destination.status === status).map((f) => f.destination.host));
    for (const h of PASSTHROUGH_HOSTS) expect(hosts('passthrough').has(h), JSON.stringify(h.slice(0, 60))).toBe(true);
    for (const h of BLOCKED_HOSTS) expect(hosts('blocked').has(h), JSON.stringify(h.slice(0, 60))).toBe(true);
  });

  test('graph: canvas labels are cut and made visible, nothing runs, nothing overflows; JSON and PNG exports', async ({ page }) => {
    const dialogs = watchDialogs(page);
    const graph = new GraphPage(page);
    await graph.goto();
    const nodes = await graph.nodes();
    for (const h of HOSTILE_HOSTS) {
      const node = nodes.find((n) => n.id === `ext:${h}`);
      expect(node, JSON.stringify(h.slice(0, 60))).toBeDefined();
      expect(node?.label).toBe(displayLabel(h, NODE_LABEL_MAX));
    }
    for (const n of nodes) {
      expect([...n.label.split('\n')[0]!].length, n.id.slice(0, 60)).toBeLessThanOrEqual(NODE_LABEL_MAX);
      expect(n.label, n.id.slice(0, 60)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    await expectSafePage(page, dialogs);

    const json = await download(page, page.getByRole('button', { name: 'Export JSON' }));
    const exported = JSON.parse(json.text) as Pick<EgressGraph, 'nodes'>;
    const exportedHosts = new Set(exported.nodes.flatMap((n) => (n.kind === 'host' ? [n.host] : [])));
    for (const h of HOSTILE_HOSTS) expect(exportedHosts.has(h), JSON.stringify(h.slice(0, 60))).toBe(true);

    const png = await download(page, page.getByRole('button', { name: 'Export PNG' }));
    expect(png.download.suggestedFilename()).toMatch(/\.png$/);
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await expectSafePage(page, dialogs);
  });

  test('table view: every hostile host as isolated text, truncated by width with the whole value in title', async ({ page }) => {
    const dialogs = watchDialogs(page);
    await page.goto('/?view=table');
    const table = page.getByRole('table', { name: 'Egress flows' });
    for (const h of HOSTILE_HOSTS) await labelWithText(table, displayText(h));
    const long = await labelFacts(await labelWithText(table, displayText(DEMO_LONG_HOST)));
    expect(long).toMatchObject({ title: displayText(DEMO_LONG_HOST), textOverflow: 'ellipsis', truncated: true, unicodeBidi: 'isolate' });
    expect(long.width).toBeLessThanOrEqual(450);
    const unicode = await labelFacts(await labelWithText(table, displayText(DEMO_UNICODE_HOST)));
    expect(unicode.text).toContain('\\u202egnp.exe');
    expect(unicode.unicodeBidi).toBe('isolate');
    expect((await labelFacts(await labelWithText(table, displayText(DEMO_CONTROL_HOST)))).text).toContain('tab\\there-bel\\u0007-esc\\u001b[31m');
    await expectSafePage(page, dialogs);
  });

  for (const [name, host] of [
    ['10 kB', DEMO_LONG_HOST],
    ['control characters', DEMO_CONTROL_HOST],
    ['RTL override and emoji', DEMO_UNICODE_HOST],
    ['script', DEMO_SCRIPT_HOST],
  ] as const) {
    test(`details panel, ${name}: heading, full copyable value, chart, and a promote link that refuses`, async ({ page, appUrl }) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl });
      const dialogs = watchDialogs(page);
      const graph = new GraphPage(page);
      await graph.goto(`sel=${encodeURIComponent(`ext:${host}`)}`);
      await expect(graph.details.getByRole('heading', { level: 2 })).toHaveText(displayLabel(host, HEADING_MAX));
      const full = graph.details.getByTestId('full-value');
      if (host.length > HEADING_MAX || displayText(host) !== host) {
        await expect(full).toHaveText(displayText(host));
        await graph.details.getByRole('button', { name: 'Copy exact host' }).click();
        await expect(graph.details.getByRole('button', { name: 'Copied' })).toBeVisible();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(host);
      } else {
        await expect(full).toHaveCount(0);
      }
      // The rate chart: the time-series API takes any host the flows API reports.
      await expect(graph.details.getByRole('figure', { name: /requests\/s over time/ })).toBeVisible();
      // A host both passed through and blocked is charted as blocked (its most severe status).
      await expect(graph.details.getByRole('figure').locator('table.sr-only')).toContainText(/legacy\/cms-v1|data\/etl-worker/);
      await expectSafePage(page, dialogs);

      await graph.details.getByRole('link', { name: /Promote to ServiceEntry/ }).click();
      // A host longer than any DNS name is named by its id, so the link stays short.
      await expect(page).toHaveURL(host.length > 255 ? /\/promote\?hostId=h_[A-Za-z0-9_-]{22}(&window=\w+)?$/ : /\/promote\?host=/);
      const refusal = page.getByRole('alert', { name: 'Cannot register' });
      await expect(refusal).toContainText('cannot be a ServiceEntry host');
      expect(await labelTexts(refusal)).toContain(displayLabel(host, HEADING_MAX));
      await expect(page.getByRole('region', { name: 'Generated resources' })).toHaveCount(0);
      await expectSafePage(page, dialogs);
    });
  }

  test('promote: every hostile host is refused with a clear message, and nothing is generated', async ({ page }) => {
    test.setTimeout(180_000);
    const dialogs = watchDialogs(page);
    for (const h of HOSTILE_HOSTS) {
      await page.goto(`/promote?host=${encodeURIComponent(h)}`);
      const refusal = page.getByRole('alert', { name: 'Cannot register' });
      await expect(refusal).toContainText('cannot be a ServiceEntry host');
      await expect(refusal).toContainText(/is not a valid host name|characters long: a host name has at most 255/);
      expect(await labelTexts(refusal)).toContain(displayLabel(h, HEADING_MAX));
      await expect(page.getByText('Nothing to generate: no host of this review can be registered.')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Generated resources' })).toHaveCount(0);
      await expectSafePage(page, dialogs);
    }
  });

  test('promote: a review with hostile and valid hosts generates only the valid one; the YAML download holds no hostile value', async ({ page }) => {
    const dialogs = watchDialogs(page);
    const hostile = [DEMO_SCRIPT_HOST, DEMO_FORMULA_HOSTS.hyperlink, DEMO_UNICODE_HOST];
    await page.goto(`/promote?${new URLSearchParams([['host', 'pastebin.com'], ...hostile.map((h) => ['host', h])]).toString()}`);
    await expect(page.getByRole('alert', { name: 'Cannot register' })).toHaveCount(hostile.length);
    // pastebin.com is blocked: its attempts are acknowledged before its YAML is generated.
    await page.getByRole('checkbox', { name: /I reviewed these attempts/ }).check();
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    const file = await download(page, editor.getByRole('button', { name: /Download/ }));
    expect(file.download.suggestedFilename()).toBe('serviceentry-pastebin.com.yaml');
    const docs = YAML.parseAllDocuments(file.text).map((d) => d.toJSON() as { kind: string; spec: { hosts?: string[] } });
    expect(docs.filter((d) => d.kind === 'ServiceEntry').map((d) => d.spec.hosts)).toEqual([['pastebin.com']]);
    for (const s of strings(docs)) for (const h of hostile) expect(s.includes(h), s.slice(0, 80)).toBe(false);
    await expectSafePage(page, dialogs);
  });

  test('promote API: a hostile host is a 400 naming the reason, with no object', async ({ api }) => {
    for (const h of HOSTILE_HOSTS) {
      const res = await api.post('/api/serviceentries', { data: { hosts: [h], window: '1h' } });
      expect(res.status(), JSON.stringify(h.slice(0, 60))).toBe(400);
      const body = (await res.json()) as { error: { message: string }; objects?: unknown[] };
      expect(body.objects ?? []).toEqual([]);
      expect(body.error.message).toMatch(/not a valid host name|characters long: a host name has at most 255/);
      expect(body.error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
  });

  test('security: hostile attempts as text; CSV (formula-safe) and JSON exports give back the exact values', async ({ page }) => {
    const dialogs = watchDialogs(page);
    await page.goto('/blocked?window=1h');
    const table = page.getByRole('table', { name: 'Blocked egress attempts' });
    for (const h of BLOCKED_HOSTS) await labelWithText(table, displayText(h));
    expect(await labelFacts(await labelWithText(table, displayText(DEMO_LONG_HOST)))).toMatchObject({ truncated: true, title: displayText(DEMO_LONG_HOST) });
    await expectSafePage(page, dialogs);

    const csv = parseCsv((await download(page, page.getByRole('button', { name: 'Export CSV' }))).text);
    const destinations = column(csv, 'destination');
    for (const h of BLOCKED_HOSTS) expect(destinations, JSON.stringify(h.slice(0, 60))).toContain(expectedCsvText(h));
    expectFormulaSafe(csv);

    const json = JSON.parse((await download(page, page.getByRole('button', { name: 'Export JSON' }))).text) as { attempts: BlockedAttempt[] };
    const hosts = json.attempts.map((a) => a.host);
    for (const h of BLOCKED_HOSTS) expect(hosts).toContain(h);
    await expectSafePage(page, dialogs);
  });

  test('readiness: hostile hosts listed as text and marked, left out of the review link and the Sidecar', async ({ page, api }) => {
    const dialogs = watchDialogs(page);
    await page.goto('/readiness?window=1h');
    const legacy = page.getByRole('region', { name: 'Namespace legacy' });
    const table = legacy.getByRole('table', { name: 'Hosts to register for legacy' });
    for (const h of PASSTHROUGH_HOSTS) await labelWithText(table, displayText(h));
    await expect(table.locator('tr[data-registrable="false"]')).toHaveCount(PASSTHROUGH_HOSTS.length);
    await expect(table.locator('tr[data-registrable="false"]').first()).toContainText('cannot be registered');
    await expect(legacy).toContainText(`${PASSTHROUGH_HOSTS.length} hosts are not a DNS name a ServiceEntry can hold`);

    for (const link of [legacy.getByRole('link', { name: /^Promote to ServiceEntry/ }), page.getByRole('region', { name: 'Mesh' }).getByRole('link', { name: /^Promote to ServiceEntry/ })]) {
      const hosts = new URL((await link.getAttribute('href')) ?? '', 'http://x').searchParams.getAll('host');
      expect(hosts.length).toBeGreaterThan(0);
      for (const h of HOSTILE_HOSTS) expect(hosts).not.toContain(h);
    }
    await expectSafePage(page, dialogs);

    const body = (await (await api.get('/api/readiness?window=1h')).json()) as { switches: { namespace: string; kind: string; yaml?: string }[] };
    const yaml = body.switches.find((s) => s.namespace === 'legacy')?.yaml ?? '';
    const sidecar = YAML.parse(yaml) as { spec: { egress: { hosts: string[] }[] } };
    // The Sidecar keeps every service visible (*/*) and lists no host, so no Host header reaches it.
    expect(sidecar.spec.egress.flatMap((e) => e.hosts)).toEqual(['*/*']);
    for (const h of HOSTILE_HOSTS) expect(yaml).not.toContain(h);
  });

  test('hosts: every hostile host as text; CSV (formula-safe) and JSON exports give back the exact values', async ({ page }) => {
    const dialogs = watchDialogs(page);
    await page.goto('/hosts?window=1h');
    const table = page.getByRole('table', { name: 'External hosts' });
    for (const h of HOSTILE_HOSTS) await labelWithText(table, displayText(h));
    expect(await labelFacts(await labelWithText(table, displayText(DEMO_LONG_HOST)))).toMatchObject({ truncated: true, textOverflow: 'ellipsis', unicodeBidi: 'isolate' });
    await expectSafePage(page, dialogs);

    const csv = parseCsv((await download(page, page.getByRole('button', { name: 'Export CSV' }))).text);
    const hosts = column(csv, 'host');
    for (const h of HOSTILE_HOSTS) expect(hosts, JSON.stringify(h.slice(0, 60))).toContain(expectedCsvText(h));
    expect(hosts).toContain(`'${DEMO_FORMULA_HOSTS.hyperlink}`);
    expectFormulaSafe(csv);

    const json = JSON.parse((await download(page, page.getByRole('button', { name: 'Export JSON' }))).text) as { hosts: ExternalHost[] };
    for (const h of HOSTILE_HOSTS) expect(json.hosts.map((x) => x.host)).toContain(h);
    await expectSafePage(page, dialogs);
  });

  test('alerts: a hostile team label is shown made visible and both YAML downloads give it back exactly', async ({ page }) => {
    const dialogs = watchDialogs(page);
    const team = `<img src=x onerror=alert(1)> "q" 'q' \`b\` =HYPERLINK("http://x") {{ .Value }} 😀 \u202eevil`;
    await page.goto('/alerts');
    const out = page.getByLabel('Generated rules');
    await expect(out).toContainText('alert: EgressBlockedAttempt');
    await page.getByLabel('team label (optional)').fill(team);
    await expect(out).toContainText('\\u202eevil');
    await expectSafePage(page, dialogs);

    const rules = YAML.parse((await download(page, page.getByRole('button', { name: 'Download' }))).text) as { groups: { rules: { labels: Record<string, string> }[] }[] };
    const ruleLabels = rules.groups.flatMap((g) => g.rules.map((r) => r.labels.team));
    expect(ruleLabels.length).toBeGreaterThan(0);
    // Prometheus expands alert labels as Go templates: `{{` is written as a template printing `{{`.
    for (const t of ruleLabels) expect(t).toBe(escapeTemplate(team));

    await page.getByRole('tab', { name: 'PrometheusRule' }).click();
    await expect(out).toContainText('kind: PrometheusRule');
    const cr = YAML.parse((await download(page, page.getByRole('button', { name: 'Download' }))).text) as { spec: { groups: { rules: { labels: Record<string, string> }[] }[] } };
    for (const g of cr.spec.groups) for (const r of g.rules) expect(r.labels.team).toBe(escapeTemplate(team));
    await expectSafePage(page, dialogs);
  });
});

/**
 * A hostile-labels Prometheus (tools/demo/hostile-labels.ts): forged
 * namespaces (`Team_A`, `__proto__`, 64 characters), a 20 kB Host header and
 * a tab-prefixed one, with the built app in front of it. Every route and page
 * answers without a 5xx or an error page, every host /api/egress reports is
 * charted by its hostId, and selecting one keeps the URL short.
 */
test.describe('a hostile-labels Prometheus', () => {
  const ROOT = path.resolve(__dirname, '..');
  const WINDOW = '5m';
  let stack: OwnStack | undefined;
  let mesh: DemoMesh;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    mesh = createHostileLabelsMesh(ownStackOrigin());
    stack = await startOwnStack('hostile-labels', mesh);
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  /** The report every check below reads (the app's default end, a 5m window). */
  async function report(request: APIRequestContext): Promise<EgressReport> {
    const res = await request.get(`${stack!.app.url}/api/egress?window=${WINDOW}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as EgressReport;
  }

  /** Every API route under app/api, found on disk, so a new one cannot be missed. */
  function apiRoutes(): string[] {
    const found: string[] = [];
    const walk = (d: string) => {
      for (const e of fsSync.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name === 'route.ts') found.push(`/${path.relative(path.join(ROOT, 'app'), d)}`);
      }
    };
    walk(path.join(ROOT, 'app', 'api'));
    return found.sort();
  }

  test('reports what the oracle says, every host with its hostId, the tab-prefixed one trimmed', async ({ request }) => {
    const r = await report(request);
    const end = Date.parse(r.end) / 1000;
    expect(diffFlows(r.flows, expectedFlows(mesh, { end, window: 300 }))).toEqual([]);
    const hosts = new Set(r.flows.flatMap((f) => (f.destination.host === null ? [] : [f.destination.host])));
    expect([...hosts].sort()).toEqual(['=1+1', 'api.stripe.com', DEMO_HUGE_HOST, 'pastebin.com'].sort());
    for (const f of r.flows) if (f.destination.host !== null) expect(f.destination.hostId).toBe(expectedHostId(f.destination.host));
    expect(new Set(r.flows.map((f) => f.source.namespace))).toEqual(new Set(DEMO_FORGED_NAMESPACES));
  });

  test('every API route answers without a 5xx', async ({ request }) => {
    const r = await report(request);
    const hugeId = expectedHostId(DEMO_HUGE_HOST);
    const calls: Record<string, { method: 'GET' | 'POST'; path: string; data?: unknown }[]> = {
      '/api/alert-rules': [{ method: 'POST', path: '/api/alert-rules', data: {} }],
      '/api/blocked': [{ method: 'GET', path: '/api/blocked' }],
      '/api/egress': [{ method: 'GET', path: '/api/egress' }, { method: 'GET', path: `/api/egress?window=${WINDOW}&hostId=${hugeId}` }],
      '/api/graph': [{ method: 'GET', path: '/api/graph' }],
      '/api/health': [{ method: 'GET', path: '/api/health' }],
      '/api/hosts': [{ method: 'GET', path: '/api/hosts' }],
      '/api/livez': [{ method: 'GET', path: '/api/livez' }],
      // Forged namespaces in /api/readiness are another change's fix (lib/readiness); this asserts it.
      '/api/readiness': [{ method: 'GET', path: '/api/readiness' }],
      '/api/readyz': [{ method: 'GET', path: '/api/readyz' }],
      '/api/serviceentries': [
        { method: 'POST', path: '/api/serviceentries', data: { hosts: ['pastebin.com'] } },
        { method: 'POST', path: '/api/serviceentries', data: { hostIds: [hugeId], window: WINDOW } },
      ],
      '/api/serviceentries/validate': [{ method: 'POST', path: '/api/serviceentries/validate', data: { yaml: 'kind: ServiceEntry' } }],
      '/api/timeseries': r.flows.flatMap((f) =>
        f.destination.hostId === undefined || f.via ? [] : [{ method: 'GET' as const, path: `/api/timeseries?kind=host&status=${f.destination.status}&hostId=${f.destination.hostId}&window=${WINDOW}` }],
      ),
    };
    expect(Object.keys(calls).sort()).toEqual(apiRoutes());
    const failures: string[] = [];
    for (const call of Object.values(calls).flat()) {
      const res = call.method === 'GET' ? await request.get(`${stack!.app.url}${call.path}`) : await request.post(`${stack!.app.url}${call.path}`, { data: call.data });
      const type = res.headers()['content-type'] ?? '';
      if (res.status() >= 500 || !type.startsWith('application/json')) failures.push(`${call.method} ${call.path.slice(0, 120)}: ${res.status()} ${type} ${(await res.text()).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  test('charts every reported host by its hostId, the tab-prefixed Host header included', async ({ request }) => {
    const r = await report(request);
    const end = Date.parse(r.end) / 1000;
    const targets = new Map<string, { host: string; hostId: string; status: string }>();
    for (const f of r.flows) if (f.destination.host !== null && f.destination.hostId && !f.via) targets.set(`${f.destination.hostId}|${f.destination.status}`, { host: f.destination.host, hostId: f.destination.hostId, status: f.destination.status });
    expect(targets.size).toBe(5);
    for (const t of targets.values()) {
      const res = await request.get(`${stack!.app.url}/api/timeseries?kind=host&status=${t.status}&hostId=${t.hostId}&window=${WINDOW}&end=${end}`);
      const what = `${t.status} ${JSON.stringify(t.host.slice(0, 40))}`;
      expect(res.status(), what).toBe(200);
      const chart = (await res.json()) as TimeseriesReport;
      expect(chart.series.length, what).toBeGreaterThan(0);
      const callers = new Set(r.flows.filter((f) => f.destination.hostId === t.hostId && f.destination.status === t.status).map((f) => `${f.source.namespace}/${f.source.workload}`));
      expect(new Set(chart.series.map((s) => s.name)), what).toEqual(callers);
      for (const s of chart.series) expect(s.points.length, what).toBeGreaterThan(0);
    }
    // '\t=1+1' (0.5/s) and '=1+1' (0.25/s) from Team_A/api are one host: its chart has both.
    const tab = (await (await request.get(`${stack!.app.url}/api/timeseries?kind=host&status=passthrough&hostId=${expectedHostId('=1+1')}&window=${WINDOW}&end=${end}`)).json()) as TimeseriesReport;
    expect(tab.series.map((s) => s.name)).toEqual(['Team_A/api']);
    expect(tab.series[0]!.points.at(-1)![1]).toBeCloseTo(0.75, 3);
  });

  test('every page opens without an error page', async ({ page }) => {
    const dialogs = watchDialogs(page);
    const paths = ['/', '/?view=table', '/blocked', '/readiness', '/hosts', '/alerts', '/promote?host=pastebin.com', `/promote?hostId=${expectedHostId(DEMO_HUGE_HOST)}`];
    const pages = fsSync
      .readdirSync(path.join(ROOT, 'app'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && fsSync.existsSync(path.join(ROOT, 'app', e.name, 'page.tsx')))
      .map((e) => `/${e.name}`);
    for (const p of pages) expect(paths.some((x) => x.startsWith(p)), `page ${p} is walked`).toBe(true);
    const failures: string[] = [];
    for (const p of paths) {
      const res = await page.goto(`${stack!.app.url}${p}`);
      await page.waitForLoadState('networkidle');
      const f = await inspectPage(page);
      const problems = [
        (res?.status() ?? 0) >= 500 ? `HTTP ${res?.status()}` : '',
        (await page.getByRole('heading', { name: 'Something went wrong' }).count()) > 0 ? 'the error page' : '',
        (await page.getByTestId('backend-banner').count()) > 0 ? 'a backend error banner' : '',
        f.injected.length > 0 ? `injected ${f.injected.join(', ')}` : '',
        f.raw.length > 0 ? `raw ${f.raw.join(', ')}` : '',
        f.scrollWidth > f.clientWidth + 1 ? `horizontal overflow (${f.scrollWidth} > ${f.clientWidth})` : '',
      ].filter(Boolean);
      if (problems.length > 0) failures.push(`${p}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  test('selecting each host keeps the URL short and shows its chart; a 20 kB host is refused for review by its id', async ({ page }) => {
    test.setTimeout(120_000);
    const dialogs = watchDialogs(page);
    const graph = new GraphPage(page);
    for (const host of ['=1+1', DEMO_HUGE_HOST, 'pastebin.com', 'api.stripe.com']) {
      await page.goto(`${stack!.app.url}/?window=${WINDOW}`);
      await graph.waitForGraph();
      await graph.clickNode(`ext:${host}`);
      await expect(graph.details.getByRole('heading', { level: 2 })).toHaveText(displayLabel(host, HEADING_MAX));
      const url = new URL(page.url());
      expect(url.searchParams.get('sel')).toBe(expectedHostId(host));
      expect(page.url().length).toBeLessThan(200);
      await expect(graph.details.getByRole('figure', { name: /over time/ })).toBeVisible();
      await expectSafePage(page, dialogs);
    }
    // The shared link opens the same selection, and its review link names the host by id.
    await page.goto(`${stack!.app.url}/?window=${WINDOW}&sel=${expectedHostId(DEMO_HUGE_HOST)}`);
    await expect(graph.details.getByRole('heading', { level: 2 })).toHaveText(displayLabel(DEMO_HUGE_HOST, HEADING_MAX));
    await graph.details.getByRole('link', { name: /Promote to ServiceEntry/ }).click();
    await expect(page).toHaveURL(new RegExp(`/promote\\?hostId=${expectedHostId(DEMO_HUGE_HOST)}(&window=\\w+)?$`));
    const refusal = page.getByRole('alert', { name: 'Cannot register' });
    await expect(refusal).toContainText('cannot be a ServiceEntry host');
    await expect(refusal).toContainText(/characters long: a host name has at most 255/);
    expect(await labelTexts(refusal)).toContain(displayLabel(DEMO_HUGE_HOST, HEADING_MAX));
    await expect(page.getByText('Nothing to generate: no host of this review can be registered.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Generated resources' })).toHaveCount(0);
    await expectSafePage(page, dialogs);

    // A registrable host named by its id is reviewed and generated like any other (its forged
    // caller namespace then fails validation as a ServiceEntry namespace, which the review says).
    await page.goto(`${stack!.app.url}/promote?hostId=${expectedHostId('pastebin.com')}&window=${WINDOW}`);
    await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('pastebin.com');
    await expect(page.getByRole('region', { name: 'Generated resources' })).toContainText('kind: ServiceEntry');

    // An id the window does not report is said in words, not an error page.
    await page.goto(`${stack!.app.url}/promote?hostId=${expectedHostId('never.test')}`);
    await expect(page.getByRole('alert').filter({ hasText: 'is not a host /api/egress reports' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
  });
});
