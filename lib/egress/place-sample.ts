/**
 * Where one sample of the two egress queries goes: the flow it belongs to
 * (source x host x status x protocol x data plane, and gateway) and what it
 * measures. Classification itself is the rulebook's (rules.ts).
 */
import { MEASURE_LABEL } from '../prometheus/queries';
import type { Sample } from '../prometheus/types';
import { parseObservedHost, type ObservedHost } from './host';
import { classifyEgress, DEFAULT_RULE_CONTEXT, isKnown, protocolOf, UNKNOWN, type RuleContext } from './rules';
import type { DataPlane, EgressProtocol, EgressStatus, WorkloadRef } from './types';
import { UNRESOLVED_WAYPOINT } from './waypoints';

/** Which of the two egress queries a sample comes from (lib/prometheus/queries.ts). */
export type FlowMetric = 'requests' | 'tcp';

export interface FlowOptions {
  /** Whether a destination workload is an egress gateway. */
  readonly isGateway: (workload: string) => boolean;
  /** Labels a Telemetry adds to TCP metrics with the SNI and the upstream address (EGRESS_TCP_*_LABEL). */
  readonly tcpDestinationLabels?: { readonly sni?: string; readonly address?: string };
  /** What the labels cannot say (the outbound mode; lib/egress/outbound-mode.ts). */
  readonly ruleContext?: RuleContext;
}

/** What a sample adds to its flow. */
export type Measure = 'requests' | 'bytes' | 'connections' | 'closed';

/** One sample, placed: its flow's identity and what it measures. Every PlacedSample has the same fields in the same order. */
export interface PlacedSample {
  readonly namespace: string;
  readonly workload: string;
  /** `source_cluster`, when the series carry it. */
  readonly cluster: string | undefined;
  readonly status: EgressStatus;
  readonly host: ObservedHost | null;
  readonly protocol: EgressProtocol;
  readonly dataPlane: DataPlane;
  /** The egress gateway (or, until attachWaypoints names it, the waypoint) the flow goes through. */
  readonly via: WorkloadRef | undefined;
  readonly serviceEntryNamespace: string | undefined;
  /** Whether the host-named-without-namespace rule (not the labels alone) decided the status. */
  readonly decided: boolean;
  readonly measure: Measure;
  readonly value: number;
  /** Response code (requests only; 'unknown' when absent). */
  readonly code: string | undefined;
  /** Envoy response flags other than "-" (none). */
  readonly flag: string | undefined;
}

/**
 * The destination of TLS/TCP passthrough or blocked TCP, from labels a
 * Telemetry tagOverride adds (the SNI first, else the upstream IP:port);
 * null when neither is there (istio-egress-facts §2: the standard labels
 * never carry it).
 */
export function tcpDestinationHost(labels: Readonly<Record<string, string>>, names: FlowOptions['tcpDestinationLabels']): ObservedHost | null {
  for (const name of [names?.sni, names?.address]) {
    const value = name ? labels[name] : undefined;
    if (isKnown(value)) return parseObservedHost(value);
  }
  return null;
}

/** What a sample measures; null for a TCP measure we do not know. */
function measureOf(labels: Readonly<Record<string, string>>, metric: FlowMetric): Measure | null {
  if (metric === 'requests') return 'requests';
  switch (labels[MEASURE_LABEL]) {
    case 'sent':
    case 'received':
      return 'bytes';
    case 'connections':
      return 'connections';
    case 'closed':
      return 'closed';
    default:
      return null;
  }
}

/**
 * Places a sample: null when it is not egress (the rulebook says so); throws
 * nothing. A sample whose value is not a usable rate, or that measures
 * nothing known, is 'unusable'.
 */
export function placeSample(sample: Sample, metric: FlowMetric, opts: FlowOptions): PlacedSample | 'unusable' | null {
  if (!Number.isFinite(sample.value) || sample.value < 0) return 'unusable';
  const l = sample.labels;
  const c = classifyEgress(l, opts.isGateway, opts.ruleContext ?? DEFAULT_RULE_CONTEXT);
  if (c.kind === 'not-egress') return null;
  const measure = measureOf(l, metric);
  if (measure === null) return 'unusable';
  const flag = l.response_flags && l.response_flags !== '-' ? l.response_flags : undefined;
  const code = metric === 'requests' ? l.response_code || 'unknown' : undefined;
  const namespace = l.source_workload_namespace ?? UNKNOWN;
  const workload = l.source_workload ?? UNKNOWN;
  const cluster = l.source_cluster;
  const protocol = protocolOf(l, metric);
  const value = sample.value;
  // A gateway hop is registered egress by construction: the sidecar only sends
  // traffic to an egress gateway because a registered host's routes say so.
  if (c.kind === 'gateway-hop') {
    return { namespace, workload, cluster, status: 'registered', host: null, protocol, dataPlane: c.dataPlane, via: c.gateway, serviceEntryNamespace: undefined, decided: false, measure, value, code, flag };
  }
  // TLS/TCP without a host: take it from the Telemetry labels, when configured and present.
  const host = metric === 'tcp' && c.host === null && c.status !== 'registered' && opts.tcpDestinationLabels ? tcpDestinationHost(l, opts.tcpDestinationLabels) : c.host;
  const via = c.viaWaypoint ? UNRESOLVED_WAYPOINT : undefined;
  return { namespace, workload, cluster, status: c.status, host, protocol, dataPlane: c.dataPlane, via, serviceEntryNamespace: c.serviceEntryNamespace, decided: c.decidedBy !== undefined, measure, value, code, flag };
}
