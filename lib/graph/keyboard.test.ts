import { hostIdOf } from '../egress/host-id';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeNode, graphKeyAction, nearestInDirection, tabOrder, toKeyboardNode, type Direction, type KeyboardNode } from './keyboard';
import { layoutEgressGraph } from './layout';
import type { EgressNode } from './model';
import { goldenGraph } from '../../testing/testdata';

const golden = goldenGraph();

function demoKeyboardNodes(): KeyboardNode[] {
  const positions = layoutEgressGraph(golden.nodes, golden.edges).positions;
  return golden.nodes.flatMap((n) => {
    const p = positions.get(n.id);
    const k = p ? toKeyboardNode(n, p) : null;
    return k ? [k] : [];
  });
}

const DIRECTIONS: readonly Direction[] = ['left', 'right', 'up', 'down'];
/** How far `to` lies beyond `from` in the direction (positive: in its half-plane). */
const ahead = (from: KeyboardNode, to: KeyboardNode, d: Direction) => (d === 'right' ? to.x - from.x : d === 'left' ? from.x - to.x : d === 'down' ? to.y - from.y : from.y - to.y);

// Small integer coordinates so that shared rows, columns and ties happen often.
const arbNodes = fc.uniqueArray(
  fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), x: fc.integer({ min: -5, max: 5 }), y: fc.integer({ min: -5, max: 5 }), layer: fc.integer({ min: 0, max: 2 }), group: fc.constantFrom('a', 'b', 'c') }),
  { minLength: 1, maxLength: 25, selector: (n) => n.id },
);
const arbCase = arbNodes.chain((nodes) => fc.record({ nodes: fc.constant(nodes), from: fc.constantFrom(...nodes.map((n) => n.id)), direction: fc.constantFrom(...DIRECTIONS), shuffled: fc.shuffledSubarray(nodes, { minLength: nodes.length }) }));

