/** The Sidecar that switches one namespace to REGISTRY_ONLY (facts §4, §6). */
import { validateObjects } from '../resources';
import { DEFAULT_ROOT_NAMESPACE, registryOnlySidecarSpec, sidecarNamespaceProblem } from '../resources/sidecar';

export { DEFAULT_ROOT_NAMESPACE, KEEP_EVERY_SERVICE, namespaceNameProblem } from '../resources/sidecar';

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
  const problem = sidecarNamespaceProblem(namespace, rootNamespace);
  if (problem !== null) throw new Error(`no Sidecar for namespace ${JSON.stringify(namespace)}: ${problem}`);
  const sidecar = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace }, spec: registryOnlySidecarSpec() };
  const { errors } = validateObjects([sidecar]);
  if (errors.length > 0) throw new Error(`invalid Sidecar for namespace ${JSON.stringify(namespace)}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  return sidecar;
}
