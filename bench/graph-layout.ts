/**
 * Graph layout at a glance (issue 13): the layered layout (lib/graph/layout.ts)
 * against the old grid (lib/graph/layout-grid.ts, kept for this comparison),
 * on the demo mesh's graph and on synthetic meshes of 100, 500 and 2,000
 * workloads (namespaces of 10-40 workloads, hosts over 40 domains, some
 * blocked, an egress gateway). For the opening view: nodes and edges
 * visible, edge crossings (lib/graph/layout-crossings.ts), crossings per
 * edge, the smallest on-screen label size (fit zoom x label font, and the
 * zoom the app really opens with in Chromium), layout time, and data to
 * first paint in headless Chromium (Debian's): the app itself for the
 * layered layout, and a bare cytoscape page with the same stylesheet for
 * both layouts side by side.
 *   npm run build && npx tsx bench/graph-layout.ts [--screenshots DIR]
 *
 * `visible(graph)` is the graph the page shows at the opening view: the
 * levels of detail of lib/graph/detail.ts (namespace level above 60
 * workloads, hosts grouped by registrable domain above 40 destinations).
 * Both layouts are measured on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { graphStyles } from '../components/graph/graph-styles';
import { toElements } from '../components/graph/to-elements';
import { startNextApp } from '../tools/backends';
import { hostIdOf } from '../lib/egress/host-id';
import type { EgressStatus } from '../lib/egress/types';
import { OPENING_VIEWPORT, layoutBounds, layoutEgressGraph, type Position } from '../lib/graph/layout';
import { countCrossings, drawnEdge } from '../lib/graph/layout-crossings';
import { LABEL_FONT, fitViewport } from '../lib/graph/layout-geometry';
import { layoutEgressGridBaseline } from '../lib/graph/layout-grid';
import { visibleGraph } from '../lib/graph/detail';
import type { EgressEdge, EgressGraph, EgressNode } from '../lib/graph/model';
import { ROOT, median, ms, printTable, random } from './lib';

const RUNS = 3;
const BIG_GRAPH = 1500;

/** The graph the opening view shows: the page's levels of detail (namespace level, domain groups), nothing expanded, no focus. */
const visible = (graph: EgressGraph): EgressGraph => {
  const v = visibleGraph(graph, { expanded: [], expandedDomains: [], focus: null });
  return { ...graph, nodes: v.nodes, edges: v.edges };
};

const DOMAINS = ['amazonaws.com', 'googleapis.com', 'github.com', 'stripe.com', 'slack.com', 'datadoghq.com', 'sentry.io', 'pypi.org', 'npmjs.org', 'docker.io', 'openai.com', 'twilio.com', 'sendgrid.net', 'okta.com', 'auth0.com', 'cloudflare.com', 'azure.com', 'salesforce.com', 'hubspot.com', 'zendesk.com', 'atlassian.net', 'gitlab.com', 'bitbucket.org', 'mailgun.net', 'paypal.com', 'adyen.com', 'shopify.com', 'segment.io', 'mixpanel.com', 'newrelic.com', 'pagerduty.com', 'algolia.net', 'mapbox.com', 'here.com', 'fastly.net', 'akamai.net', 'example.net', 'example.org', 'partner.co.uk', 'evil.test'];

/** A mesh of `workloads` workloads in namespaces of 10-40, about 1.5 hosts per workload over 40 domains, ~2.5 edges per workload. */
export function syntheticMesh(workloads: number, seed = 13): EgressGraph {
  const rnd = random(seed + workloads);
  const nodes: EgressNode[] = [];
  const edges = new Map<string, EgressEdge>();
  const wls: EgressNode[] = [];
  for (let i = 0, n = 0; i < workloads; n++) {
    const size = Math.min(workloads - i, 10 + Math.floor(rnd() * 31));
    const ns = `team-${n}`;
    nodes.push({ id: `ns:${ns}`, kind: 'namespace', label: ns });
    for (let j = 0; j < size; j++, i++) {
      const name = `${['api', 'worker', 'sync', 'billing', 'search', 'ingest', 'report'][Math.floor(rnd() * 7)]}-${i}`;
      const w: EgressNode = { id: `wl:${ns}/${name}`, kind: 'workload', label: name, namespace: ns, workload: name, gateway: false, parent: `ns:${ns}` };
      wls.push(w);
      nodes.push(w);
    }
  }
  const gw: EgressNode = { id: 'wl:istio-system/istio-egressgateway', kind: 'workload', label: 'istio-egressgateway', namespace: 'istio-system', workload: 'istio-egressgateway', gateway: true, parent: 'ns:istio-system' };
  nodes.push({ id: 'ns:istio-system', kind: 'namespace', label: 'istio-system' }, gw);
  const hosts: { node: EgressNode; status: EgressStatus }[] = [];
  const hostCount = Math.round(workloads * 1.5);
  for (let i = 0; i < hostCount; i++) {
    const r = rnd();
    const status: EgressStatus = r < 0.08 ? 'blocked' : r < 0.4 ? 'registered' : 'passthrough';
    const h = `${['api', 'cdn', 'auth', 'hooks', 'storage'][i % 5]}${i}.${DOMAINS[Math.floor(rnd() * DOMAINS.length)]}`;
    const node: EgressNode = { id: `ext:${h}`, kind: 'host', label: h, host: h, hostId: hostIdOf(h), status, statuses: [status] };
    hosts.push({ node, status });
    nodes.push(node);
  }
  const add = (source: string, target: string, status: EgressStatus, viaGateway: boolean) => {
    const id = `${source}>${target}|http|${status}`;
    edges.set(id, { id, source, target, protocol: 'http', status, blocked: status === 'blocked', viaGateway, requestsPerSecond: 1, responses: { '200': 1 } });
  };
  // Each workload calls hosts near "its" part of the host list (teams share vendors), some registered ones via the gateway.
  wls.forEach((w, i) => {
    const calls = 1 + Math.floor(rnd() * 4);
    for (let c = 0; c < calls; c++) {
      const j = Math.floor((i / wls.length) * hostCount + (rnd() - 0.5) * hostCount * 0.3 + hostCount) % hostCount;
      const h = hosts[j]!;
      if (h.status === 'registered' && rnd() < 0.25) {
        add(w.id, gw.id, 'registered', true);
        add(gw.id, h.node.id, 'registered', false);
      } else add(w.id, h.node.id, h.status, false);
    }
  });
  // Every host is called by someone.
  hosts.forEach((h, j) => {
    if (![...edges.values()].some((e) => e.target === h.node.id)) add(wls[Math.floor((j / hostCount) * wls.length)]!.id, h.node.id, h.status, false);
  });
  return { end: new Date().toISOString(), window: '5m', nodes, edges: [...edges.values()], warnings: [], queries: { http: 'synthetic', tcp: 'synthetic' } };
}

