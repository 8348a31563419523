import type { EgressReport } from '../egress/report';
import { parseObservedHost } from '../egress/host';
import type { TimeseriesReport, ChartSubject } from '../egress/timeseries';
import { DATA_PLANES, isFirstHop, type EgressFlow, type EgressStatus } from '../egress/types';
import { formatDuration } from '../prometheus/promql';
import type { Caller, HostEvidence } from '../resources';
import { STATUS_SEVERITY } from '../egress/rules';

/** What to promote: hosts as the API reports them, and/or the unattributed TLS/TCP destination of one status. */
export interface EvidenceRequest {
  readonly hosts: readonly string[];
  readonly unattributed?: 'passthrough' | 'blocked';
}

/** The status order of the egress rulebook. */
const SEVERITY = STATUS_SEVERITY;

function callersOf(flows: readonly EgressFlow[]): Caller[] {
  const byWorkload = new Map<string, Caller>();
  for (const f of flows) {
    const key = `${f.source.namespace}/${f.source.workload}`;
    const prev = byWorkload.get(key);
    const rate = (f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0);
    byWorkload.set(key, { namespace: f.source.namespace, workload: f.source.workload, ratePerSecond: (prev?.ratePerSecond ?? 0) + rate });
  }
  return [...byWorkload.values()].sort((a, b) => b.ratePerSecond - a.ratePerSecond || (a.namespace + a.workload < b.namespace + b.workload ? -1 : 1));
}

/** The flows of a report that reach one destination (gateway first hops excluded: they name the gateway, not the host). */
export function flowsTo(report: Pick<EgressReport, 'flows'>, host: string | null, status?: EgressStatus): EgressFlow[] {
  return report.flows.filter(
    (f) => !isFirstHop(f) && f.destination.otherHosts === undefined && f.destination.host === host && (status === undefined || f.destination.status === status),
  );
}

/** The timeseries subject that shows when a destination was seen. */
export function seenSubject(host: string | null, status: EgressStatus): ChartSubject | null {
  if (status === 'registered') return host === null ? null : { kind: 'host', destination: { to: 'external', status, host } };
  return { kind: 'host', destination: { to: 'external', status, host }, ...(host === null ? { protocol: 'tcp' as const } : {}) };
}

/** First and last moments with traffic in a rate-over-time answer. */
export function firstLastSeen(ts: Pick<TimeseriesReport, 'series'> | null): { firstSeen?: string; lastSeen?: string } {
  let first = Infinity;
  let last = -Infinity;
  for (const s of ts?.series ?? []) {
    for (const [t, v] of s.points) {
      if (v > 0) {
        first = Math.min(first, t);
        last = Math.max(last, t);
      }
    }
  }
  if (!Number.isFinite(first)) return {};
  return { firstSeen: new Date(first * 1000).toISOString(), lastSeen: new Date(last * 1000).toISOString() };
}

/**
 * Assembles what the metrics say about each requested destination: status
 * (registered wins, then the most severe), callers with rates, protocols,
 * ports, and when it was first and last seen in the window.
 */
export async function gatherEvidence(
  report: EgressReport,
  req: EvidenceRequest,
  windowSeconds: number,
  seen: (subject: ChartSubject) => Promise<TimeseriesReport | null>,
): Promise<HostEvidence[]> {
  const wanted: { host: string | null; status?: EgressStatus; ip?: boolean }[] = req.hosts.map((h) => {
    const parsed = parseObservedHost(h);
    return { host: parsed?.host ?? h, ip: parsed?.ip };
  });
  if (req.unattributed) wanted.push({ host: null, status: req.unattributed });

  return Promise.all(
    wanted.map(async (w): Promise<HostEvidence> => {
      const flows = flowsTo(report, w.host, w.status);
      const registered = flows.find((f) => f.destination.status === 'registered');
      const status: EgressStatus = w.status ?? (registered ? 'registered' : flows.reduce<EgressStatus>((s, f) => (SEVERITY[f.destination.status] > SEVERITY[s] ? f.destination.status : s), 'passthrough'));
      const ofStatus = flows.filter((f) => f.destination.status === status);
      const subject = seenSubject(w.host, status);
      const ts = subject && ofStatus.length > 0 ? await seen(subject) : null;
      return {
        host: w.host,
        status,
        protocols: [...new Set(ofStatus.map((f) => f.protocol))].sort(),
        ports: [...new Set(ofStatus.flatMap((f) => f.destination.ports ?? []))].sort((a, b) => a - b),
        ...(w.ip || ofStatus.some((f) => f.destination.ip) ? { ip: true } : {}),
        callers: callersOf(ofStatus),
        dataPlanes: DATA_PLANES.filter((d) => ofStatus.some((f) => f.dataPlane === d)),
        ...(registered?.destination.serviceEntryNamespace ? { serviceEntryNamespace: registered.destination.serviceEntryNamespace } : {}),
        ratePerSecond: ofStatus.reduce((s, f) => s + (f.requestsPerSecond ?? 0) + (f.connectionsPerSecond ?? 0), 0),
        ...firstLastSeen(ts),
        window: formatDuration(windowSeconds),
        end: report.end,
        // The query that selects exactly this destination when there is one; else the egress query of its protocols.
        queries: ts?.queries.length ? ts.queries : ofStatus.some((f) => f.protocol === 'tcp') && !ofStatus.some((f) => f.protocol !== 'tcp') ? [report.queries.tcp] : [report.queries.http],
      };
    }),
  );
}
