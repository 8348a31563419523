import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { toLocalInput } from '../../lib/view/time-text';

/** Every page of the app: where it is, its name in the navigation, its heading, and whether it reads Prometheus. */
export const APP_PAGES = [
  { id: 'graph', path: '/', nav: 'Graph', heading: 'Egress graph', readsPrometheus: true },
  { id: 'blocked', path: '/blocked', nav: 'Blocked egress', heading: 'Blocked egress attempts', readsPrometheus: true },
  { id: 'readiness', path: '/readiness', nav: 'Readiness', heading: 'REGISTRY_ONLY readiness', readsPrometheus: true },
  { id: 'hosts', path: '/hosts', nav: 'External hosts', heading: 'External hosts', readsPrometheus: true },
  { id: 'alerts', path: '/alerts', nav: 'Alert rules', heading: 'Egress alerting rules', readsPrometheus: false },
  { id: 'promote', path: '/promote?host=pastebin.com', nav: 'Promote to ServiceEntry', heading: 'Promote to ServiceEntry: pastebin.com', readsPrometheus: true },
] as const;

export type AppPage = (typeof APP_PAGES)[number];

/** Page object for what every page shares: the app header and the time controls. */
export class AppShell {
  readonly header: Locator;
  readonly nav: Locator;
  readonly menu: Locator;
  readonly timeRange: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.nav = page.getByRole('navigation', { name: 'Pages' });
    this.menu = page.getByRole('button', { name: 'Menu' });
    this.timeRange = page.getByRole('group', { name: 'Time range' });
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  /** Follows a link of the navigation, opening the menu first on a narrow screen. */
  async follow(name: string): Promise<void> {
    if (await this.menu.isVisible()) await this.menu.click();
    await this.navLink(name).click();
  }

  /** The range the time controls show, as the URL would carry it. */
  async shownRange(): Promise<{ window: string; end: string | null; namespaces: string }> {
    const live = await this.timeRange.getByRole('checkbox', { name: 'Live' }).isChecked();
    return {
      window: await this.timeRange.getByLabel('Window').inputValue(),
      end: live ? null : await this.timeRange.getByLabel('End time').inputValue(),
      namespaces: ((await this.timeRange.getByLabel('Namespaces').textContent()) ?? '').trim(),
    };
  }

  /** Expects the time controls to show `window`, the end time `end` (unix seconds) and the namespaces. */
  async expectRange(window: string, end: number, namespaces: string): Promise<void> {
    await expect(this.timeRange.getByLabel('Window')).toHaveValue(window);
    await expect(this.timeRange.getByRole('checkbox', { name: 'Live' })).not.toBeChecked();
    await expect(this.timeRange.getByLabel('End time')).toHaveValue(toLocalInput(end));
    await expect(this.timeRange.getByLabel('Namespaces')).toHaveText(`Namespaces: ${namespaces}`);
  }
}

/** The range parameters of the page's URL. */
export function urlRange(page: Page): { window: string | null; end: string | null; ns: string[] } {
  const p = new URL(page.url()).searchParams;
  return { window: p.get('window'), end: p.get('end'), ns: p.getAll('ns') };
}

/** Whether anything on the page scrolls sideways. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Saves a full-page screenshot under test-results/screens (or E2E_SCREENSHOT_DIR), to look at. */
export async function saveScreen(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR ?? path.join(__dirname, '..', '..', 'test-results', 'screens');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
