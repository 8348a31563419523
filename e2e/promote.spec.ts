import fs from 'node:fs/promises';
import YAML from 'yaml';
import { expectedFlows } from '../tools/demo';
import { describeRange } from '../lib/promote/range-text';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';
import { PromotePage } from './pages/promote-page';
import { ambientMeshSeries } from './support/ambient-mesh';
import { ownStackOrigin, startOwnStackWithSeries, type OwnStack } from './support/own-stack';

test.describe('promote to ServiceEntry', () => {
  test('from the graph, a blocked HTTP host: evidence, valid YAML, and a download that parses to the same objects', async ({ page, api }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    await graph.clickNode('ext:pastebin.com');
    await graph.details.getByRole('link', { name: /Promote to ServiceEntry/ }).click();
    await expect(page).toHaveURL(/\/promote\?host=pastebin\.com/);

    const evidence = page.getByRole('region', { name: 'Evidence' });
    await expect(evidence).toContainText('data/etl-worker');
    await expect(evidence.getByText('blocked')).toBeVisible();
    // A blocked host: its attempts are acknowledged before any YAML (tested in detail below).
    await new PromotePage(page).acknowledge.check();
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    const text = await editor.getByRole('textbox').inputValue();
    expect(text).toContain('kind: ServiceEntry');
    expect(text).toContain('pastebin.com');

    const [download] = await Promise.all([page.waitForEvent('download'), editor.getByRole('button', { name: /Download/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.yaml$/);
    const downloaded = YAML.parseAllDocuments(await fs.readFile((await download.path())!, 'utf8')).map((d) => d.toJSON() as unknown);

    // The file holds exactly the objects on screen.
    expect(downloaded).toEqual(YAML.parseAllDocuments(text).map((d) => d.toJSON() as unknown));

    // And the API generates the same resources (evidence annotations carry rates and times that move with "now").
    const res = await api.post('/api/serviceentries', { data: { hosts: ['pastebin.com'], window: '1h', acknowledgeBlocked: true } });
    expect(res.status()).toBe(200);
    const answer = (await res.json()) as { objects: { metadata: { annotations?: unknown } }[]; validation: { errors: unknown[] } };
    expect(answer.validation.errors).toEqual([]);
    const withoutEvidence = (objs: unknown[]) => (objs as { metadata: { annotations?: unknown } }[]).map((o) => ({ ...o, metadata: { ...o.metadata, annotations: undefined } }));
    expect(withoutEvidence(downloaded)).toEqual(withoutEvidence(answer.objects));
  });

  test('an invalid edit shows an error at the right field', async ({ page }) => {
    await page.goto('/promote?host=pastebin.com');
    await new PromotePage(page).acknowledge.check();
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    const box = editor.getByRole('textbox');
    const text = await box.inputValue();
    await box.fill(text.replace(/resolution: DNS/, 'resolution: BOGUS'));
    await expect(editor.getByRole('list', { name: 'Validation errors' })).toContainText('spec.resolution');
    await box.fill(text);
    await expect(editor.getByText(/^Valid/)).toBeVisible();
  });

  test('an unattributed TCP flow asks for the address and port, then generates the TCP form', async ({ page }) => {
    await page.goto('/promote?unattributed=blocked');
    await expect(page.getByText(/carry no destination/)).toBeVisible();
    // Blocked TCP is blocked egress too: who tried is known, and acknowledged first.
    const review = new PromotePage(page);
    await expect(review.caution).toContainText('data/cdc-connector');
    await review.acknowledge.check();
    await page.getByLabel('IP address or CIDR').fill('203.0.113.50');
    await page.getByLabel('Port', { exact: true }).fill('5432');
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByRole('textbox')).toHaveValue(/203\.0\.113\.50\/32/);
    await expect(editor.getByRole('textbox')).toHaveValue(/protocol: TCP/);
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('data/cdc-connector');
  });

  test('a registered host offers no promote', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto(`sel=${encodeURIComponent('ext:api.stripe.com')}`);
    await expect(graph.details).toContainText('Registered by a ServiceEntry in namespace payments');
    await expect(graph.details.getByRole('link', { name: /Promote/ })).toHaveCount(0);
  });

  test('requests that cannot produce a valid resource answer 400 with the errors', async ({ api }) => {
    for (const data of [{ hosts: ['*'] }, { hosts: ['10.0.0.1'] }, { hosts: ['pastebin.com'], ports: [{ number: 0, protocol: 'HTTP' }] }, { hosts: 'x' }, { bogus: 1 }]) {
      const res = await api.post('/api/serviceentries', { data });
      expect(res.status(), JSON.stringify(data)).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    const notJson = await api.post('/api/serviceentries', { data: '{not json', headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status()).toBe(400);
  });
});

test('the table offers promote for unregistered flows only, and it opens the review', async ({ page }) => {
  await page.goto('/?view=table');
  const table = page.getByRole('table', { name: 'Egress flows' });
  await expect(table.locator('tbody tr[data-status="registered"]').getByRole('link', { name: 'Promote' })).toHaveCount(0);
  const row = table.locator('tbody tr').filter({ hasText: 'api.open-meteo.com' });
  await row.getByRole('link', { name: 'Promote' }).click();
  await expect(page).toHaveURL(/\/promote\?host=api\.open-meteo\.com/);
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('ml/feature-store');
});

test.describe('the promote review an approver can trust', () => {
  test('a blocked host, one click from the blocked page: the caution comes first, no YAML until acknowledged, and the acknowledgement is in the annotations', async ({ page, api, mesh }) => {
    await page.goto('/blocked?window=1h');
    const row = page.getByRole('table', { name: 'Blocked egress attempts' }).locator('tbody tr', { hasText: 'pastebin.com' });
    await row.getByRole('link', { name: /Promote to ServiceEntry|Register/ }).click();
    await expect(page).toHaveURL(/\/promote\?host=pastebin\.com/);

    const review = new PromotePage(page);
    // Who tried, how often, since when: from the same report as /api/blocked.
    await expect(review.caution).toContainText('pastebin.com');
    const attempts = review.caution.getByRole('table', { name: 'Blocked attempts to pastebin.com' });
    const source = attempts.locator('tbody tr', { hasText: 'data/etl-worker' });
    await expect(source).toBeVisible();
    const end = Math.floor(Date.now() / 1000);
    const expected = expectedFlows(mesh, { end, window: 3600 }).find((f) => f.destination.host === 'pastebin.com' && f.destination.status === 'blocked')!;
    const shown = Number((await source.locator('td').nth(1).innerText()).replace(/,/g, ''));
    expect(Math.abs(shown - (expected.requestsPerSecond ?? 0) * 3600) / shown).toBeLessThan(0.03);
    // Times as every page shows them (lib/format.ts formatTimestamp): date, time to the second, zone.
    await expect(source.locator('td').nth(2)).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M UTC$/);
    await expect(review.caution).toContainText(/first seen [A-Z][a-z]{2} \d{1,2}, \d{4}, .* UTC .*last seen [A-Z][a-z]{2} \d{1,2}, \d{4}, .* UTC/);

    // Until acknowledged: no YAML, and nothing to copy, download or apply.
    await expect(review.yaml).toHaveCount(0);
    await expect(review.copy).toBeDisabled();
    await expect(review.download).toBeDisabled();
    await expect(review.disabledReason).toHaveText(/Acknowledge the blocked attempts above first/);
    await expect(review.kubectl).toHaveAttribute('aria-disabled', 'true');

    await review.acknowledge.check();
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    await expect(review.copy).toBeEnabled();
    await expect(review.download).toBeEnabled();
    const text = await review.yaml.inputValue();
    expect(text).toContain('egress-lens.io/blocked-acknowledged-by: anonymous');
    expect(text).toMatch(/egress-lens\.io\/blocked-acknowledged-at: "?\d{4}-\d{2}-\d{2}T/);
    expect(text).toMatch(/egress-lens\.io\/blocked-sources: data\/etl-worker \(\d+ attempts\)/);
    expect(text).toMatch(/egress-lens\.io\/blocked-window: 1h ending /);

    // Unticking takes the YAML away again.
    await review.acknowledge.uncheck();
    await expect(review.yaml).toHaveCount(0);
    await expect(review.download).toBeDisabled();

    // The API enforces it too: without the field, a 400 in words.
    const refused = await api.post('/api/serviceentries', { data: { hosts: ['pastebin.com'], window: '1h' } });
    expect(refused.status()).toBe(400);
    const body = (await refused.json()) as { error: { code: string; message: string }; objects: unknown[]; yaml: string };
    expect(body.error.code).toBe('blocked-unacknowledged');
    expect(body.error.message).toMatch(/^acknowledgeBlocked: required\. pastebin\.com: \d+ attempts blocked in the 1h window ending .* from data\/etl-worker/);
    expect([body.objects, body.yaml]).toEqual([[], '']);
  });

  test('options live in the URL: a reload (or a shared link) restores the same options and the same generation', async ({ page }) => {
    const review = new PromotePage(page);
    await review.goto('host=api.open-meteo.com');
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    await review.option('Namespace').fill('istio-egress');
    await review.option('exportTo (comma-separated)').fill('ml, istio-egress');
    await review.option('Resolution').selectOption('DNS');
    await review.option('Through the egress gateway').check();
    await review.option('Sidecar for REGISTRY_ONLY').check();
    await review.option('Route timeout (optional)').fill('5s');
    await review.option('Retries (optional)').fill('3');
    await expect(review.yaml).toHaveValue(/kind: Sidecar/);
    await expect(review.yaml).toHaveValue(/timeout: 5s/);
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    const before = await review.yaml.inputValue();
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      host: 'api.open-meteo.com',
      namespace: 'istio-egress',
      exportTo: 'ml, istio-egress',
      resolution: 'DNS',
      egressGateway: '1',
      sidecar: '1',
      timeout: '5s',
      retries: '3',
    });

    await page.reload();
    await expect(review.option('Namespace')).toHaveValue('istio-egress');
    await expect(review.option('exportTo (comma-separated)')).toHaveValue('ml, istio-egress');
    await expect(review.option('Resolution')).toHaveValue('DNS');
    await expect(review.option('Through the egress gateway')).toBeChecked();
    await expect(review.option('Sidecar for REGISTRY_ONLY')).toBeChecked();
    await expect(review.option('Wildcard for shared domains')).not.toBeChecked();
    await expect(review.option('Route timeout (optional)')).toHaveValue('5s');
    await expect(review.option('Retries (optional)')).toHaveValue('3');
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    // The same resources (the evidence annotations move with "now").
    const specs = (text: string) => YAML.parseAllDocuments(text).map((d) => {
      const o = d.toJSON() as { kind: string; metadata: { name: string; namespace: string }; spec: unknown };
      return [o.kind, o.metadata.name, o.metadata.namespace, o.spec];
    });
    expect(specs(await review.yaml.inputValue())).toEqual(specs(before));
  });

  test('edits survive option toggles: the difference is shown and nothing is lost without an explicit choice', async ({ page }) => {
    const review = new PromotePage(page);
    await review.goto('host=api.open-meteo.com');
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    const generated = await review.yaml.inputValue();
    const edited = generated.replace('resolution: DNS', 'resolution: DNS\n  # reviewed by the platform team');
    expect(edited).not.toBe(generated);
    await review.yaml.fill(edited);

    await review.option('Sidecar for REGISTRY_ONLY').check();
    await expect(review.merge).toBeVisible();
    // The edit is still in the editor, and the difference names both sides.
    await expect(review.yaml).toHaveValue(edited);
    const diff = review.merge.getByLabel('Difference');
    await expect(diff).toContainText('-   # reviewed by the platform team');
    await expect(diff).toContainText('+ kind: Sidecar');
    // Until the approver chooses, the text is not offered for export.
    await expect(review.download).toBeDisabled();
    await expect(review.disabledReason).toHaveText(/apply your edits on top of the new generation, or discard them/);

    await review.merge.getByRole('button', { name: 'Apply my edits on top' }).click();
    await expect(review.merge).toHaveCount(0);
    await expect(review.yaml).toHaveValue(/# reviewed by the platform team/);
    await expect(review.yaml).toHaveValue(/kind: Sidecar/);
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    await expect(review.download).toBeEnabled();

    // Toggle again with the edit still in: this time discard it, explicitly.
    await review.option('Sidecar for REGISTRY_ONLY').uncheck();
    await expect(review.merge).toBeVisible();
    await expect(review.yaml).toHaveValue(/# reviewed by the platform team/);
    await review.merge.getByRole('button', { name: 'Discard my edits' }).click();
    await expect(review.merge).toHaveCount(0);
    await expect(review.yaml).not.toHaveValue(/# reviewed by the platform team/);
    await expect(review.yaml).not.toHaveValue(/kind: Sidecar/);

    // Without an edit, a toggle simply regenerates.
    await review.option('Sidecar for REGISTRY_ONLY').check();
    await expect(review.yaml).toHaveValue(/kind: Sidecar/);
    await expect(review.merge).toHaveCount(0);
  });

  test('Copy, Download and the kubectl hint are disabled while validation fails, with the reason beside them', async ({ page }) => {
    const review = new PromotePage(page);
    await review.goto('host=api.open-meteo.com');
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    await expect(review.download).toBeEnabled();
    await expect(review.kubectl).toHaveAttribute('aria-disabled', 'false');
    const text = await review.yaml.inputValue();
    await review.yaml.fill(text.replace('resolution: DNS', 'resolution: BOGUS'));
    await expect(review.editor.getByRole('list', { name: 'Validation errors' })).toContainText('spec.resolution');
    await expect(review.copy).toBeDisabled();
    await expect(review.download).toBeDisabled();
    await expect(review.kubectl).toHaveAttribute('aria-disabled', 'true');
    await expect(review.disabledReason).toHaveText('Validation fails (1 error): fix the YAML first.');
    await expect(review.disabledReason).toBeVisible();
    await review.yaml.fill(text);
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    await expect(review.copy).toBeEnabled();
    await expect(review.download).toBeEnabled();
  });

  test('a bundle downloads under a name that covers all its hosts', async ({ page }) => {
    const review = new PromotePage(page);
    await review.goto('host=api.open-meteo.com&host=httpbin.org&host=legacy-partner.example.net');
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    const file = await review.downloadFile();
    expect(file.download.suggestedFilename()).toBe('serviceentries-3-hosts-api.open-meteo.com-and-2-more.yaml');
    const hosts = YAML.parseAllDocuments(file.text).flatMap((d) => (d.toJSON() as { spec: { hosts?: string[] } }).spec.hosts ?? []);
    expect(hosts.sort()).toEqual(['api.open-meteo.com', 'httpbin.org', 'legacy-partner.example.net']);
    await expect(review.kubectl).toContainText('kubectl apply -f serviceentries-3-hosts-api.open-meteo.com-and-2-more.yaml');
  });

  test('the title and the tab say "Promote to ServiceEntry"', async ({ page }) => {
    await page.goto('/promote?host=api.open-meteo.com');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Promote to ServiceEntry: api.open-meteo.com');
    await expect(page).toHaveTitle('Promote to ServiceEntry · Egress Lens');
    await expect(page.getByText(/Register egress/)).toHaveCount(0);
  });
});

test.describe('the review honours the window and end of its URL', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  test('evidence and caution come from that window, which is shown with its time zone; no window means the default', async ({ page, mesh }) => {
    const review = new PromotePage(page);
    // api.ipify.org passed through until the switch, and was blocked after it.
    const before = mesh.events.switchToBlockedAt - 20 * 60;
    await review.goto(`host=api.ipify.org&window=15m&end=${before}`);
    await expect(review.range).toHaveText(`Evidence from ${describeRange('15m', new Date(before * 1000).toISOString(), { timeZone: 'Asia/Kolkata', locale: 'en-US' })}`);
    await expect(review.range).toContainText('GMT+5:30');
    await expect(review.evidence).toContainText('legacy/report-builder');
    await expect(review.evidence.getByText('passthrough', { exact: true })).toBeVisible();
    await expect(review.editor.getByText(/^Valid/)).toBeVisible();
    await expect(review.caution).toHaveCount(0);

    const after = mesh.events.switchToBlockedAt + 20 * 60;
    await review.goto(`host=api.ipify.org&window=15m&end=${after}`);
    await expect(review.range).toHaveText(`Evidence from ${describeRange('15m', new Date(after * 1000).toISOString(), { timeZone: 'Asia/Kolkata', locale: 'en-US' })}`);
    await expect(review.caution).toContainText('legacy/report-builder');
    await expect(review.caution).toContainText(describeRange('15m', new Date(after * 1000).toISOString(), { timeZone: 'Asia/Kolkata', locale: 'en-US' }));
    await expect(review.yaml).toHaveCount(0);
    await review.acknowledge.check();
    await expect(review.yaml).toHaveValue(new RegExp(`blocked-window: 15m ending ${new Date(after * 1000).toISOString().replace(/\./g, '\\.')}`));

    await review.goto('host=api.open-meteo.com');
    await expect(review.range).toHaveText(/^Evidence from the 1h window ending [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M GMT\+5:30 \(live\)$/);
  });
});

test.describe('the ambient bundle (a mesh of its own)', () => {
  let stack: OwnStack | undefined;
  test.use({ viewport: { width: 1440, height: 900 } });

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    stack = await startOwnStackWithSeries('promote-ambient', ambientMeshSeries(ownStackOrigin()));
  });

  test.afterAll(async () => {
    await stack?.stop();
  });

  test('ambient callers get the waypoint bundle by default; the Bundle option switches it and is kept in the URL', async ({ page }) => {
    await page.goto(`${stack!.app.url}/promote?unattributed=passthrough&window=30m&tcpAddress=203.0.113.10&tcpPort=443`);
    const bundle = page.getByLabel('Bundle');
    await expect(bundle.locator('option').first()).toHaveText("the callers' (ambient)");
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    const box = editor.getByRole('textbox');
    await expect(box).toHaveValue(/istio\.io\/use-waypoint: egress-waypoint/);
    const docs = YAML.parseAllDocuments(await box.inputValue()).map((d) => d.toJSON() as { apiVersion: string; kind: string });
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(['networking.istio.io/v1 ServiceEntry', 'gateway.networking.k8s.io/v1 Gateway']);
    await expect(page.getByRole('checkbox', { name: /Sidecar for REGISTRY_ONLY/ })).toBeDisabled();
    await page.screenshot({ path: test.info().outputPath('promote-ambient-bundle.png'), fullPage: true });

    await bundle.selectOption('sidecar');
    await expect(page).toHaveURL(/[?&]dataPlane=sidecar(&|$)/);
    await expect(box).not.toHaveValue(/use-waypoint/);
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Bundle')).toHaveValue('sidecar');
    await expect(editor.getByRole('textbox')).not.toHaveValue(/use-waypoint/);
    await page.getByLabel('Bundle').selectOption('ambient');
    await expect(page).toHaveURL(/[?&]dataPlane=ambient(&|$)/);
    await expect(editor.getByRole('textbox')).toHaveValue(/gatewayClassName: istio-waypoint/);
  });
});
