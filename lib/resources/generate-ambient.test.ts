import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateBundle } from './generate';
import { callers, evidence, expectValidBundle, kindsOf, NOW, ofKind } from '../../testing/serviceentry';
import type { BundleDataPlane, HostEvidence, PromoteOptions } from './types';

const ambient = (host: string | null, over: Partial<HostEvidence> = {}) => evidence(host, { dataPlanes: ['ambient'], ...over });
const gateways = (b: ReturnType<typeof generateBundle>) => b.objects.filter((o) => o.kind === 'Gateway');

describe('the ambient bundle', () => {
  it('ambient callers: by default the ServiceEntry uses an egress waypoint beside it, and the waypoint is in the bundle', () => {
    const b = generateBundle([ambient('api.example.com')], {}, NOW);
    expectValidBundle(b);
    expect(b.dataPlane).toBe('ambient');
    expect(b.callersDataPlane).toBe('ambient');
    expect(kindsOf(b)).toEqual(['ServiceEntry', 'Gateway']);
    const [se] = ofKind(b, 'ServiceEntry');
    expect(se?.metadata).toMatchObject({ namespace: 'shop', labels: { 'istio.io/use-waypoint': 'egress-waypoint' } });
    expect(gateways(b)[0]).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      metadata: { name: 'egress-waypoint', namespace: 'shop', labels: { 'istio.io/waypoint-for': 'service' } },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [{ port: 15008, protocol: 'HBONE' }] },
    });
    expect(b.notes.join('\n')).toMatch(/istio\/istio#54281/);
  });

  it('sidecar callers: the sidecar bundle by default, the ambient one when asked', () => {
    const sidecar = generateBundle([evidence('api.example.com')], {}, NOW);
    expect(sidecar.dataPlane).toBe('sidecar');
    expect(kindsOf(sidecar)).toEqual(['ServiceEntry']);
    expect(JSON.stringify(sidecar.objects)).not.toMatch(/use-waypoint/);
    const asked = generateBundle([evidence('api.example.com')], { dataPlane: 'ambient' }, NOW);
    expectValidBundle(asked);
    expect(asked.callersDataPlane).toBe('sidecar');
    expect(kindsOf(asked)).toEqual(['ServiceEntry', 'Gateway']);
    const back = generateBundle([ambient('api.example.com')], { dataPlane: 'sidecar', sidecar: true }, NOW);
    expect(kindsOf(back)).toEqual(['ServiceEntry', 'Sidecar']);
  });

  it('mixed callers default to the sidecar bundle and say so', () => {
    const b = generateBundle([evidence('api.example.com', { dataPlanes: ['sidecar', 'ambient'] })], {}, NOW);
    expect(b.dataPlane).toBe('sidecar');
    expect(b.notes.join('\n')).toMatch(/Some callers are ambient/);
  });

  it('several calling namespaces: the entry in istio-egress is exported there too, so the waypoint beside it sees it', () => {
    const b = generateBundle([ambient('api.example.com', { callers: callers('a', 'b') })], {}, NOW);
    expectValidBundle(b);
    expect(ofKind(b, 'ServiceEntry')[0]?.spec.exportTo).toEqual(['.', 'a', 'b']);
    expect(gateways(b).map((g) => (g.metadata as { namespace: string }).namespace)).toEqual(['istio-egress']);
    const hidden = generateBundle([ambient('api.example.com', { callers: callers('a', 'b') })], { exportTo: ['a'] }, NOW);
    expect(hidden.validation.warnings.map((w) => w.message).join('\n')).toMatch(/egress waypoint in istio-egress cannot see/);
  });

  it('the egress gateway and Sidecar options are for sidecars: the ambient bundle leaves them out and says why', () => {
    const b = generateBundle([ambient('api.example.com')], { egressGateway: true, sidecar: true }, NOW);
    expectValidBundle(b);
    expect(kindsOf(b)).toEqual(['ServiceEntry', 'Gateway']);
    expect(b.notes.join('\n')).toMatch(/in ambient the waypoint is the egress gateway/);
    expect(b.notes.join('\n')).toMatch(/a Sidecar does nothing for ambient pods/);
  });

  it('every generated bundle validates, whatever the data plane, hosts, callers and options', () => {
    const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,12}[a-z0-9])?$/);
    const plane = fc.constantFrom<BundleDataPlane>('sidecar', 'ambient');
    const host = fc.domain().filter((d) => d.length < 120 && !/^\d/.test(d));
    fc.assert(
      fc.property(
        fc.array(host, { minLength: 1, maxLength: 3 }),
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.subarray<BundleDataPlane>(['sidecar', 'ambient'], { minLength: 1 }),
        fc.option(plane, { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<('http' | 'tcp')[]>(['http'], ['tcp'], ['http', 'tcp']),
        (hosts, namespaces, dataPlanes, dataPlane, egressGateway, sidecar, protocols) => {
          const ev = [...new Set(hosts)].map((h) => evidence(h, { callers: callers(...new Set(namespaces)), dataPlanes, protocols }));
          const options: PromoteOptions = { ...(dataPlane ? { dataPlane } : {}), egressGateway, sidecar };
          const b = generateBundle(ev, options, NOW);
          expectValidBundle(b);
          expect(b.dataPlane).toBe(dataPlane ?? (dataPlanes.includes('sidecar') ? 'sidecar' : 'ambient'));
          if (b.dataPlane === 'ambient') {
            for (const se of ofKind(b, 'ServiceEntry')) {
              expect(se.metadata).toMatchObject({ labels: { 'istio.io/use-waypoint': 'egress-waypoint' } });
              expect(gateways(b).some((g) => (g.metadata as { namespace: string }).namespace === se.metadata.namespace)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
