/** The Sidecar that switches one namespace to REGISTRY_ONLY (facts §4, §6). */
import type { ISidecar } from '@kubernetes-models/istio/networking.istio.io/v1/Sidecar';
import { validateObjects } from '../serviceentry';
import { MAX_NAME } from '../serviceentry/names';

/** Istio's default root namespace (meshConfig.rootNamespace): its Sidecar `default` is every namespace's default. */
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';

/**
 * The egress hosts of the generated Sidecar: every namespace, every host,
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
 * Sidecar `default` (no workloadSelector) in `namespace` with
 * `outboundTrafficPolicy.mode: REGISTRY_ONLY`, which replaces the mesh-wide
 * mode there, and egress hosts `*\/*` (KEEP_EVERY_SERVICE): services and
 * ServiceEntries stay as visible as they are today, so in-mesh calls keep
 * working and only unregistered destinations turn into BlackHoleCluster.
 * In the root namespace such a Sidecar is the default of every namespace
 * without one, a mesh-wide switch: refused here (see meshWideSwitch).
 * Throws on a namespace that is not a name (check namespaceNameProblem first)
 * or is the root namespace.
 */
export function sidecarForNamespace(namespace: string, rootNamespace: string = DEFAULT_ROOT_NAMESPACE): Record<string, unknown> {
  const problem = namespaceNameProblem(namespace);
  if (problem !== null) throw new Error(`no Sidecar for namespace ${JSON.stringify(namespace)}: ${problem}`);
  if (namespace === rootNamespace) {
    throw new Error(`no per-namespace Sidecar for ${namespace}: it is the root namespace, where a Sidecar without workloadSelector switches the whole mesh`);
  }
  const spec: ISidecar['spec'] = { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: [KEEP_EVERY_SERVICE] }] };
  const sidecar = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace }, spec };
  const { errors } = validateObjects([sidecar]);
  if (errors.length > 0) throw new Error(`invalid Sidecar for namespace ${JSON.stringify(namespace)}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  return sidecar;
}
