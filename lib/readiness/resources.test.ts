import { describe, expect, it } from 'vitest';
import type { EgressFlow } from '../egress/types';
import { parseAndValidateYaml } from '../serviceentry';
import { computeReadiness } from './compute';
import { defaultServiceEntryNamespace, readinessResources } from './resources';

const flows: EgressFlow[] = [
  { source: { namespace: 'shop', workload: 'a' }, destination: { host: 'api.stripe.com', status: 'registered', serviceEntryNamespace: 'payments' }, protocol: 'tcp', connectionsPerSecond: 1 },
  { source: { namespace: 'shop', workload: 'a' }, destination: { host: 'httpbin.org', status: 'passthrough' }, protocol: 'http', requestsPerSecond: 1 },
  { source: { namespace: 'shop', workload: 'b' }, destination: { host: '203.0.113.10', status: 'passthrough', ip: true, ports: [8080] }, protocol: 'http', requestsPerSecond: 1 },
];

describe('readinessResources', () => {
  it('gives each namespace a valid REGISTRY_ONLY Sidecar listing registered and to-be-registered hosts', () => {
    const report = { end: 'E', window: '1h', flows, warnings: [] };
    const r = readinessResources(report, computeReadiness(report));
    const { objects, validation } = parseAndValidateYaml(r.sidecars.shop!);
    expect(validation.errors).toEqual([]);
    expect(objects[0]).toMatchObject({ kind: 'Sidecar', metadata: { namespace: 'shop' }, spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } });
    const hosts = (objects[0] as { spec: { egress: { hosts: string[] }[] } }).spec.egress[0]!.hosts;
    expect(hosts).toEqual(['./*', 'istio-system/*', 'payments/api.stripe.com', 'shop/httpbin.org']);
    expect(r.telemetry.yaml).toContain('kind: Telemetry');
    expect(r.telemetry.warning).toMatch(/cardinality/i);
  });

  it('leaves hosts that cannot be registered out of the Sidecar instead of failing (a 10 kB Host header of DNS-looking labels)', () => {
    const long = `${Array.from({ length: 160 }, () => 'a'.repeat(62)).join('.')}.evil.test`;
    const hostile = ['<img src=x onerror=alert(1)>.evil.test', long, 'tab\there.evil.test', '-1+1', 'UPPER.example.com.'];
    const report = {
      end: 'E',
      window: '1h',
      flows: hostile.map((host): EgressFlow => ({ source: { namespace: 'legacy', workload: 'cms' }, destination: { host, status: 'passthrough' }, protocol: 'http', requestsPerSecond: 1 })),
      warnings: [],
    };
    const r = readinessResources(report, computeReadiness(report));
    const { objects, validation } = parseAndValidateYaml(r.sidecars.legacy!);
    expect(validation.errors).toEqual([]);
    expect((objects[0] as { spec: { egress: { hosts: string[] }[] } }).spec.egress[0]!.hosts).toEqual(['./*', 'istio-system/*', 'legacy/upper.example.com']);
  });

  it('places hosts like the promote generator: the only calling namespace, else the egress config namespace', () => {
    expect(defaultServiceEntryNamespace(['shop/a', 'shop/b'])).toBe('shop');
    expect(defaultServiceEntryNamespace(['shop/a', 'data/b'])).toBe('istio-egress');
  });
});
