'use client';

import cytoscape, { type Core } from 'cytoscape';
import { useEffect, useId, useImperativeHandle, useRef, type Ref } from 'react';
import { layoutEgressGraph, type EgressLayout } from '@/lib/graph/layout';
import type { EgressEdge, EgressNode } from '../api-types';
import { applyElements, claimCytoscapeStylesheet, fitToPositions, onLabel, updateElements } from './cy-elements';
import { composeExportPng } from './export-png';
import { wireHover, type DrawnGraph } from './graph-hover';
import { GraphTooltip, type GraphTooltipHandle } from './graph-tooltip';
import { graphStyles, labelMode, PALETTE, type Theme } from './graph-styles';
import { toElements } from './to-elements';
import { useGraphKeyboard } from './use-graph-keyboard';

/**
 * Above this many elements, draw cheaper: straight "haystack" edges, and
 * edges hidden and the canvas cached while panning or zooming. (Cytoscape's
 * WebGL renderer measured 2-3x slower than canvas in headless Chromium without
 * a GPU, see docs/PERFORMANCE.md, so the canvas renderer stays.)
 */
const BIG_GRAPH = 1500;

export interface EgressGraphHandle {
  fit(): void;
  zoom(factor: number): void;
  /** Recomputes every position from scratch. */
  relayout(): void;
  /** The whole graph as a PNG data URL, with the caption lines and the legend drawn under it. */
  png(caption: readonly string[]): Promise<string | null>;
}

export interface EgressGraphProps {
  readonly nodes: readonly EgressNode[];
  readonly edges: readonly EgressEdge[];
  /** All nodes and edges of the unfiltered graph: positions come from them, so filters never move anything. */
  readonly layoutNodes: readonly EgressNode[];
  readonly layoutEdges: readonly EgressEdge[];
  readonly matches: ReadonlySet<string>;
  readonly selected: string | null;
  readonly edgeLabels: boolean;
  readonly theme: Theme;
  /** When this changes (the status or namespace filter), the view re-fits to what is drawn; positions stay. */
  readonly refitKey?: string;
  readonly onSelect: (id: string | null) => void;
  /** Namespace box ids whose label collapses them (onSelect is called with the box id). */
  readonly collapsible?: ReadonlySet<string>;
  /** When this changes the view is fitted again (focus entered or left, levels of detail changed). */
  readonly fitKey?: string;
  readonly ref?: Ref<EgressGraphHandle>;
}

declare global {
  interface Window {
    /** The cytoscape instance, for end-to-end tests and debugging. */
    __egressLens?: { cy: Core };
  }
}

const EMPTY_LAYOUT: EgressLayout = { positions: new Map(), extents: new Map(), sides: new Map(), bends: new Map() };

