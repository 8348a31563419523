import { describe, expect, it } from 'vitest';
import { layoutEgressGridBaseline as layoutEgressGraph } from './layout-grid';
import type { EgressNode } from './model';
import { hostIdOf } from '../egress/host-id';
import { goldenGraph } from '../../testing/testdata';

const golden = goldenGraph();

function bigGraph(workloads: number, hosts: number): EgressNode[] {
  const nodes: EgressNode[] = [];
  for (let i = 0; i < workloads / 10; i++) nodes.push({ id: `ns:ns-${i}`, kind: 'namespace', label: `ns-${i}` });
  for (let i = 0; i < workloads; i++) {
    const ns = `ns-${i % Math.ceil(workloads / 10)}`;
    nodes.push({ id: `wl:${ns}/w${i}`, kind: 'workload', label: `w${i}`, namespace: ns, workload: `w${i}`, gateway: false, parent: `ns:${ns}` });
  }
  for (let i = 0; i < hosts; i++) {
    const status = (['passthrough', 'blocked', 'registered'] as const)[i % 3]!;
    nodes.push({ id: `ext:h${i}.test`, kind: 'host', label: `h${i}.test`, host: `h${i}.test`, hostId: hostIdOf(`h${i}.test`), status, statuses: [status] });
  }
  return nodes;
}

describe('layoutEgressGridBaseline (the bench baseline)', () => {
  it('places every node except namespace boxes, without overlaps', () => {
    const pos = layoutEgressGraph(golden.nodes);
    const placed = golden.nodes.filter((n) => n.kind !== 'namespace');
    expect(pos.size).toBe(placed.length);
    const keys = new Set([...pos.values()].map((p) => `${p.x},${p.y}`));
    expect(keys.size).toBe(pos.size);
  });

  it('puts workloads left of the gateway and the gateway left of external hosts', () => {
    const pos = layoutEgressGraph(golden.nodes);
    const xOf = (id: string) => pos.get(id)!.x;
    const workloadXs = golden.nodes.filter((n) => n.kind === 'workload' && !n.gateway).map((n) => xOf(n.id));
    const hostXs = golden.nodes.filter((n) => n.kind === 'host').map((n) => xOf(n.id));
    const gw = xOf('wl:east/istio-system/istio-egressgateway');
    expect(Math.max(...workloadXs)).toBeLessThan(gw);
    expect(gw).toBeLessThan(Math.min(...hostXs));
  });

  it('is deterministic and independent of input order, so refreshes never move nodes', () => {
    const a = layoutEgressGraph(golden.nodes);
    const b = layoutEgressGraph([...golden.nodes].reverse());
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });

  it('groups external hosts by status, blocked on top', () => {
    const pos = layoutEgressGraph(golden.nodes);
    const yOf = (id: string) => pos.get(id)!.y;
    expect(yOf('ext:pastebin.com')).toBeLessThan(yOf('ext:httpbin.org'));
    expect(yOf('ext:httpbin.org')).toBeLessThan(yOf('ext:api.stripe.com'));
  });

  it('lays out 1,000 workloads and 2,000 hosts without overlaps, in a compact area', () => {
    const nodes = bigGraph(1000, 2000);
    const pos = layoutEgressGraph(nodes);
    expect(pos.size).toBe(3000);
    expect(new Set([...pos.values()].map((p) => `${p.x},${p.y}`)).size).toBe(3000);
    const xs = [...pos.values()].map((p) => p.x);
    const ys = [...pos.values()].map((p) => p.y);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    expect(w / h).toBeLessThan(8);
    expect(h / w).toBeLessThan(8);
  });
});
