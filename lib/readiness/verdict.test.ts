import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EgressFlow, EgressStatus } from '../egress/types';
import { computeReadiness } from './compute';
import type { InMeshCall } from './in-mesh';
import { readinessVerdict, verdictText, type ReadinessVerdict } from './verdict';

function http(host: string | null, status: EgressStatus, rps: number, workload = 'etl'): EgressFlow {
  return { source: { namespace: 'data', workload }, destination: { host, status }, protocol: 'http', dataPlane: 'sidecar', requestsPerSecond: rps };
}
function tcp(host: string | null, status: EgressStatus, cps: number, workload = 'cdc'): EgressFlow {
  return { source: { namespace: 'data', workload }, destination: { host, status }, protocol: 'tcp', dataPlane: 'sidecar', connectionsPerSecond: cps };
}
const podIp: InMeshCall = { source: { namespace: 'data', workload: 'etl' }, kind: 'pod-ip', namespace: 'payments', service: '10.0.0.7:8080', workload: 'ledger', ratePerSecond: 0.5 };
const service = (to: string, rate: number): InMeshCall => ({ source: { namespace: 'data', workload: 'etl' }, kind: 'service', namespace: to, service: `x.${to}.svc.cluster.local`, workload: 'x', ratePerSecond: rate });

function verdict(flows: EgressFlow[], calls: InMeshCall[] = []): ReadinessVerdict {
  const r = computeReadiness({ end: 'E', window: '1h', flows, warnings: [] }, calls);
  const n = r.namespaces[0] ?? { ...r.mesh, namespace: 'data' };
  return readinessVerdict(n, { window: '1h', scope: 'namespace' });
}

/** The whole verdict as the page reads it. */
const text = (v: ReadinessVerdict): string => [v.headline, v.figure ?? '', ...v.details.map((d) => verdictText(d.line))].join('\n');
const kinds = (v: ReadinessVerdict) => v.details.map((d) => d.kind);

