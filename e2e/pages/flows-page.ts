import type { Locator, Page } from '@playwright/test';

/** Page object for the flows page. */
export class FlowsPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Egress flows' });
    this.rows = this.table.locator('tbody tr');
    this.status = page.getByRole('status', { name: 'Prometheus status' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/?view=table');
  }

  rowsWithStatus(status: 'passthrough' | 'blocked' | 'registered'): Locator {
    return this.table.locator(`tbody tr[data-status="${status}"]`);
  }
}
