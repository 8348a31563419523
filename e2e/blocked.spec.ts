import fs from 'node:fs/promises';
import { expectedFlows } from '../tools/demo';
import { formatTimestamp } from '../lib/format';
import type { BlockedAttempt } from '../lib/blocked/blocked';
import { expect, test } from './fixtures';

const MIN = 60;

test.describe('blocked egress review', () => {
  test('the old page URL /security still opens the blocked egress page, with its query', async ({ page, mesh }) => {
    const end = mesh.origin + 150 * MIN;
    await page.goto(`/security?window=1h&end=${end}`);
    await expect(page).toHaveURL(new RegExp(`/blocked\\?window=1h&end=${end}$`));
    await expect(page.getByRole('table', { name: 'Blocked egress attempts' })).toBeVisible();
  });

  test('lists the demo blocked attempts with their counts, what is new, and exports exactly what is shown', async ({ page, mesh }) => {
    const end = mesh.origin + 150 * MIN;
    await page.goto(`/blocked?window=1h&end=${end}`);
    const table = page.getByRole('table', { name: 'Blocked egress attempts' });
    const expected = expectedFlows(mesh, { end, window: 3600 }).filter((f) => f.destination.status === 'blocked');
    await expect(table.locator('tbody tr')).toHaveCount(expected.length);
    await expect(table.getByText('pastebin.com')).toBeVisible();
    await expect(table.getByText('api.ipify.org')).toBeVisible();
    await expect(table.getByText('TCP (destination not in metrics)')).toBeVisible();
    // The host that switched from passthrough to blocked is new in this hour; pastebin.com is not.
    await expect(table.locator('tbody tr', { hasText: 'api.ipify.org' })).toHaveAttribute('data-new', 'true');
    await expect(table.locator('tbody tr', { hasText: 'pastebin.com' })).toHaveAttribute('data-new', 'false');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(await fs.readFile((await json.path())!, 'utf8')) as { attempts: BlockedAttempt[] };
    expect(exported.attempts).toHaveLength(expected.length);
    for (const f of expected) {
      const a = exported.attempts.find((x) => x.source.workload === f.source.workload && x.host === f.destination.host)!;
      const count = ((f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0)) * 3600;
      expect(Math.abs(a.attempts - count) / count).toBeLessThan(0.02);
    }

    await page.getByLabel('Filter').fill('ipify');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(page).toHaveURL(/q=ipify/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = (await fs.readFile((await csv.path())!, 'utf8')).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('api.ipify.org');

    await page.reload();
    await expect(page.getByLabel('Filter')).toHaveValue('ipify');
    await expect(table.locator('tbody tr')).toHaveCount(1);
  });
});

test.describe('blocked egress review in the browser locale and time zone', () => {
  test.use({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });

  test('times name their zone, and the trend of attempts that go on reaches the end of the window', async ({ page, mesh }) => {
    const end = mesh.origin + 150 * MIN;
    await page.goto(`/blocked?window=1h&end=${end}`);
    const table = page.getByRole('table', { name: 'Blocked egress attempts' });
    const row = table.locator('tbody tr', { hasText: 'pastebin.com' });
    // First and last seen in German, Berlin time, the zone named ("7. Dez. 2026, 16:45:00 MEZ"); attempts go on, so last seen is the end.
    const berlin = { locale: 'de-DE', timeZone: 'Europe/Berlin' };
    await expect(row.locator('td').nth(3)).toHaveText(/ MES?Z$/);
    await expect(row.locator('td').nth(4)).toHaveText(formatTimestamp(end * 1000, berlin));
    // The sparkline is named by the window (with its zone) and its step; pastebin.com attempts go on, so its last step is not empty.
    const trend = row.getByRole('img', { name: /^Blocked attempts from data\/etl-worker to pastebin\.com, .* MES?Z to .* MES?Z, per 2 min: peak \S+ in the 2 min to .* MES?Z, last [1-9]/ });
    await expect(trend).toBeVisible();
    const points = ((await trend.locator('polyline').getAttribute('points')) ?? '').split(' ');
    expect(points.at(-1)?.split(',')[0]).toBe('96.0');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(await fs.readFile((await json.path())!, 'utf8')) as { attempts: BlockedAttempt[] };
    const pastebin = exported.attempts.find((a) => a.host === 'pastebin.com')!;
    expect(pastebin.trend).toHaveLength(30);
    expect(pastebin.trend.at(-1)).toBeGreaterThan(0);
    expect(Date.parse(pastebin.lastSeen!) / 1000).toBe(end);
  });
});
