import fs from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { DEMO_HOSTILE_BLOCKED, DEMO_HOSTILE_HOST, DEMO_HOSTILE_PASSTHROUGH } from '../../tools/demo';

/** Every hostile host of the demo, passthrough (legacy/cms-v1) or blocked (data/etl-worker). */
export const PASSTHROUGH_HOSTS = [DEMO_HOSTILE_HOST, ...DEMO_HOSTILE_PASSTHROUGH.map((h) => h.host)];
export const BLOCKED_HOSTS = DEMO_HOSTILE_BLOCKED.map((h) => h.host);
export const HOSTILE_HOSTS = [...new Set([...PASSTHROUGH_HOSTS, ...BLOCKED_HOSTS])];

/**
 * What must never reach the screen raw: C0 controls but LF (YAML and PromQL
 * blocks keep their lines), DEL, C1, bidi embeddings, overrides and isolates.
 */
const RAW_SOURCE = '[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]';

/** Records every dialog (alert, confirm, prompt): a hostile value that ran would open one. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  return dialogs;
}

export interface PageFindings {
  /** Elements the hostile markup would create: img[src=x], any on* handler attribute, an inline script that is not the framework's. */
  readonly injected: string[];
  /** Text nodes and shown attributes (title, aria-label, alt, placeholder) holding a raw control or bidi character. */
  readonly raw: string[];
  readonly scrollWidth: number;
  readonly clientWidth: number;
}

/** Scans the whole document for injected elements, raw control or bidi characters, and horizontal overflow. */
export function inspectPage(page: Page): Promise<PageFindings> {
  return page.evaluate((rawSource) => {
    const raw = new RegExp(rawSource);
    const injected: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') injected.push(el.outerHTML.slice(0, 120));
      for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) injected.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
      // Next.js inlines its flight data as `self.__next_f.push(...)` (JSON-escaped); anything else inline is not ours.
      if (el.tagName === 'SCRIPT' && !el.hasAttribute('src') && !/^\s*\(?self\.__next_[fs]/.test(el.textContent ?? '') && /alert\(|document\.domain/.test(el.textContent ?? '')) {
        injected.push(`script: ${(el.textContent ?? '').slice(0, 80)}`);
      }
    }
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement?.tagName;
      if (parent === 'SCRIPT' || parent === 'STYLE' || parent === 'TEXTAREA') continue;
      if (raw.test(n.nodeValue ?? '')) found.push(`text in <${parent}>: ${JSON.stringify((n.nodeValue ?? '').slice(0, 80))}`);
    }
    for (const el of Array.from(document.body.querySelectorAll('[title], [aria-label], [alt], [placeholder]'))) {
      for (const name of ['title', 'aria-label', 'alt', 'placeholder']) {
        const v = el.getAttribute(name);
        if (v !== null && raw.test(v)) found.push(`${name} of <${el.tagName}>: ${JSON.stringify(v.slice(0, 80))}`);
      }
    }
    const root = document.documentElement;
    return { injected, raw: found, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  }, RAW_SOURCE);
}

/** The page is safe to look at: nothing injected, nothing raw, no dialog, no horizontal page overflow. */
export async function expectSafePage(page: Page, dialogs: readonly string[]): Promise<void> {
  const f = await inspectPage(page);
  expect(f.injected, 'elements created from hostile markup').toEqual([]);
  expect(f.raw, 'raw control or bidi characters on screen').toEqual([]);
  expect(f.scrollWidth, 'horizontal page overflow').toBeLessThanOrEqual(f.clientWidth + 1);
  expect(dialogs, 'dialogs opened').toEqual([]);
}

/** The text of every <bdi> (LabelText) inside `scope`: how label values are shown. */
export function labelTexts(scope: Locator): Promise<string[]> {
  return scope.locator('bdi').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
}

/** The <bdi> showing exactly `text` inside `scope`, once it is rendered. */
export async function labelWithText(scope: Locator, text: string): Promise<Locator> {
  await expect.poll(() => labelTexts(scope), { message: `a label showing ${JSON.stringify(text.slice(0, 80))}` }).toContain(text);
  return scope.locator('bdi').nth((await labelTexts(scope)).indexOf(text));
}

/** Facts about the shown element of a label value: isolated, truncated by CSS, the whole value in title. */
export function labelFacts(label: Locator): Promise<{ text: string; title: string | null; unicodeBidi: string; textOverflow: string; truncated: boolean; width: number }> {
  return label.evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      text: el.textContent ?? '',
      title: el.getAttribute('title'),
      unicodeBidi: style.unicodeBidi,
      textOverflow: style.textOverflow,
      truncated: el.scrollWidth > el.clientWidth + 1,
      width: el.getBoundingClientRect().width,
    };
  });
}

/** Clicks a button that downloads, and returns the file's text (or bytes). */
export async function download(page: Page, button: Locator): Promise<{ download: Download; text: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await d.path();
  const bytes = await fs.readFile(path);
  return { download: d, text: bytes.toString('utf8'), bytes };
}