/** The cytoscape host: one instance per mount, elements synced in batches, layout only for new nodes. */
export function EgressGraph({ nodes, edges, layoutNodes, layoutEdges, matches, selected, edgeLabels, theme, refitKey = '', onSelect, collapsible, fitKey, ref }: EgressGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const layoutRef = useRef<EgressLayout>(EMPTY_LAYOUT);
  const onSelectRef = useRef(onSelect);
  const fittedRef = useRef(false);
  const layoutFitKeyRef = useRef<string | undefined>(undefined);
  const bigRef = useRef(false);
  const refitKeyRef = useRef(refitKey);
  const tooltipRef = useRef<GraphTooltipHandle>(null);
  const hoveredRef = useRef<string | null>(null);
  // The drawn graph, for tooltips (read in cytoscape's event handlers).
  const drawnRef = useRef<DrawnGraph>({ nodes: new Map(), edges: new Map(), all: edges });
  // Semantic zoom: big graphs draw node labels only once zoomed in (graph-styles.ts).
  const labels = labelMode(nodes.filter((n) => n.kind !== 'namespace').length);
  // The stylesheet cytoscape has: restyled only when the theme or the label mode changes.
  const styledRef = useRef<{ theme: Theme; labels: 'always' | 'zoom' } | null>(null);
  const keyboard = useGraphKeyboard({ cyRef, nodes, edges, selected, onSelect });
  const keysId = useId();

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    drawnRef.current = { nodes: new Map(nodes.map((n) => [n.id, n])), edges: new Map(edges.map((e) => [e.id, e])), all: edges };
  }, [nodes, edges]);

  // Layout of the full graph; recomputed only when its node or edge set changes (not on rate
  // changes). Nodes seen before keep their order: the previous positions go in.
  const layoutKey = `${layoutNodes.map((n) => n.id).join('\n')}\n\n${layoutEdges.map((e) => e.id).join('\n')}`;
  useEffect(() => {
    // A new focus or level of detail is laid out afresh; otherwise nodes seen before keep their order.
    const fresh = layoutFitKeyRef.current !== fitKey;
    layoutFitKeyRef.current = fitKey;
    const previous = layoutRef.current.positions;
    layoutRef.current = layoutEgressGraph(layoutNodes, layoutEdges, !fresh && previous.size > 0 ? previous : undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the node and edge sets (and the picture), not the array identities
  }, [layoutKey, fitKey]);

  // A new focus or level of detail is a new picture: fit it once its elements are in (declared before the sync below, so it runs first).
  useEffect(() => {
    fittedRef.current = false;
  }, [fitKey]);

  // Create cytoscape once the first data arrives (the renderer depends on the size), destroy on unmount.
  const hasData = nodes.length > 0;
  useEffect(() => {
    if (!container.current || cyRef.current || !hasData) return;
    const big = nodes.length + edges.length > BIG_GRAPH;
    claimCytoscapeStylesheet();
    const cy = cytoscape({
      container: container.current,
      style: graphStyles(theme, { big, labels }),
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      ...(big ? { hideEdgesOnViewport: true } : {}),
    });
    if (big) cy.container()?.setAttribute('data-big-graph', 'true');
    bigRef.current = big;
    cy.on('tap', (evt) => {
      if (evt.target === cy) onSelectRef.current(null);
    });
    cy.on('tap', 'node, edge', (evt) => {
      const target = evt.target as cytoscape.SingularElementReturnValue;
      if (target.data('kind') !== 'namespace') onSelectRef.current(target.id());
      else if (target.data('collapsible') && onLabel(target, evt.position)) onSelectRef.current(target.id());
    });
    styledRef.current = { theme, labels };
    wireHover(cy, drawnRef, tooltipRef, hoveredRef);
    cyRef.current = cy;
    window.__egressLens = { cy };
    return () => {
      cy.destroy();
      cyRef.current = null;
      fittedRef.current = false;
      if (window.__egressLens?.cy === cy) delete window.__egressLens;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once; later changes are synced below
  }, [hasData]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    // Skipped right after creation: cytoscape already has this stylesheet.
    if (styledRef.current?.theme === theme && styledRef.current.labels === labels) return;
    styledRef.current = { theme, labels };
    cy.style(graphStyles(theme, { big: bigRef.current, labels }));
  }, [theme, labels]);

  // Sync elements: add new ones at their layout position, update the rest in place, remove the gone.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    // User Timing marks, read by bench/graph-render.ts.
    performance.mark('egress-graph:sync-start');
    const layout = layoutRef.current;
    // Big graphs draw straight haystack edges: no bend points to parse.
    const defs = toElements(nodes, edges, { positions: layout.positions, bends: bigRef.current ? undefined : layout.bends, extents: layout.extents, sides: layout.sides, matches, selected, edgeLabels, flatNamespaces: bigRef.current, ...(collapsible ? { collapsible } : {}) });
    applyElements(cy, defs, { focused: keyboard.focusedRef.current, hovered: hoveredRef.current });
    // First data, a new picture (fitKey), or a status or namespace filter changed what is drawn (refitKey): fit the view to it.
    if ((!fittedRef.current || refitKeyRef.current !== refitKey) && cy.nodes().nonempty()) {
      fitToPositions(cy, layout);
      fittedRef.current = true;
      refitKeyRef.current = refitKey;
    }
    performance.measure('egress-graph:sync', 'egress-graph:sync-start');
  }, [nodes, edges, matches, selected, edgeLabels, hasData, keyboard.focusedRef, collapsible, fitKey, refitKey]);

  useImperativeHandle(
    ref,
    () => ({
      fit: () => {
        if (cyRef.current) fitToPositions(cyRef.current, layoutRef.current);
      },
      zoom: (factor) => {
        const cy = cyRef.current;
        if (!cy) return;
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      },
      relayout: () => {
        const cy = cyRef.current;
        if (!cy) return;
        const layout = layoutEgressGraph(layoutNodes, layoutEdges);
        layoutRef.current = layout;
        // Big graphs draw straight haystack edges: no bend points to parse.
        const defs = toElements(nodes, edges, { positions: layout.positions, bends: bigRef.current ? undefined : layout.bends, extents: layout.extents, sides: layout.sides, matches, selected, edgeLabels, flatNamespaces: bigRef.current, ...(collapsible ? { collapsible } : {}) });
        updateElements(cy, defs);
        fitToPositions(cy, layout);
      },
      png: async (caption) => {
        const bare = cyRef.current?.png({ full: true, scale: 2, bg: theme === 'dark' ? '#020617' : '#ffffff' });
        return bare ? composeExportPng(bare, caption, theme, 2) : null;
      },
    }),
    [nodes, edges, layoutNodes, layoutEdges, matches, selected, edgeLabels, theme, collapsible],
  );

  return (
    <>
      <div
        ref={container}
        className="h-full w-full focus-visible:outline-3 focus-visible:-outline-offset-3 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400"
        tabIndex={0}
        role="application"
        aria-roledescription="egress graph"
        aria-label={`Egress graph: ${nodes.filter((n) => n.kind !== 'namespace').length} nodes and ${edges.length} edges. The table view lists the same flows.`}
        aria-describedby={keysId}
        data-theme-bg={PALETTE[theme].nsFill}
        {...keyboard.handlers}
      />
      <GraphTooltip ref={tooltipRef} />
      {/* While the canvas has focus: the keys, and the focused node in words (also read out). */}
      <div
        className={
          keyboard.active
            ? 'pointer-events-none absolute bottom-2 left-2 max-w-[calc(100%-1rem)] rounded border border-slate-300 bg-white/95 px-2 py-1 text-xs shadow dark:border-slate-700 dark:bg-slate-900/95'
            : 'sr-only'
        }
      >
        {/* Once a node has focus the box names it; the keys stay the canvas's description. */}
        <p id={keysId} className={keyboard.announcement ? 'sr-only' : ''}>
          Arrow keys or Tab move between nodes, Enter selects, Escape closes, + and − zoom.
        </p>
        <p role="status" aria-live="polite" className="font-medium break-words" data-testid="graph-focus">
          {keyboard.announcement}
        </p>
      </div>
    </>
  );
}
