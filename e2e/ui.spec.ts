import { DEMO_HOSTILE_HOST } from '../lib/demo';
import type { EgressReport } from '../lib/egress/report';
import { expect, test } from './fixtures';
import { FlowsPage } from './pages/flows-page';

test('the flows page lists the flows of /api/egress', async ({ page, api }) => {
  const flows = new FlowsPage(page);
  await flows.goto();
  await expect(flows.status).toContainText('answering');
  await expect(flows.rows.first()).toBeVisible();
  const report = (await (await api.get('/api/egress')).json()) as EgressReport;
  await expect(flows.rows).toHaveCount(report.flows.length);
  await expect(flows.rowsWithStatus('blocked')).toHaveCount(report.flows.filter((f) => f.destination.status === 'blocked').length);
});

test('the hostile Host header renders as text and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const flows = new FlowsPage(page);
  await flows.goto();
  await expect(flows.table.getByText(DEMO_HOSTILE_HOST, { exact: true })).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('the browser never learns the Prometheus address', async ({ page, state }) => {
  const bodies: string[] = [];
  page.on('response', async (res) => {
    if (/\.(js|css)$|\/$|\/api\//.test(new URL(res.url()).pathname)) bodies.push(await res.text().catch(() => ''));
  });
  const flows = new FlowsPage(page);
  await flows.goto();
  await expect(flows.rows.first()).toBeVisible();
  expect(bodies.length).toBeGreaterThan(3);
  const backend = new URL(state.backends.prometheus);
  for (const body of bodies) expect(body).not.toContain(backend.host);
});
