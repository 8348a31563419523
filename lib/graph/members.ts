/** Ids of aggregate nodes, and the nodes of the full graph each one stands for. */
import { groupDomain, nodeDomain } from './domains';
import type { EgressNode } from './model';

/** Id of the node standing for a collapsed namespace: its workloadGroupKey, `cluster/namespace` when the graph has several clusters. */
export const namespaceGroupId = (key: string): string => `nsg:${key}`;

/** A workload's namespace as groups and expansion name it: `cluster/namespace` when it has a cluster. */
export function workloadGroupKey(n: { readonly namespace: string; readonly cluster?: string }): string {
  return n.cluster !== undefined ? `${n.cluster}/${n.namespace}` : n.namespace;
}

/** The label of a namespace box or group: the namespace, after its cluster when the graph has several. */
export function namespaceLabel(n: { readonly namespace: string; readonly cluster?: string }): string {
  return n.cluster !== undefined ? `${n.cluster} · ${n.namespace}` : n.namespace;
}

/** The namespace key a namespace-group id names, or null. */
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
  if (group !== null) return nodes.filter((n) => n.kind === 'workload' && workloadGroupKey(n) === group && !n.gateway);
  if (id.startsWith('ns:')) return nodes.filter((n) => n.kind === 'workload' && n.parent === id);
  const domain = groupDomain(id);
  if (domain !== null) return nodes.filter((n) => nodeDomain(n) === domain);
  return nodes.filter((n) => n.id === id);
}
