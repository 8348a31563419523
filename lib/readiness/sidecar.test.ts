import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateBundle, parseAndValidateYaml, toYaml, validateObjects } from '../serviceentry';
import { sidecarForNamespace } from './sidecar';

describe('sidecarForNamespace', () => {
  const hosts = [
    { host: 'httpbin.org', serviceEntryNamespace: 'shop' },
    { host: '*.googleapis.com', serviceEntryNamespace: 'ml' },
    { host: 'api.honeycomb.io', serviceEntryNamespace: 'istio-system' },
    { host: 'httpbin.org', serviceEntryNamespace: 'shop' },
  ];

  it('sets REGISTRY_ONLY for the namespace and keeps its ServiceEntries visible (facts §6)', () => {
    expect(sidecarForNamespace('shop', hosts)).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: { name: 'default', namespace: 'shop' },
      spec: {
        outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
        egress: [{ hosts: ['./*', 'istio-system/*', 'istio-system/api.honeycomb.io', 'ml/*.googleapis.com', 'shop/httpbin.org'] }],
      },
    });
    expect(sidecarForNamespace('legacy', []).spec).toEqual({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['./*', 'istio-system/*'] }] });
  });

  it('validates and round-trips through YAML', () => {
    const sidecar = sidecarForNamespace('shop', hosts);
    expect(validateObjects([sidecar])).toEqual({ errors: [], warnings: [] });
    const yaml = toYaml([sidecar]);
    expect(parse(yaml)).toEqual(sidecar);
    const back = parseAndValidateYaml(yaml);
    expect(back.validation.errors).toEqual([]);
    expect(back.objects).toEqual([sidecar]);
  });

  it('accepts the hosts of a generated bundle', () => {
    const bundle = generateBundle(
      [{ host: 'httpbin.org', status: 'passthrough', protocols: ['http'], ports: [8080], callers: [{ namespace: 'shop', workload: 'web', ratePerSecond: 1 }], ratePerSecond: 1, window: '1h', end: '2026-01-01T00:00:00Z', queries: [] }],
      { namespace: 'shop' },
    );
    const entries = bundle.objects.filter((o) => o.kind === 'ServiceEntry');
    expect(entries.length).toBeGreaterThan(0);
    const seHosts = entries.flatMap((o) => {
      const meta = o.metadata as { namespace: string };
      return (o.spec as { hosts: string[] }).hosts.map((host) => ({ host, serviceEntryNamespace: meta.namespace }));
    });
    const sidecar = sidecarForNamespace('shop', seHosts);
    expect(validateObjects([...entries, sidecar]).errors).toEqual([]);
  });

  it('refuses what cannot be a Sidecar (an IP host, a bad namespace)', () => {
    expect(() => sidecarForNamespace('shop', [{ host: '203.0.113.10', serviceEntryNamespace: 'shop' }])).toThrow(/invalid Sidecar/);
    expect(() => sidecarForNamespace('Shop_1', [])).toThrow(/invalid Sidecar/);
  });
});
