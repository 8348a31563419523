import { describe, expect, it } from 'vitest';
import { parseObservedHost } from '../../lib/egress/host';
import { createHostileLabelsMesh, DEMO_FORGED_NAMESPACES, DEMO_HUGE_HOST, DEMO_TAB_HOST, hostileLabelsTraffic } from './hostile-labels';
import { demoSeries } from './mesh';

describe('the hostile-labels mesh', () => {
  it('declares the host the flows derive from each Host header (the oracle stays right)', () => {
    for (const t of hostileLabelsTraffic()) {
      const sent = t.destination.kind === 'passthrough' || t.destination.kind === 'blackhole' ? t.destination.hostHeader : t.destination.kind === 'service-entry' ? t.destination.host : undefined;
      expect(sent === undefined ? null : (parseObservedHost(sent)?.host ?? null), t.id).toBe(t.expect?.host ?? null);
    }
  });

  it('carries namespaces Kubernetes refuses, a 20 kB host and a tab-prefixed one in its series', () => {
    for (const ns of DEMO_FORGED_NAMESPACES) expect(/^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/.test(ns) && ns.length <= 63, ns).toBe(false);
    expect(DEMO_HUGE_HOST.length).toBeGreaterThan(20_000);
    const series = [...demoSeries(createHostileLabelsMesh(1767225600))];
    const values = new Set(series.map((s) => s.labels.destination_service));
    expect(values).toContain(DEMO_TAB_HOST.hostHeader);
    expect(values).toContain(DEMO_HUGE_HOST);
    expect(new Set(series.map((s) => s.labels.source_workload_namespace))).toEqual(new Set(DEMO_FORGED_NAMESPACES));
  });
});