describe('nearestInDirection (arrow keys)', () => {
  it('never returns the current node, and returns a node in the direction exactly when one exists', () => {
    fc.assert(
      fc.property(arbCase, ({ nodes, from, direction }) => {
        const next = nearestInDirection(nodes, from, direction);
        const origin = nodes.find((n) => n.id === from)!;
        const inHalfPlane = nodes.filter((n) => n.id !== from && ahead(origin, n, direction) > 0);
        expect(next).not.toBe(from);
        if (inHalfPlane.length === 0) expect(next).toBeNull();
        else expect(inHalfPlane.map((n) => n.id)).toContain(next);
      }),
    );
  });

  it('is deterministic: the same nodes in any order give the same answer', () => {
    fc.assert(
      fc.property(arbCase, ({ nodes, from, direction, shuffled }) => {
        expect(nearestInDirection(shuffled, from, direction)).toBe(nearestInDirection(nodes, from, direction));
      }),
    );
  });

  it('prefers the node straight ahead over a nearer one off to the side', () => {
    const nodes: KeyboardNode[] = [
      { id: 'a', x: 0, y: 0, layer: 0, group: 'g' },
      { id: 'side', x: 50, y: 60, layer: 0, group: 'g' },
      { id: 'ahead', x: 150, y: 0, layer: 0, group: 'g' },
    ];
    expect(nearestInDirection(nodes, 'a', 'right')).toBe('ahead');
    expect(nearestInDirection(nodes, 'a', 'down')).toBe('side');
    expect(nearestInDirection(nodes, 'a', 'left')).toBeNull();
    expect(nearestInDirection(nodes, 'missing', 'left')).toBeNull();
  });

  it('on the demo graph, Right from a workload goes on towards the external hosts', () => {
    const nodes = demoKeyboardNodes();
    let at = tabOrder(nodes)[0]!;
    const seen = [at];
    for (let next = nearestInDirection(nodes, at, 'right'); next !== null; next = nearestInDirection(nodes, at, 'right')) seen.push((at = next));
    expect(golden.nodes.find((n) => n.id === at)?.kind).not.toBe('workload');
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('tabOrder (Tab and Shift+Tab)', () => {
  it('lists every node once, layer by layer, each group as one block read top to bottom', () => {
    fc.assert(
      fc.property(arbNodes, (nodes) => {
        const order = tabOrder(nodes);
        expect([...order].sort()).toEqual(nodes.map((n) => n.id).sort());
        const at = order.map((id) => nodes.find((n) => n.id === id)!);
        for (let i = 1; i < at.length; i++) {
          const [a, b] = [at[i - 1]!, at[i]!];
          expect(a.layer).toBeLessThanOrEqual(b.layer);
          if (a.layer === b.layer && a.group === b.group) expect(a.y < b.y || (a.y === b.y && a.x <= b.x)).toBe(true);
        }
        const blocks = at.map((n) => `${n.layer}/${n.group}`).filter((k, i, all) => i === 0 || all[i - 1] !== k);
        expect(new Set(blocks).size).toBe(blocks.length);
      }),
    );
  });

  it('reads the demo graph as workloads, then gateways, then destinations blocked first', () => {
    const order = tabOrder(demoKeyboardNodes()).map((id) => golden.nodes.find((n) => n.id === id)!);
    const column = (n: EgressNode) => (n.kind === 'workload' ? (n.gateway ? 'gateway' : 'workload') : n.kind === 'namespace' || n.kind === 'namespace-group' ? 'namespace' : n.status);
    const columns = order.map(column).filter((c, i, all) => i === 0 || all[i - 1] !== c);
    // Status groups after blocked read by where their first node is drawn: ambient-shop's registered hosts sit near the top.
    expect(columns).toEqual(['workload', 'gateway', 'blocked', 'registered', 'passthrough']);
  });
});

describe('graphKeyAction', () => {
  const nodes: KeyboardNode[] = [
    { id: 'w1', x: 0, y: 0, layer: 0, group: 'shop' },
    { id: 'w2', x: 0, y: 80, layer: 0, group: 'shop' },
    { id: 'h1', x: 400, y: 0, layer: 2, group: 'blocked' },
  ];
  const none = { focused: null, selected: null };

  it('Tab walks every node once and then leaves the canvas, both ways (focus is never trapped)', () => {
    fc.assert(
      fc.property(arbNodes, fc.boolean(), (list, back) => {
        const order = tabOrder(list);
        const visited: string[] = [];
        let focused: string | null = back ? order[order.length - 1]! : null;
        if (back) visited.push(focused!);
        for (let i = 0; i <= list.length + 1; i++) {
          const action = graphKeyAction({ key: 'Tab', shiftKey: back }, { focused, selected: null }, list);
          if (action.kind === 'leave') break;
          expect(action.kind).toBe('focus');
          if (action.kind === 'focus') visited.push((focused = action.id));
        }
        expect(visited).toEqual(back ? [...order].reverse() : order);
        expect(graphKeyAction({ key: 'Tab', shiftKey: back }, { focused, selected: null }, list)).toEqual({ kind: 'leave' });
      }),
    );
  });

  it('Shift+Tab on the canvas with no node focused leaves backwards', () => {
    expect(graphKeyAction({ key: 'Tab', shiftKey: true }, none, nodes)).toEqual({ kind: 'leave' });
  });

  it('arrows start at the selection, else the first node, then move by position', () => {
    expect(graphKeyAction({ key: 'ArrowDown' }, none, nodes)).toEqual({ kind: 'focus', id: 'w1' });
    expect(graphKeyAction({ key: 'ArrowDown' }, { focused: null, selected: 'h1' }, nodes)).toEqual({ kind: 'focus', id: 'h1' });
    expect(graphKeyAction({ key: 'ArrowDown' }, { focused: 'w1', selected: null }, nodes)).toEqual({ kind: 'focus', id: 'w2' });
    expect(graphKeyAction({ key: 'ArrowRight' }, { focused: 'w2', selected: null }, nodes)).toEqual({ kind: 'focus', id: 'h1' });
    // Nothing further that way: stay (and keep the key from scrolling the page).
    expect(graphKeyAction({ key: 'ArrowRight' }, { focused: 'h1', selected: null }, nodes)).toEqual({ kind: 'focus', id: 'h1' });
    // A focused node that a filter removed counts as none.
    expect(graphKeyAction({ key: 'ArrowUp' }, { focused: 'gone', selected: null }, nodes)).toEqual({ kind: 'focus', id: 'w1' });
  });

  it('Enter and Space select the focused node; Escape closes the details first, then drops the focus', () => {
    expect(graphKeyAction({ key: 'Enter' }, { focused: 'h1', selected: null }, nodes)).toEqual({ kind: 'select', id: 'h1' });
    expect(graphKeyAction({ key: ' ' }, { focused: 'w2', selected: 'h1' }, nodes)).toEqual({ kind: 'select', id: 'w2' });
    expect(graphKeyAction({ key: 'Enter' }, none, nodes)).toEqual({ kind: 'none' });
    expect(graphKeyAction({ key: 'Escape' }, { focused: 'h1', selected: 'h1' }, nodes)).toEqual({ kind: 'clear-selection' });
    expect(graphKeyAction({ key: 'Escape' }, { focused: 'h1', selected: null }, nodes)).toEqual({ kind: 'clear-focus' });
    expect(graphKeyAction({ key: 'Escape' }, none, nodes)).toEqual({ kind: 'none' });
  });

  it('+ and - zoom; browser shortcuts and other keys pass through', () => {
    expect(graphKeyAction({ key: '+' }, none, nodes)).toEqual({ kind: 'zoom', factor: 1.25 });
    expect(graphKeyAction({ key: '-' }, none, nodes)).toEqual({ kind: 'zoom', factor: 0.8 });
    expect(graphKeyAction({ key: '+', ctrlKey: true }, none, nodes)).toEqual({ kind: 'none' });
    expect(graphKeyAction({ key: 'Tab', altKey: true }, none, nodes)).toEqual({ kind: 'none' });
    expect(graphKeyAction({ key: 'a' }, none, nodes)).toEqual({ kind: 'none' });
  });
});

describe('describeNode (the live region)', () => {
  it('names a host, its kind, status, rate and callers', () => {
    const host = golden.nodes.find((n) => n.id === 'ext:pastebin.com')!;
    const text = describeNode(host, golden.edges);
    expect(text).toMatch(/^pastebin\.com, external host, blocked, [\d.]+ requests per second from 1 caller$/);
  });

  it('names a workload with its namespace and its destinations by status', () => {
    const wl = golden.nodes.find((n) => n.kind === 'workload' && !n.gateway && golden.edges.some((e) => e.source === n.id && e.status === 'blocked'))!;
    expect(describeNode(wl, golden.edges)).toMatch(/^[\w-]+, workload in namespace [\w-]+, \d+ destinations?: (\d+ blocked)/);
  });

  it('reads control and bidi characters as escapes, never raw', () => {
    const node: EgressNode = { id: 'ext:x', kind: 'host', label: 'evil\u202e.test', host: 'evil\u202e.test', hostId: hostIdOf('evil\u202e.test'), status: 'passthrough', statuses: ['passthrough'] };
    const text = describeNode(node, []);
    expect(text).toContain('evil\\u202e.test');
    expect(text).toContain('no traffic from 0 callers');
  });
});
