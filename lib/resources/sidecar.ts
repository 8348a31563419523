/**
 * The one rule for a Sidecar that switches a namespace to REGISTRY_ONLY
 * (facts §4, §6), shared by the readiness page and the promote bundle.
 */
import type { SidecarSpec } from './istio-types';
import { MAX_NAME } from './names';

/** Istio's default root namespace (meshConfig.rootNamespace): its Sidecar `default` is every namespace's default. */
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';

/**
 * The egress hosts of a generated Sidecar: every namespace, every host,
 * which is what a namespace without a Sidecar sees. The Sidecar then changes
 * one thing, the outbound policy. Listing only the namespaces seen in a window
 * of metrics would cut every in-mesh call the window missed (a nightly job, a
 * failover path) with BlackHoleCluster; narrowing the egress scope is a change
 * of its own, for another day.
 */
export const KEEP_EVERY_SERVICE = '*/*';

/**
 * Why a label value cannot be a Kubernetes namespace (a DNS-1123 label: at
 * most 63 lower-case letters, digits and '-', starting and ending with a
 * letter or digit), or null when it can. Any workload can emit its own series
 * through metrics merging, so a namespace label can hold anything.
 */
export function namespaceNameProblem(value: string): string | null {
  if (value === '') return 'it is empty';
  if (value.length > MAX_NAME) return `it has ${value.length} characters (at most ${MAX_NAME})`;
  if (/[^\x20-\x7e]/.test(value)) return 'it holds control or non-ASCII characters';
  if (/[A-Z]/.test(value)) return 'it holds upper-case letters';
  if (/[^a-z0-9-]/.test(value)) return "it holds characters other than lower-case letters, digits and '-'";
  if (value.startsWith('-') || value.endsWith('-')) return "it starts or ends with '-'";
  return null;
}

/**
 * Why no per-namespace Sidecar may be generated for `namespace`, or null when
 * one may: not a name, or the root namespace, where a Sidecar without
 * workloadSelector is the default of every namespace (a mesh-wide switch).
 */
export function sidecarNamespaceProblem(namespace: string, rootNamespace: string = DEFAULT_ROOT_NAMESPACE): string | null {
  const problem = namespaceNameProblem(namespace);
  if (problem !== null) return `${JSON.stringify(namespace)} is not a namespace name: ${problem}`;
  if (namespace === rootNamespace) return `${namespace} is the root namespace, where a Sidecar without workloadSelector switches the whole mesh`;
  return null;
}

/**
 * The spec of Sidecar `default` (no workloadSelector) that sets
 * `outboundTrafficPolicy.mode: REGISTRY_ONLY` in one namespace, replacing the
 * mesh-wide mode there, with egress hosts `*\/*` (KEEP_EVERY_SERVICE):
 * services and ServiceEntries stay as visible as they are today, so in-mesh
 * calls keep working and only unregistered destinations become BlackHoleCluster.
 */
export function registryOnlySidecarSpec(): SidecarSpec {
  return { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: [KEEP_EVERY_SERVICE] }] };
}
