import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostSubsetOf, sidecarAdmits, sidecarHostAdmits } from './sidecar-hosts';

const svc = (namespace: string, host: string) => ({ namespace, host });
const ledger = svc('payments', 'ledger.payments.svc.cluster.local');

describe('sidecarHostAdmits: Sidecar egress hosts namespace/dnsName (sidecar.proto)', () => {
  it.each([
    ['*/*', 'shop', ledger, true],
    ['./*', 'payments', ledger, true],
    ['./*', 'shop', ledger, false],
    ['payments/*', 'shop', ledger, true],
    ['shop/*', 'shop', ledger, false],
    ['~/*', 'payments', ledger, false],
    ['~/ledger.payments.svc.cluster.local', 'payments', ledger, false],
    ['payments/ledger.payments.svc.cluster.local', 'shop', ledger, true],
    ['payments/fraud.payments.svc.cluster.local', 'shop', ledger, false],
    ['*/ledger.payments.svc.cluster.local', 'shop', ledger, true],
    ['*/*.payments.svc.cluster.local', 'shop', ledger, true],
    ['*/*.svc.cluster.local', 'shop', ledger, true],
    ['*/*.shop.svc.cluster.local', 'shop', ledger, false],
    ['payments/LEDGER.payments.svc.cluster.local', 'shop', ledger, true],
    // No "/": not an egress host at all.
    ['*', 'shop', ledger, false],
    ['ledger.payments.svc.cluster.local', 'shop', ledger, false],
  ])('%s in a Sidecar of %s -> %o: %s', (entry, sidecarNs, service, admitted) => {
    expect(sidecarHostAdmits(entry, sidecarNs, service)).toBe(admitted);
  });

  it('matches ServiceEntry hosts, wildcards both ways (Istio host.Name Matches)', () => {
    expect(sidecarHostAdmits('ml/*.googleapis.com', 'shop', svc('ml', '*.googleapis.com'))).toBe(true);
    expect(sidecarHostAdmits('ml/storage.googleapis.com', 'shop', svc('ml', '*.googleapis.com'))).toBe(true);
    expect(sidecarHostAdmits('ml/*.googleapis.com', 'shop', svc('ml', 'storage.googleapis.com'))).toBe(true);
    expect(sidecarHostAdmits('ml/*.googleapis.com', 'shop', svc('ml', 'googleapis.com'))).toBe(false);
    expect(sidecarHostAdmits('ml/*.googleapis.com', 'shop', svc('data', 'storage.googleapis.com'))).toBe(false);
    expect(sidecarHostAdmits('istio-system/*', 'shop', svc('istio-system', 'istio-egressgateway.istio-system.svc.cluster.local'))).toBe(true);
  });

  it('sidecarAdmits is any entry: the generator of the first round cut shop -> payments', () => {
    const old = ['./*', 'istio-system/*', 'payments/api.stripe.com'];
    expect(sidecarAdmits(old, 'shop', svc('shop', 'catalog.shop.svc.cluster.local'))).toBe(true);
    expect(sidecarAdmits(old, 'shop', svc('payments', 'api.stripe.com'))).toBe(true);
    expect(sidecarAdmits(old, 'shop', ledger)).toBe(false);
    expect(sidecarAdmits([], 'shop', ledger)).toBe(false);
  });
});

describe('hostSubsetOf (Istio pkg/config/host SubsetOf)', () => {
  it.each([
    ['a.example.com', 'a.example.com', true],
    ['a.example.com', '*.example.com', true],
    ['a.b.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['*.example.com', 'a.example.com', false],
    ['*.a.example.com', '*.example.com', true],
    ['*.example.com', '*.a.example.com', false],
    ['anything', '*', true],
    ['*.x.io', '*', true],
  ])('%s within %s: %s', (n, o, expected) => {
    expect(hostSubsetOf(n, o)).toBe(expected);
  });

  const label = fc.stringMatching(/^[a-z0-9]{1,8}$/);
  const name = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));

  it('is reflexive, and "*" and "*.<suffix>" cover every name under them (property)', () => {
    fc.assert(
      fc.property(name, name, (prefix, suffix) => {
        const host = `${prefix}.${suffix}`;
        expect(hostSubsetOf(host, host)).toBe(true);
        expect(hostSubsetOf(host, '*')).toBe(true);
        expect(hostSubsetOf(host, `*.${suffix}`)).toBe(true);
        expect(hostSubsetOf(suffix, `*.${suffix}`)).toBe(false);
      }),
    );
  });

  it('is transitive (property)', () => {
    const pattern = fc.oneof(name, name.map((n) => `*.${n}`), fc.constant('*'));
    fc.assert(
      fc.property(pattern, pattern, pattern, (a, b, c) => {
        if (hostSubsetOf(a, b) && hostSubsetOf(b, c)) expect(hostSubsetOf(a, c)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('"*/*" admits every service from every namespace, "~/*" none (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (sidecarNs, ns, host) => {
        expect(sidecarHostAdmits('*/*', sidecarNs, { namespace: ns, host })).toBe(true);
        expect(sidecarHostAdmits('~/*', sidecarNs, { namespace: ns, host })).toBe(false);
      }),
    );
  });
});
