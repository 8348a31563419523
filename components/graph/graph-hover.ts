import type cytoscape from 'cytoscape';
import type { Core } from 'cytoscape';
import type { RefObject } from 'react';
import { edgeTooltip, nodeFullName, nodeTooltip } from '@/lib/graph/tooltip';
import type { EgressEdge, EgressNode } from '../api-types';
import type { GraphTooltipHandle } from './graph-tooltip';

/** The drawn graph, by id, for the tooltips. */
export interface DrawnGraph {
  readonly nodes: ReadonlyMap<string, EgressNode>;
  readonly edges: ReadonlyMap<string, EgressEdge>;
  readonly all: readonly EgressEdge[];
}

/**
 * Hover: a tooltip near the pointer (name, status, rates), the pointer cursor
 * over what a click selects, and the hovered node's label drawn at any zoom.
 */
export function wireHover(
  cy: Core,
  drawnRef: RefObject<DrawnGraph>,
  tooltipRef: RefObject<GraphTooltipHandle | null>,
  hoveredRef: RefObject<string | null>,
): void {
  const container = cy.container();
  const leave = () => {
    container?.classList.remove('cursor-pointer');
    tooltipRef.current?.hide();
    if (hoveredRef.current) cy.getElementById(hoveredRef.current).removeClass('hovered');
    hoveredRef.current = null;
  };
  cy.on('mouseover', 'node, edge', (evt) => {
    const target = evt.target as cytoscape.SingularElementReturnValue;
    if (target.data('kind') === 'namespace') return;
    const { nodes, edges, all } = drawnRef.current;
    const id = target.id();
    const node = nodes.get(id);
    const edge = edges.get(id);
    const name = (n: string) => {
      const x = nodes.get(n);
      return x ? nodeFullName(x) : n;
    };
    const text = node ? nodeTooltip(node, all) : edge ? edgeTooltip(edge, name) : null;
    if (!text) return;
    container?.classList.add('cursor-pointer');
    if (hoveredRef.current && hoveredRef.current !== id) cy.getElementById(hoveredRef.current).removeClass('hovered');
    hoveredRef.current = null;
    if (node) {
      target.addClass('hovered');
      hoveredRef.current = id;
    }
    tooltipRef.current?.show(text, evt.renderedPosition);
  });
  cy.on('mousemove', 'node, edge', (evt) => tooltipRef.current?.move(evt.renderedPosition));
  cy.on('mouseout', 'node, edge', leave);
  // Panning, zooming or dragging moves the element away from the tooltip.
  cy.on('viewport grab', leave);
  // A pointer that leaves the canvas fast may skip the element's mouseout.
  container?.addEventListener('mouseleave', leave);
  cy.one('destroy', () => container?.removeEventListener('mouseleave', leave));
}
