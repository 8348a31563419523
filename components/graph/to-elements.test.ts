import { describe, expect, it } from 'vitest';
import type { EgressNode } from '../api-types';
import { NODE_LABEL_MAX, nodeLabel, toElements } from './to-elements';

const host = (h: string): EgressNode => ({ id: `ext:${h}`, kind: 'host', label: h, host: h, status: 'passthrough', statuses: ['passthrough'] });

describe('nodeLabel', () => {
  it('draws short names as they are, markup included (the canvas draws text)', () => {
    expect(nodeLabel(host('<img src=x onerror=alert(1)>.evil.test'))).toBe('<img src=x onerror=alert(1)>.evil.test');
  });

  it('cuts a 10 kB host in the middle, keeping its end', () => {
    const label = nodeLabel(host(`${'a'.repeat(10_000)}.evil.test`));
    expect([...label]).toHaveLength(NODE_LABEL_MAX);
    expect(label).toMatch(/^a+…a*\.evil\.test$/);
  });

  it('never draws raw control or bidi characters', () => {
    expect(nodeLabel(host('bel\u0007-esc\u001b[31m-\u202egnp.exe'))).toBe('bel\\u0007-esc\\u001b[31m-\\u202egnp.exe');
  });

  it('puts the cut labels in the element data that cytoscape draws', () => {
    const nodes = [host('x'.repeat(500))];
    const [def] = toElements(nodes, [], { positions: new Map(), matches: new Set(), selected: null, edgeLabels: false });
    expect((def?.data.label as string).length).toBeLessThanOrEqual(NODE_LABEL_MAX);
    expect(def?.data.id).toBe(`ext:${'x'.repeat(500)}`);
  });
});
