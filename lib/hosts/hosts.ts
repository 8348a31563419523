import type { EgressReport } from '../egress/report';
import { ATTEMPT_METRICS, bySeverity, classifyDestination, DEFAULT_RULE_CONTEXT, egressSourceMatchers, namedExternalSelectors, type RuleContext } from '../egress/rules';
import type { EgressStatus } from '../egress/types';
import { byLabels, formatDuration, matcher, overAny } from '../prometheus/promql';
import type { Series } from '../prometheus/types';

/** One external host seen in the window. */
export interface ExternalHost {
  readonly host: string;
  /** Every status seen for it in the window, most severe first. */
  readonly statuses: EgressStatus[];
  /** A ServiceEntry registers it (and where). */
  readonly registered: boolean;
  readonly serviceEntryNamespace?: string;
  readonly callers: string[];
  readonly protocols: string[];
  readonly ports: number[];
  readonly ratePerSecond: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

/**
 * The range query behind first/last seen: every external destination's
 * activity per step (HTTP requests and TCP connections), grouped by the host
 * as the metrics carry it.
 */
export function hostsSeenQuery(step: number): string {
  // One counter per protocol: series of two TCP counters would collide once increase() drops their names.
  const sels = namedExternalSelectors().map((m) => [matcher('__name__', '=~', ATTEMPT_METRICS.join('|')), ...egressSourceMatchers(), ...m]);
  // The labels classifyDestination reads to tell the egress shapes apart (the rulebook).
  const by = ['reporter', 'destination_service', 'destination_service_name', 'destination_service_namespace', 'destination_workload', 'connection_security_policy', 'request_protocol'];
  return `sum by ${byLabels(by)} (${overAny('increase', '', sels, formatDuration(step))})`;
}

/** First and last time each host (normalised) had traffic, from the range query. */
export function seenByHost(series: readonly Series[], ctx: RuleContext = DEFAULT_RULE_CONTEXT): Map<string, { first: number; last: number }> {
  const seen = new Map<string, { first: number; last: number }>();
  for (const s of series) {
    // Only egress shapes (the rulebook): passthrough, blocked, or a ServiceEntry host.
    const c = classifyDestination(s.labels, undefined, ctx);
    const host = c.kind === 'egress' ? c.host?.host : undefined;
    if (!host) continue;
    for (const p of s.points) {
      if (!(p.v > 0)) continue;
      const prev = seen.get(host);
      seen.set(host, { first: Math.min(prev?.first ?? Infinity, p.t), last: Math.max(prev?.last ?? -Infinity, p.t) });
    }
  }
  return seen;
}

/** Every named external host of the report, with callers, protocols, rate and first/last seen. */
export function buildHostList(report: Pick<EgressReport, 'flows'>, seen: ReadonlyMap<string, { first: number; last: number }>): ExternalHost[] {
  const hosts = new Map<string, { statuses: Set<EgressStatus>; se?: string; callers: Set<string>; protocols: Set<string>; ports: Set<number>; rate: number }>();
  for (const f of report.flows) {
    const host = f.destination.host;
    if (host === null) continue;
    const h = hosts.get(host) ?? { statuses: new Set(), callers: new Set(), protocols: new Set(), ports: new Set(), rate: 0 };
    h.statuses.add(f.destination.status);
    if (f.destination.serviceEntryNamespace) h.se = f.destination.serviceEntryNamespace;
    h.callers.add(`${f.source.namespace}/${f.source.workload}`);
    h.protocols.add(f.protocol);
    for (const p of f.destination.ports ?? []) h.ports.add(p);
    h.rate += (f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0);
    hosts.set(host, h);
  }
  const iso = (t: number) => new Date(t * 1000).toISOString();
  return [...hosts.entries()]
    .map(([host, h]): ExternalHost => {
      const s = seen.get(host);
      return {
        host,
        statuses: [...h.statuses].sort(bySeverity),
        registered: h.statuses.has('registered'),
        ...(h.se ? { serviceEntryNamespace: h.se } : {}),
        callers: [...h.callers].sort(),
        protocols: [...h.protocols].sort(),
        ports: [...h.ports].sort((a, b) => a - b),
        ratePerSecond: h.rate,
        ...(s ? { firstSeen: iso(s.first), lastSeen: iso(s.last) } : {}),
      };
    })
    .sort((a, b) => b.ratePerSecond - a.ratePerSecond || (a.host < b.host ? -1 : 1));
}
