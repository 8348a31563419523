import type { StylesheetJson } from 'cytoscape';
import { STATUSES_BY_SEVERITY } from '@/lib/egress/types';
import { CANVAS_LABEL_MAX, LABEL_CHAR, LABEL_FONT, LABEL_GAP, NAMESPACE_PAD } from '@/lib/graph/layout-geometry';

export type Theme = 'light' | 'dark';

/** Colours of the graph, per theme. Red is reserved for blocked traffic. */
export const PALETTE = {
  light: {
    text: '#0f172a',
    muted: '#64748b',
    nsFill: '#f1f5f9',
    nsBorder: '#cbd5e1',
    workload: '#e0e7ff',
    workloadBorder: '#4f46e5',
    registered: '#059669',
    passthrough: '#d97706',
    blocked: '#dc2626',
    hostFill: '#ffffff',
    http: '#475569',
    tcp: '#2563eb',
    degraded: '#f59e0b',
    failing: '#ea580c',
    idle: '#cbd5e1',
    match: '#7c3aed',
    keyFocus: '#0284c7',
  },
  dark: {
    text: '#e2e8f0',
    muted: '#94a3b8',
    nsFill: '#1e293b',
    nsBorder: '#334155',
    workload: '#312e81',
    workloadBorder: '#818cf8',
    registered: '#34d399',
    passthrough: '#fbbf24',
    blocked: '#f87171',
    hostFill: '#0f172a',
    http: '#94a3b8',
    tcp: '#60a5fa',
    degraded: '#fbbf24',
    failing: '#fb923c',
    idle: '#475569',
    match: '#a78bfa',
    keyFocus: '#38bdf8',
  },
} as const;

/** Namespace boxes per cluster (cluster-0..3, to-elements.ts), when the graph has several: slate, sky, stone, lime (not red, amber, green or violet, which mean status and find). */
export const CLUSTER_PALETTE = {
  light: { fill: ['#f1f5f9', '#e0f2fe', '#f5f5f4', '#f7fee7'], border: ['#94a3b8', '#38bdf8', '#a8a29e', '#a3e635'] },
  dark: { fill: ['#1e293b', '#0c2a3f', '#292524', '#1a2e05'], border: ['#64748b', '#0ea5e9', '#78716c', '#65a30d'] },
} as const;

/**
 * Semantic zoom: above this many drawn nodes, node labels appear only once
 * zoomed in far enough to read them (and on hover, with the tooltip); at or
 * below it every label is drawn at any zoom.
 */
export const LABELS_ON_ZOOM_NODES = 80;

/** Smallest on-screen font size of a node label in a graph above LABELS_ON_ZOOM_NODES; smaller labels are not drawn. */
export const ZOOMED_LABEL_MIN_PX = 9;

/** The label mode for a graph of `nodeCount` drawn nodes (namespace boxes not counted). */
export function labelMode(nodeCount: number): 'always' | 'zoom' {
  return nodeCount > LABELS_ON_ZOOM_NODES ? 'zoom' : 'always';
}

export interface GraphStyleOptions {
  /** Cheaper drawing for thousands of elements. */
  readonly big?: boolean;
  /** 'zoom': labels only once readable (big graphs); 'always': every label at every zoom. */
  readonly labels?: 'always' | 'zoom';
}

const STATUSES = STATUSES_BY_SEVERITY;

/** Pie slices of a node with several statuses (to-elements.ts statusClasses): one equal slice per status, in the status colour. */
function statusSlices(c: (typeof PALETTE)[Theme]): StylesheetJson {
  const rules: StylesheetJson = [
    { selector: 'node.multi-status', style: { 'background-color': c.hostFill, 'pie-size': '100%', 'border-style': 'solid' } },
    { selector: 'node.statuses-2', style: { 'pie-1-background-size': 50, 'pie-2-background-size': 50 } },
    { selector: 'node.statuses-3', style: { 'pie-1-background-size': 33.4, 'pie-2-background-size': 33.3, 'pie-3-background-size': 33.3 } },
  ];
  for (const i of [1, 2, 3] as const) {
    for (const s of STATUSES) rules.push({ selector: `node.pie${i}-${s}`, style: { [`pie-${i}-background-color`]: c[s] } });
  }
  return rules;
}