describe('readinessVerdict: the words agree with the numbers (issue 12)', () => {
  it('no traffic: no egress, and says the window bounds what is covered', () => {
    const v = verdict([]);
    expect(v).toMatchObject({ kind: 'no-egress', headline: 'No egress in this window', figure: null });
    expect(text(v)).toMatch(/Nothing seen in the last 1h: traffic outside this window is not covered/);
    expect(text(v)).not.toMatch(/ready|registered/i);
  });

  it('all registered, nothing blocked: ready, 100% registered, and no blocked line', () => {
    const v = verdict([http('api.stripe.com', 'registered', 3), tcp('db.example.com', 'registered', 1)]);
    expect(v.kind).toBe('ready');
    expect(v.headline).toBe('Ready: nothing that works today would break');
    expect(v.figure).toBe('100% of the egress that works today is registered');
    expect(kinds(v)).toEqual([]);
  });

  it('some passthrough: not ready, names the hosts and the rate that would be blocked', () => {
    const v = verdict([http('api.stripe.com', 'registered', 3), http('httpbin.org', 'passthrough', 1), http('api.ipify.org', 'passthrough', 0.5, 'report')]);
    expect(v.kind).toBe('not-ready');
    expect(v.headline).toBe('Not ready: 1.5/s that works today would be blocked');
    expect(v.figure).toBe('67% of the egress that works today is registered');
    expect(kinds(v)).toEqual(['would-break']);
    expect(verdictText(v.details[0]!.line)).toBe('Would be blocked until registered: 2 hosts (httpbin.org, api.ipify.org) at 1.5/s.');
    expect(text(v)).not.toMatch(/Still blocked/);
  });

  it('some blocked (the issue: data at 100% next to 0.958/s blocked to pastebin.com): ready, and the blocked hosts named as staying blocked', () => {
    const v = verdict([http('warehouse.example.com', 'registered', 0.4), http('pastebin.com', 'blocked', 0.2), http('<b>x</b>.evil.test', 'blocked', 0.258), tcp(null, 'blocked', 0.5)]);
    expect(v.kind).toBe('ready');
    expect(v.headline).toBe('Ready: nothing that works today would break');
    expect(v.figure).toBe('100% of the egress that works today is registered');
    expect(kinds(v)).toEqual(['still-blocked']);
    const line = v.details[0]!.line;
    expect(verdictText(line)).toBe(
      'Still blocked: 2 hosts (<b>x</b>.evil.test, pastebin.com) and TLS/TCP without a host at 0.958/s. It fails today (BlackHoleCluster) and stays blocked under REGISTRY_ONLY.',
    );
    // Hosts are label values, for the UI to show as text.
    expect(line).toContainEqual({ label: 'pastebin.com' });
    expect(line).toContainEqual({ label: '<b>x</b>.evil.test' });
    expect(text(v)).not.toMatch(/Every named destination is registered/);
  });

  it('both passthrough and blocked: not ready, with both lines, blocked not counted as would-break', () => {
    const v = verdict([http('a.io', 'registered', 1), http('httpbin.org', 'passthrough', 1), http('pastebin.com', 'blocked', 5)]);
    expect(v.kind).toBe('not-ready');
    expect(v.headline).toBe('Not ready: 1/s that works today would be blocked');
    expect(v.figure).toBe('50% of the egress that works today is registered');
    expect(kinds(v)).toEqual(['would-break', 'still-blocked']);
    expect(verdictText(v.details[1]!.line)).toMatch(/^Still blocked: 1 host \(pastebin\.com\) at 5\/s\./);
  });

  it('only blocked traffic: ready (nothing works that could break), and says nothing works', () => {
    const v = verdict([http('pastebin.com', 'blocked', 1)]);
    expect(v).toMatchObject({ kind: 'ready', figure: null });
    expect(kinds(v)).toEqual(['still-blocked', 'nothing-works']);
  });

  it('unattributed TLS/TCP passthrough: not ready, on its own line with its callers', () => {
    const v = verdict([tcp(null, 'passthrough', 0.6, 'cart'), tcp('db.example.com', 'registered', 1)]);
    expect(v.kind).toBe('not-ready');
    expect(kinds(v)).toEqual(['unattributed']);
    expect(verdictText(v.details[0]!.line)).toMatch(/^Would be blocked too: TLS\/TCP passthrough without a host from data\/cart at 0\.6\/s/);
  });

  it('calls to pod IPs: not ready even when all egress is registered', () => {
    const v = verdict([http('api.stripe.com', 'registered', 1)], [podIp]);
    expect(v.kind).toBe('not-ready');
    expect(v.figure).toBe('100% of the egress that works today is registered');
    expect(kinds(v)).toEqual(['pod-ip']);
    expect(verdictText(v.details[0]!.line)).toMatch(/^Calls straight to pod IPs would be blocked too: data\/etl → payments\/ledger at 0\.5\/s/);
  });

  it('lists in-mesh destinations for a namespace, not for the mesh, and they break nothing', () => {
    const calls = [service('payments', 2), service('data', 20), service('istio-system', 1)];
    const v = verdict([http('api.stripe.com', 'registered', 1)], calls);
    expect(v.kind).toBe('ready');
    expect(verdictText(v.details[0]!.line)).toBe('In-mesh calls seen in the last 1h, to data 20/s, payments 2/s, istio-system 1/s: they keep working, the Sidecar keeps every service visible.');
    const r = computeReadiness({ end: 'E', window: '1h', flows: [], warnings: [] }, calls);
    expect(readinessVerdict(r.mesh, { window: '1h', scope: 'mesh' }).details).toEqual([{ kind: 'no-egress', line: [expect.stringMatching(/^Nothing seen/)] }]);
  });

  it('shortens long lists: three names, then …', () => {
    const v = verdict(['a.io', 'b.io', 'c.io', 'd.io', 'e.io'].map((h, i) => http(h, 'passthrough', 5 - i)));
    expect(verdictText(v.details[0]!.line)).toBe('Would be blocked until registered: 5 hosts (a.io, b.io, c.io, …) at 15/s.');
  });

  it('is ready exactly when nothing passes through, neither to a host nor to a pod IP (property)', () => {
    const status = fc.constantFrom<EgressStatus>('registered', 'passthrough', 'blocked');
    const flowArb = fc.record({ host: fc.option(fc.constantFrom('a.io', 'b.io', 'pastebin.com'), { nil: null }), status, rate: fc.double({ min: 0.001, max: 100, noNaN: true }), tcp: fc.boolean() });
    fc.assert(
      fc.property(fc.array(flowArb, { maxLength: 8 }), fc.boolean(), (specs, withPodIp) => {
        const flows = specs.map((s) => (s.tcp ? tcp(s.host, s.status, s.rate) : http(s.host, s.status, s.rate)));
        const v = verdict(flows, withPodIp ? [podIp] : []);
        const passes = specs.some((s) => s.status === 'passthrough') || withPodIp;
        const any = specs.length > 0 || withPodIp;
        expect(v.kind).toBe(!any ? 'no-egress' : passes ? 'not-ready' : 'ready');
        // Blocked traffic is always named, and never as ready-making or breaking.
        expect(kinds(v).includes('still-blocked')).toBe(specs.some((s) => s.status === 'blocked'));
        if (v.kind === 'ready') expect(text(v)).not.toMatch(/would be blocked/i);
      }),
    );
  });
});
