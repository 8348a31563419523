/**
 * Browser rendering of the graph page at mesh scale: a synthetic /api/graph
 * answer (N workloads in N/10 namespaces, H hosts, E edges) served to the
 * built app in headless Chromium (Debian's). Measures first paint of the
 * graph (until cytoscape holds every edge, plus two frames) from navigation
 * and from the arrival of the data, the element sync (User Timing mark of
 * components/graph/egress-graph.tsx), and the longest main-thread task after
 * first paint while zooming and panning.
 * Each graph twice: the opening view (the page's levels of detail and edge
 * budget) and everything drawn (every namespace and domain expanded, every
 * edge: the renderer's own limit).
 *   npm run build && npx tsx bench/graph-render.ts
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startNextApp } from '../tools/backends';
import type { EgressGraph, EgressNode, EgressEdge } from '../lib/graph/model';
import { hostIdOf } from '../lib/egress/host-id';
import { visibleGraph } from '../lib/graph/detail';

const ROOT = path.resolve(__dirname, '..');
const RUNS = 3;

function syntheticGraph(workloads: number, hosts: number, edges: number): EgressGraph {
  const nodes: EgressNode[] = [];
  const nsCount = Math.max(1, Math.round(workloads / 10));
  for (let i = 0; i < nsCount; i++) nodes.push({ id: `ns:ns-${i}`, kind: 'namespace', label: `ns-${i}` });
  const wl: string[] = [];
  for (let i = 0; i < workloads; i++) {
    const ns = `ns-${i % nsCount}`;
    const id = `wl:${ns}/app-${i}`;
    wl.push(id);
    nodes.push({ id, kind: 'workload', label: `app-${i}`, namespace: ns, workload: `app-${i}`, gateway: false, parent: `ns:${ns}` });
  }
  const statuses = ['passthrough', 'registered', 'blocked'] as const;
  for (let i = 0; i < hosts; i++) {
    const status = statuses[i % 10 === 0 ? 2 : i % 2]!;
    nodes.push({ id: `ext:h${i}.example.com`, kind: 'host', label: `h${i}.example.com`, host: `h${i}.example.com`, hostId: hostIdOf(`h${i}.example.com`), status, statuses: [status] });
  }
  // Exactly `edges` distinct workload -> host edges, spread deterministically.
  const out = new Map<string, EgressEdge>();
  for (let j = 0; out.size < edges && j < edges * 10; j++) {
    const source = wl[j % workloads]!;
    const h = (j * 7919 + Math.floor(j / workloads) * 104729) % hosts;
    const status = statuses[h % 10 === 0 ? 2 : h % 2]!;
    const id = `${source}>ext:h${h}.example.com|http|${status}`;
    out.set(id, {
      id,
      source,
      target: `ext:h${h}.example.com`,
      protocol: 'http',
      status,
      blocked: status === 'blocked',
      viaGateway: false,
      requestsPerSecond: 1,
      responses: { '200': 1 },
      errorRatio: 0,
      health: 'healthy',
    });
  }
  const unique = [...out.values()];
  return { end: new Date().toISOString(), window: '5m', nodes, edges: unique, warnings: [], queries: { http: 'synthetic', tcp: 'synthetic' } };
}

async function measure(appUrl: string, graph: EgressGraph, query: string, edgeCount: number): Promise<{ firstPaintMs: number; dataToPaintMs: number; syncMs: number; longestTaskMs: number }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const body = JSON.stringify(graph);
    await page.route('**/api/graph*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await page.goto(`${appUrl}/${query}`);
    await page.waitForFunction((n) => (window.__egressLens?.cy.edges().length ?? 0) === n, edgeCount, { timeout: 120_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const firstPaintMs = Date.now() - t0;
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    // Interact: zoom in and out and pan, as a user would.
    const box = await page.getByTestId('graph-canvas').boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -300);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 100, { steps: 10 });
      await page.mouse.up();
      for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 300);
      await page.waitForTimeout(500);
    }
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const phases = await page.evaluate(() => {
      const api = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/graph')) as PerformanceResourceTiming | undefined;
      const sync = performance.getEntriesByName('egress-graph:sync')[0];
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { domContentLoaded: nav?.domContentLoadedEventEnd ?? 0, apiStart: api?.startTime ?? 0, apiEnd: api?.responseEnd ?? 0, syncStart: sync?.startTime ?? 0, syncMs: sync?.duration ?? 0 };
    });
    return { firstPaintMs, dataToPaintMs: firstPaintMs - phases.apiEnd, syncMs: phases.syncMs, longestTaskMs: Math.max(0, ...tasks) };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const app = await startNextApp({ root: ROOT, env: { PROMETHEUS_URL: 'http://127.0.0.1:9' } });
  try {
    console.log(`Graph page in headless Chromium, synthetic /api/graph, median of ${RUNS}`);
    console.log('| workloads | hosts | edges | view | nodes / edges drawn | navigation to first paint ms | data to first paint ms | element sync ms | longest task after paint ms |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const [w, h, e] of [
      [300, 700, 3000],
      [1000, 4000, 5000],
    ] as const) {
      const graph = syntheticGraph(w, h, e);
      // The opening view (levels of detail, edge budget), and everything drawn: every namespace and domain expanded, every edge.
      const namespaces = [...new Set(graph.nodes.flatMap((n) => (n.kind === 'workload' ? [n.namespace] : [])))];
      const opening = visibleGraph(graph, { expanded: [], expandedDomains: [], focus: null });
      const all = new URLSearchParams({ ex: namespaces.join(','), gx: 'example.com', edges: 'all' });
      for (const [view, query, drawn] of [
        ['opening', '', opening],
        ['everything', `?${all}`, visibleGraph(graph, { expanded: namespaces, expandedDomains: ['example.com'], focus: null, allEdges: true })],
      ] as const) {
        const results: Awaited<ReturnType<typeof measure>>[] = [];
        for (let i = 0; i < RUNS; i++) results.push(await measure(app.url, graph, query, drawn.edges.length));
        const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
        const m = (pick: (r: (typeof results)[number]) => number) => med(results.map(pick)).toFixed(0);
        const nodes = drawn.nodes.filter((n) => n.kind !== 'namespace').length;
        console.log(`| ${w} | ${h} | ${graph.edges.length} | ${view} | ${nodes} / ${drawn.edges.length} | ${m((r) => r.firstPaintMs)} | ${m((r) => r.dataToPaintMs)} | ${m((r) => r.syncMs)} | ${m((r) => r.longestTaskMs)} |`);
      }
    }
  } finally {
    await app.stop();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
