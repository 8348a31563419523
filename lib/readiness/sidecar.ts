/** The Sidecar that switches one namespace to REGISTRY_ONLY (facts §4, §6). */
import type { ISidecar } from '@kubernetes-models/istio/networking.istio.io/v1/Sidecar';
import { validateObjects } from '../serviceentry';

export interface SidecarHost {
  /** A ServiceEntry host as written (wildcards kept), not an IP. */
  readonly host: string;
  /** The namespace of the ServiceEntry that registers it. */
  readonly serviceEntryNamespace: string;
}

/**
 * Sidecar `default` (no workloadSelector) in `namespace` with
 * `outboundTrafficPolicy.mode: REGISTRY_ONLY`, which replaces the mesh-wide
 * mode there; egress hosts `./*`, `istio-system/*` and `<seNamespace>/<host>`
 * for each host, so that the ServiceEntries stay visible (facts §6).
 * A Sidecar in the root namespace (istio-system) is the default of every
 * namespace without one: that is the mesh-wide switch.
 * Throws when the object does not validate (e.g. an IP host: pass the
 * ServiceEntry's host name instead).
 */
export function sidecarForNamespace(namespace: string, hosts: readonly SidecarHost[]): Record<string, unknown> {
  const listed = hosts.map((h) => `${h.serviceEntryNamespace}/${h.host}`).sort();
  const spec: ISidecar['spec'] = {
    outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
    egress: [{ hosts: [...new Set(['./*', 'istio-system/*', ...listed])] }],
  };
  const sidecar = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace }, spec };
  const { errors } = validateObjects([sidecar]);
  if (errors.length > 0) {
    throw new Error(`invalid Sidecar for namespace ${JSON.stringify(namespace)}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
  return sidecar;
}
