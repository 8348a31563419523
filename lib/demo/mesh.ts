/** createDemoMesh and the expansion of traffic definitions into pod-level Istio counter series. */
import { CounterSeries } from './counter-series';
import { METRIC, METRIC_NAMES, type MetricName, seriesLabels } from './labels';
import { assertScale, scaleTraffic } from './scale-mesh';
import { smallMeshTraffic } from './small-mesh';
import type { DemoMesh, DemoMeshOptions, DemoResponse, DemoSeries, DemoTraffic, DemoWorkload, RateSpec } from './types';
import { W } from './workloads';

/** Prometheus' scrape grid of the demo history. */
export const DEMO_STEP = 15;
const RESET_OFFSET = 90 * 60;
const SWITCH_OFFSET = 2 * 60 * 60;

/** Build the demo mesh whose counters are deterministic functions of absolute time. */
export function createDemoMesh(opts: DemoMeshOptions): DemoMesh {
  if (!Number.isInteger(opts.origin) || opts.origin % DEMO_STEP !== 0) {
    throw new Error(`demo mesh origin must be unix seconds on the ${DEMO_STEP} s grid, got ${opts.origin}`);
  }
  if (opts.scale) assertScale(opts.scale);
  const events = {
    counterResetAt: opts.origin + RESET_OFFSET,
    counterResetPod: W.frontend.pods[1] ?? '',
    switchToBlockedAt: opts.origin + SWITCH_OFFSET,
  };
  const base = smallMeshTraffic(events.switchToBlockedAt);
  const scale = opts.scale ? scaleTraffic(opts.scale) : undefined;
  const traffic: Iterable<DemoTraffic> = {
    *[Symbol.iterator](): Iterator<DemoTraffic> {
      yield* base;
      if (scale) yield* scale;
    },
  };
  return { origin: opts.origin, events, ...(opts.scale ? { scale: opts.scale } : {}), traffic };
}

/** Every series of the mesh, lazily, grouped by metric family (re-iterable). */
export function demoSeries(mesh: DemoMesh): Iterable<DemoSeries> {
  return {
    *[Symbol.iterator](): Iterator<DemoSeries> {
      for (const metric of METRIC_NAMES) {
        for (const traffic of mesh.traffic) yield* trafficSeries(mesh, traffic, metric);
      }
    },
  };
}

/** Shares of a workload's traffic per pod: uneven (e.g. 0.6/0.4), so sums over pods matter. */
export function podShares(count: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => count + 1 - i);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

function scaled(rate: RateSpec, factor: number): RateSpec {
  return { ...rate, perSecond: rate.perSecond * factor };
}

interface SeriesPart {
  readonly rate: RateSpec;
  readonly responseCode?: string;
  readonly responseFlags: string;
}

const DEFAULT_RESPONSES: readonly DemoResponse[] = [{ code: '200', share: 1 }];

/** The per-family rates of one traffic definition, before splitting over reporters and pods. */
function familyParts(traffic: DemoTraffic, metric: MetricName): SeriesPart[] {
  const isHttp = traffic.protocol !== 'tcp';
  if (metric === METRIC.requests) {
    if (!isHttp) return [];
    return (traffic.responses ?? DEFAULT_RESPONSES).map((r) => ({
      rate: scaled(traffic.rate, r.share),
      responseCode: r.code,
      responseFlags: r.flags ?? '-',
    }));
  }
  if (isHttp) return [];
  // TCP BlackHole: the connection is closed at once; no bytes, no opened series (facts §2).
  if (traffic.destination.kind === 'blackhole') {
    return metric === METRIC.tcpClosed ? [{ rate: traffic.rate, responseFlags: 'UH' }] : [];
  }
  switch (metric) {
    case METRIC.tcpOpened:
    case METRIC.tcpClosed:
      return [{ rate: traffic.rate, responseFlags: '-' }];
    case METRIC.tcpSent:
      return traffic.bytes ? [{ rate: scaled(traffic.rate, traffic.bytes.sent / traffic.rate.perSecond), responseFlags: '-' }] : [];
    case METRIC.tcpReceived:
      return traffic.bytes ? [{ rate: scaled(traffic.rate, traffic.bytes.received / traffic.rate.perSecond), responseFlags: '-' }] : [];
  }
}

function reportingWorkload(traffic: DemoTraffic, reporter: 'source' | 'destination'): DemoWorkload | undefined {
  if (reporter === 'source') return traffic.source;
  return traffic.destination.kind === 'workload' ? traffic.destination.workload : undefined;
}

/** The series of one traffic definition in one metric family: parts x reporters x pods. */
export function trafficSeries(mesh: DemoMesh, traffic: DemoTraffic, metric: MetricName): CounterSeries[] {
  const out: CounterSeries[] = [];
  const parts = familyParts(traffic, metric);
  if (parts.length === 0) return out;
  for (const reporter of traffic.reporters) {
    const workload = reportingWorkload(traffic, reporter);
    if (!workload) continue;
    const shares = podShares(workload.pods.length);
    workload.pods.forEach((pod, i) => {
      for (const part of parts) {
        out.push(
          new CounterSeries({
            name: metric,
            labels: seriesLabels({
              traffic,
              metric,
              reporter,
              ...(part.responseCode !== undefined ? { responseCode: part.responseCode } : {}),
              responseFlags: part.responseFlags,
              pod,
              podNamespace: workload.namespace,
            }),
            rate: scaled(part.rate, shares[i] ?? 0),
            from: traffic.from ?? mesh.origin,
            ...(traffic.until !== undefined ? { until: traffic.until } : {}),
            ...(pod === mesh.events.counterResetPod ? { resetAt: mesh.events.counterResetAt } : {}),
          }),
        );
      }
    });
  }
  return out;
}
