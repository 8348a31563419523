/**
 * TypeScript shapes of the Istio resources this app writes and reads, after
 * Istio's v1 CRD schemas (./crd-schemas.json): only the fields the code
 * touches, with the schema's required fields required. They type what we
 * build; what arrives from outside is validated, not trusted to match them
 * (./crd-validator.ts, ./validate.ts).
 */

/** Kubernetes ObjectMeta, the fields written here. */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** networking.istio.io ServicePort (ServiceEntry ports, Gateway server port). */
export interface ServicePort {
  number: number;
  name: string;
  /** HTTP, HTTPS, HTTP2, GRPC, GRPC-Web, TLS, TCP, Mongo, ... (facts §5); absent: sniffing. */
  protocol?: string;
  targetPort?: number;
}

export interface WorkloadSelector {
  labels?: Record<string, string>;
}

/** ServiceEntry `spec` (facts §5). */
export interface ServiceEntrySpec {
  hosts: string[];
  addresses?: string[];
  ports?: ServicePort[];
  location?: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  resolution?: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN' | 'DYNAMIC_DNS';
  endpoints?: {
    address?: string;
    ports?: Record<string, number>;
    labels?: Record<string, string>;
    network?: string;
    locality?: string;
    weight?: number;
    serviceAccount?: string;
  }[];
  workloadSelector?: WorkloadSelector;
  exportTo?: string[];
  subjectAltNames?: string[];
}

/** Gateway `spec`: which gateway pods, and the servers (ports and hosts) they listen for. */
export interface GatewaySpec {
  selector?: Record<string, string>;
  servers?: {
    port: { number: number; name: string; protocol: string; targetPort?: number };
    hosts: string[];
    bind?: string;
    name?: string;
    tls?: {
      mode?: 'PASSTHROUGH' | 'SIMPLE' | 'MUTUAL' | 'AUTO_PASSTHROUGH' | 'ISTIO_MUTUAL' | 'OPTIONAL_MUTUAL';
      httpsRedirect?: boolean;
      credentialName?: string;
      subjectAltNames?: string[];
    };
  }[];
}

/** DestinationRule `spec`: the named subsets of one service. Traffic policies are not written here. */
export interface DestinationRuleSpec {
  host: string;
  subsets?: { name: string; labels?: Record<string, string> }[];
  exportTo?: string[];
  workloadSelector?: WorkloadSelector;
}

/** Where a route sends traffic: a service host, optionally a subset and port. */
export interface Destination {
  host: string;
  subset?: string;
  port?: { number?: number };
}

export interface RouteDestination {
  destination: Destination;
  weight?: number;
}

export interface HttpRetry {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
}

/** VirtualService `spec`: HTTP routes, TLS routes (by SNI) and TCP routes for its hosts. */
export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  exportTo?: string[];
  http?: {
    name?: string;
    match?: { name?: string; port?: number; gateways?: string[]; sourceNamespace?: string; sourceLabels?: Record<string, string> }[];
    route?: RouteDestination[];
    timeout?: string;
    retries?: HttpRetry;
  }[];
  tls?: {
    match: { sniHosts: string[]; port?: number; gateways?: string[]; destinationSubnets?: string[]; sourceNamespace?: string; sourceLabels?: Record<string, string> }[];
    route?: RouteDestination[];
  }[];
  tcp?: {
    match?: { port?: number; gateways?: string[]; destinationSubnets?: string[]; sourceNamespace?: string; sourceLabels?: Record<string, string> }[];
    route?: RouteDestination[];
  }[];
}

/** Sidecar `spec` (facts §4, §6): egress hosts `ns/dnsName`, and the outbound policy that replaces the mesh-wide one. */
export interface SidecarSpec {
  workloadSelector?: WorkloadSelector;
  egress?: {
    hosts: string[];
    port?: { number?: number; name?: string; protocol?: string; targetPort?: number };
    bind?: string;
    captureMode?: 'DEFAULT' | 'IPTABLES' | 'NONE';
  }[];
  outboundTrafficPolicy?: {
    /** Omitted means REGISTRY_ONLY (enum value 0, facts §4). */
    mode?: 'REGISTRY_ONLY' | 'ALLOW_ANY';
    egressProxy?: Destination;
  };
}

export type StandardMetric =
  | 'ALL_METRICS'
  | 'REQUEST_COUNT'
  | 'REQUEST_DURATION'
  | 'REQUEST_SIZE'
  | 'RESPONSE_SIZE'
  | 'TCP_OPENED_CONNECTIONS'
  | 'TCP_CLOSED_CONNECTIONS'
  | 'TCP_SENT_BYTES'
  | 'TCP_RECEIVED_BYTES'
  | 'GRPC_REQUEST_MESSAGES'
  | 'GRPC_RESPONSE_MESSAGES';

/** telemetry.istio.io Telemetry `spec`: the metrics part (providers and per-metric tag overrides). */
export interface TelemetrySpec {
  selector?: { matchLabels?: Record<string, string> };
  metrics?: {
    providers?: { name: string }[];
    overrides?: {
      match?: { metric?: StandardMetric; customMetric?: string; mode?: 'CLIENT_AND_SERVER' | 'CLIENT' | 'SERVER' };
      disabled?: boolean;
      tagOverrides?: Record<string, { operation?: 'UPSERT' | 'REMOVE'; value?: string }>;
    }[];
    reportingInterval?: string;
  }[];
}

interface IstioObject<Kind extends string, Spec> {
  apiVersion: string;
  kind: Kind;
  metadata?: ObjectMeta;
  spec?: Spec;
}

/** The CRD requires a ServiceEntry's spec; the other kinds may omit it. */
export type ServiceEntry = IstioObject<'ServiceEntry', ServiceEntrySpec> & { spec: ServiceEntrySpec };
export type Gateway = IstioObject<'Gateway', GatewaySpec>;
export type DestinationRule = IstioObject<'DestinationRule', DestinationRuleSpec>;
export type VirtualService = IstioObject<'VirtualService', VirtualServiceSpec>;
export type Sidecar = IstioObject<'Sidecar', SidecarSpec>;
export type Telemetry = IstioObject<'Telemetry', TelemetrySpec>;
