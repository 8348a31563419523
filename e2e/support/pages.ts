import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';

/** A page that reads Prometheus, and what it shows once it has its data. */
export interface DataPage {
  readonly name: string;
  readonly path: string;
  loaded(page: Page): Locator;
}

/** Every page that reads Prometheus (the alert rules page does not: it only generates rules). */
export const DATA_PAGES: readonly DataPage[] = [
  { name: 'graph', path: '/?refresh=10s', loaded: (p) => p.getByTestId('graph-canvas') },
  { name: 'blocked', path: '/blocked', loaded: (p) => p.getByRole('table', { name: 'Blocked egress attempts' }) },
  { name: 'readiness', path: '/readiness', loaded: (p) => p.getByTestId('mesh-readiness') },
  { name: 'hosts', path: '/hosts', loaded: (p) => p.getByRole('table', { name: 'External hosts' }) },
  { name: 'promote', path: '/promote?host=pastebin.com', loaded: (p) => p.getByRole('region', { name: 'Evidence' }) },
];

/** Every API route that reads Prometheus (but /api/health), with what to send it. */
export const DATA_APIS: readonly { readonly path: string; readonly body?: unknown }[] = [
  { path: '/api/egress' },
  { path: '/api/graph' },
  { path: '/api/timeseries?kind=host&status=passthrough&host=pastebin.com' },
  { path: '/api/blocked' },
  { path: '/api/readiness' },
  { path: '/api/hosts' },
  { path: '/api/serviceentries', body: { hosts: ['pastebin.com'], acknowledgeBlocked: true } },
];

/** The error state every data page shares (components/ui/backend-state.tsx). */
/** Opens every page that reads Prometheus, each in its own tab of `context`. */
export function openDataPages(context: BrowserContext, appUrl: string): Promise<{ d: DataPage; page: Page }[]> {
  return Promise.all(
    DATA_PAGES.map(async (d) => {
      const page = await context.newPage();
      await page.goto(`${appUrl}${d.path}`);
      return { d, page };
    }),
  );
}

export function backendBanner(page: Page): Locator {
  return page.getByTestId('backend-banner');
}

/** The non-blocking notice of backend warnings. */
export function dataWarnings(page: Page): Locator {
  return page.getByTestId('data-warnings');
}

/**
 * Saves a screenshot when E2E_SCREENSHOT_DIR is set, to look at the error
 * states as a user sees them; does nothing otherwise.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
