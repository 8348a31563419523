import fs from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';

/** Page object for the promote review (/promote). */
export class PromotePage {
  readonly caution: Locator;
  readonly acknowledge: Locator;
  readonly evidence: Locator;
  readonly editor: Locator;
  readonly yaml: Locator;
  readonly copy: Locator;
  readonly download: Locator;
  readonly disabledReason: Locator;
  readonly kubectl: Locator;
  readonly merge: Locator;
  readonly range: Locator;

  constructor(readonly page: Page) {
    this.caution = page.getByRole('region', { name: /^Caution: the mesh blocked/ });
    this.acknowledge = page.getByRole('checkbox', { name: /I reviewed these attempts/ });
    this.evidence = page.getByRole('region', { name: 'Evidence' });
    this.editor = page.getByRole('region', { name: 'Generated resources' });
    this.yaml = this.editor.getByRole('textbox');
    this.copy = this.editor.getByRole('button', { name: 'Copy' });
    this.download = this.editor.getByRole('button', { name: /^Download/ });
    this.disabledReason = this.editor.getByTestId('export-disabled-reason');
    this.kubectl = this.editor.getByTestId('kubectl-hint');
    this.merge = page.getByRole('region', { name: 'Your edits and the new generation' });
    this.range = page.getByTestId('review-range');
  }

  async goto(query: string): Promise<void> {
    await this.page.goto(`/promote?${query}`);
  }

  /** An option of the form, by its label. */
  option(label: string): Locator {
    const options = this.page.getByRole('group', { name: 'Options' });
    // The resolution select's label also holds its options' text.
    return label === 'Resolution' ? options.getByRole('combobox', { name: 'Resolution' }) : options.getByLabel(label, { exact: true });
  }

  /** Clicks Download and returns the file with its text. */
  async downloadFile(): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.download.click()]);
    return { download, text: await fs.readFile((await download.path())!, 'utf8') };
  }
}
