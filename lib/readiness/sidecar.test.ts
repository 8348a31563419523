import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateBundle, parseAndValidateYaml, toYaml, validateObjects } from '../resources';
import { isDns1123Label } from '../resources/names';
import { namespaceNameProblem, sidecarForNamespace } from './sidecar';
import { sidecarAdmits } from '../resources/sidecar-hosts';

const hostsOf = (sidecar: Record<string, unknown>): string[] => (sidecar.spec as { egress: { hosts: string[] }[] }).egress.flatMap((e) => e.hosts);

describe('sidecarForNamespace', () => {
  it('sets REGISTRY_ONLY for the namespace and changes nothing else: egress hosts */* (issue 12)', () => {
    expect(sidecarForNamespace('shop')).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: { name: 'default', namespace: 'shop' },
      spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['*/*'] }] },
    });
  });

  it('keeps services of other namespaces visible, where ./* and istio-system/* cut shop -> payments', () => {
    const call = { namespace: 'payments', host: 'payment-gateway.payments.svc.cluster.local' };
    expect(sidecarAdmits(hostsOf(sidecarForNamespace('shop')), 'shop', call)).toBe(true);
    expect(sidecarAdmits(['./*', 'istio-system/*'], 'shop', call)).toBe(false);
  });

  it('validates and round-trips through YAML', () => {
    const sidecar = sidecarForNamespace('shop');
    expect(validateObjects([sidecar])).toEqual({ errors: [], warnings: [] });
    const yaml = toYaml([sidecar]);
    expect(parse(yaml)).toEqual(sidecar);
    const back = parseAndValidateYaml(yaml);
    expect(back.validation.errors).toEqual([]);
    expect(back.objects).toEqual([sidecar]);
  });

  it('keeps the ServiceEntries of a generated bundle visible', () => {
    const bundle = generateBundle(
      [{ host: 'httpbin.org', status: 'passthrough', protocols: ['http'], ports: [8080], callers: [{ namespace: 'shop', workload: 'web', ratePerSecond: 1 }], ratePerSecond: 1, window: '1h', end: '2026-01-01T00:00:00Z', queries: [] }],
      { namespace: 'shop' },
    );
    const entries = bundle.objects.filter((o) => o.kind === 'ServiceEntry');
    expect(entries.length).toBeGreaterThan(0);
    const sidecar = sidecarForNamespace('shop');
    expect(validateObjects([...entries, sidecar]).errors).toEqual([]);
    for (const o of entries) {
      const namespace = (o.metadata as { namespace: string }).namespace;
      for (const host of (o.spec as { hosts: string[] }).hosts) expect(sidecarAdmits(hostsOf(sidecar), 'shop', { namespace, host })).toBe(true);
    }
  });

  it('never builds a Sidecar for the root namespace, where it would be mesh-wide (istio-system, or the configured one)', () => {
    expect(() => sidecarForNamespace('istio-system')).toThrow(/root namespace.*whole mesh/);
    expect(() => sidecarForNamespace('mesh-root', 'mesh-root')).toThrow(/root namespace/);
    expect(sidecarForNamespace('istio-system', 'mesh-root').metadata).toEqual({ name: 'default', namespace: 'istio-system' });
  });

  it('refuses a namespace that is not a name', () => {
    for (const ns of ['Shop_1', '__proto__', '', 'a'.repeat(64)]) expect(() => sidecarForNamespace(ns), JSON.stringify(ns)).toThrow(/no Sidecar for namespace/);
  });
});

describe('namespaceNameProblem', () => {
  it.each([
    ['Team_A', /upper-case/],
    ['team_a', /other than lower-case letters/],
    ['__proto__', /other than lower-case letters/],
    ['', /empty/],
    ['a'.repeat(64), /64 characters/],
    ['équipe', /non-ASCII/],
    ['ns-😀', /non-ASCII/],
    ['a\u0007b', /control/],
    ['a\nb', /control/],
    ['shop\u202e', /non-ASCII/],
    ['-shop', /starts or ends/],
    ['shop.prod', /other than lower-case letters/],
  ])('says why %j cannot be a namespace', (value, reason) => {
    expect(namespaceNameProblem(value)).toMatch(reason);
  });

  it.each(['constructor', 'hasownproperty', 'istio-system', 'a', 'a'.repeat(63), '0x1'])('accepts %j', (value) => {
    expect(namespaceNameProblem(value)).toBeNull();
  });

  it('finds a problem exactly when the value is not a DNS-1123 label (property)', () => {
    const alphabet = fc.constantFrom(...'az09-_A.\u0000\u202eé😀'.split(''), '😀');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 70 })), (value) => {
        expect(namespaceNameProblem(value) === null).toBe(isDns1123Label(value));
      }),
      { numRuns: 2000 },
    );
  });
});
