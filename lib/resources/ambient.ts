/**
 * Egress in ambient mode (facts §9): ztunnel does not enforce REGISTRY_ONLY
 * (istio/istio#54281) and a Sidecar does nothing for ambient pods. What
 * controls egress there is an egress waypoint that the ServiceEntries use,
 * with an AuthorizationPolicy bound to it.
 *
 * Shapes from Istio's docs: "Egress gateways" (istio.io/latest/docs/ambient/usage/egress-gateway/:
 * a waypoint in an egress namespace, ServiceEntries there use it, no routing
 * rules needed) and "Use Layer 7 features" (istio.io/latest/docs/ambient/usage/l7-features/:
 * an AuthorizationPolicy is attached to a waypoint by `targetRefs` to its
 * Gateway, group gateway.networking.k8s.io); the Gateway is what
 * `istioctl waypoint generate --for service` writes (istio/istio 1.29.2,
 * istioctl/pkg/waypoint/waypoint.go: class istio-waypoint, listener "mesh" on 15008, HBONE).
 */
import type { Annotations } from './resources';
import { SECURITY_API_VERSION } from './schema';

/** The Kubernetes Gateway API version of the waypoint Gateway. */
export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
export const WAYPOINT_CLASS = 'istio-waypoint';
/** On the waypoint Gateway: which traffic it takes (`service` for ServiceEntries). */
export const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';
/** On a ServiceEntry (or its namespace): the waypoint its traffic goes through. */
export const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
/** With USE_WAYPOINT_LABEL, when the waypoint runs in another namespace. */
export const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';
/** The name generated waypoints get. */
export const DEFAULT_WAYPOINT_NAME = 'egress-waypoint';
/** The HBONE listener every waypoint has. */
export const WAYPOINT_PORT = 15008;

export interface WaypointRef {
  readonly namespace: string;
  readonly name: string;
}

/** `annotations` when there are any (an empty map is noise in the YAML). */
function withAnnotations(annotations: Annotations): { annotations?: Annotations } {
  return Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {};
}

/** The labels that make a ServiceEntry in `namespace` send its traffic through `waypoint`. */
export function waypointLabels(namespace: string, waypoint: WaypointRef): Record<string, string> {
  return { [USE_WAYPOINT_LABEL]: waypoint.name, ...(waypoint.namespace !== namespace ? { [USE_WAYPOINT_NAMESPACE_LABEL]: waypoint.namespace } : {}) };
}

/** The egress waypoint: a Gateway of class istio-waypoint for service traffic (ServiceEntries), listening HBONE on 15008. */
export function waypointGateway(waypoint: WaypointRef, annotations: Annotations = {}): Record<string, unknown> {
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'Gateway',
    metadata: { name: waypoint.name, namespace: waypoint.namespace, labels: { [WAYPOINT_FOR_LABEL]: 'service' }, ...withAnnotations(annotations) },
    spec: { gatewayClassName: WAYPOINT_CLASS, listeners: [{ name: 'mesh', port: WAYPOINT_PORT, protocol: 'HBONE' }] },
  };
}

export interface WaypointPolicyOptions {
  readonly name: string;
  readonly waypoint: WaypointRef;
  /** Hosts the policy allows (HTTP Host header, with and without port). */
  readonly hosts: readonly string[];
  /** Only calls from these namespaces; empty: from anywhere in the mesh. */
  readonly sourceNamespaces?: readonly string[];
}

/**
 * An ALLOW AuthorizationPolicy on the waypoint (targetRefs to its Gateway):
 * once any ALLOW policy applies there, the waypoint denies what none allows,
 * so several such policies (one per promoted host) add up. `hosts` match the
 * HTTP Host header only: TLS through the waypoint carries no Host the policy
 * sees (say so where it is generated).
 */
export function waypointAuthorizationPolicy(opts: WaypointPolicyOptions, annotations: Annotations = {}): Record<string, unknown> {
  const sources = opts.sourceNamespaces ?? [];
  return {
    apiVersion: SECURITY_API_VERSION,
    kind: 'AuthorizationPolicy',
    metadata: { name: opts.name, namespace: opts.waypoint.namespace, ...withAnnotations(annotations) },
    spec: {
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: opts.waypoint.name }],
      action: 'ALLOW',
      rules: [
        {
          ...(sources.length > 0 ? { from: [{ source: { namespaces: [...sources] } }] } : {}),
          to: [{ operation: { hosts: [...opts.hosts] } }],
        },
      ],
    },
  };
}
