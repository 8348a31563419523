/**
 * Validation against Istio's CRD OpenAPI v3 schemas, vendored from Istio's
 * crd-all.gen.yaml into ./crd-schemas.json (its `istio` field names the
 * version and commit; scripts/vendor-crd-schemas.ts regenerates it).
 *
 * Ajv checks what the OpenAPI part of a schema says: types, required fields,
 * enums, lengths, item counts, numeric bounds, patterns, oneOf. The CEL rules
 * (`x-kubernetes-validations`, evaluated by the API server) are NOT evaluated:
 * the rule checks in this folder cover what matters (facts §5, §7 list what
 * the schema does not catch). Like the API server, which prunes null values
 * of optional fields, null is accepted where a field is optional.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { CRD_FORMATS } from './crd-formats';
import vendored from './crd-schemas.json';

type Schema = Record<string, unknown>;
const CRDS: Readonly<Record<string, { readonly apiVersion: string; readonly schema: Schema }>> = vendored.kinds;

/** The kinds with a vendored schema. */
export type CrdKind = keyof typeof vendored.kinds;

/** Istio release and commit the schemas come from. */
export const CRD_SOURCE: { readonly version: string; readonly commit: string; readonly file: string } = vendored.istio;

/** One schema error as Ajv reports it: JSON pointer, keyword and its params. */
export type CrdError = Pick<ErrorObject, 'instancePath' | 'keyword' | 'params' | 'message'>;

const str = { type: 'string' };
const strMap = { type: 'object', additionalProperties: str };
const time = { type: 'string', format: 'date-time' };

/**
 * Kubernetes ObjectMeta (k8s.io/apimachinery meta/v1), which a CRD schema
 * leaves out: the API server checks metadata itself. Every field is optional.
 */
const OBJECT_META: Schema = {
  type: 'object',
  properties: {
    name: str,
    generateName: str,
    namespace: str,
    uid: str,
    resourceVersion: str,
    selfLink: str,
    generation: { type: 'integer', format: 'int64' },
    creationTimestamp: time,
    deletionTimestamp: time,
    deletionGracePeriodSeconds: { type: 'integer', format: 'int64' },
    labels: strMap,
    annotations: strMap,
    finalizers: { type: 'array', items: str },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name', 'uid'],
        properties: { apiVersion: str, kind: str, name: str, uid: str, controller: { type: 'boolean' }, blockOwnerDeletion: { type: 'boolean' } },
      },
    },
    managedFields: {
      type: 'array',
      items: { type: 'object', properties: { apiVersion: str, fieldsType: str, fieldsV1: { type: 'object' }, manager: str, operation: str, subresource: str, time } },
    },
  },
};

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A copy of a schema where every optional property that declares a type also
 * takes null (OpenAPI `nullable`): the API server prunes such nulls instead
 * of rejecting them. Required properties stay non-null.
 */
function allowNullWhereOptional(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isSchema(value)) {
      const required = Array.isArray(schema.required) ? schema.required : [];
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => {
          if (!isSchema(sub)) return [name, sub];
          const inner = allowNullWhereOptional(sub);
          return [name, required.includes(name) || inner.type === undefined ? inner : { ...inner, nullable: true }];
        }),
      );
    } else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && isSchema(value)) {
      out[key] = allowNullWhereOptional(value);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map((sub: unknown) => (isSchema(sub) ? allowNullWhereOptional(sub) : sub));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The whole object's schema: the CRD's, with apiVersion and kind fixed, and ObjectMeta as metadata. */
function objectSchema(kind: CrdKind): Schema {
  const crd = CRDS[kind];
  if (!crd) throw new Error(`no vendored CRD schema for ${kind}`);
  const { properties, required, ...rest } = crd.schema;
  return allowNullWhereOptional({
    ...rest,
    type: 'object',
    properties: {
      ...(isSchema(properties) ? properties : {}),
      apiVersion: { type: 'string', enum: [crd.apiVersion] },
      kind: { type: 'string', enum: [kind] },
      metadata: OBJECT_META,
    },
    required: [...new Set([...(Array.isArray(required) ? required : []), 'apiVersion', 'kind'])],
  });
}

let ajv: Ajv | undefined;
const compiled = new Map<CrdKind, ValidateFunction>();

/**
 * The validator of a kind, compiled on first use and kept. `strict: false`
 * lets Ajv skip the `x-kubernetes-*` keywords (CEL rules included) instead of
 * refusing the schema; `allErrors` reports every error, not the first.
 */
function validatorFor(kind: CrdKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: false, formats: CRD_FORMATS });
    validate = ajv.compile(objectSchema(kind));
    compiled.set(kind, validate);
  }
  return validate;
}

/** The CRD schema errors of an object of the given kind (Istio's v1 schema); empty when it conforms. Never throws on data. */
export function crdSchemaErrors(kind: CrdKind, obj: unknown): CrdError[] {
  const validate = validatorFor(kind);
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, params: e.params, message: e.message }));
}
