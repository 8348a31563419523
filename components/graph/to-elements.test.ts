import { describe, expect, it } from 'vitest';
import type { EgressEdge, EgressNode } from '../api-types';
import { NODE_LABEL_MAX, nodeLabel, statusClasses, toElements } from './to-elements';
import { hostIdOf } from '@/lib/egress/host-id';

const host = (h: string): EgressNode => ({ id: `ext:${h}`, kind: 'host', label: h, host: h, hostId: hostIdOf(h), status: 'passthrough', statuses: ['passthrough'] });

describe('nodeLabel', () => {
  // Labels are cut to NODE_LABEL_MAX (26) characters since issue 13 (labels beside nodes, rows tight); the cases below fit.
  it('draws short names as they are, markup included (the canvas draws text)', () => {
    expect(nodeLabel(host('<img src=x onerror=1>.t'))).toBe('<img src=x onerror=1>.t');
  });

  it('cuts a hostile name longer than the canvas allows in the middle, markup kept as text', () => {
    const label = nodeLabel(host('<img src=x onerror=alert(1)>.evil.test'));
    expect([...label]).toHaveLength(NODE_LABEL_MAX);
    expect(label).toMatch(/^<img src=x o.*….*\.evil\.test$/);
  });

  it('cuts a 10 kB host in the middle, keeping its end', () => {
    const label = nodeLabel(host(`${'a'.repeat(10_000)}.evil.test`));
    expect([...label]).toHaveLength(NODE_LABEL_MAX);
    expect(label).toMatch(/^a+…a*\.evil\.test$/);
  });

  it('never draws raw control or bidi characters', () => {
    expect(nodeLabel(host('b\u0007-\u001b[1m-\u202eg'))).toBe('b\\u0007-\\u001b[1m-\\u202eg');
  });

  it('puts the cut labels in the element data that cytoscape draws', () => {
    const nodes = [host('x'.repeat(500))];
    const [def] = toElements(nodes, [], { positions: new Map(), matches: new Set(), selected: null, edgeLabels: false });
    expect((def?.data.label as string).length).toBeLessThanOrEqual(NODE_LABEL_MAX);
    expect(def?.data.id).toBe(`ext:${'x'.repeat(500)}`);
  });
});

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

  it('tints each cluster namespace boxes and groups apart when the graph has several clusters, and none without', () => {
    const ofCluster = (cluster: string): EgressNode[] => [
      { id: `ns:${cluster}/shop`, kind: 'namespace', label: `${cluster} · shop`, namespace: 'shop', cluster },
      { id: `wl:${cluster}/shop/a`, kind: 'workload', label: 'a', namespace: 'shop', workload: 'a', gateway: false, parent: `ns:${cluster}/shop`, cluster },
      { id: `nsg:${cluster}/data`, kind: 'namespace-group', label: `${cluster} · data`, namespace: 'data', cluster, workloads: 3 },
    ];
    const els = toElements([...ofCluster('west'), ...ofCluster('east')], [], base);
    const classes = (id: string) => String(els.find((e) => e.data.id === id)?.classes).split(' ');
    expect(classes('ns:east/shop')).toContain('cluster-0');
    expect(classes('ns:west/shop')).toContain('cluster-1');
    expect(classes('nsg:west/data')).toContain('cluster-1');
    expect(toElements(nodes, [], base).some((e) => String(e.classes).includes('cluster-'))).toBe(false);
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

describe('aggregates', () => {
  const opts = { positions: new Map(), matches: new Set<string>(), selected: null, edgeLabels: false };

  it('a namespace group reads as its namespace and how many workloads it holds', () => {
    const [def] = toElements([{ id: 'nsg:shop', kind: 'namespace-group', label: 'shop', namespace: 'shop', workloads: 12 }], [], opts);
    expect(def?.data.label).toBe('shop · 12 workloads ⊞');
    expect(def?.classes).toBe('namespace-group');
  });

  it('a domain group carries its most severe status for the border and lists all of them', () => {
    const [def] = toElements([{ id: 'grp:github.com', kind: 'host-group', label: 'github.com', domain: 'github.com', hosts: 2, statuses: ['blocked', 'passthrough'], status: 'blocked' }], [], opts);
    expect(def?.data).toMatchObject({ status: 'blocked', statuses: ['blocked', 'passthrough'], label: 'github.com · 2 hosts ⊞' });
  });

  it('an expanded namespace box says its label collapses it', () => {
    const ns: EgressNode = { id: 'ns:shop', kind: 'namespace', label: 'shop' };
    expect(toElements([ns], [], { ...opts, collapsible: new Set(['ns:shop']) })[0]?.data).toMatchObject({ label: '⊟ shop (collapse)', collapsible: true });
    expect(toElements([ns], [], opts)[0]?.data.label).toBe('shop');
  });
});

describe('toElements: traffic, selection and statuses', () => {
  const ipify: EgressNode = { id: 'ext:api.ipify.org', kind: 'host', label: 'api.ipify.org', host: 'api.ipify.org', hostId: hostIdOf('api.ipify.org'), status: 'blocked', statuses: ['blocked', 'passthrough'] };
  const slow: EgressNode = host('slow.test');
  const all = [...nodes, ipify, slow];
  const edges: EgressEdge[] = [
    { id: 'e-pass', source: 'wl:shop/a', target: ipify.id, protocol: 'http', status: 'passthrough', blocked: false, viaGateway: false, requestsPerSecond: 6 },
    { id: 'e-block', source: 'wl:shop/a', target: ipify.id, protocol: 'http', status: 'blocked', blocked: true, viaGateway: false, requestsPerSecond: 0.4 },
    { id: 'e-slow', source: 'wl:shop/b', target: slow.id, protocol: 'http', status: 'passthrough', blocked: false, viaGateway: false, requestsPerSecond: 0.05 },
    { id: 'e-tcp', source: 'wl:shop/b', target: slow.id, protocol: 'tcp', status: 'passthrough', blocked: false, viaGateway: false, connectionsPerSecond: 6, bytesPerSecond: 1 },
  ];
  const byId = (els: ReturnType<typeof toElements>, id: string) => els.find((e) => e.data.id === id)!;
  const classes = (els: ReturnType<typeof toElements>, id: string) => String(byId(els, id).classes ?? '').split(' ');

  it('gives each edge a width by its rate: requests/s for HTTP, connections/s for TCP', () => {
    const els = toElements(all, edges, base);
    expect(byId(els, 'e-pass').data.width).toBeGreaterThan((byId(els, 'e-slow').data.width as number) + 2);
    expect(byId(els, 'e-tcp').data.width).toBe(byId(els, 'e-pass').data.width);
  });

  it('keeps each edge to a multi-status host in its own status: only the blocked one is blocked', () => {
    const els = toElements(all, edges, base);
    expect(classes(els, 'e-pass')).not.toContain('blocked');
    expect(classes(els, 'e-block')).toContain('blocked');
    expect(classes(els, ipify.id)).toEqual(expect.arrayContaining(['multi-status', 'statuses-2', 'pie1-blocked', 'pie2-passthrough']));
    expect(classes(els, slow.id)).not.toContain('multi-status');
  });

  it('dims what a selected node does not touch, never the namespace boxes', () => {
    const els = toElements(all, edges, { ...base, selected: 'wl:shop/a' });
    const dimmed = els.filter((e) => String(e.classes ?? '').split(' ').includes('dimmed')).map((e) => e.data.id).sort();
    expect(dimmed).toEqual(['e-slow', 'e-tcp', slow.id, 'wl:shop/b'].sort());
    expect(classes(els, 'wl:shop/a')).toContain('selected');
  });

  it('dims nothing without a selection or find', () => {
    expect(toElements(all, edges, base).some((e) => String(e.classes ?? '').includes('dimmed'))).toBe(false);
  });
});

describe('statusClasses', () => {
  it('draws one slice per status, most severe first, and nothing for a single status', () => {
    expect(statusClasses({ statuses: ['blocked', 'passthrough', 'registered'] })).toEqual(['multi-status', 'statuses-3', 'pie1-blocked', 'pie2-passthrough', 'pie3-registered']);
    expect(statusClasses({ statuses: ['registered'] })).toEqual([]);
    expect(statusClasses({})).toEqual([]);
  });
});
