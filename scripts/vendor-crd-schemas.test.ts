import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { extractCrdSchemas, VENDORED_KINDS, withoutDescriptions } from './vendor-crd-schemas';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

/** A CRD as Istio's crd-all.gen.yaml writes one: a v1 and an older version, descriptions everywhere. */
function crd(group: string, kind: string): Record<string, unknown> {
  const schema = (version: string): Record<string, unknown> => ({
    description: `${kind} ${version}`,
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        description: 'the spec',
        type: 'object',
        properties: {
          // A field named "description" is data, not a keyword: it stays.
          description: { description: 'a field named description', type: 'string', maxLength: 10 },
          items: { type: 'array', items: { description: 'an item', type: 'string' }, 'x-kubernetes-validations': [{ rule: 'self.size() > 0', message: 'not empty' }] },
          choice: { oneOf: [{ description: 'one', required: ['a'] }, { not: { description: 'none', required: ['b'] } }] },
        },
      },
    },
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}s.${group}` },
    spec: { group, names: { kind }, versions: [{ name: 'v1alpha3', schema: { openAPIV3Schema: schema('v1alpha3') } }, { name: 'v1', schema: { openAPIV3Schema: schema('v1') } }] },
  };
}

const file = (docs: Record<string, unknown>[]): string => `# DO NOT EDIT\n${docs.map((d) => stringify(d)).join('---\n')}`;
const ALL = [...VENDORED_KINDS.map(({ group, kind }) => crd(group, kind)), crd('security.istio.io', 'PeerAuthentication')];

describe('scripts/vendor-crd-schemas', () => {
  it('keeps the v1 schema of the seven kinds only, without descriptions, and names its source', () => {
    const out = extractCrdSchemas(file(ALL), '1.29.2', COMMIT);
    expect(out.istio).toEqual({ version: '1.29.2', commit: COMMIT, file: 'manifests/charts/base/files/crd-all.gen.yaml' });
    expect(out.$comment).toContain(`istio/istio 1.29.2 (commit ${COMMIT})`);
    expect(Object.keys(out.kinds)).toEqual(['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService', 'Sidecar', 'Telemetry', 'AuthorizationPolicy']);
    expect(out.kinds.Telemetry?.apiVersion).toBe('telemetry.istio.io/v1');
    expect(out.kinds.ServiceEntry).toEqual({
      apiVersion: 'networking.istio.io/v1',
      schema: {
        type: 'object',
        required: ['spec'],
        properties: {
          spec: {
            type: 'object',
            properties: {
              description: { type: 'string', maxLength: 10 },
              items: { type: 'array', items: { type: 'string' }, 'x-kubernetes-validations': [{ rule: 'self.size() > 0', message: 'not empty' }] },
              choice: { oneOf: [{ required: ['a'] }, { not: { required: ['b'] } }] },
            },
          },
        },
      },
    });
  });

  it('fails naming a missing kind or version, and a bad commit or version', () => {
    expect(() => extractCrdSchemas(file(ALL.filter((d) => (d.spec as { names: { kind: string } }).names.kind !== 'Sidecar')), '1.29.2', COMMIT)).toThrow(/networking\.istio\.io Sidecar/);
    const noV1 = ALL.map((d) => (d === ALL[0] ? { ...d, spec: { ...(d.spec as object), versions: [] } } : d));
    expect(() => extractCrdSchemas(file(noV1), '1.29.2', COMMIT)).toThrow(/ServiceEntry has no v1 openAPIV3Schema/);
    expect(() => extractCrdSchemas(file(ALL), '1.29.2', 'abc123')).toThrow(/40-character/);
    expect(() => extractCrdSchemas(file(ALL), 'master', COMMIT)).toThrow(/istio version/);
  });

  it('withoutDescriptions leaves a schema without descriptions unchanged', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', enum: ['x'] } }, additionalProperties: { type: 'integer' } };
    expect(withoutDescriptions(schema)).toEqual(schema);
  });
});
