import { promotableHost, toYaml, validateObjects } from '../resources';
import { DEFAULT_WAYPOINT_NAME, USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL, waypointAuthorizationPolicy, waypointGateway, type WaypointRef } from '../resources/ambient';
import { DEFAULT_EGRESS_CONFIG_NAMESPACE } from '../resources/plan';
import { meshWideSwitch, type MeshWideSwitch } from './mesh-switch';
import { DEFAULT_ROOT_NAMESPACE, KEEP_EVERY_SERVICE, namespaceNameProblem, sidecarForNamespace } from './sidecar';
import { telemetryForTcpDestinations } from './telemetry';
import type { NamespaceReadiness, ReadinessReport } from './types';

/** Where the promote generator puts a host's ServiceEntry by default: its only calling namespace, or the egress config namespace. */
export function defaultServiceEntryNamespace(callers: readonly string[], egressConfigNamespace = 'istio-egress'): string {
  const namespaces = new Set(callers.map((c) => c.split('/')[0] ?? ''));
  const [only] = namespaces;
  return namespaces.size === 1 && only ? only : egressConfigNamespace;
}

/**
 * What controls the egress of a namespace's ambient workloads: ztunnel does
 * not enforce REGISTRY_ONLY (istio/istio#54281) and a Sidecar does nothing for
 * ambient pods, so: an egress waypoint the ServiceEntries use, and an
 * AuthorizationPolicy on it (lib/resources/ambient.ts). YAML with comments.
 */
export interface AmbientSwitch {
  readonly waypoint: WaypointRef;
  /** The hosts the policy allows from this namespace (registered today, or to register); empty: no policy, so nothing through the waypoint. */
  readonly hosts: readonly string[];
  readonly yaml: string;
}

/** Fields every switch has: the namespace and cluster of its report entry, and the ambient side when its workloads run ambient. */
interface SwitchOf {
  readonly namespace: string;
  readonly cluster?: string;
  readonly ambient?: AmbientSwitch;
}

/** How one namespace of the report can be switched on its own. */
export type NamespaceSwitch =
  /** The Sidecar that switches its sidecar workloads (YAML with comments). */
  | (SwitchOf & { readonly kind: 'sidecar'; readonly yaml: string })
  /** All its workloads run ambient: no Sidecar, see `ambient`. */
  | (SwitchOf & { readonly kind: 'ambient-only' })
  /** Istio's root namespace: its Sidecar `default` would switch the whole mesh (see ReadinessResources.meshSwitch). */
  | (SwitchOf & { readonly kind: 'root-namespace' })
  /** A label value that cannot be a Kubernetes namespace (forged or broken series): no Sidecar can name it. */
  | (SwitchOf & { readonly kind: 'cannot-be-named'; readonly reason: string });

export interface ReadinessResources {
  /** One per namespace of the report, in its order (an array: namespaces are label values, never object keys). */
  readonly switches: readonly NamespaceSwitch[];
  /** The mesh-wide switch: meshConfig, or the root-namespace Sidecar. */
  readonly meshSwitch: MeshWideSwitch;
  /** The Telemetry that names TLS/TCP passthrough destinations, with its cardinality warning. */
  readonly telemetry: { readonly yaml: string; readonly warning: string };
}

export interface ReadinessResourceOptions {
  /** ISTIO_ROOT_NAMESPACE; default istio-system. */
  readonly rootNamespace?: string;
  /** Where the egress waypoint runs; default egress-waypoint in istio-egress. */
  readonly waypoint?: WaypointRef;
}

/** The comment above a namespace's Sidecar: what it changes, why `*\/*`, the in-mesh calls seen and the window caveat. */
function sidecarComment(n: NamespaceReadiness, window: string): string[] {
  const seen = n.inMesh.destinations.map((d) => d.namespace);
  const named = seen.filter((ns) => namespaceNameProblem(ns) === null);
  const unnamed = seen.length - named.length;
  const unnamedText = `${unnamed} ${unnamed === 1 ? 'namespace' : 'namespaces'} that cannot be named`;
  const list = named.length > 0 ? `${named.join(', ')}${unnamed > 0 ? ` and ${unnamedText}` : ''}` : unnamed > 0 ? unnamedText : 'none';
  return [
    `# Switches the sidecars of namespace ${n.namespace} to REGISTRY_ONLY: calls to hosts no ServiceEntry`,
    '# registers go to BlackHoleCluster (HTTP 502, TLS/TCP reset) instead of leaving the mesh.',
    `# egress hosts "${KEEP_EVERY_SERVICE}" keep every service and ServiceEntry as visible as today, so in-mesh`,
    `# calls keep working. In-mesh calls seen from ${n.namespace} in the last ${window} go to: ${list}`,
    '# (calls not seen in this window are not listed, and keep working too).',
    `# A namespace takes one Sidecar without workloadSelector: if ${n.namespace} has one, add`,
    '# outboundTrafficPolicy to it instead of applying this.',
  ];
}

