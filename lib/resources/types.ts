/**
 * Types of the "Promote to ServiceEntry" generator: the evidence the metrics
 * give about a destination, the approver's options, and the generated bundle
 * (see shared istio-egress-facts.md §5 and §6).
 */
import type { EgressProtocol, EgressStatus } from '../egress/types';

/** Which data plane's bundle: sidecar (ServiceEntry, optional egress gateway and Sidecar) or ambient (ServiceEntry bound to an egress waypoint). */
export type BundleDataPlane = 'sidecar' | 'ambient';

/** ServiceEntry resolution (facts §5); DYNAMIC_DNS needs Istio 1.28+. */
export type Resolution = 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN' | 'DYNAMIC_DNS';

/** A workload that called the destination in the window. */
export interface Caller {
  readonly namespace: string;
  readonly workload: string;
  readonly ratePerSecond: number;
}

/** What the metrics say about one destination (assembled by the API layer from /api/egress flows). */
export interface HostEvidence {
  /** null = unattributed TLS/TCP: the user must give address + port (options.tcp). */
  readonly host: string | null;
  readonly status: EgressStatus;
  readonly protocols: readonly EgressProtocol[];
  /** Explicit ports seen in Host headers. */
  readonly ports: readonly number[];
  readonly ip?: boolean;
  readonly callers: readonly Caller[];
  /** When registered: the namespace of the ServiceEntry that registers the host. */
  readonly serviceEntryNamespace?: string;
  readonly ratePerSecond: number;
  /** RFC 3339, within the window. */
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** A Prometheus duration such as "1h". */
  readonly window: string;
  /** RFC 3339. */
  readonly end: string;
  /** The PromQL the evidence came from. */
  readonly queries: readonly string[];
  /** The data planes that reported the callers' flows (absent: sidecar). */
  readonly dataPlanes?: readonly BundleDataPlane[];
}

/** A ServiceEntry port as the approver overrides it. */
export interface PortOption {
  readonly number: number;
  readonly protocol: string;
  readonly name?: string;
}

/** Where the egress gateway runs and how its pods are selected. */
export interface GatewayOption {
  readonly namespace: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly service: string;
}

/** The approver's choices; every field is optional and has a least-privilege default. */
export interface PromoteOptions {
  /** Where the ServiceEntry goes. */
  readonly namespace?: string;
  readonly exportTo?: readonly string[];
  /** Default 'istio-egress': used when several namespaces call the host. */
  readonly egressConfigNamespace?: string;
  /** Replaces the ports derived from the evidence. */
  readonly ports?: readonly PortOption[];
  readonly resolution?: Resolution;
  /** ServiceEntry + Gateway + DestinationRule + VirtualService (facts §6). Sidecar bundle only. */
  readonly egressGateway?: boolean;
  /** The bundle's data plane; default: what the callers are (ambient when every caller is ambient). */
  readonly dataPlane?: BundleDataPlane;
  /** Default: istio-system, {istio: 'egressgateway'}, istio-egressgateway.istio-system.svc.cluster.local. */
  readonly gateway?: GatewayOption;
  /** Also a Sidecar per calling namespace: REGISTRY_ONLY + egress.hosts for the registered hosts. */
  readonly sidecar?: boolean;
  /** meshConfig.rootNamespace: never given a per-namespace Sidecar (default istio-system). */
  readonly rootNamespace?: string;
  /** A VirtualService on the external host with these rules. */
  readonly routeRules?: {
    readonly timeout?: string;
    readonly retries?: { readonly attempts: number; readonly perTryTimeout?: string };
  };
  /** Collapse hosts sharing a registrable domain into one `*.domain` entry. */
  readonly wildcard?: boolean;
  /** For host null: IP (or CIDR /32) and port, optional synthetic host name. */
  readonly tcp?: { readonly address: string; readonly port: number; readonly host?: string };
  /** User identity, recorded in annotations. */
  readonly requestedBy?: string;
  /** The approver's acknowledgement of blocked attempts to these destinations, recorded in annotations. */
  readonly blockedAcknowledgement?: BlockedAcknowledgement;
}

/** One source workload's blocked attempts to a destination (from the blocked egress report). */
export interface BlockedSource {
  readonly namespace: string;
  readonly workload: string;
  /** Attempts over the window (requests or connections). */
  readonly attempts: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

/**
 * A destination of the review that the mesh blocked in the window
 * (BlackHoleCluster): possibly attempted exfiltration, to be acknowledged
 * before its resources are generated.
 */
export interface BlockedCaution {
  /** As in the evidence; null = the unattributed blocked TLS/TCP destination. */
  readonly host: string | null;
  /** Busiest first. */
  readonly sources: readonly BlockedSource[];
  readonly attempts: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** A Prometheus duration such as "1h". */
  readonly window: string;
  /** RFC 3339. */
  readonly end: string;
}

/** Who acknowledged the blocked attempts, when, and what they were. */
export interface BlockedAcknowledgement {
  /** The signed-in user, or "anonymous". */
  readonly by: string;
  /** RFC 3339. */
  readonly at: string;
  readonly cautions: readonly BlockedCaution[];
}

/**
 * One problem found in a bundle. `doc` is the index of the document in the
 * bundle (or in the YAML text); -1 means the request itself (evidence or
 * options) could not produce a document.
 */
export interface ValidationIssue {
  readonly doc: number;
  readonly kind: string;
  readonly name: string;
  /** e.g. "spec.hosts[0]" */
  readonly path: string;
  /** Says what is wrong and how to fix it. */
  readonly message: string;
}

export interface ValidationResult {
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}

/** A known set of hosts that are used together (a package manager, a registry). */
export interface CompanionSuggestion {
  readonly set: string;
  readonly reason: string;
  /** The set's hosts already selected. */
  readonly hosts: string[];
  /** The set's hosts not selected yet. */
  readonly missing: string[];
}

/** An offer to register `*.domain` instead of several hosts under it. */
export interface WildcardOffer {
  /** The registrable domain, without `*.`. */
  readonly domain: string;
  readonly hosts: string[];
  readonly explanation: string;
}

/** A destination that was not promoted. */
export interface SkippedHost {
  readonly host: string;
  readonly reason: string;
  readonly serviceEntryNamespace?: string;
}

export interface GeneratedBundle {
  /** The data plane the bundle is for (options.dataPlane, or the callers'). */
  readonly dataPlane: BundleDataPlane;
  /** The callers' data plane (the form's default). */
  readonly callersDataPlane: BundleDataPlane;
  /** Plain JSON objects, apiVersion networking.istio.io/v1. */
  readonly objects: Record<string, unknown>[];
  /** Multi-document, `---` separated, round-trips to `objects`. */
  readonly yaml: string;
  readonly validation: ValidationResult;
  /** Explanations shown in the review: trade-offs and consequences. */
  readonly notes: string[];
  readonly companions: CompanionSuggestion[];
  readonly wildcardOffers: WildcardOffer[];
  readonly skipped: SkippedHost[];
}
