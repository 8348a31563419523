/**
 * Validation of Istio objects before review: the CRD schema (facts §7) plus
 * the rules the schema misses (facts §5, §6), and checks across documents.
 */
import { asArray, asRecord, asString, checkKnownFields, IssueList, type Reporter } from './issues';
import { isDns1123Label, isDns1123Subdomain, quote } from './names';
import { GATEWAY_API_VERSION } from './ambient';
import { apiVersionOf, checkSchema, isIstioKind, KINDS, SECURITY_API_VERSION, type IstioKind } from './schema';
import { checkAuthorizationPolicySpec, checkWaypointGateway } from './validate-ambient';
import type { ValidationResult } from './types';
import { checkServiceEntrySpec } from './validate-service-entry';
import { checkDestinationRuleSpec, checkGatewaySpec, checkSidecarSpec, checkVirtualServiceSpec } from './validate-routing';

/** Older versions served with the same schema (facts §5): accepted, with a warning. */
const OLDER_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'networking.istio.io/v1': ['networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3'],
  [SECURITY_API_VERSION]: ['security.istio.io/v1beta1'],
};
const TOP_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
const MAX_ANNOTATION_BYTES = 256 * 1024;

const SPEC_RULES: Record<IstioKind, (spec: unknown, r: Reporter) => void> = {
  ServiceEntry: checkServiceEntrySpec,
  Gateway: checkGatewaySpec,
  VirtualService: checkVirtualServiceSpec,
  DestinationRule: checkDestinationRuleSpec,
  Sidecar: checkSidecarSpec,
  AuthorizationPolicy: checkAuthorizationPolicySpec,
};

function checkMetadata(obj: Record<string, unknown>, r: Reporter): void {
  const meta = asRecord(obj.metadata);
  if (!meta) {
    r.error(['metadata'], 'is required: add metadata with a name (and a namespace)');
    return;
  }
  const name = asString(meta.name);
  if (name === undefined) r.error(['metadata', 'name'], 'is required: add a DNS-1123 name such as "api-example-com"');
  else if (!isDns1123Subdomain(name)) {
    r.error(['metadata', 'name'], `${quote(name)} is not a DNS-1123 subdomain: use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`);
  }
  const ns = meta.namespace;
  if (ns !== undefined && (typeof ns !== 'string' || !isDns1123Label(ns))) {
    r.error(['metadata', 'namespace'], `${quote(ns)} is not a namespace name: use at most 63 lower-case letters, digits or '-'`);
  }
  const annotations = asRecord(meta.annotations);
  if (annotations) {
    const bytes = Object.entries(annotations).reduce((n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : 0), 0);
    if (bytes > MAX_ANNOTATION_BYTES) r.error(['metadata', 'annotations'], `total ${bytes} bytes exceed Kubernetes' 256 KiB: shorten or remove annotations`);
  }
}

function checkObject(value: unknown, doc: number, issues: IssueList): void {
  const obj = asRecord(value);
  const kind = asString(obj?.kind) ?? '';
  const name = asString(asRecord(obj?.metadata)?.name) ?? '';
  const r = issues.reporter(doc, kind, name);
  if (!obj) {
    r.error([], 'is not an object: each document must be a mapping with apiVersion, kind, metadata and spec');
    return;
  }
  const apiVersion = asString(obj.apiVersion);
  if (kind === 'Gateway' && apiVersion === GATEWAY_API_VERSION) {
    // An ambient egress waypoint (Kubernetes Gateway API), not Istio's networking Gateway.
    checkKnownFields(obj, TOP_FIELDS, [], r);
    checkMetadata(obj, r);
    checkWaypointGateway(obj, r);
    return;
  }
  if (!isIstioKind(kind)) {
    r.error(['kind'], `${kind === '' ? 'is missing' : `${quote(kind)} is not a kind validated here`}: use one of ${KINDS.join(', ')}, or remove the document`);
    return;
  }
  const current = apiVersionOf(kind);
  if (apiVersion !== undefined && (OLDER_VERSIONS[current] ?? []).includes(apiVersion)) {
    r.warn(['apiVersion'], `${apiVersion} is served with the same schema, but ${current} is the current version (Istio 1.22+): prefer it`);
  } else if (apiVersion !== current) {
    const what = kind === 'Gateway' ? `an Istio networking version (or ${GATEWAY_API_VERSION} for a waypoint)` : `the version of ${kind}`;
    r.error(['apiVersion'], `${apiVersion === undefined ? 'is missing' : `${quote(apiVersion)} is not ${what}`}: use ${current}`);
  }
  checkKnownFields(obj, TOP_FIELDS, [], r);
  checkMetadata(obj, r);
  checkSchema(kind, obj, r);
  SPEC_RULES[kind](obj.spec, r);
}

