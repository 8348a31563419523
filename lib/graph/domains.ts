/**
 * Destination grouping: hosts under one registrable domain (eTLD+1 by the
 * Public Suffix List, through tldts) drawn as one node. Only the ICANN
 * section of the list is used: with the private section, every
 * `<bucket>.s3.amazonaws.com` would be a registrable domain of its own and
 * nothing would group (so `*.github.io` sites group under `github.io` too).
 */
import { getDomain } from 'tldts';
import type { EgressStatus } from '../egress/types';
import type { EgressNode } from './model';
import { STATUS_SEVERITY } from '../egress/rules';

/** Group hosts only when more destination nodes than this are visible. */
export const GROUP_HOSTS_ABOVE = 40;

/** The status order of the egress rulebook. */
const SEVERITY = STATUS_SEVERITY;

/** Lower-case ASCII labels (Punycode included) joined by dots: anything else (hostile values, ports) is never grouped. */
const HOST_NAME = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}$/;

/** Id of the group node for a registrable domain. */
export const groupId = (domain: string): string => `grp:${domain}`;

/** The domain a group id names, or null. */
export function groupDomain(id: string): string | null {
  return id.startsWith('grp:') ? id.slice(4) : null;
}

/**
 * The registrable domain of a host name (`api.github.com` -> `github.com`,
 * `b1.s3.amazonaws.com` -> `amazonaws.com`), or null for IPs, single labels
 * and names that are not host names: those are never grouped.
 */
export function registrableDomain(host: string): string | null {
  if (host.length > 253 || !HOST_NAME.test(host)) return null;
  return getDomain(host, { allowPrivateDomains: false, extractHostname: false }) ?? null;
}

/** The domain a node would be grouped under: hosts only, never IPs, unattributed traffic or the guard's "other hosts". */
export function nodeDomain(n: EgressNode): string | null {
  return n.kind === 'host' && !n.ip ? registrableDomain(n.host) : null;
}

/** Statuses most severe first, each once. */
export function bySeverity(statuses: Iterable<EgressStatus>): EgressStatus[] {
  return [...new Set(statuses)].sort((a, b) => SEVERITY[b] - SEVERITY[a]);
}

/**
 * The groups to draw: registrable domains with at least two hosts among
 * `nodes`, except the expanded ones; none (and not active) when at most
 * GROUP_HOSTS_ABOVE destination nodes are visible. Maps each grouped host id to its group node.
 */
export function hostGroups(nodes: readonly EgressNode[], expanded: ReadonlySet<string>): { active: boolean; groups: EgressNode[]; memberOf: Map<string, string> } {
  const memberOf = new Map<string, string>();
  const destinations = nodes.filter((n) => n.kind === 'host' || n.kind === 'unattributed' || n.kind === 'other-hosts' || n.kind === 'host-group').length;
  if (destinations <= GROUP_HOSTS_ABOVE) return { active: false, groups: [], memberOf };
  const byDomain = new Map<string, Extract<EgressNode, { kind: 'host' }>[]>();
  for (const n of nodes) {
    const domain = nodeDomain(n);
    if (domain === null || expanded.has(domain) || n.kind !== 'host') continue;
    const list = byDomain.get(domain) ?? [];
    list.push(n);
    byDomain.set(domain, list);
  }
  const groups: EgressNode[] = [];
  for (const [domain, hosts] of [...byDomain].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (hosts.length < 2) continue;
    const statuses = bySeverity(hosts.flatMap((h) => h.statuses));
    const id = groupId(domain);
    groups.push({ id, kind: 'host-group', label: domain, domain, hosts: hosts.length, statuses, status: statuses[0] ?? 'passthrough' });
    for (const h of hosts) memberOf.set(h.id, id);
  }
  return { active: true, groups, memberOf };
}
