import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

const MIN = 60;
/** Typed one key at a time, 30 ms apart: a fast typist, faster than a URL round trip. */
const KEY_DELAY = { delay: 30 };

test.describe('text filters keep every keystroke', () => {
  test('graph Find: the whole text stays while typing, the URL follows, and a miss says so', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const find = page.getByLabel('Find');
    await find.pressSequentially('pastebin.com', KEY_DELAY);
    await expect(find).toHaveValue('pastebin.com');
    await expect(page).toHaveURL(/[?&]q=pastebin\.com(&|$)/);
    await expect.poll(async () => (await graph.nodes()).filter((n) => n.classes.includes('match')).map((n) => n.id)).toEqual(['ext:pastebin.com']);
    // Still all there once the URL caught up.
    await expect(find).toHaveValue('pastebin.com');

    await find.clear();
    await find.pressSequentially('checkout', KEY_DELAY);
    await expect(find).toHaveValue('checkout');
    await expect(page).toHaveURL(/[?&]q=checkout(&|$)/);

    await find.clear();
    await find.pressSequentially('no-such-workload', KEY_DELAY);
    await expect(page).toHaveURL(/[?&]q=no-such-workload(&|$)/);
    await expect(page.getByRole('status').filter({ hasText: 'No workload or host matches' })).toHaveText('No workload or host matches "no-such-workload"');
  });

  test('graph Find follows back and forward', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    const find = page.getByLabel('Find');
    await find.pressSequentially('pastebin', KEY_DELAY);
    await expect(page).toHaveURL(/q=pastebin/);
    // A change users go back to pushes a history entry; typing does not.
    await page.getByLabel('Status', { exact: true }).selectOption('blocked');
    await expect(page).toHaveURL(/status=blocked/);
    await find.clear();
    await find.pressSequentially('etl-worker', KEY_DELAY);
    await expect(page).toHaveURL(/q=etl-worker/);
    await page.goBack();
    await expect(page).not.toHaveURL(/status=blocked/);
    await expect(find).toHaveValue('pastebin');
    await page.goForward();
    await expect(find).toHaveValue('etl-worker');
  });

  test('/blocked Filter: the whole text stays, the URL and the rows follow', async ({ page, mesh }) => {
    await page.goto(`/blocked?window=1h&end=${mesh.origin + 150 * MIN}`);
    const table = page.getByRole('table', { name: 'Blocked egress attempts' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    const filter = page.getByLabel('Filter');
    await filter.pressSequentially('api.ipify.org', KEY_DELAY);
    await expect(filter).toHaveValue('api.ipify.org');
    await expect(page).toHaveURL(/[?&]q=api\.ipify\.org(&|$)/);
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(filter).toHaveValue('api.ipify.org');
  });

  test('/hosts Filter: the whole text stays, the URL and the rows follow', async ({ page, mesh }) => {
    await page.goto(`/hosts?window=1h&end=${mesh.origin + 80 * MIN}`);
    const table = page.getByRole('table', { name: 'External hosts' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    const filter = page.getByLabel('Filter');
    await filter.pressSequentially('frontend-v2', KEY_DELAY);
    await expect(filter).toHaveValue('frontend-v2');
    await expect(page).toHaveURL(/[?&]q=frontend-v2(&|$)/);
    await expect(table.locator('tbody tr')).toHaveCount(2);
  });
});