interface Located {
  readonly doc: number;
  readonly obj: Record<string, unknown>;
}

/**
 * A field of a parsed document as text, for messages and keys. `String()` throws
 * on data such as `{toString: 1}` (a YAML mapping can hold that key), so
 * anything but a string or number is written as JSON.
 */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '(unreadable)';
  }
}

function key(obj: Record<string, unknown>): string {
  const meta = asRecord(obj.metadata);
  return `${text(obj.kind)}/${text(meta?.namespace)}/${text(meta?.name)}`;
}

/** Hosts that some VirtualService routes to from a gateway (not `mesh`): the gateway itself connects to them. */
function hostsRoutedByGateways(objects: readonly Located[]): Set<string> {
  const hosts = new Set<string>();
  for (const { obj } of objects) {
    if (obj.kind !== 'VirtualService') continue;
    const spec = asRecord(obj.spec);
    for (const route of [...asArray(spec?.http), ...asArray(spec?.tls), ...asArray(spec?.tcp)]) {
      const fromGateway = asArray(asRecord(route)?.match).some((m) => asArray(asRecord(m)?.gateways).some((g) => g !== 'mesh'));
      if (!fromGateway) continue;
      for (const d of asArray(asRecord(route)?.route)) {
        const host = asString(asRecord(asRecord(d)?.destination)?.host);
        if (host !== undefined) hosts.add(host);
      }
    }
  }
  return hosts;
}

/** Checks across documents: duplicates, and the egress-gateway loop of resolution NONE (facts §6). */
function checkAcross(objects: readonly Located[], issues: IssueList): void {
  const seen = new Map<string, number>();
  for (const { doc, obj } of objects) {
    const k = key(obj);
    const first = seen.get(k);
    const r = issues.reporter(doc, text(obj.kind), text(asRecord(obj.metadata)?.name));
    if (first !== undefined) r.error(['metadata', 'name'], `document ${first} already defines ${k}: applying both keeps only the last; rename or merge them`);
    else seen.set(k, doc);
  }
  const viaGateway = hostsRoutedByGateways(objects);
  for (const { doc, obj } of objects) {
    if (obj.kind !== 'ServiceEntry') continue;
    const spec = asRecord(obj.spec);
    const resolution = asString(spec?.resolution) ?? 'NONE';
    const routed = asArray(spec?.hosts).filter((h): h is string => typeof h === 'string' && viaGateway.has(h));
    if (resolution === 'NONE' && routed.length > 0) {
      issues
        .reporter(doc, 'ServiceEntry', text(asRecord(obj.metadata)?.name))
        .error(['spec', 'resolution'], `${routed.join(', ')} is routed through an egress gateway, and with resolution NONE the gateway forwards to the address it was called on, itself (a loop): use resolution DNS`);
    }
  }
}

/** Validates Istio objects: CRD schema (Istio's v1 schemas, ./crd-validator.ts), rules the schema misses, and cross-document checks. */
export function validateObjects(objects: readonly unknown[]): ValidationResult {
  const issues = new IssueList();
  objects.forEach((o, doc) => checkObject(o, doc, issues));
  const located = objects.flatMap((o, doc) => {
    const obj = asRecord(o);
    return obj && (isIstioKind(asString(obj.kind) ?? '') || obj.apiVersion === GATEWAY_API_VERSION) ? [{ doc, obj }] : [];
  });
  checkAcross(located, issues);
  return issues.result();
}
