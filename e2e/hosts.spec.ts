import fs from 'node:fs/promises';
import { DEMO_HOSTILE_HOST, expectedFlows } from '../tools/demo';
import type { ExternalHost } from '../lib/hosts/hosts';
import { expect, test } from './fixtures';

const MIN = 60;

test('the host inventory lists every external host of the window, says which are registered, and exports what it shows', async ({ page, mesh }) => {
  const end = mesh.origin + 80 * MIN;
  await page.goto(`/hosts?window=1h&end=${end}`);
  // Every flow with a host: a waypoint-reported flow names its waypoint (`via`) too, and its host is external like any other.
  const expected = new Set(expectedFlows(mesh, { end, window: 3600 }).filter((f) => f.destination.host !== null).map((f) => f.destination.host!));
  const table = page.getByRole('table', { name: 'External hosts' });
  await expect(table.locator('tbody tr')).toHaveCount(expected.size);
  await expect(table.locator('tbody tr', { hasText: 'api.stripe.com' })).toHaveAttribute('data-registered', 'true');
  await expect(table.locator('tbody tr', { hasText: 'httpbin.org' })).toHaveAttribute('data-registered', 'false');
  await expect(table.getByText(DEMO_HOSTILE_HOST, { exact: true })).toBeVisible();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = JSON.parse(await fs.readFile((await json.path())!, 'utf8')) as { hosts: ExternalHost[] };
  expect(new Set(exported.hosts.map((h) => h.host))).toEqual(expected);
  expect(exported.hosts.every((h) => h.firstSeen && h.lastSeen)).toBe(true);

  await page.getByLabel('Filter').fill('frontend-v2');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const lines = (await fs.readFile((await csv.path())!, 'utf8')).trim().split('\r\n');
  expect(lines).toHaveLength(3);
});
