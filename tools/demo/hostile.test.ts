import { describe, expect, it } from 'vitest';
import { parseObservedHost } from '../../lib/egress/host';
import { DEMO_HOSTILE_BLOCKED, DEMO_HOSTILE_PASSTHROUGH, DEMO_LONG_HOST } from './hostile';
import { createDemoMesh, demoSeries } from './mesh';
import { DEMO_HOSTILE_HOST } from './small-mesh';

/** Envoy's `:authority` character set (header_validation.cc, check_authority_h1_h2). */
const ENVOY_AUTHORITY = /^[!$%&'()*+,\-.0-9:;=@A-Z[\]_a-z~]+$/;
const ALL = [...DEMO_HOSTILE_PASSTHROUGH, ...DEMO_HOSTILE_BLOCKED];

describe('hostile demo hosts', () => {
  it('declare the host the classifier derives from their Host header (the oracle stays right)', () => {
    for (const h of ALL) expect(parseObservedHost(h.hostHeader)?.host, h.key).toBe(h.host);
  });

  it('say truthfully whether a current Envoy accepts them as Host header', () => {
    for (const h of ALL) expect(ENVOY_AUTHORITY.test(h.hostHeader), h.key).toBe(h.envoyAccepts);
    expect(ENVOY_AUTHORITY.test(DEMO_HOSTILE_HOST)).toBe(false);
  });

  it('cover markup, quotes, control and bidi characters, astral emoji, CSV formula starters and 10 kB', () => {
    const hosts = ALL.map((h) => h.host).join('\n');
    for (const needle of ['<script>', '"', "'", '`', '\t', '\u0007', '\u001b[31m', '\r\n', '\u202e', '😀', '=hyperlink(', '+1', '-1+1', '@sum(']) expect(hosts).toContain(needle);
    expect(DEMO_LONG_HOST.length).toBeGreaterThanOrEqual(10_000);
  });

  it('reach the series as destination_service, untouched', () => {
    const mesh = createDemoMesh({ origin: 1767225600 });
    const values = new Set([...demoSeries(mesh)].map((s) => s.labels.destination_service));
    for (const h of ALL) expect(values.has(h.hostHeader), h.key).toBe(true);
  });
});
