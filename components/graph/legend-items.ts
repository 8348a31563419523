import { PALETTE, type Theme } from './graph-styles';

type Colour = keyof (typeof PALETTE)[Theme];

/** How a legend entry is drawn: the same shapes on the page (legend.tsx) and in the PNG export (export-png.ts). */
export type LegendSwatch =
  | { readonly kind: 'workload' }
  | { readonly kind: 'gateway' }
  | { readonly kind: 'host'; readonly color: Colour; readonly border: 'solid' | 'dashed' | 'dotted' | 'filled' }
  | { readonly kind: 'split'; readonly colors: readonly Colour[] }
  | { readonly kind: 'line'; readonly color: Colour }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'width' };

export interface LegendItem {
  readonly swatch: LegendSwatch;
  readonly label: string;
}

/** Every shape, colour and width of the graph, explained once. */
export const LEGEND_ITEMS: readonly LegendItem[] = [
  { swatch: { kind: 'workload' }, label: 'workload (in its namespace box)' },
  { swatch: { kind: 'gateway' }, label: 'egress gateway, or ambient egress waypoint' },
  { swatch: { kind: 'host', color: 'registered', border: 'solid' }, label: 'registered host (a ServiceEntry covers it)' },
  { swatch: { kind: 'host', color: 'passthrough', border: 'dashed' }, label: 'passthrough host (unregistered, ALLOW_ANY)' },
  { swatch: { kind: 'host', color: 'blocked', border: 'filled' }, label: 'blocked host (unregistered, REGISTRY_ONLY)' },
  { swatch: { kind: 'split', colors: ['blocked', 'passthrough'] }, label: 'host with several statuses in the window: one slice each; each edge keeps its own colour' },
  { swatch: { kind: 'host', color: 'muted', border: 'dotted' }, label: 'TLS/TCP without a host in the metrics' },
  { swatch: { kind: 'host', color: 'muted', border: 'solid' }, label: '⊞ a namespace (n workloads) or a domain (n hosts) in one node: click to open' },
  { swatch: { kind: 'blocked' }, label: 'blocked traffic (red means blocked only)' },
  { swatch: { kind: 'line', color: 'http' }, label: 'HTTP/gRPC, healthy' },
  { swatch: { kind: 'line', color: 'degraded' }, label: 'degraded (any 5xx, or 4xx ≥ 10%)' },
  { swatch: { kind: 'line', color: 'failing' }, label: 'failing (5xx ≥ 10%, or 4xx ≥ 20%)' },
  { swatch: { kind: 'line', color: 'tcp' }, label: 'TCP (no health from metrics)' },
  { swatch: { kind: 'line', color: 'idle' }, label: 'idle (no traffic in the window)' },
  { swatch: { kind: 'width' }, label: 'line width: traffic, log scale (req/s; TCP: connections/s)' },
];
