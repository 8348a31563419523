'use client';

import { useCallback, useMemo } from 'react';
import { groupDomain } from '@/lib/graph/domains';
import { groupNamespace, namespaceGroupId, visibleGraph, type VisibleGraph } from '@/lib/graph/detail';
import type { FilteredGraph } from '@/lib/graph/filter';
import { resolveSelection, selectionParam, toggleListed, type ViewState } from '@/lib/view/state';
import type { EgressGraph } from '../api-types';

export interface Detail {
  readonly visible: VisibleGraph | undefined;
  /** The graph with the aggregates drawn added: what the details panel and the URL's selection read. */
  readonly panelGraph: EgressGraph | undefined;
  /** The selection as a node or edge id (the URL names hosts by their hostId). */
  readonly selected: string | null;
  /** The visible node or edge standing for the selection (an aggregate holding a selected workload or host). */
  readonly drawnSelected: string | null;
  readonly select: (id: string | null) => void;
  /** Find matches, aggregates standing for the matches they hide. */
  readonly matches: ReadonlySet<string>;
  /** The focus as a node id, or null. */
  readonly focus: string | null;
  /** Namespace boxes that can be collapsed (expanded at namespace level, not held open by the namespace filter). */
  readonly collapsible: ReadonlySet<string>;
  readonly expandedDomains: readonly string[];
  readonly expandNamespace: (ns: string, on: boolean) => void;
  readonly expandDomain: (domain: string, on: boolean) => void;
  readonly setFocus: (id: string | null) => void;
  /** What a click on the canvas does: aggregates expand, an expanded namespace's title collapses it, the rest is selected. */
  readonly onCanvasSelect: (id: string | null) => void;
}

type SetView = (patch: Partial<ViewState>, opts?: { replace?: boolean }) => void;

/** Levels of detail, domain groups and focus for the graph page (lib/graph/detail.ts), wired to the URL. */
export function useDetail(data: EgressGraph | undefined, filtered: FilteredGraph | undefined, view: ViewState, setView: SetView): Detail {
  const focus = useMemo(() => (data && view.focus ? resolveSelection(data, view.focus) : view.focus), [data, view.focus]);
  // A namespace chosen in the namespace filter opens at workload level.
  const expanded = useMemo(() => [...new Set([...view.expanded, ...view.namespaces])], [view.expanded, view.namespaces]);
  const visible = useMemo(() => (filtered ? visibleGraph(filtered, { expanded, expandedDomains: view.expandedDomains, focus, allEdges: view.allEdges }) : undefined), [filtered, expanded, view.expandedDomains, focus, view.allEdges]);
  const panelGraph = useMemo(() => {
    if (!data || !visible) return data;
    const known = new Set(data.nodes.map((n) => n.id));
    const edges = new Set(data.edges.map((e) => e.id));
    return { ...data, nodes: [...data.nodes, ...visible.nodes.filter((n) => !known.has(n.id))], edges: [...data.edges, ...visible.edges.filter((e) => !edges.has(e.id))] };
  }, [data, visible]);
  const matches = useMemo(() => new Set(filtered && visible ? [...filtered.matches].flatMap((id) => visible.representative(id) ?? []) : []), [filtered, visible]);
  const selected = useMemo(() => (panelGraph && view.selected ? resolveSelection(panelGraph, view.selected) : view.selected), [panelGraph, view.selected]);
  const drawnSelected = useMemo(() => (selected && visible && !visible.edges.some((e) => e.id === selected) ? (visible.representative(selected) ?? selected) : selected), [selected, visible]);
  const select = useCallback((id: string | null) => setView({ selected: id !== null && panelGraph ? selectionParam(panelGraph, id) : id }), [setView, panelGraph]);
  const namespaceLevel = visible?.namespaceLevel ?? false;
  const collapsible = useMemo(
    () => new Set(namespaceLevel ? view.expanded.filter((ns) => !view.namespaces.includes(ns)).map((ns) => `ns:${ns}`) : []),
    [namespaceLevel, view.expanded, view.namespaces],
  );
  const expandNamespace = useCallback(
    (ns: string, on: boolean) => setView({ expanded: toggleListed(view.expanded, ns, on), selected: on ? `ns:${ns}` : namespaceGroupId(ns) }),
    [setView, view.expanded],
  );
  const expandDomain = useCallback((domain: string, on: boolean) => setView({ expandedDomains: toggleListed(view.expandedDomains, domain, on), selected: `grp:${domain}` }), [setView, view.expandedDomains]);
  const setFocus = useCallback((id: string | null) => setView({ focus: id === null || !data ? null : selectionParam(data, id) }), [setView, data]);
  const onCanvasSelect = useCallback(
    (id: string | null) => {
      const ns = id === null ? null : groupNamespace(id);
      const domain = id === null ? null : groupDomain(id);
      if (ns !== null) expandNamespace(ns, true);
      else if (domain !== null) expandDomain(domain, true);
      else if (id !== null && collapsible.has(id)) expandNamespace(id.slice(3), false);
      else select(id);
    },
    [expandNamespace, expandDomain, collapsible, select],
  );
  return { visible, panelGraph, selected, drawnSelected, select, matches, focus, collapsible, expandedDomains: view.expandedDomains, expandNamespace, expandDomain, setFocus, onCanvasSelect };
}
