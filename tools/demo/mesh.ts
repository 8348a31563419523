/** createDemoMesh and the expansion of traffic definitions into pod-level Istio counter series. */
import { CounterSeries } from './counter-series';
import { type DemoProxy, type Labels, METRIC, METRIC_NAMES, type MetricName, seriesLabels } from './labels';
import { proxyBuildSeries } from './proxy-builds';
import { assertScale, scaleTraffic } from './scale-mesh';
import { smallMeshTraffic } from './small-mesh';
import type { DemoMesh, DemoMeshOptions, DemoReporter, DemoResponse, DemoSeries, DemoTraffic, RateSpec } from './types';
import { W, ZTUNNEL_PODS } from './workloads';

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
  return { origin: opts.origin, events, ...(opts.scale ? { scale: opts.scale } : {}), traffic, gauges: proxyBuildSeries(opts.origin) };
}

/** Every series of the mesh, lazily, grouped by metric family (re-iterable). */
export function demoSeries(mesh: DemoMesh): Iterable<DemoSeries> {
  return {
    *[Symbol.iterator](): Iterator<DemoSeries> {
      for (const metric of METRIC_NAMES) {
        for (const traffic of mesh.traffic) yield* trafficSeries(mesh, traffic, metric);
      }
      yield* mesh.gauges ?? [];
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

/** The pods whose proxy writes a series, with what their scrape adds. */
interface ReportingPods {
  readonly proxy: DemoProxy;
  readonly namespace: string;
  readonly pods: readonly { readonly pod: string; readonly scrape?: Labels }[];
}

/**
 * Who reports a traffic's series for `reporter`: the client's sidecar; for an
 * ambient client the ztunnel of each pod's node (scraped with app="ztunnel"
 * on one node, without it on the other, so nothing may depend on it); the
 * egress waypoint; or the destination's sidecar.
 */
function reportingPods(traffic: DemoTraffic, reporter: DemoReporter): ReportingPods | undefined {
  const d = traffic.destination;
  if (reporter === 'waypoint') {
    if (d.kind !== 'waypoint-service-entry') return undefined;
    const scrape = { gateway_networking_k8s_io_gateway_name: d.waypoint.name };
    return { proxy: 'waypoint', namespace: d.waypoint.namespace, pods: d.waypoint.pods.map((pod) => ({ pod, scrape })) };
  }
  const workload = reporter === 'source' ? traffic.source : d.kind === 'workload' ? d.workload : undefined;
  if (!workload) return undefined;
  if (workload.ambient) {
    return {
      proxy: 'ztunnel',
      namespace: 'istio-system',
      pods: workload.pods.map((_, i) => ({ pod: ZTUNNEL_PODS[i % ZTUNNEL_PODS.length] ?? 'ztunnel', ...(i % ZTUNNEL_PODS.length === 0 ? { scrape: { app: 'ztunnel' } } : {}) })),
    };
  }
  return { proxy: 'sidecar', namespace: workload.namespace, pods: workload.pods.map((pod) => ({ pod })) };
}

/** The series of one traffic definition in one metric family: parts x reporters x pods. */
export function trafficSeries(mesh: DemoMesh, traffic: DemoTraffic, metric: MetricName): CounterSeries[] {
  const out: CounterSeries[] = [];
  const parts = familyParts(traffic, metric);
  if (parts.length === 0) return out;
  for (const reporter of traffic.reporters) {
    const reporting = reportingPods(traffic, reporter);
    if (!reporting) continue;
    const shares = podShares(reporting.pods.length);
    reporting.pods.forEach(({ pod, scrape }, i) => {
      for (const part of parts) {
        out.push(
          new CounterSeries({
            name: metric,
            labels: seriesLabels({
              traffic,
              metric,
              reporter,
              proxy: reporting.proxy,
              ...(scrape ? { scrape } : {}),
              ...(part.responseCode !== undefined ? { responseCode: part.responseCode } : {}),
              responseFlags: part.responseFlags,
              pod,
              podNamespace: reporting.namespace,
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
