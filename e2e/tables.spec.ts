import fs from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { formatRate } from '../lib/format';
import type { BlockedAttempt } from '../lib/blocked/blocked';
import type { ExternalHost } from '../lib/hosts/hosts';
import { expect, test } from './fixtures';

const MIN = 60;

async function downloadJson<T>(page: Page, name: string): Promise<T> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return JSON.parse(await fs.readFile((await file.path())!, 'utf8')) as T;
}

/** Arrows, Home and End move focus (and the one tab stop) between the rows of `table`. */
async function expectRovingRows(table: Locator): Promise<void> {
  const rows = table.locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(2);
  await expect(rows.first()).toHaveAttribute('tabindex', '0');
  await expect(table.locator('tbody tr[tabindex="0"]')).toHaveCount(1);
  await rows.first().focus();
  await table.page().keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(rows.first()).toHaveAttribute('tabindex', '-1');
  await table.page().keyboard.press('End');
  await expect(rows.nth(count - 1)).toBeFocused();
  await table.page().keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
}

test.describe('the shared table on /blocked and /hosts', () => {
  test('/blocked: a header click sorts (aria-sort, sort= and dir= in the URL, kept on reload), export follows the order shown, arrows move between rows', async ({ page, mesh }) => {
    await page.goto(`/blocked?window=1h&end=${mesh.origin + 150 * MIN}`);
    const table = page.getByRole('table', { name: 'Blocked egress attempts' });
    const attempts = table.getByRole('columnheader', { name: /^Attempts/ });
    await expect(attempts).toHaveAttribute('aria-sort', 'descending');

    await table.getByRole('button', { name: 'Attempts' }).click();
    await expect(page).toHaveURL(/[?&]sort=attempts&dir=asc(&|$)/);
    await expect(attempts).toHaveAttribute('aria-sort', 'ascending');
    await page.reload();
    await expect(attempts).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.getByRole('columnheader', { name: /^Source workload/ })).not.toHaveAttribute('aria-sort');

    const exported = await downloadJson<{ attempts: BlockedAttempt[] }>(page, 'Export JSON');
    const counts = exported.attempts.map((a) => a.attempts);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    await expect(table.locator('tbody tr td:nth-child(3)')).toHaveText(exported.attempts.map((a) => formatRate(Math.round(a.attempts))));

    await expectRovingRows(table);
  });

  test('/hosts: Host sorts A to Z first, back restores the previous sort, arrows move between rows', async ({ page, mesh }) => {
    await page.goto(`/hosts?window=1h&end=${mesh.origin + 80 * MIN}`);
    const table = page.getByRole('table', { name: 'External hosts' });
    const rate = table.getByRole('columnheader', { name: /^Rate/ });
    const host = table.getByRole('columnheader', { name: /^Host/ });
    await expect(rate).toHaveAttribute('aria-sort', 'descending');

    await table.getByRole('button', { name: 'Host' }).click();
    await expect(page).toHaveURL(/[?&]sort=host&dir=asc(&|$)/);
    await expect(host).toHaveAttribute('aria-sort', 'ascending');
    await expect(rate).not.toHaveAttribute('aria-sort');
    const exported = await downloadJson<{ hosts: ExternalHost[] }>(page, 'Export JSON');
    const names = exported.hosts.map((h) => h.host);
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    expect(names).toEqual([...names].sort(collator.compare));

    await page.goBack();
    await expect(rate).toHaveAttribute('aria-sort', 'descending');
    await expectRovingRows(table);
  });
});
