/**
 * The words of the readiness view (issue 12): a verdict that agrees with the
 * numbers beside it. Under REGISTRY_ONLY what passes through today breaks
 * (facts §2, §4); what BlackHoleCluster drops today fails already, stays
 * blocked, and breaks nothing new, so it is named, never hidden or counted
 * as ready.
 */
import { formatPercent, formatRate } from '../format';
import type { NamespaceReadiness } from './types';

/** Text, or a label value from the metrics (host, namespace, workload) that the UI shows as such (LabelText). */
export type VerdictPart = string | { readonly label: string };
export type VerdictLine = readonly VerdictPart[];

export type VerdictDetailKind = 'would-break' | 'unattributed' | 'pod-ip' | 'still-blocked' | 'nothing-works' | 'no-egress' | 'in-mesh' | 'ambient';

export interface ReadinessVerdict {
  readonly kind: 'no-egress' | 'ready' | 'not-ready';
  readonly headline: string;
  /** The registered share of the egress that works today, in words; null when none works. */
  readonly figure: string | null;
  readonly details: readonly { readonly kind: VerdictDetailKind; readonly line: VerdictLine }[];
}

export interface VerdictOptions {
  /** The window, as a Prometheus duration ("1h"). */
  readonly window: string;
  /** A namespace lists its in-mesh destinations; the mesh does not. */
  readonly scope: 'namespace' | 'mesh';
}

/** How many names a sentence lists before "…". */
const LISTED = 3;

/** "2 hosts (a, b)" or "5 hosts (a, b, c, …)"; the names as labels. */
function countedList(names: readonly string[], one: string, many: string): VerdictPart[] {
  const parts: VerdictPart[] = [`${names.length} ${names.length === 1 ? one : many} (`];
  names.slice(0, LISTED).forEach((n, i) => parts.push(...(i > 0 ? [', '] : []), { label: n }));
  if (names.length > LISTED) parts.push(', …');
  parts.push(')');
  return parts;
}

/** "a, b, c, …" as labels. */
function labels(names: readonly string[]): VerdictPart[] {
  const parts: VerdictPart[] = [];
  names.slice(0, LISTED).forEach((n, i) => parts.push(...(i > 0 ? [', '] : []), { label: n }));
  if (names.length > LISTED) parts.push(', …');
  return parts;
}

const rate = (perSecond: number): string => `${formatRate(perSecond)}/s`;

