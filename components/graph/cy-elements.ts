/** What the graph component does to its cytoscape instance: fit the view, apply elements, read a tap, keep cytoscape's inline style out. */
import type cytoscape from 'cytoscape';
import type { Core, ElementDefinition } from 'cytoscape';
import type { EgressLayout } from '@/lib/graph/layout';
import { fitViewport, rectAt, unionRect, type Rect } from '@/lib/graph/layout-geometry';
import { KEY_FOCUS_CLASS } from './use-graph-keyboard';

/**
 * Fits the viewport to the shown nodes with their labels, from the layout's
 * geometry (lib/graph/layout-geometry.ts fitViewport, which the readability
 * test and the bench use too). cy.fit() would measure every label's
 * bounding box (0.7 s at 3,000 elements).
 */
export function fitToPositions(cy: Core, layout: EgressLayout): void {
  const rects: Rect[] = [];
  cy.nodes().forEach((n) => {
    if (!n.isChildless() || n.data('kind') === 'namespace') return;
    const p = n.position();
    const e = layout.extents.get(n.id());
    rects.push(e ? rectAt(p.x, p.y, e) : { x1: p.x - 80, y1: p.y - 20, x2: p.x + 130, y2: p.y + 40 });
  });
  const bounds = unionRect(rects);
  if (!bounds) return;
  cy.viewport(fitViewport(bounds, { width: cy.width(), height: cy.height() }, { minZoom: cy.minZoom(), maxZoom: Math.min(cy.maxZoom(), 1.6) }));
}

/**
 * Brings cytoscape's elements to `defs`: removes the gone, updates the rest in
 * place (a moved leaf node takes its new position), adds the new ones (nodes
 * first, so edges and children find their ends and parents). The sync rewrote
 * every class list, so the keyboard's node and the hovered one get theirs back.
 */
export function applyElements(cy: Core, defs: readonly ElementDefinition[], keep: { readonly focused: string | null; readonly hovered: string | null }): void {
  const wanted = new Set(defs.map((d) => d.data.id as string));
  cy.batch(() => {
    cy.elements().forEach((ele) => {
      if (!wanted.has(ele.id())) ele.remove();
    });
    const added: ElementDefinition[] = [];
    for (const def of defs) {
      const existing = cy.getElementById(def.data.id as string);
      if (existing.nonempty()) {
        existing.data(def.data);
        existing.classes(def.classes ?? '');
        // New nodes shift the old ones (their order is kept); flat namespace boxes follow their workloads.
        if (def.position && existing.isChildless()) {
          const p = existing.position();
          if (p.x !== def.position.x || p.y !== def.position.y) existing.position(def.position);
        }
      } else added.push(def);
    }
    cy.add(added.filter((d) => d.group === 'nodes'));
    cy.add(added.filter((d) => d.group === 'edges'));
    if (keep.focused) cy.getElementById(keep.focused).addClass(KEY_FOCUS_CLASS);
    if (keep.hovered) cy.getElementById(keep.hovered).addClass('hovered');
  });
}

/** Gives the existing elements their data, classes and positions from `defs` (a relayout): nothing is added or removed. */
export function updateElements(cy: Core, defs: readonly ElementDefinition[]): void {
  cy.batch(() => {
    for (const def of defs) {
      const ele = cy.getElementById(def.data.id as string);
      if (ele.empty()) continue;
      ele.data(def.data);
      ele.classes(def.classes ?? '');
      if (def.position && ele.isChildless()) ele.position(def.position);
    }
  });
}

/** Whether a tap landed on a node's label (a namespace box's title), not on its body. */
export function onLabel(node: cytoscape.SingularElementReturnValue, at: cytoscape.Position): boolean {
  const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
  if (!(box.w > 0)) return true;
  const slack = 4;
  return at.x >= box.x1 - slack && at.x <= box.x2 + slack && at.y >= box.y1 - slack && at.y <= box.y2 + slack;
}

/**
 * Cytoscape injects an inline <style> (one rule) unless an element with its
 * stylesheet id exists; our CSP refuses inline styles, so the rule lives in
 * app/globals.css and a placeholder takes the id.
 */
export function claimCytoscapeStylesheet(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = id;
  document.head.appendChild(placeholder);
}
