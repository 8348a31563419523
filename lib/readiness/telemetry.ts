/**
 * The Telemetry resource that names TLS/TCP passthrough destinations (facts §2):
 * the standard labels say only who called, so `tagOverrides` add the SNI and
 * the upstream address to the client-side TCP metrics.
 */
import { BLACKHOLE_CLUSTER, PASSTHROUGH_CLUSTER, UNKNOWN } from '../egress/rules';
import { toYaml } from '../resources';
import { crdSchemaErrors } from '../resources/crd-validator';
import type { TelemetrySpec } from '../resources/istio-types';
import { isDns1123Label } from '../resources/names';
import { DEFAULT_ROOT_NAMESPACE } from './sidecar';

export interface TelemetryOptions {
  /** Where the Telemetry goes; the default, the root namespace, makes it mesh-wide. */
  readonly namespace?: string;
  /** Istio's root namespace (ISTIO_ROOT_NAMESPACE); default istio-system. */
  readonly rootNamespace?: string;
  /** Label holding the TLS SNI; default `destination_sni`. */
  readonly sniLabel?: string;
  /** Label holding the upstream IP:port; default `destination_address`. */
  readonly addressLabel?: string;
  /**
   * Default true: fill the labels only on PassthroughCluster and BlackHoleCluster
   * connections (`unknown` elsewhere), so in-mesh TCP does not get a series per
   * pod IP. False: the plain attributes on every client TCP connection.
   */
  readonly onlyUnregistered?: boolean;
}

export interface TcpDestinationsTelemetry {
  readonly object: Record<string, unknown>;
  readonly yaml: string;
  readonly warning: string;
}

export const TELEMETRY_NAME = 'egress-lens-tcp-destinations';
export const DEFAULT_SNI_LABEL = 'destination_sni';
export const DEFAULT_ADDRESS_LABEL = 'destination_address';

/** The client-side TCP metrics (facts §1). REQUEST_COUNT is left out: HTTP passthrough already carries its host. */
const TCP_METRICS = ['TCP_OPENED_CONNECTIONS', 'TCP_CLOSED_CONNECTIONS', 'TCP_SENT_BYTES', 'TCP_RECEIVED_BYTES'] as const;

/** Standard labels (facts §1): a tag override with one of these names would replace it. */
const STANDARD_LABELS = new Set([
  'reporter',
  ...['workload', 'workload_namespace', 'principal', 'app', 'version', 'canonical_service', 'canonical_revision', 'cluster'].map((l) => `source_${l}`),
  ...['workload', 'workload_namespace', 'principal', 'app', 'version', 'service', 'service_name', 'service_namespace', 'canonical_service', 'canonical_revision', 'cluster'].map((l) => `destination_${l}`),
  'request_protocol',
  'response_flags',
  'connection_security_policy',
  'response_code',
  'grpc_response_status',
]);
const PROMETHEUS_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Why a label name cannot be used, or null. */
function labelProblem(what: string, name: string): string | null {
  if (!PROMETHEUS_LABEL.test(name) || name.startsWith('__')) return `${what} ${JSON.stringify(name)} is not a Prometheus label name (letters, digits, '_'; not starting with a digit or '__')`;
  if (STANDARD_LABELS.has(name)) return `${what} ${JSON.stringify(name)} is a standard Istio label: overriding it would replace its value; choose a new name`;
  return null;
}

/**
 * Envoy attributes as CEL expressions [unverified per version]: `connection.requested_server_name`
 * (downstream SNI, empty without TLS) and `upstream.address` (IP:port; absent on BlackHoleCluster, and
 * possibly when the opened-connection metric is recorded before the upstream connects). A failed
 * evaluation is recorded as `unknown` (istio/proxy istio_stats.cc). `xds.cluster_name` names the
 * PassthroughCluster / BlackHoleCluster catch-all clusters the classification relies on (facts §2).
 */
function expressions(onlyUnregistered: boolean): { sni: string; address: string } {
  const sni = 'connection.requested_server_name';
  const address = 'upstream.address';
  if (!onlyUnregistered) return { sni, address };
  const when = `xds.cluster_name in ['${PASSTHROUGH_CLUSTER}', '${BLACKHOLE_CLUSTER}']`;
  return { sni: `${when} ? ${sni} : '${UNKNOWN}'`, address: `${when} ? ${address} : '${UNKNOWN}'` };
}