/** Aggregate labels add ' · N workloads ⊞' to a name cut to CANVAS_LABEL_MAX (lib/graph/layout-geometry.ts canvasLabel). */
const AGGREGATE_LABEL_WIDTH = `${Math.ceil((CANVAS_LABEL_MAX + 18) * LABEL_CHAR)}px`;

/** The cytoscape stylesheet: selectors on data fields and classes only. Big graphs get straight haystack edges. */
export function graphStyles(theme: Theme, opts: GraphStyleOptions = {}): StylesheetJson {
  const c = PALETTE[theme];
  const tints = CLUSTER_PALETTE[theme];
  const big: StylesheetJson = opts.big
    ? [
        { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } },
        // Ellipsis measures each label character by character: too slow for thousands of nodes.
        { selector: 'node', style: { 'text-wrap': 'none' } },
        // Haystack edges have no arrows; blocked edges keep their end bar.
        { selector: 'edge.blocked', style: { 'curve-style': 'straight' } },
        // Namespaces are plain boxes behind their workloads (to-elements.ts,
        // flatNamespaces), drawn below everything else.
        { selector: 'node.namespace.flat', style: { 'z-compound-depth': 'bottom', width: 'data(w)', height: 'data(h)', padding: '0px', events: 'no' } },
      ]
    : [];
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: c.text,
        'font-size': LABEL_FONT,
        'text-wrap': 'ellipsis',
        'text-max-width': `${Math.ceil(CANVAS_LABEL_MAX * LABEL_CHAR)}px`,
        'text-valign': 'bottom',
        'text-margin-y': LABEL_GAP,
        'min-zoomed-font-size': opts.labels === 'zoom' ? ZOOMED_LABEL_MIN_PX : 0,
      },
    },
    // Labels beside their nodes (lib/graph/layout.ts): left of sources, right of destinations, so rows stay tight.
    { selector: 'node.label-left', style: { 'text-halign': 'left', 'text-valign': 'center', 'text-margin-x': -LABEL_GAP, 'text-margin-y': 0 } },
    { selector: 'node.label-right', style: { 'text-halign': 'right', 'text-valign': 'center', 'text-margin-x': LABEL_GAP, 'text-margin-y': 0 } },
    {
      selector: 'node.namespace',
      style: {
        shape: 'round-rectangle',
        'background-color': c.nsFill,
        'border-color': c.nsBorder,
        'border-width': 1,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -2,
        'font-weight': 'bold',
        padding: `${NAMESPACE_PAD}px`,
      },
    },
    // Several clusters: each cluster's namespace boxes and groups in a tint of their own, so the clusters read apart.
    ...tints.fill.map((fill, i): StylesheetJson[number] => ({ selector: `node.namespace.cluster-${i}`, style: { 'background-color': fill, 'border-color': tints.border[i] ?? c.nsBorder, 'border-width': 1.5 } })),
    ...tints.border.map((border, i): StylesheetJson[number] => ({ selector: `node.namespace-group.cluster-${i}`, style: { 'underlay-color': border, 'underlay-opacity': 0.4, 'underlay-padding': 4, 'underlay-shape': 'round-rectangle' } })),
    // Sizes match nodeSize() in lib/graph/layout-geometry.ts, which the layout spaces rows by.
    { selector: 'node.workload', style: { shape: 'ellipse', width: 12, height: 12, 'background-color': c.workload, 'border-color': c.workloadBorder, 'border-width': 2 } },
    {
      selector: 'node.gateway',
      style: { shape: 'hexagon', width: 20, height: 18, 'border-width': 2.5, 'text-wrap': 'wrap', 'font-weight': 'bold' },
    },
    {
      selector: 'node.host, node.unattributed, node.other-hosts',
      style: { shape: 'round-rectangle', width: 16, height: 12, 'background-color': c.hostFill, 'border-width': 2 },
    },
    { selector: 'node[status = "registered"]', style: { 'border-color': c.registered, 'border-style': 'solid' } },
    { selector: 'node[status = "passthrough"]', style: { 'border-color': c.passthrough, 'border-style': 'dashed' } },
    { selector: 'node[status = "blocked"]', style: { 'border-color': c.blocked, 'background-color': c.blocked, 'border-style': 'solid' } },
    ...statusSlices(c),
    { selector: 'node.unattributed', style: { shape: 'tag', width: 18 } },
    { selector: 'node.other-hosts', style: { shape: 'barrel', width: 18 } },
    // Aggregates (lib/graph/detail.ts): double-bordered; sizes as lib/graph/layout-geometry.ts nodeSize.
    {
      selector: 'node.namespace-group',
      style: { shape: 'round-rectangle', width: 22, height: 16, 'background-color': c.workload, 'border-color': c.workloadBorder, 'border-width': 3, 'border-style': 'double', 'font-weight': 'bold', 'text-max-width': AGGREGATE_LABEL_WIDTH },
    },
    { selector: 'node.host-group', style: { shape: 'round-rectangle', width: 22, height: 16, 'background-color': c.hostFill, 'border-width': 3, 'text-max-width': AGGREGATE_LABEL_WIDTH } },
    { selector: 'node.namespace[?collapsible]', style: { 'text-events': 'yes' } },
    {
      selector: 'edge',
      style: {
        // Traffic as width, on a log scale (lib/graph/edge-width.ts); colour keeps meaning status and health.
        width: 'data(width)',
        'curve-style': 'bezier',
        'line-color': c.http,
        'target-arrow-color': c.http,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
      },
    },
    // Routed edges run through the layout's bend points: out of a node and into the next horizontally, round the gateway column.
    { selector: 'edge.routed', style: { 'curve-style': 'round-segments', 'segment-weights': 'data(sw)', 'segment-distances': 'data(sd)', 'segment-radii': [6], 'edge-distances': 'node-position' } },
    { selector: 'edge.tcp', style: { 'line-color': c.tcp, 'target-arrow-color': c.tcp } },
    { selector: 'edge.health-degraded', style: { 'line-color': c.degraded, 'target-arrow-color': c.degraded } },
    { selector: 'edge.health-failing', style: { 'line-color': c.failing, 'target-arrow-color': c.failing } },
    { selector: 'edge.health-idle', style: { 'line-color': c.idle, 'target-arrow-color': c.idle } },
    // Blocked: red with a bar at the end ("tee"): the mesh dropped this traffic. Never thinner than 3 px (edge-width.ts).
    { selector: 'edge.blocked', style: { 'line-color': c.blocked, 'target-arrow-color': c.blocked, 'target-arrow-shape': 'tee', 'z-index': 10 } },
    ...big,
    // Label styles only where labels are on: every property costs cytoscape work per element.
    {
      selector: 'edge.labelled',
      style: {
        label: 'data(label)',
        'font-size': 9,
        color: c.muted,
        'text-background-color': theme === 'light' ? '#ffffff' : '#0f172a',
        'text-background-opacity': 0.8,
        'min-zoomed-font-size': 8,
      },
    },
    { selector: '.dimmed', style: { opacity: 0.2 } },
    // The node under the pointer: its name is drawn at any zoom, on a backdrop (semantic zoom hides the others).
    {
      selector: 'node.hovered',
      style: { 'min-zoomed-font-size': 0, 'text-background-color': theme === 'light' ? '#ffffff' : '#0f172a', 'text-background-opacity': 0.9, 'z-index': 20 },
    },
    { selector: 'node.match', style: { 'underlay-color': c.match, 'underlay-opacity': 0.35, 'underlay-padding': 8, 'font-weight': 'bold' } },
    { selector: '.selected', style: { 'overlay-color': c.match, 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    // The keyboard's node: a ring like the browser's focus ring, apart from the selection's tint and the find box's glow.
    // Its name is drawn even zoomed out, on a backdrop; use-graph-keyboard.ts keeps ring and label at one screen size.
    {
      selector: 'node.key-focus',
      style: {
        'outline-width': 3,
        'outline-color': c.keyFocus,
        'outline-offset': 3,
        'outline-opacity': 1,
        'underlay-color': c.keyFocus,
        'underlay-opacity': 0.3,
        'underlay-padding': 9,
        'font-weight': 'bold',
        'min-zoomed-font-size': 0,
        'text-background-color': theme === 'light' ? '#ffffff' : '#0f172a',
        'text-background-opacity': 0.9,
        'z-index': 20,
      },
    },
  ];
}
