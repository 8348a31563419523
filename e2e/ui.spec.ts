import { expect, test } from './fixtures';
import { FlowsPage } from './pages/flows-page';

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