/** The old page's opening fit (components/graph/egress-graph.tsx before issue 13): positions padded for labels under nodes. */
function gridFitZoom(positions: ReadonlyMap<string, Position>, view = OPENING_VIEWPORT): { zoom: number; pan: Position } {
  const xs = [...positions.values()].map((p) => p.x);
  const ys = [...positions.values()].map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs) - 80, Math.max(...xs) + 130, Math.min(...ys) - 50, Math.max(...ys) + 40];
  const zoom = Math.min(4, Math.max(0.05, Math.min((view.width - 80) / (maxX - minX), (view.height - 80) / (maxY - minY))));
  return { zoom, pan: { x: (view.width - zoom * (minX + maxX)) / 2, y: (view.height - zoom * (minY + maxY)) / 2 } };
}

interface Figures {
  nodes: number;
  edges: number;
  crossings: number;
  labelPx: number;
  layoutMs: number;
  elements: ReturnType<typeof toElements>;
  viewport: { zoom: number; pan: Position };
}

function figures(graph: EgressGraph, which: 'layered' | 'grid'): Figures {
  const placed = graph.nodes.filter((n) => n.kind !== 'namespace');
  const big = placed.length + graph.edges.length > BIG_GRAPH;
  const times: number[] = [];
  let result!: Omit<Figures, 'layoutMs' | 'nodes' | 'edges'>;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    if (which === 'layered') {
      const layout = layoutEgressGraph(graph.nodes, graph.edges);
      times.push(performance.now() - t);
      const viewport = fitViewport(layoutBounds(layout, layout.positions.keys())!, OPENING_VIEWPORT);
      const elements = toElements(graph.nodes, graph.edges, { positions: layout.positions, bends: big ? undefined : layout.bends, extents: layout.extents, sides: layout.sides, matches: new Set(), selected: null, edgeLabels: false, flatNamespaces: big });
      // Big graphs draw straight haystack edges: count crossings as drawn.
      const drawn = graph.edges.flatMap((e) => drawnEdge(e, layout.positions, big ? undefined : layout.bends) ?? []);
      result = { crossings: countCrossings(drawn), labelPx: viewport.zoom * LABEL_FONT, elements, viewport };
    } else {
      const positions = layoutEgressGridBaseline(graph.nodes);
      times.push(performance.now() - t);
      const viewport = gridFitZoom(positions);
      const elements = toElements(graph.nodes, graph.edges, { positions, matches: new Set(), selected: null, edgeLabels: false, flatNamespaces: big });
      result = { crossings: countCrossings(graph.edges.flatMap((e) => drawnEdge(e, positions) ?? [])), labelPx: viewport.zoom * 11, elements, viewport };
    }
    if (placed.length > 1000 && i >= 0) break;
  }
  return { ...result, nodes: placed.length, edges: graph.edges.length, layoutMs: median(times) };
}

