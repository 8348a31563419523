/**
 * A mesh whose labels are forged (e2e/hostile-data.spec.ts): any workload can
 * serve its own `istio_requests_total` series, which Istio's metrics merging
 * scrapes with the sidecar's (see ./hostile.ts), so namespaces that
 * Kubernetes would refuse, a Host header larger than any URL and one the
 * flows trim all reach Prometheus. Every route must answer and every
 * reported host must be charted.
 */
import { createDemoMesh } from './mesh';
import type { DemoMesh, DemoTraffic, DemoWorkload, RateSpec } from './types';
import { podNames } from './workloads';

/** Source namespaces no Kubernetes accepts: upper case and `_`, JavaScript's `__proto__`, 64 characters (the limit is 63). */
export const DEMO_FORGED_NAMESPACES = ['Team_A', '__proto__', `ns-${'x'.repeat(61)}`] as const;

/** A 20 kB Host header of DNS-looking labels: past Node's 16 KiB request-header limit, so only its hostId fits in a URL. */
export const DEMO_HUGE_HOST = `${Array.from({ length: 320 }, (_, i) => `h${String(i).padStart(3, '0')}`.padEnd(63, 'b')).join('.')}.huge.test`;

/** A Host header with a leading tab, reported trimmed: its chart must still find the tab-prefixed series. */
export const DEMO_TAB_HOST = { hostHeader: '\t=1+1', host: '=1+1' } as const;

const steady = (perSecond: number): RateSpec => ({ perSecond, amplitude: 0, period: 3600, phase: 0 });
const SOURCE = ['source'] as const;

function forged(namespace: string, name: string): DemoWorkload {
  return { namespace, name, app: name, serviceAccount: name, pods: podNames(`${namespace}-${name}`, 1) };
}

/** The traffic of the hostile-labels mesh, each with the classification the API must give it. */
export function hostileLabelsTraffic(): DemoTraffic[] {
  const [teamA, proto, long] = DEMO_FORGED_NAMESPACES.map((ns, i) => forged(ns, ['api', 'worker', 'app'][i]!)) as [DemoWorkload, DemoWorkload, DemoWorkload];
  return [
    {
      id: 'team-a-tab', source: teamA, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: DEMO_TAB_HOST.hostHeader }, rate: steady(0.5),
      expect: { status: 'passthrough', host: DEMO_TAB_HOST.host },
    },
    {
      id: 'team-a-plain', source: teamA, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: DEMO_TAB_HOST.host }, rate: steady(0.25),
      expect: { status: 'passthrough', host: DEMO_TAB_HOST.host },
    },
    {
      id: 'proto-huge-blocked', source: proto, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'blackhole', hostHeader: DEMO_HUGE_HOST }, rate: steady(0.2), responses: [{ code: '502', share: 1 }],
      expect: { status: 'blocked', host: DEMO_HUGE_HOST },
    },
    {
      id: 'long-huge-passthrough', source: long, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: DEMO_HUGE_HOST.toUpperCase() }, rate: steady(0.1),
      expect: { status: 'passthrough', host: DEMO_HUGE_HOST },
    },
    {
      id: 'long-pastebin', source: long, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'passthrough', hostHeader: 'pastebin.com' }, rate: steady(0.3),
      expect: { status: 'passthrough', host: 'pastebin.com' },
    },
    {
      id: 'proto-stripe', source: proto, protocol: 'http', reporters: SOURCE,
      destination: { kind: 'service-entry', host: 'api.stripe.com', namespace: 'Team_A' }, rate: steady(0.4),
      expect: { status: 'registered', host: 'api.stripe.com', serviceEntryNamespace: 'Team_A' },
    },
    {
      id: 'proto-tcp', source: proto, protocol: 'tcp', reporters: SOURCE,
      destination: { kind: 'passthrough' }, rate: steady(0.1), bytes: { sent: 100, received: 400 },
      expect: { status: 'passthrough', host: null },
    },
  ];
}

/** The hostile-labels mesh, its counters starting at `origin` (unix seconds on the 15 s grid). */
export function createHostileLabelsMesh(origin: number): DemoMesh {
  const traffic = hostileLabelsTraffic();
  // Its own workloads only: no istio_build gauges of the small mesh's pods.
  return { ...createDemoMesh({ origin }), traffic, gauges: [] };
}
