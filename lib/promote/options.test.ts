import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_PLANE_BUNDLES, EMPTY_FORM, MAX_OPTION_TEXT, OPTION_PARAMS, parsePromoteOptions, RESOLUTIONS, toBody, writePromoteOptions, type PromoteFormState } from './options';

const text = fc.string({ unit: 'grapheme', maxLength: 80 });
const form: fc.Arbitrary<PromoteFormState> = fc.record({
  namespace: text,
  exportTo: text,
  resolution: fc.constantFrom('' as const, ...RESOLUTIONS),
  dataPlane: fc.constantFrom('' as const, ...DATA_PLANE_BUNDLES),
  egressGateway: fc.boolean(),
  sidecar: fc.boolean(),
  wildcard: fc.boolean(),
  timeout: text,
  retries: text,
  tcpAddress: text,
  tcpPort: text,
  tcpHost: text,
});

describe('promote options in the URL', () => {
  it('every option round-trips through the query string (as the browser writes and reads it)', () => {
    fc.assert(
      fc.property(form, (f) => {
        const url = `/promote?${writePromoteOptions(f).toString()}`;
        expect(parsePromoteOptions(new URL(url, 'http://x').searchParams)).toEqual(f);
      }),
    );
  });

  it('other parameters of the review (hosts, window, end, ns) are kept as they were', () => {
    fc.assert(
      fc.property(form, form, (a, b) => {
        const base = new URLSearchParams([['host', 'pastebin.com'], ['host', 'api.github.com'], ['window', '1d'], ['end', '1700000000'], ['ns', 'shop']]);
        const next = writePromoteOptions(b, writePromoteOptions(a, base));
        expect(next.getAll('host')).toEqual(['pastebin.com', 'api.github.com']);
        expect([next.get('window'), next.get('end'), next.get('ns')]).toEqual(['1d', '1700000000', 'shop']);
        expect(parsePromoteOptions(next)).toEqual(b);
      }),
    );
  });

  it('defaults are left out: the empty form adds nothing to the URL', () => {
    expect(writePromoteOptions(EMPTY_FORM).toString()).toBe('');
    expect(writePromoteOptions({ ...EMPTY_FORM, sidecar: true, resolution: 'NONE', namespace: 'shop' }).toString()).toBe('namespace=shop&resolution=NONE&sidecar=1');
  });

  it('any query string parses to a form without throwing; unknown values fall back to the default', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...OPTION_PARAMS, 'other'), fc.string({ maxLength: 30 }))), (pairs) => {
        const f = parsePromoteOptions(new URLSearchParams(pairs));
        expect(['', ...RESOLUTIONS]).toContain(f.resolution);
        expect(['', ...DATA_PLANE_BUNDLES]).toContain(f.dataPlane);
        for (const k of ['egressGateway', 'sidecar', 'wildcard'] as const) expect(typeof f[k]).toBe('boolean');
      }),
    );
    expect(parsePromoteOptions(new URLSearchParams('resolution=ALL&sidecar=yes&namespace=' + 'x'.repeat(MAX_OPTION_TEXT + 1)))).toEqual(EMPTY_FORM);
  });

  it('a shared URL gives the same request body as the form it was written from', () => {
    fc.assert(
      fc.property(form, fc.boolean(), (f, unattributed) => {
        const restored = parsePromoteOptions(new URLSearchParams(writePromoteOptions(f).toString()));
        const body = (x: PromoteFormState) => JSON.stringify(toBody(['pastebin.com'], unattributed ? 'blocked' : undefined, '1h', 1_700_000_000, x));
        expect(body(restored)).toBe(body(f));
      }),
    );
  });

  it('the bundle choice is in the URL and the body; the default (the callers\' data plane) is in neither', () => {
    expect(writePromoteOptions({ ...EMPTY_FORM, dataPlane: 'ambient' }).toString()).toBe('dataPlane=ambient');
    expect(parsePromoteOptions(new URLSearchParams('dataPlane=ambient')).dataPlane).toBe('ambient');
    expect(parsePromoteOptions(new URLSearchParams('dataPlane=both')).dataPlane).toBe('');
    expect(toBody(['a.example.com'], undefined, '1h', undefined, { ...EMPTY_FORM, dataPlane: 'sidecar' })).toMatchObject({ dataPlane: 'sidecar' });
    expect(toBody(['a.example.com'], undefined, '1h', undefined, EMPTY_FORM)).not.toHaveProperty('dataPlane');
  });

  it('the body carries acknowledgeBlocked only when the approver acknowledged', () => {
    expect(toBody(['pastebin.com'], undefined, '1h', undefined, EMPTY_FORM)).not.toHaveProperty('acknowledgeBlocked');
    expect(toBody(['pastebin.com'], undefined, '1h', undefined, EMPTY_FORM, true)).toMatchObject({ acknowledgeBlocked: true });
  });
});
