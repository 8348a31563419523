import type { Locator, Page } from '@playwright/test';

export interface CyEdgeInfo {
  readonly id: string;
  readonly blocked: boolean;
  readonly status: string;
  readonly lineColor: string;
  readonly width: string;
  /** target-arrow-shape: 'tee' (a bar) on blocked edges. */
  readonly arrow: string;
  readonly classes: string[];
  /** Requests/s (HTTP, gRPC) or connections/s (TCP). */
  readonly rate: number | undefined;
}

export interface CyNodeInfo {
  readonly id: string;
  readonly kind: string;
  readonly classes: string[];
  readonly label: string;
}

/** Page object for the graph page; reads the drawn graph from the cytoscape instance the page exposes. */
export class GraphPage {
  readonly canvas: Locator;
  readonly details: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('graph-canvas');
    this.details = page.getByRole('complementary', { name: 'Details' });
    this.banner = page.getByTestId('backend-banner');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/${query ? `?${query}` : ''}`);
    await this.waitForGraph();
  }

  async waitForGraph(): Promise<void> {
    await this.page.waitForFunction(() => (window.__egressLens?.cy.edges().length ?? 0) > 0);
  }

  edges(): Promise<CyEdgeInfo[]> {
    return this.page.evaluate(() =>
      (window.__egressLens?.cy.edges() ?? []).map((e) => ({
        id: e.id(),
        blocked: e.data('blocked') as boolean,
        status: e.data('status') as string,
        lineColor: e.style('line-color') as string,
        width: e.style('width') as string,
        arrow: e.style('target-arrow-shape') as string,
        classes: e.classes() as unknown as string[],
        rate: e.data('rate') as number | undefined,
      })),
    );
  }

  nodes(): Promise<CyNodeInfo[]> {
    return this.page.evaluate(() =>
      (window.__egressLens?.cy.nodes() ?? []).map((n) => ({ id: n.id(), kind: n.data('kind') as string, classes: n.classes() as unknown as string[], label: n.data('label') as string })),
    );
  }

  /** The node the keyboard is on (cytoscape class key-focus), or null. */
  keyFocused(): Promise<string | null> {
    return this.page.evaluate(() => {
      const n = window.__egressLens?.cy.$('node.key-focus');
      return n && n.nonempty() ? n.id() : null;
    });
  }

  /** Whether a node is drawn inside the visible canvas. */
  isOnScreen(id: string): Promise<boolean> {
    return this.page.evaluate((nodeId) => {
      const cy = window.__egressLens?.cy;
      const n = cy?.getElementById(nodeId);
      if (!cy || !n || n.empty()) return false;
      const p = n.renderedPosition();
      return p.x >= 0 && p.y >= 0 && p.x <= cy.width() && p.y <= cy.height();
    }, id);
  }

  /** Clicks a node where cytoscape drew it. */
  async clickNode(id: string): Promise<void> {
    const pos = await this.page.evaluate((nodeId) => {
      const cy = window.__egressLens?.cy;
      const n = cy?.getElementById(nodeId);
      if (!cy || !n || n.empty()) return null;
      const p = n.renderedPosition();
      const box = cy.container()?.getBoundingClientRect();
      return box ? { x: box.left + p.x, y: box.top + p.y } : null;
    }, id);
    if (!pos) throw new Error(`node ${id} is not drawn`);
    await this.page.mouse.click(pos.x, pos.y);
  }
}
