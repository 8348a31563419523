import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostIdOf } from '../egress/host-id';
import type { EgressStatus } from '../egress/types';
import type { EgressEdge, EgressNode } from './model';
import { TOOLTIP_NAME_MAX, edgeTooltip, elementFullName, nodeFullName, nodeTooltip, ratesText, tooltipPosition } from './tooltip';

const worker: EgressNode = { id: 'wl:data/etl', kind: 'workload', label: 'etl', namespace: 'data', workload: 'etl', gateway: false, parent: 'ns:data' };
const host = (h: string, statuses: EgressStatus[]): EgressNode => ({
  id: `ext:${h}`,
  kind: 'host',
  label: h,
  host: h,
  hostId: hostIdOf(h),
  status: statuses[0] ?? 'passthrough',
  statuses,
});
const edge = (over: Partial<EgressEdge> & Pick<EgressEdge, 'id' | 'source' | 'target'>): EgressEdge => ({ protocol: 'http', status: 'passthrough', blocked: false, viaGateway: false, ...over });

describe('nodeTooltip', () => {
  it('names a host in full with every status it had and the rates into it', () => {
    const ipify = host('api.ipify.org', ['blocked', 'passthrough']);
    const t = nodeTooltip(ipify, [
      edge({ id: 'e1', source: worker.id, target: ipify.id, status: 'blocked', blocked: true, requestsPerSecond: 0.2 }),
      edge({ id: 'e2', source: worker.id, target: ipify.id, requestsPerSecond: 0.25 }),
      edge({ id: 'e3', source: worker.id, target: 'ext:other', requestsPerSecond: 9 }),
    ]);
    expect(t.title).toBe('api.ipify.org');
    expect(t.lines).toEqual(['external host', 'statuses: blocked, passthrough (seen in this window)', 'in: 0.45 req/s from 2 callers']);
  });

  it('gives a workload its namespace and its outgoing rates, TCP included', () => {
    const t = nodeTooltip(worker, [
      edge({ id: 'e1', source: worker.id, target: 'ext:a', requestsPerSecond: 6 }),
      edge({ id: 'e2', source: worker.id, target: 'ext:db', protocol: 'tcp', connectionsPerSecond: 0.5, bytesPerSecond: 2048 }),
    ]);
    expect(t.title).toBe('data/etl');
    expect(t.lines).toEqual(['workload', 'out: 6 req/s · 0.5 conn/s · 2.0 KiB/s to 2 destinations']);
  });

  it('names the cluster of a workload of a graph with several clusters, in its title and a line', () => {
    const east: EgressNode = { ...worker, id: 'wl:east/data/etl', parent: 'ns:east/data', cluster: 'east' };
    const t = nodeTooltip(east, []);
    expect(t.title).toBe('east/data/etl');
    expect(t.lines).toContain('cluster: east');
    expect(nodeTooltip(worker, []).lines.some((l) => l.startsWith('cluster'))).toBe(false);
  });

  it('shows a hostile name with its control and bidi characters visible, cut in the middle', () => {
    const t = nodeTooltip(host(`evil\u202egnp.exe\u0007${'a'.repeat(5000)}.test`, ['passthrough']), []);
    expect(t.title).not.toMatch(/[\u202e\u0007]/);
    expect(t.title).toContain('\\u202e');
    expect([...t.title].length).toBeLessThanOrEqual(TOOLTIP_NAME_MAX);
    expect(t.title.endsWith('aaa.test')).toBe(true);
  });

  it('reads a node kind it does not know (aggregates) by its label and statuses', () => {
    const group = { id: 'grp:github.com', kind: 'host-group', label: 'github.com', statuses: ['blocked', 'registered'], status: 'blocked' };
    const t = nodeTooltip(group, []);
    expect(t.title).toBe('github.com');
    expect(t.lines).toEqual(['host group', 'statuses: blocked, registered (seen in this window)']);
  });
});

describe('edgeTooltip', () => {
  it('says source -> target, protocol, status, rate and errors', () => {
    const e = edge({ id: 'e', source: worker.id, target: 'ext:pastebin.com', status: 'blocked', blocked: true, requestsPerSecond: 0.05, errorRatio: 1, health: 'failing' });
    const names = new Map([[worker.id, nodeFullName(worker)], ['ext:pastebin.com', 'pastebin.com']]);
    const t = edgeTooltip(e, (id) => names.get(id) ?? id);
    expect(t.title).toBe('data/etl → pastebin.com');
    expect(t.lines).toEqual(['HTTP · blocked (the mesh dropped it)', '0.05 req/s', 'errors: 100%', 'health: failing']);
  });

  it('keeps a passthrough edge passthrough', () => {
    const t = edgeTooltip(edge({ id: 'e', source: 'a', target: 'b', protocol: 'tcp', connectionsPerSecond: 0.1 }), (id) => id);
    expect(t.lines[0]).toBe('TCP · passthrough');
    expect(t.lines[1]).toBe('0.1 conn/s');
  });
});

describe('ratesText', () => {
  it('says so when there is no traffic', () => {
    expect(ratesText([])).toBe('no traffic in the window');
  });
});

describe('tooltipPosition', () => {
  const bounds = { width: 1000, height: 700 };
  const size = { width: 240, height: 80 };

  it('sits below right of the pointer, clear of it', () => {
    expect(tooltipPosition({ x: 100, y: 100 }, size, bounds)).toEqual({ x: 114, y: 114 });
  });

  it('flips left and up near the right and bottom edges', () => {
    expect(tooltipPosition({ x: 900, y: 680 }, size, bounds)).toEqual({ x: 646, y: 586 });
  });

  it('stays inside the box wherever the pointer is, when it fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 700 }), (x, y) => {
        const p = tooltipPosition({ x, y }, size, bounds);
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.x + size.width).toBeLessThanOrEqual(bounds.width);
        expect(p.y + size.height).toBeLessThanOrEqual(bounds.height);
        // Never under the pointer, so it never hides what it describes.
        expect(x >= p.x && x <= p.x + size.width && y >= p.y && y <= p.y + size.height).toBe(false);
      }),
    );
  });
});

describe('elementFullName', () => {
  it('names a node, an edge by its ends, and nothing for an unknown id', () => {
    const graph = { nodes: [worker, host('pastebin.com', ['blocked'])], edges: [edge({ id: 'e', source: worker.id, target: 'ext:pastebin.com' })] };
    expect(elementFullName(graph, worker.id)).toBe('data/etl');
    expect(elementFullName(graph, 'e')).toBe('data/etl → pastebin.com');
    expect(elementFullName(graph, 'gone')).toBeUndefined();
  });
});
