/** Scale mode: N synthetic workloads calling M passthrough hosts, generated lazily. */
import type { DemoScale, DemoTraffic, DemoWorkload, RateSpec } from './types';
import { hashString, podNames } from './workloads';

const HOUR = 3600;

/** Host name of scale host `i`. */
export function scaleHost(i: number): string {
  return `h${i}.scale.test`;
}

/** Number of namespaces the scale workloads are spread over: ~N/10, at least 1. */
export function scaleNamespaceCount(scale: DemoScale): number {
  return Math.max(1, Math.round(scale.workloads / 10));
}

/** Scale workload `i` (one pod), in namespace `scale-<i mod namespaces>`. */
export function scaleWorkload(scale: DemoScale, i: number): DemoWorkload {
  const name = `wl-${i}`;
  return {
    namespace: `scale-${i % scaleNamespaceCount(scale)}`,
    name,
    app: name,
    version: 'v1',
    serviceAccount: name,
    pods: podNames(name, 1),
  };
}

/** Number of (workload, host) pairs, i.e. istio_requests_total series, in scale mode. */
export function scalePairCount(scale: DemoScale): number {
  return Math.max(scale.workloads, scale.hosts);
}

/** Deterministic rate, log-uniform between 0.05 and 50 per second. */
function pairRate(i: number): RateSpec {
  const h = hashString(`pair/${i}`);
  const u = (h % 10007) / 10007;
  return { perSecond: 0.05 * Math.pow(1000, u), amplitude: 0.1, period: (6 + (h % 7)) * HOUR, phase: (h % 100) / 100 };
}

/** Throws on a scale that is not two positive integers (programmer error). */
export function assertScale(scale: DemoScale): void {
  for (const [key, value] of Object.entries(scale)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`demo mesh scale.${key} must be a positive integer, got ${String(value)}`);
  }
}

/**
 * Pair i (0 <= i < max(N, M)) is workload i mod N calling host i mod M over HTTP passthrough.
 * Every workload and every host appears at least once, and no pair repeats.
 */
export function scaleTraffic(scale: DemoScale): Iterable<DemoTraffic> {
  const count = scalePairCount(scale);
  return {
    *[Symbol.iterator](): Iterator<DemoTraffic> {
      for (let i = 0; i < count; i++) {
        const host = scaleHost(i % scale.hosts);
        yield {
          id: `scale-${i}`,
          source: scaleWorkload(scale, i % scale.workloads),
          protocol: 'http',
          reporters: ['source'],
          destination: { kind: 'passthrough', hostHeader: host },
          rate: pairRate(i),
          expect: { status: 'passthrough', host },
        };
      }
    },
  };
}
