import { describe, expect, it } from 'vitest';
import type { EgressNode } from '../api-types';
import { toElements } from './to-elements';

const wl = (ns: string, name: string): EgressNode => ({ id: `wl:${ns}/${name}`, kind: 'workload', label: name, namespace: ns, workload: name, gateway: false, parent: `ns:${ns}` });
const nodes: EgressNode[] = [
  { id: 'ns:shop', kind: 'namespace', label: 'shop' },
  { id: 'ns:empty', kind: 'namespace', label: 'empty' },
  wl('shop', 'a'),
  wl('shop', 'b'),
];
const positions = new Map([
  ['wl:shop/a', { x: 0, y: 0 }],
  ['wl:shop/b', { x: 170, y: 80 }],
]);
const base = { positions, matches: new Set<string>(), selected: null, edgeLabels: false };

describe('toElements', () => {
  it('nests workloads in compound namespace nodes by default', () => {
    const els = toElements(nodes, [], base);
    expect(els.find((e) => e.data.id === 'wl:shop/a')?.data.parent).toBe('ns:shop');
    expect(els.find((e) => e.data.id === 'ns:shop')?.position).toBeUndefined();
  });

  it('draws flat namespace boxes around their workloads for big graphs, and none for a namespace with nothing shown', () => {
    const els = toElements(nodes, [], { ...base, flatNamespaces: true });
    expect(els.find((e) => e.data.id === 'wl:shop/a')?.data.parent).toBeUndefined();
    expect(els.find((e) => e.data.id === 'ns:empty')).toBeUndefined();
    const box = els.find((e) => e.data.id === 'ns:shop')!;
    expect(box.classes).toContain('flat');
    expect(box.grabbable).toBe(false);
    const { x, y } = box.position!;
    const { w, h } = box.data as { w: number; h: number };
    for (const p of positions.values()) {
      // Every workload, with its 150px-wide label under it, is inside the box.
      expect(p.x - 75).toBeGreaterThanOrEqual(x - w / 2);
      expect(p.x + 75).toBeLessThanOrEqual(x + w / 2);
      expect(p.y - 13).toBeGreaterThanOrEqual(y - h / 2);
      expect(p.y + 13 + 18).toBeLessThanOrEqual(y + h / 2);
    }
  });
});
