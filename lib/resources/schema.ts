/**
 * CRD schema validation of the networking.istio.io/v1 kinds this module
 * generates, against Istio's own CRD schemas (./crd-validator.ts: Istio 1.29,
 * OpenAPI part only, CEL rules not evaluated), with each Ajv error turned into
 * a fix at its field path (facts §7).
 */
import { crdSchemaErrors, type CrdError } from './crd-validator';
import { pointerParts, type PathPart, type Reporter } from './issues';

export const API_VERSION = 'networking.istio.io/v1';
/** AuthorizationPolicy's group (the egress waypoint's policy in ambient mode). */
export const SECURITY_API_VERSION = 'security.istio.io/v1';

/** The apiVersion of each kind validated against a vendored Istio CRD schema. */
const KIND_NAMES = {
  ServiceEntry: API_VERSION,
  Gateway: API_VERSION,
  DestinationRule: API_VERSION,
  VirtualService: API_VERSION,
  Sidecar: API_VERSION,
  AuthorizationPolicy: SECURITY_API_VERSION,
} as const;

/** The kinds this module generates and validates. */
export type IstioKind = keyof typeof KIND_NAMES;
export const KINDS = Object.keys(KIND_NAMES) as IstioKind[];

export function isIstioKind(kind: string): kind is IstioKind {
  return Object.hasOwn(KIND_NAMES, kind);
}

/** The current apiVersion of a kind. */
export function apiVersionOf(kind: IstioKind): string {
  return KIND_NAMES[kind];
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** How to fix a schema error, from its Ajv keyword and params. */
function schemaMessage(e: CrdError): { path: PathPart[]; message: string } {
  const path = pointerParts(e.instancePath);
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { path: [...path, String(p.missingProperty)], message: 'is required by the CRD schema: add it' };
    case 'type':
      return { path, message: `must be ${article(String(p.type))} (CRD schema): change the value's type` };
    case 'enum':
      return { path, message: `must be one of ${(Array.isArray(p.allowedValues) ? p.allowedValues : []).join(', ')} (CRD schema)` };
    case 'maxLength':
      return { path, message: `is too long: shorten it to at most ${String(p.limit)} characters (CRD schema)` };
    case 'minLength':
      return { path, message: `is too short: give at least ${String(p.limit)} characters (CRD schema)` };
    case 'maxItems':
      return { path, message: `has too many entries: keep at most ${String(p.limit)} (CRD schema)` };
    case 'minItems':
      return { path, message: `has too few entries: give at least ${String(p.limit)} (CRD schema)` };
    case 'maxProperties':
      return { path, message: `has too many keys: keep at most ${String(p.limit)} (CRD schema)` };
    case 'minimum':
    case 'maximum':
      return { path, message: `must be ${String(p.comparison)} ${String(p.limit)} (CRD schema): change the number` };
    default:
      return { path, message: `${e.message ?? 'is invalid'} (CRD schema, ${e.keyword}): correct the value` };
  }
}

/** Validates an object against the CRD schema of its kind, reporting each schema error with its field path. */
export function checkSchema(kind: IstioKind, obj: Record<string, unknown>, r: Reporter): void {
  // apiVersion is checked (older versions warned about) by the caller: the schema is the same for all of them.
  for (const e of crdSchemaErrors(kind, { ...obj, apiVersion: apiVersionOf(kind) })) {
    const { path, message } = schemaMessage(e);
    r.error(path, message);
  }
}
