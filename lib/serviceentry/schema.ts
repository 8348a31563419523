/**
 * CRD schema validation with @kubernetes-models/istio 3.0.1 (Istio 1.29 CRDs,
 * networking.istio.io/v1). `.validate()` throws an Ajv-style error whose
 * `errors[]` carry `instancePath`; the error class is not exported, so the
 * shape is checked instead (facts §7).
 */
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import { Gateway } from '@kubernetes-models/istio/networking.istio.io/v1/Gateway';
import { ServiceEntry } from '@kubernetes-models/istio/networking.istio.io/v1/ServiceEntry';
import { Sidecar } from '@kubernetes-models/istio/networking.istio.io/v1/Sidecar';
import { VirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import { asRecord, pointerParts, type PathPart, type Reporter } from './issues';

export const API_VERSION = 'networking.istio.io/v1';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

const MODELS = { ServiceEntry, Gateway, DestinationRule, VirtualService, Sidecar } satisfies Record<string, ModelClass>;

/** The kinds this module generates and validates. */
export type IstioKind = keyof typeof MODELS;
export const KINDS = Object.keys(MODELS) as IstioKind[];

export function isIstioKind(kind: string): kind is IstioKind {
  return Object.hasOwn(MODELS, kind);
}

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

function ajvErrors(err: unknown): AjvError[] | null {
  const list = asRecord(err)?.errors;
  if (!Array.isArray(list)) return null;
  return list.filter((e): e is AjvError => typeof asRecord(e)?.instancePath === 'string');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** How to fix a schema error, from its Ajv keyword and params. */
function schemaMessage(e: AjvError): { path: PathPart[]; message: string } {
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
  const Model: ModelClass = MODELS[kind];
  try {
    // The model copies the data and validates it; `never` because the data is unknown until validated.
    new Model({ ...obj, apiVersion: API_VERSION } as never).validate();
  } catch (err) {
    const errors = ajvErrors(err);
    if (errors === null) {
      r.error([], `the CRD schema check failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    for (const e of errors) {
      const { path, message } = schemaMessage(e);
      r.error(path, message);
    }
  }
}
