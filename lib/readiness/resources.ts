import { toYaml } from '../serviceentry';
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

/** How one namespace of the report can be switched on its own. */
export type NamespaceSwitch =
  /** The Sidecar that switches it (YAML with comments). */
  | { readonly namespace: string; readonly kind: 'sidecar'; readonly yaml: string }
  /** Istio's root namespace: its Sidecar `default` would switch the whole mesh (see ReadinessResources.meshSwitch). */
  | { readonly namespace: string; readonly kind: 'root-namespace' }
  /** A label value that cannot be a Kubernetes namespace (forged or broken series): no Sidecar can name it. */
  | { readonly namespace: string; readonly kind: 'cannot-be-named'; readonly reason: string };

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

function switchFor(n: NamespaceReadiness, window: string, rootNamespace: string): NamespaceSwitch {
  const problem = namespaceNameProblem(n.namespace);
  if (problem !== null) return { namespace: n.namespace, kind: 'cannot-be-named', reason: problem };
  if (n.namespace === rootNamespace) return { namespace: n.namespace, kind: 'root-namespace' };
  const yaml = [...sidecarComment(n, window), toYaml([sidecarForNamespace(n.namespace, rootNamespace)])].join('\n');
  return { namespace: n.namespace, kind: 'sidecar', yaml };
}

/**
 * The resources of the readiness view: per namespace, the Sidecar that
 * switches it (never for the root namespace, whose Sidecar is mesh-wide, nor
 * for a namespace label that is not a name), the mesh-wide switch on its own,
 * and the Telemetry that names TLS/TCP passthrough.
 */
export function readinessResources(readiness: Pick<ReadinessReport, 'namespaces' | 'window'>, opts: ReadinessResourceOptions = {}): ReadinessResources {
  const rootNamespace = opts.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
  const telemetry = telemetryForTcpDestinations({ rootNamespace });
  return {
    switches: readiness.namespaces.map((n) => switchFor(n, readiness.window, rootNamespace)),
    meshSwitch: meshWideSwitch(rootNamespace),
    telemetry: { yaml: telemetry.yaml, warning: telemetry.warning },
  };
}