/** Data to first paint of a bare cytoscape page (the app's stylesheet, preset positions, the opening viewport): creation, two frames. */
async function barePaintMs(browser: Browser, f: Figures, big: boolean): Promise<number> {
  const page = await browser.newPage({ viewport: { width: OPENING_VIEWPORT.width, height: OPENING_VIEWPORT.height } });
  try {
    await page.setContent(`<div id="cy" style="width:${OPENING_VIEWPORT.width}px;height:${OPENING_VIEWPORT.height}px"></div>`);
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules/cytoscape/dist/cytoscape.min.js') });
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await page.evaluate(
          async ({ elements, style, viewport, big }) => {
            const t0 = performance.now();
            const cy = (window as unknown as { cytoscape: typeof import('cytoscape') }).cytoscape({ container: document.getElementById('cy'), style, elements, layout: { name: 'preset' }, ...(big ? { hideEdgesOnViewport: true } : {}) });
            cy.viewport(viewport);
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            const t = performance.now() - t0;
            cy.destroy();
            return t;
          },
          { elements: f.elements, style: graphStyles('light', { big }), viewport: f.viewport, big },
        ),
      );
    }
    return median(runs);
  } finally {
    await page.close();
  }
}

/**
 * The app in Chromium at 1440x900 with the whole graph as /api/graph (the page
 * draws its levels of detail itself): data to first paint, until it holds the
 * `drawnEdges` edges of the opening view; the zoom it opens with; the canvas size.
 */
async function appPaint(browser: Browser, appUrl: string, graph: EgressGraph, drawnEdges: number, shot?: { file: string; theme: 'light' | 'dark' }): Promise<{ dataToPaintMs: number; openingLabelPx: number; canvas: string }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: shot?.theme ?? 'light' });
  const page = await context.newPage();
  try {
    const body = JSON.stringify(graph);
    await page.route('**/api/graph*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(appUrl);
    await page.waitForFunction((n) => (window.__egressLens?.cy.edges().length ?? 0) === n, drawnEdges, { timeout: 120_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const t = await page.evaluate(() => {
      const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/graph')) as PerformanceResourceTiming | undefined;
      const cy = window.__egressLens!.cy;
      return { now: performance.now(), apiEnd: api?.responseEnd ?? 0, zoom: cy.zoom(), w: cy.width(), h: cy.height() };
    });
    if (shot) await page.screenshot({ path: shot.file });
    return { dataToPaintMs: t.now - t.apiEnd, openingLabelPx: t.zoom * LABEL_FONT, canvas: `${t.w}x${t.h}` };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const shotsAt = process.argv.indexOf('--screenshots');
  const shots = shotsAt > 0 ? process.argv[shotsAt + 1] : undefined;
  if (shots) fs.mkdirSync(shots, { recursive: true });
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'testing/testdata/graph/demo-graph.golden.json'), 'utf8')) as EgressGraph;
  const cases: [string, EgressGraph][] = [
    ['demo mesh', demo],
    ['100 workloads', syntheticMesh(100)],
    ['500 workloads', syntheticMesh(500)],
    ['2,000 workloads', syntheticMesh(2000)],
  ];
  const app = await startNextApp({ root: ROOT, env: { PROMETHEUS_URL: 'http://127.0.0.1:9' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const rows: (string | number)[][] = [];
  try {
    for (const [name, full] of cases) {
      const graph = visible(full);
      const big = graph.nodes.length + graph.edges.length > BIG_GRAPH;
      const layered = figures(graph, 'layered');
      const grid = figures(graph, 'grid');
      const paints: number[] = [];
      let live = { dataToPaintMs: NaN, openingLabelPx: NaN, canvas: '' };
      for (let i = 0; i < RUNS; i++) {
        const shot = shots && i === 0 ? { file: path.join(shots, `${name.replace(/\W+/g, '-')}-light.png`), theme: 'light' as const } : undefined;
        live = await appPaint(browser, app.url, full, graph.edges.length, shot);
        paints.push(live.dataToPaintMs);
      }
      if (shots && name === 'demo mesh') await appPaint(browser, app.url, full, graph.edges.length, { file: path.join(shots, 'demo-mesh-dark.png'), theme: 'dark' });
      const bare = [await barePaintMs(browser, layered, big), await barePaintMs(browser, grid, big)];
      const per = (c: number) => (graph.edges.length > 0 ? (c / graph.edges.length).toFixed(2) : '0');
      const px = (x: number) => `${x.toFixed(1)}${x < 7 ? ' (hidden)' : ''}`;
      rows.push([
        name,
        `${layered.nodes} / ${layered.edges}`,
        `${layered.crossings} vs ${grid.crossings}`,
        `${per(layered.crossings)} vs ${per(grid.crossings)}`,
        `${px(layered.labelPx)} (app ${live.openingLabelPx.toFixed(1)}) vs ${px(grid.labelPx)}`,
        `${ms(layered.layoutMs)} vs ${ms(grid.layoutMs)}`,
        `${ms(median(paints))}`,
        `${ms(bare[0]!)} vs ${ms(bare[1]!)}`,
      ]);
      console.error(`${name}: done (canvas ${live.canvas})`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  printTable(
    `Graph layout, layered vs the old grid, opening view at 1440x900 (canvas ${OPENING_VIEWPORT.width}x${OPENING_VIEWPORT.height}); Chromium figures median of ${RUNS}`,
    ['graph', 'nodes / edges visible', 'edge crossings', 'crossings per edge', 'smallest label px', 'layout ms', 'app: data to first paint ms', 'bare cytoscape: data to first paint ms'],
    rows,
  );
}

if (require.main === module) void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