/** The verdict of a namespace (or of the mesh) on switching to REGISTRY_ONLY. */
export function readinessVerdict(n: Omit<NamespaceReadiness, 'namespace'>, opts: VerdictOptions): ReadinessVerdict {
  const registered = n.requests.registered + n.connections.registered;
  const passthrough = n.requests.passthrough + n.connections.passthrough;
  const blocked = n.stillBlocked;
  const podIp = n.inMesh.podIp;
  const works = registered + passthrough;
  const wouldBreak = passthrough + (podIp?.ratePerSecond ?? 0);
  const details: { kind: VerdictDetailKind; line: VerdictLine }[] = [];

  if (passthrough > 0) {
    const named = n.toRegister.map((h) => h.host);
    const unattributed = n.unattributed?.connectionsPerSecond ?? 0;
    if (named.length > 0 || passthrough > unattributed) {
      const listed: VerdictPart[] = named.length > 0 ? countedList(named, 'host', 'hosts') : ['hosts not listed (see the warnings)'];
      details.push({ kind: 'would-break', line: ['Would be blocked until registered: ', ...listed, ` at ${rate(passthrough - unattributed)}.`] });
    }
    if (n.unattributed) {
      // ztunnel's passthrough never names a host, and ztunnel ignores Telemetry overrides (facts §9).
      const ambientPart = Math.min(n.ambient?.passthroughPerSecond ?? 0, unattributed);
      const names = ambientPart <= 0 ? 'the Telemetry on this page names it' : ambientPart >= unattributed ? "it is ztunnel's, which ignores Telemetry overrides: its access logs name it" : "the Telemetry on this page names the sidecars' part; ztunnel ignores it";
      details.push({
        kind: 'unattributed',
        line: ['Would be blocked too: TLS/TCP passthrough without a host from ', ...labels(n.unattributed.callers), ` at ${rate(unattributed)}, which cannot be registered from the metrics alone (${names}).`],
      });
    }
  }
  if (n.ambient) {
    const all = n.ambient.egressPerSecond >= works;
    const share = all ? 'All of this egress' : `${rate(n.ambient.egressPerSecond)} of this egress`;
    const passing = n.ambient.passthroughPerSecond > 0 ? ` (${rate(n.ambient.passthroughPerSecond)} of it passthrough)` : '';
    const control = opts.scope === 'namespace' ? 'the egress waypoint and AuthorizationPolicy below control it' : "each namespace's egress waypoint and AuthorizationPolicy control it";
    details.push({
      kind: 'ambient',
      line: [`${share}${passing} runs ambient: ztunnel does not enforce REGISTRY_ONLY (istio/istio#54281) and a Sidecar does nothing for ambient pods; ${control}, once the hosts are registered.`],
    });
  }
  if (podIp) {
    details.push({
      kind: 'pod-ip',
      line: ['Calls straight to pod IPs would be blocked too: ', ...labels(podIp.callers), ' → ', ...labels(podIp.destinations), ` at ${rate(podIp.ratePerSecond)} (PassthroughCluster today, istio/istio#29294): call the Service name instead.`],
    });
  }
  if (blocked.ratePerSecond > 0) {
    const what: VerdictPart[] = blocked.hosts.length > 0 ? countedList(blocked.hosts.map((h) => h.host), 'host', 'hosts') : [];
    if (blocked.hostsNotListed > 0) what.push(`${what.length > 0 ? ', ' : ''}${blocked.hostsNotListed} more hosts`);
    if (blocked.unnamedPerSecond > 0) what.push(`${what.length > 0 ? ' and ' : ''}TLS/TCP without a host`);
    details.push({ kind: 'still-blocked', line: ['Still blocked: ', ...what, ` at ${rate(blocked.ratePerSecond)}. It fails today (BlackHoleCluster) and stays blocked under REGISTRY_ONLY.`] });
  }
  if (works === 0 && blocked.ratePerSecond > 0) {
    details.push({ kind: 'nothing-works', line: ['No egress works today: everything seen in this window is already blocked.'] });
  }
  if (opts.scope === 'namespace' && n.inMesh.destinations.length > 0) {
    const dests: VerdictPart[] = [];
    n.inMesh.destinations.slice(0, 6).forEach((d, i) => dests.push(...(i > 0 ? [', '] : []), { label: d.namespace }, ` ${rate(d.ratePerSecond)}`));
    if (n.inMesh.destinations.length > 6) dests.push(', …');
    details.push({ kind: 'in-mesh', line: [`In-mesh calls seen in the last ${opts.window}, to `, ...dests, ': they keep working, the Sidecar keeps every service visible.'] });
  }

  const figure = works > 0 ? `${formatPercent(registered / works)} of the egress that works today is registered` : null;
  if (works === 0 && blocked.ratePerSecond === 0 && !podIp) {
    details.unshift({ kind: 'no-egress', line: [`Nothing seen in the last ${opts.window}: traffic outside this window is not covered.`] });
    return { kind: 'no-egress', headline: 'No egress in this window', figure, details };
  }
  if (wouldBreak > 0) return { kind: 'not-ready', headline: `Not ready: ${rate(wouldBreak)} that works today would be blocked`, figure, details };
  return { kind: 'ready', headline: 'Ready: nothing that works today would break', figure, details };
}

/** A verdict line as plain text (aria labels, tests). */
export function verdictText(line: VerdictLine): string {
  return line.map((p) => (typeof p === 'string' ? p : p.label)).join('');
}
