/** Evidence annotations (`egress-lens.io/*`): why a generated object exists, recorded on the object itself. */
import { formatRate } from '../format';
import type { BlockedAcknowledgement, BlockedSource, Caller, HostEvidence } from './types';

export const ANNOTATION_PREFIX = 'egress-lens.io/';
/** Each annotation value is clipped to this many characters (Kubernetes allows 256 KiB for all of them). */
export const MAX_ANNOTATION_VALUE = 4096;
/** Callers listed by name before "+N more". */
export const MAX_CALLERS_LISTED = 20;

/** What several pieces of evidence say together (one wildcard entry, or a namespace's Sidecar). */
export interface EvidenceSummary {
  readonly observed: string[];
  readonly statuses: string[];
  readonly callers: Caller[];
  readonly ratePerSecond: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  readonly windows: string[];
  readonly ends: string[];
  readonly queries: string[];
}

const UNATTRIBUTED = '(unattributed TLS/TCP)';

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function extreme(values: readonly (string | undefined)[], pick: (a: number, b: number) => boolean): string | undefined {
  let best: string | undefined;
  for (const v of values) {
    if (v === undefined || Number.isNaN(Date.parse(v))) continue;
    if (best === undefined || pick(Date.parse(v), Date.parse(best))) best = v;
  }
  return best;
}

/** Merges evidence: callers summed per workload (busiest first), rates summed, first/last seen widened, queries deduplicated. */
export function summarize(evidence: readonly HostEvidence[]): EvidenceSummary {
  const callers = new Map<string, Caller>();
  for (const c of evidence.flatMap((e) => e.callers)) {
    const k = `${c.namespace}/${c.workload}`;
    callers.set(k, { namespace: c.namespace, workload: c.workload, ratePerSecond: (callers.get(k)?.ratePerSecond ?? 0) + c.ratePerSecond });
  }
  const firstSeen = extreme(evidence.map((e) => e.firstSeen), (a, b) => a < b);
  const lastSeen = extreme(evidence.map((e) => e.lastSeen), (a, b) => a > b);
  return {
    observed: unique(evidence.map((e) => e.host ?? UNATTRIBUTED)),
    statuses: unique(evidence.map((e) => e.status)).sort(),
    callers: [...callers.values()].sort((a, b) => b.ratePerSecond - a.ratePerSecond || `${a.namespace}/${a.workload}`.localeCompare(`${b.namespace}/${b.workload}`)),
    ratePerSecond: evidence.reduce((s, e) => s + e.ratePerSecond, 0),
    ...(firstSeen !== undefined ? { firstSeen } : {}),
    ...(lastSeen !== undefined ? { lastSeen } : {}),
    windows: unique(evidence.map((e) => e.window)),
    ends: unique(evidence.map((e) => e.end)),
    queries: unique(evidence.flatMap((e) => e.queries)),
  };
}

/** The distinct namespaces of the callers, sorted. */
export function callerNamespaces(evidence: readonly HostEvidence[]): string[] {
  return unique(evidence.flatMap((e) => e.callers.map((c) => c.namespace))).sort();
}

function clip(value: string): string {
  return value.length > MAX_ANNOTATION_VALUE ? `${value.slice(0, MAX_ANNOTATION_VALUE - 14)}… (truncated)` : value;
}

/** A comma-separated list, capped with "+N more". */
export function capList(items: readonly string[], max = MAX_CALLERS_LISTED): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, +${items.length - max} more` : shown;
}

/** The `egress-lens.io/*` annotations for an object generated from this evidence; every value is a string of at most 4 KiB. */
export function evidenceAnnotations(summary: EvidenceSummary, now: Date, requestedBy?: string): Record<string, string> {
  const a: Record<string, string> = {
    'observed-hosts': capList(summary.observed),
    'observed-status': summary.statuses.join(', '),
    callers: summary.callers.length > 0 ? capList(summary.callers.map((c) => `${c.namespace}/${c.workload}`)) : '(none in the window)',
    'observed-rate': `${formatRate(summary.ratePerSecond)}/s`,
    ...(summary.firstSeen !== undefined ? { 'first-seen': summary.firstSeen } : {}),
    ...(summary.lastSeen !== undefined ? { 'last-seen': summary.lastSeen } : {}),
    window: summary.windows.join(', '),
    'window-end': summary.ends.join(', '),
    promql: summary.queries.join('\n'),
    'generated-at': now.toISOString(),
    ...(requestedBy !== undefined && requestedBy !== '' ? { 'requested-by': requestedBy } : {}),
  };
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [`${ANNOTATION_PREFIX}${k}`, clip(v)]));
}

/** Blocked attempts as a whole number (increase() extrapolates, so counts come back fractional). */
export function formatAttempts(attempts: number): string {
  const n = Math.round(attempts);
  return `${n} attempt${n === 1 ? '' : 's'}`;
}

/** The sources of several blocked destinations, attempts summed per workload, busiest first. */
export function mergeBlockedSources(sources: readonly BlockedSource[]): BlockedSource[] {
  const byWorkload = new Map<string, BlockedSource>();
  for (const s of sources) {
    const k = `${s.namespace}/${s.workload}`;
    const prev = byWorkload.get(k);
    const firstSeen = extreme([prev?.firstSeen, s.firstSeen], (a, b) => a < b);
    const lastSeen = extreme([prev?.lastSeen, s.lastSeen], (a, b) => a > b);
    byWorkload.set(k, {
      namespace: s.namespace,
      workload: s.workload,
      attempts: (prev?.attempts ?? 0) + s.attempts,
      ...(firstSeen !== undefined ? { firstSeen } : {}),
      ...(lastSeen !== undefined ? { lastSeen } : {}),
    });
  }
  return [...byWorkload.values()].sort((a, b) => b.attempts - a.attempts || `${a.namespace}/${a.workload}`.localeCompare(`${b.namespace}/${b.workload}`));
}

/**
 * The `egress-lens.io/blocked-*` annotations of an object that registers some
 * of `hosts`: who acknowledged the blocked attempts to them, when, and the
 * attempts (sources, count, first and last seen, window). Empty when none of
 * the hosts was blocked.
 */
export function blockedAnnotations(ack: BlockedAcknowledgement | undefined, hosts: readonly (string | null)[]): Record<string, string> {
  const cautions = ack?.cautions.filter((c) => hosts.includes(c.host)) ?? [];
  if (!ack || cautions.length === 0) return {};
  const firstSeen = extreme(cautions.map((c) => c.firstSeen), (a, b) => a < b);
  const lastSeen = extreme(cautions.map((c) => c.lastSeen), (a, b) => a > b);
  const a: Record<string, string> = {
    'blocked-acknowledged-by': ack.by,
    'blocked-acknowledged-at': ack.at,
    'blocked-hosts': capList(unique(cautions.map((c) => c.host ?? UNATTRIBUTED))),
    'blocked-sources': capList(mergeBlockedSources(cautions.flatMap((c) => c.sources)).map((s) => `${s.namespace}/${s.workload} (${formatAttempts(s.attempts)})`)),
    'blocked-attempts': String(Math.round(cautions.reduce((s, c) => s + c.attempts, 0))),
    ...(firstSeen !== undefined ? { 'blocked-first-seen': firstSeen } : {}),
    ...(lastSeen !== undefined ? { 'blocked-last-seen': lastSeen } : {}),
    'blocked-window': unique(cautions.map((c) => `${c.window} ending ${c.end}`)).join(', '),
  };
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [`${ANNOTATION_PREFIX}${k}`, clip(v)]));
}