/** The waypoint, its policy for this namespace's hosts, and what they do and do not do. */
function ambientSwitch(n: NamespaceReadiness, waypoint: WaypointRef): AmbientSwitch {
  const names = [...new Set([...n.registeredHosts, ...n.toRegister.map((h) => h.host)])].flatMap((h) => {
    const p = promotableHost(h);
    return p.kind === 'name' ? [p.host] : [];
  });
  const hosts = [...new Set(names)].sort();
  const objects = [waypointGateway(waypoint), ...(hosts.length > 0 ? [waypointAuthorizationPolicy({ name: `egress-from-${n.namespace}`, waypoint, hosts, sourceNamespaces: [n.namespace] })] : [])];
  const { errors } = validateObjects(objects);
  if (errors.length > 0) throw new Error(`invalid ambient egress objects for ${JSON.stringify(n.namespace)}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  const comment = [
    `# ${n.namespace} has ambient workloads: ztunnel does not enforce REGISTRY_ONLY (istio/istio#54281) and a Sidecar`,
    '# does nothing for ambient pods. What controls their egress is an egress waypoint that the ServiceEntries',
    `# use (label them ${USE_WAYPOINT_LABEL}: ${waypoint.name} and ${USE_WAYPOINT_NAMESPACE_LABEL}: ${waypoint.namespace}, or label`,
    '# their namespace; the promote page writes them so), plus an AuthorizationPolicy bound to the waypoint:',
    hosts.length > 0
      ? `# it allows ${n.namespace} only the hosts it reached or would need in the window; once any ALLOW policy is bound`
      : `# none is generated: ${n.namespace} reached no host by name in the window, so no ALLOW policy names it and`,
    hosts.length > 0 ? '# to the waypoint, the waypoint denies what none allows. hosts match the HTTP Host header (TLS carries none).' : '# the waypoint denies it everything once any other ALLOW policy is bound to it.',
    '# Traffic to hosts no ServiceEntry registers does not go through the waypoint: only a NetworkPolicy (or',
    '# the CNI) that limits the namespace to in-cluster destinations stops it.',
  ];
  return { waypoint, hosts, yaml: [...comment, toYaml(objects)].join('\n') };
}

function switchFor(n: NamespaceReadiness, window: string, rootNamespace: string, waypoint: WaypointRef): NamespaceSwitch {
  const where = { namespace: n.namespace, ...(n.cluster !== undefined ? { cluster: n.cluster } : {}) };
  const problem = namespaceNameProblem(n.namespace);
  if (problem !== null) return { ...where, kind: 'cannot-be-named', reason: problem };
  const ambient = n.dataPlanes.includes('ambient') ? { ambient: ambientSwitch(n, waypoint) } : {};
  if (n.namespace === rootNamespace) return { ...where, kind: 'root-namespace', ...ambient };
  if (n.dataPlanes.length > 0 && !n.dataPlanes.includes('sidecar')) return { ...where, kind: 'ambient-only', ...ambient };
  const yaml = [...sidecarComment(n, window), toYaml([sidecarForNamespace(n.namespace, rootNamespace)])].join('\n');
  return { ...where, kind: 'sidecar', yaml, ...ambient };
}

/**
 * The resources of the readiness view: per namespace, the Sidecar that
 * switches it (never for the root namespace, whose Sidecar is mesh-wide, nor
 * for a namespace label that is not a name, nor for one whose workloads all
 * run ambient), the egress waypoint and its policy when it has ambient
 * workloads, the mesh-wide switch on its own,
 * and the Telemetry that names TLS/TCP passthrough.
 */
export function readinessResources(readiness: Pick<ReadinessReport, 'namespaces' | 'window'>, opts: ReadinessResourceOptions = {}): ReadinessResources {
  const rootNamespace = opts.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
  const telemetry = telemetryForTcpDestinations({ rootNamespace });
  const waypoint = opts.waypoint ?? { namespace: DEFAULT_EGRESS_CONFIG_NAMESPACE, name: DEFAULT_WAYPOINT_NAME };
  return {
    switches: readiness.namespaces.map((n) => switchFor(n, readiness.window, rootNamespace, waypoint)),
    meshSwitch: meshWideSwitch(rootNamespace),
    telemetry: { yaml: telemetry.yaml, warning: telemetry.warning },
  };
}
