import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleGraph } from './detail';
import { focusGraph } from './focus';
import { syntheticGraph, syntheticSpec } from '../../testing/testdata/graph/synthetic';
import { goldenGraph } from '../../testing/testdata';

const golden = goldenGraph();
const ids = (g: { nodes: { id: string }[] }) => g.nodes.map((n) => n.id).sort();
/** The demo's gateway (the demo has two clusters, so ids carry them), and the synthetic graphs' (one cluster). */
const GATEWAY = 'wl:east/istio-system/istio-egressgateway';
const SYNTHETIC_GATEWAY = 'wl:istio-system/istio-egressgateway';

describe('focusGraph on the demo graph', () => {
  it('a host: its callers, and through the gateway the workloads that send via it', () => {
    const g = focusGraph(golden, 'ext:api.shipengine.com');
    expect(g.edges.map((e) => e.id).sort()).toEqual([
      'wl:east/istio-system/istio-egressgateway>ext:api.shipengine.com|http|registered',
      'wl:east/ml/model-trainer>wl:east/istio-system/istio-egressgateway|tcp|registered',
      'wl:east/shop/checkout-v1>wl:east/istio-system/istio-egressgateway|http|registered',
    ]);
    expect(ids(g)).toEqual(['ext:api.shipengine.com', 'ns:east/istio-system', 'ns:east/ml', 'ns:east/shop', GATEWAY, 'wl:east/ml/model-trainer', 'wl:east/shop/checkout-v1']);
  });

  it('a workload: its destinations, and past the gateway where the gateway sends', () => {
    const g = focusGraph(golden, 'wl:east/shop/checkout-v1');
    // Not api.postcodes.io: only west's shop/checkout-v1, another node, calls it.
    expect(ids(g)).toEqual(['ext:203.0.113.10', 'ext:api.shipengine.com', 'ext:huggingface.co', 'ns:east/istio-system', 'ns:east/shop', GATEWAY, 'wl:east/shop/checkout-v1']);
    expect(g.edges.some((e) => e.source === 'wl:east/ml/model-trainer')).toBe(false);
  });

  it('a host no one calls any more (stale link): an empty graph, not an error', () => {
    expect(focusGraph(golden, 'ext:gone.example')).toEqual({ nodes: [], edges: [] });
  });
});

describe('focus laws', () => {
  it('every kept edge touches the focus or a gateway on its path, and its ends are kept', () => {
    fc.assert(
      fc.property(
        syntheticSpec.map(syntheticGraph).chain((g) => fc.tuple(fc.constant(g), fc.constantFrom(...g.nodes.map((n) => n.id)))),
        ([g, focus]) => {
          const f = visibleGraph(g, { expanded: [], expandedDomains: [], focus });
          const kept = new Set(f.nodes.map((n) => n.id));
          for (const e of f.edges) expect(kept.has(e.source) && kept.has(e.target)).toBe(true);
          const plain = focusGraph(g, focus);
          const members = new Set(plain.nodes.map((n) => n.id));
          for (const e of plain.edges) {
            const touches = e.source === focus || e.target === focus || e.source === SYNTHETIC_GATEWAY || e.target === SYNTHETIC_GATEWAY || focus.startsWith('ns:');
            expect(touches, e.id).toBe(true);
            expect(members.has(e.source) && members.has(e.target)).toBe(true);
          }
        },
      ),
    );
  });
});
