import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideOutboundMode, OUTBOUND_MODE_SETTINGS, parseIstioVersion } from './outbound-mode';
import { outboundModeWarnings } from './report';

const version = fc.record({ major: fc.integer({ min: 0, max: 3 }), minor: fc.integer({ min: 0, max: 40 }), patch: fc.integer({ min: 0, max: 20 }), suffix: fc.constantFrom('', '-distroless', '-debug') });
const tagOf = (v: { major: number; minor: number; patch: number; suffix: string }) => `${v.major}.${v.minor}.${v.patch}${v.suffix}`;
const recent = (v: { major: number; minor: number }) => v.major > 1 || (v.major === 1 && v.minor >= 23);

describe('parseIstioVersion', () => {
  it('reads major.minor of release tags, and nothing from tags that are not versions', () => {
    expect(parseIstioVersion('1.31.0')).toEqual({ major: 1, minor: 31 });
    expect(parseIstioVersion('1.23.2-distroless')).toEqual({ major: 1, minor: 23 });
    expect(parseIstioVersion('1.24-alpha.0f3c')).toEqual({ major: 1, minor: 24 });
    for (const tag of ['latest', '', 'a1b2c3d4', 'master', '1'] as const) expect(parseIstioVersion(tag)).toBeNull();
  });

  it('never throws, whatever the tag', () => {
    fc.assert(fc.property(fc.string(), (tag) => parseIstioVersion(tag) === null || typeof parseIstioVersion(tag)?.minor === 'number'));
  });
});

describe('decideOutboundMode (auto)', () => {
  it('reads host-named series without a namespace as passthrough exactly when every proxy is 1.23 or newer', () => {
    fc.assert(
      fc.property(fc.array(version, { maxLength: 6 }), (versions) => {
        const d = decideOutboundMode('auto', versions.map(tagOf));
        const allRecent = versions.length > 0 && versions.every(recent);
        expect(d.hostNamedWithoutNamespace).toBe(allRecent ? 'passthrough' : 'registered');
        expect(d.decidedBy).toBe('proxy-versions');
        expect(d.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('a proxy of unknown version keeps the ServiceEntry reading, and says which', () => {
    const d = decideOutboundMode('auto', ['1.31.0', 'latest']);
    expect(d.hostNamedWithoutNamespace).toBe('registered');
    expect(d.reason).toContain('latest');
  });
});

describe('decideOutboundMode (stated)', () => {
  it('the configuration overrides the versions: only ALLOW_ANY_DYNAMIC_DNS is passthrough', () => {
    for (const setting of OUTBOUND_MODE_SETTINGS.filter((s) => s !== 'auto')) {
      for (const tags of [[], ['1.20.0'], ['1.31.0']]) {
        const d = decideOutboundMode(setting, tags);
        expect(d.decidedBy).toBe('configuration');
        expect(d.hostNamedWithoutNamespace).toBe(setting === 'ALLOW_ANY_DYNAMIC_DNS' ? 'passthrough' : 'registered');
        expect(d.reason).toContain(setting);
      }
    }
  });
});

describe('outboundModeWarnings', () => {
  it('says nothing when no host was decided, and names the hosts, the reading and the reason otherwise', () => {
    const d = decideOutboundMode('auto', ['1.31.0']);
    expect(outboundModeWarnings(d, new Set())).toEqual([]);
    const [w] = outboundModeWarnings(d, new Set(['b.example', 'a.example', 'c.example', 'd.example']));
    expect(w).toContain('4 hosts are named without a namespace (a.example, b.example, c.example and 1 more)');
    expect(w).toContain('passthrough (ALLOW_ANY_DYNAMIC_DNS)');
    expect(w).toContain(d.reason);
  });
});
