/** Scale mode: N synthetic workloads in K namespaces calling M passthrough hosts (some also over TLS/TCP), generated lazily. */
import type { DemoScale, DemoTraffic, DemoWorkload, RateSpec } from './types';
import { hashString, podNames } from './workloads';

const HOUR = 3600;

/** Host name of scale host `i`: `h<i>.scale.test`, or with `domains`, `h<i>.d<i mod domains>.example` and every tenth an S3 bucket. */
export function scaleHost(i: number, scale?: DemoScale): string {
  if (scale?.domains === undefined) return `h${i}.scale.test`;
  return i % 10 === 9 ? `bucket-${i}.s3.amazonaws.com` : `h${i}.d${i % scale.domains}.example`;
}

/** With `domains`, every 23rd host is blocked (REGISTRY_ONLY drops it), so groups hold blocked hosts too. */
export function scaleHostBlocked(i: number, scale?: DemoScale): boolean {
  return scale?.domains !== undefined && i % 23 === 22;
}

/** Number of namespaces the scale workloads are spread over: `scale.namespaces`, else ~N/10, at least 1. */
export function scaleNamespaceCount(scale: DemoScale): number {
  return scale.namespaces ?? Math.max(1, Math.round(scale.workloads / 10));
}

/** Name of scale namespace `i`. */
export function scaleNamespace(i: number): string {
  return `scale-${i}`;
}

/** Every scale namespace, in order (each holds at least one workload). */
export function scaleNamespaces(scale: DemoScale): string[] {
  return Array.from({ length: scaleNamespaceCount(scale) }, (_, i) => scaleNamespace(i));
}

/** Scale workload `i` (one pod), in namespace `scale-<i mod namespaces>`. */
export function scaleWorkload(scale: DemoScale, i: number): DemoWorkload {
  const name = `wl-${i}`;
  return {
    namespace: scaleNamespace(i % scaleNamespaceCount(scale)),
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

/** Number of TLS/TCP passthrough traffics (one per workload among the first `tcpWorkloads`) in scale mode. */
export function scaleTcpCount(scale: DemoScale): number {
  return scale.tcpWorkloads ?? 0;
}

/** Deterministic rate, log-uniform between 0.05 and 50 per second. */
function pairRate(i: number, kind = 'pair'): RateSpec {
  const h = hashString(`${kind}/${i}`);
  const u = (h % 10007) / 10007;
  return { perSecond: 0.05 * Math.pow(1000, u), amplitude: 0.1, period: (6 + (h % 7)) * HOUR, phase: (h % 100) / 100 };
}

/** Throws on a scale outside its bounds (programmer error): positive workloads and hosts, namespaces in 1..workloads, tcpWorkloads in 0..workloads, domains in 1..hosts. */
export function assertScale(scale: DemoScale): void {
  const check = (key: string, value: number | undefined, min: number, max: number) => {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`demo mesh scale.${key} must be an integer from ${min} to ${max}, got ${String(value)}`);
    }
  };
  check('workloads', scale.workloads, 1, Number.MAX_SAFE_INTEGER);
  check('hosts', scale.hosts, 1, Number.MAX_SAFE_INTEGER);
  check('namespaces', scale.namespaces, 1, scale.workloads);
  check('tcpWorkloads', scale.tcpWorkloads, 0, scale.workloads);
  check('domains', scale.domains, 1, scale.hosts);
}

/**
 * Pair i (0 <= i < max(N, M)) is workload i mod N calling host i mod M over HTTP passthrough.
 * Every workload and every host appears at least once, and no pair repeats.
 * Then workload j < tcpWorkloads opens TLS/TCP passthrough connections, whose
 * metrics name no host (istio-egress-facts §2).
 */
export function scaleTraffic(scale: DemoScale): Iterable<DemoTraffic> {
  const count = scalePairCount(scale);
  const tcp = scaleTcpCount(scale);
  return {
    *[Symbol.iterator](): Iterator<DemoTraffic> {
      for (let i = 0; i < count; i++) {
        const host = scaleHost(i % scale.hosts, scale);
        const blocked = scaleHostBlocked(i % scale.hosts, scale);
        yield {
          id: `scale-${i}`,
          source: scaleWorkload(scale, i % scale.workloads),
          protocol: 'http',
          reporters: ['source'],
          destination: { kind: blocked ? 'blackhole' : 'passthrough', hostHeader: host },
          rate: pairRate(i),
          ...(blocked ? { responses: [{ code: '502', share: 1 }] } : {}),
          expect: { status: blocked ? 'blocked' : 'passthrough', host },
        };
      }
      for (let j = 0; j < tcp; j++) {
        const rate = pairRate(j, 'tcp');
        yield {
          id: `scale-tcp-${j}`,
          source: scaleWorkload(scale, j),
          protocol: 'tcp',
          reporters: ['source'],
          destination: { kind: 'passthrough' },
          rate,
          bytes: { sent: rate.perSecond * 2000, received: rate.perSecond * 8000 },
          expect: { status: 'passthrough', host: null },
        };
      }
    },
  };
}
