'use client';

import type { Core } from 'cytoscape';
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { describeNode, graphKeyAction, tabOrder, toKeyboardNode, type KeyboardNode } from '@/lib/graph/keyboard';
import type { EgressEdge, EgressNode } from '../api-types';

/** The cytoscape class of the node the keyboard is on (graph-styles.ts draws it). */
export const KEY_FOCUS_CLASS = 'key-focus';

/** Room kept between a focused node and the canvas edge: its label hangs below it and is up to 150px wide. */
const MARGIN = { x: 90, y: 50 };

/**
 * Sizes of the focused node's ring and label on screen, in CSS pixels,
 * whatever the zoom: zoomed out to fit a big mesh, names are otherwise too
 * small to draw (min-zoomed-font-size) and the ring too thin to see.
 */
const ON_SCREEN = { 'font-size': 13, 'text-max-width': 320, 'text-margin-y': 5, 'text-background-padding': 2, 'outline-width': 3, 'outline-offset': 3, 'underlay-padding': 9 } as const;

function screenSized(zoom: number): Record<string, number | string> {
  return Object.fromEntries(Object.entries(ON_SCREEN).map(([k, v]) => [k, k === 'text-max-width' || k === 'text-background-padding' ? `${v / zoom}px` : v / zoom]));
}

/** Pans (never zooms) just enough that the node and its label are on screen. */
function reveal(cy: Core, id: string): void {
  const n = cy.getElementById(id);
  if (n.empty()) return;
  const p = n.renderedPosition();
  const w = cy.width();
  const h = cy.height();
  const shift = (at: number, size: number, margin: number) => {
    const m = Math.min(margin, size / 2);
    return at < m ? m - at : at > size - m ? size - m - at : 0;
  };
  const dx = shift(p.x, w, MARGIN.x);
  const dy = shift(p.y, h, MARGIN.y);
  if (dx !== 0 || dy !== 0) cy.panBy({ x: dx, y: dy });
}

export interface GraphKeyboardOptions {
  readonly cyRef: RefObject<Core | null>;
  readonly nodes: readonly EgressNode[];
  readonly edges: readonly EgressEdge[];
  readonly selected: string | null;
  readonly onSelect: (id: string | null) => void;
}

export interface GraphKeyboard {
  /** Spread on the canvas container. */
  readonly handlers: {
    readonly onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
    readonly onFocus: (e: FocusEvent<HTMLElement>) => void;
    readonly onBlur: (e: FocusEvent<HTMLElement>) => void;
  };
  /** The canvas has keyboard focus. */
  readonly active: boolean;
  /** What the live region says about the focused node ('' when none). */
  readonly announcement: string;
  /** The focused node, for the element sync to keep its class. */
  readonly focusedRef: RefObject<string | null>;
}

/**
 * Keyboard use of the cytoscape canvas (lib/graph/keyboard.ts decides, this
 * applies): moves a focus class between nodes, pans to keep it in view,
 * selects with Enter, zooms with + and -, and lets Tab leave after the last node.
 */
export function useGraphKeyboard({ cyRef, nodes, edges, selected, onSelect }: GraphKeyboardOptions): GraphKeyboard {
  const [focused, setFocused] = useState<string | null>(null);
  const [active, setActive] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const focusedRef = useRef<string | null>(null);

  useEffect(() => {
    focusedRef.current = focused;
    const cy = cyRef.current;
    if (!cy) return;
    cy.$(`.${KEY_FOCUS_CLASS}`).removeClass(KEY_FOCUS_CLASS);
    if (!focused) return;
    const node = cy.getElementById(focused);
    node.addClass(KEY_FOCUS_CLASS);
    const size = () => node.style(screenSized(cy.zoom()));
    size();
    cy.on('zoom', size);
    return () => {
      cy.off('zoom', size);
      if (!node.removed()) node.removeStyle(Object.keys(ON_SCREEN).join(' '));
    };
  }, [focused, cyRef]);

  const keyboardNodes = (cy: Core): KeyboardNode[] => {
    const out: KeyboardNode[] = [];
    for (const n of nodes) {
      const ele = cy.getElementById(n.id);
      if (ele.empty()) continue;
      const k = toKeyboardNode(n, ele.position());
      if (k) out.push(k);
    }
    return out;
  };

  const focusNode = (cy: Core, id: string | null, order: readonly string[]) => {
    setFocused(id);
    const node = id === null ? undefined : nodes.find((n) => n.id === id);
    if (id === null || !node) {
      setAnnouncement('');
      return;
    }
    reveal(cy, id);
    setAnnouncement(`${describeNode(node, edges)}. Node ${order.indexOf(id) + 1} of ${order.length}.`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const cy = cyRef.current;
    if (!cy || e.target !== e.currentTarget) return;
    const list = keyboardNodes(cy);
    const order = tabOrder(list);
    const action = graphKeyAction(e, { focused, selected }, list, order);
    switch (action.kind) {
      case 'none':
        return;
      case 'leave':
        focusNode(cy, null, order);
        return; // the browser moves focus on
      case 'focus':
        focusNode(cy, action.id, order);
        break;
      case 'select':
        onSelect(action.id);
        break;
      case 'clear-selection':
        onSelect(null);
        break;
      case 'clear-focus':
        focusNode(cy, null, order);
        break;
      case 'zoom': {
        const at = focused ? cy.getElementById(focused) : undefined;
        const renderedPosition = at?.nonempty() ? at.renderedPosition() : { x: cy.width() / 2, y: cy.height() / 2 };
        cy.zoom({ level: cy.zoom() * action.factor, renderedPosition });
        break;
      }
    }
    e.preventDefault();
  };

  return {
    handlers: {
      onKeyDown,
      onFocus: (e) => {
        if (e.target === e.currentTarget) setActive(true);
      },
      onBlur: (e) => {
        if (e.target !== e.currentTarget) return;
        setActive(false);
        setFocused(null);
        setAnnouncement('');
      },
    },
    active,
    announcement,
    focusedRef,
  };
}