const record = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** CRD schema errors (Istio's telemetry.istio.io/v1 schema, lib/resources/crd-validator.ts) plus the label-name rules; empty when valid. */
export function validateTelemetry(object: Record<string, unknown>): string[] {
  const problems: string[] = [];
  // apiVersion and kind default to the Telemetry's own when absent.
  for (const e of crdSchemaErrors('Telemetry', { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', ...object })) {
    problems.push(`${e.instancePath} ${e.message ?? 'is invalid'} (CRD schema)`.trim());
  }
  for (const metric of list(record(object.spec)?.metrics)) {
    for (const override of list(record(metric)?.overrides)) {
      for (const name of Object.keys(record(record(override)?.tagOverrides) ?? {})) {
        const problem = labelProblem('tagOverrides key', name);
        if (problem) problems.push(problem);
      }
    }
  }
  return [...new Set(problems)];
}

function cardinalityWarning(namespace: string, rootNamespace: string, sni: string, address: string, onlyUnregistered: boolean): string {
  const scope = namespace === rootNamespace ? 'every sidecar in the mesh' : `every sidecar in namespace ${namespace}`;
  return [
    `Cardinality: this adds the labels ${sni} and ${address} to the four client-side TCP metrics of ${scope}.`,
    `Every distinct SNI and every distinct upstream IP:port becomes its own series per source pod (istio/istio#35066): a workload calling a CDN, a rotating IP pool or many hosts can add thousands of series.`,
    onlyUnregistered
      ? 'The labels are filled only on PassthroughCluster and BlackHoleCluster connections (unknown elsewhere), so registered and in-mesh TCP keep their series.'
      : 'The labels are filled on every client TCP connection, including in-mesh TCP, which gets one series per destination pod IP.',
    `Prometheus must keep the new labels: if a scrape config, metric_relabel_configs (labelkeep/labeldrop) or a recording rule drops or allow-lists labels of istio_tcp_*, add ${sni} and ${address} there.`,
    'The Envoy attributes are [unverified per version]: check a sidecar\'s /stats/prometheus after applying, and try it in one namespace first.',
    'A namespace uses only one Telemetry without a selector: if one exists there, merge these overrides into it instead.',
  ].join(' ');
}

/**
 * A telemetry.istio.io/v1 Telemetry whose tagOverrides add the SNI and the
 * upstream address as labels of TCP_OPENED_CONNECTIONS, TCP_CLOSED_CONNECTIONS,
 * TCP_SENT_BYTES and TCP_RECEIVED_BYTES in CLIENT mode (facts §2), with its
 * YAML and the cardinality warning. Throws on an invalid namespace or label name.
 */
export function telemetryForTcpDestinations(opts: TelemetryOptions = {}): TcpDestinationsTelemetry {
  const rootNamespace = opts.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
  const namespace = opts.namespace ?? rootNamespace;
  const sni = opts.sniLabel ?? DEFAULT_SNI_LABEL;
  const address = opts.addressLabel ?? DEFAULT_ADDRESS_LABEL;
  const onlyUnregistered = opts.onlyUnregistered ?? true;
  const problems = [labelProblem('sniLabel', sni), labelProblem('addressLabel', address)].filter((p): p is string => p !== null);
  if (sni === address) problems.push(`sniLabel and addressLabel are both ${JSON.stringify(sni)}: give two names`);
  if (!isDns1123Label(namespace)) problems.push(`namespace ${JSON.stringify(namespace)} is not a Kubernetes namespace name`);
  if (problems.length > 0) throw new Error(`telemetryForTcpDestinations: ${problems.join('; ')}`);

  const expr = expressions(onlyUnregistered);
  const spec: TelemetrySpec = {
    metrics: [
      {
        providers: [{ name: 'prometheus' }],
        overrides: TCP_METRICS.map((metric) => ({
          match: { metric, mode: 'CLIENT' as const },
          tagOverrides: { [sni]: { operation: 'UPSERT' as const, value: expr.sni }, [address]: { operation: 'UPSERT' as const, value: expr.address } },
        })),
      },
    ],
  };
  const object = { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: TELEMETRY_NAME, namespace }, spec };
  const errors = validateTelemetry(object);
  if (errors.length > 0) throw new Error(`telemetryForTcpDestinations: invalid Telemetry: ${errors.join('; ')}`);
  const header = [
    `# Names TLS/TCP passthrough destinations: ${sni} = SNI, ${address} = upstream IP:port (client-side TCP metrics).`,
    '# Envoy attributes [unverified per version]; high cardinality, see the warning (istio/istio#35066).',
  ].join('\n');
  return { object, yaml: `${header}\n${toYaml([object])}`, warning: cardinalityWarning(namespace, rootNamespace, sni, address, onlyUnregistered) };
}
