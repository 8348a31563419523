/** Ids of aggregate nodes, and the nodes of the full graph each one stands for. */
import { groupDomain, nodeDomain } from './domains';
import type { EgressNode } from './model';

/** Id of the node standing for a collapsed namespace. */
export const namespaceGroupId = (ns: string): string => `nsg:${ns}`;

/** The namespace a namespace-group id names, or null. */
export function groupNamespace(id: string): string | null {
  return id.startsWith('nsg:') ? id.slice(4) : null;
}

/**
 * The nodes an id stands for: a namespace group's workloads (egress gateways
 * are never aggregated), a namespace box's workloads, a domain group's hosts,
 * else the node itself.
 */
export function nodesOf(nodes: readonly EgressNode[], id: string): EgressNode[] {
  const group = groupNamespace(id);
  if (group !== null) return nodes.filter((n) => n.kind === 'workload' && n.namespace === group && !n.gateway);
  if (id.startsWith('ns:')) return nodes.filter((n) => n.kind === 'workload' && n.parent === id);
  const domain = groupDomain(id);
  if (domain !== null) return nodes.filter((n) => nodeDomain(n) === domain);
  return nodes.filter((n) => n.id === id);
}
