import fc from 'fast-check';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CRD_FORMATS } from './crd-formats';
import vendored from './crd-schemas.json';
import { CRD_SOURCE, crdSchemaErrors, type CrdKind } from './crd-validator';
import { at } from '../../testing/serviceentry';
import { validateObjects } from './validate';

const KINDS: CrdKind[] = ['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService', 'Sidecar', 'Telemetry', 'AuthorizationPolicy'];
const API = 'networking.istio.io/v1';

/** A valid ServiceEntry with its spec fields overridden (undefined removes one). */
function se(spec: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], ...spec };
  for (const k of Object.keys(base)) if (base[k] === undefined) delete base[k];
  return { apiVersion: API, kind: 'ServiceEntry', metadata: { name: 'api', namespace: 'shop' }, spec: base };
}

/** Every value of a keyword anywhere in the vendored schemas. */
function keywordValues(keyword: string): unknown[] {
  const found: unknown[] = [];
  (function walk(node: unknown): void {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === keyword) found.push(v);
        walk(v);
      }
    }
  })(vendored.kinds);
  return found;
}

describe('the vendored Istio CRD schemas', () => {
  it('come from one named Istio 1.29 release and commit, v1 of the seven kinds', () => {
    expect(CRD_SOURCE.version).toMatch(/^1\.29\.\d+$/);
    expect(CRD_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(CRD_SOURCE.file).toBe('manifests/charts/base/files/crd-all.gen.yaml');
    expect(Object.fromEntries(Object.entries(vendored.kinds).map(([k, v]) => [k, v.apiVersion]))).toEqual({
      ServiceEntry: API,
      Gateway: API,
      DestinationRule: API,
      VirtualService: API,
      Sidecar: API,
      Telemetry: 'telemetry.istio.io/v1',
      AuthorizationPolicy: 'security.istio.io/v1',
    });
  });

  it('use only formats the validator defines, so none is silently skipped', () => {
    expect(new Set(keywordValues('format'))).toEqual(new Set(Object.keys(CRD_FORMATS).filter((f) => f !== 'int64')));
  });

  it('keep the CEL rules as data (not evaluated here)', () => {
    expect(keywordValues('x-kubernetes-validations').length).toBeGreaterThan(0);
    // The CEL port range (facts §7): the schema alone passes 99999; the project's own rule reports it.
    const tooHigh = se({ ports: [{ number: 99999, name: 'http', protocol: 'HTTP' }] });
    expect(crdSchemaErrors('ServiceEntry', tooHigh)).toEqual([]);
    expect(at(validateObjects([tooHigh]).errors, 'spec.ports[0].number')[0]?.message).toMatch(/1 to 65535/);
  });

  it('every kind accepts what the generators write', () => {
    const objects: Record<CrdKind, Record<string, unknown>> = {
      ServiceEntry: se(),
      Gateway: { apiVersion: API, kind: 'Gateway', spec: { selector: { istio: 'egressgateway' }, servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['a.example.com'], tls: { mode: 'PASSTHROUGH' } }] } },
      DestinationRule: { apiVersion: API, kind: 'DestinationRule', spec: { host: 'istio-egressgateway.istio-system.svc.cluster.local', subsets: [{ name: 'a' }] } },
      VirtualService: { apiVersion: API, kind: 'VirtualService', spec: { hosts: ['a.example.com'], http: [{ route: [{ destination: { host: 'a.example.com', port: { number: 80 } } }], timeout: '5s', retries: { attempts: 3, perTryTimeout: '2s' } }] } },
      Sidecar: { apiVersion: API, kind: 'Sidecar', spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['*/*'] }] } },
      Telemetry: { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', spec: { metrics: [{ providers: [{ name: 'prometheus' }], overrides: [{ match: { metric: 'TCP_OPENED_CONNECTIONS', mode: 'CLIENT' }, tagOverrides: { sni: { operation: 'UPSERT', value: 'x' } } }] }] } },
      AuthorizationPolicy: {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'egress-waypoint' }], action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['shop'] } }], to: [{ operation: { hosts: ['api.example.com'] } }] }] },
      },
    };
    for (const kind of KINDS) expect(crdSchemaErrors(kind, objects[kind]), kind).toEqual([]);
  }, 30_000); // the first call compiles every kind's schema
});

/** What @kubernetes-models/istio 3.0.1 caught (facts §7), now from the vendored schemas, with the messages a user reads. */
describe('the schema checks of facts §7', () => {
  const errorAt = (obj: Record<string, unknown>, path: string): string => at(validateObjects([obj]).errors, path).map((i) => i.message).join(' | ');

  it('spec is required', () => {
    const { spec: _spec, ...noSpec } = se();
    expect(crdSchemaErrors('ServiceEntry', noSpec)).toContainEqual(expect.objectContaining({ instancePath: '', keyword: 'required', params: { missingProperty: 'spec' } }));
    expect(errorAt(noSpec, 'spec')).toMatch(/^is required by the CRD schema: add it$/);
  });

  it('hosts is required, and is a list of 1 to 256 entries', () => {
    expect(errorAt(se({ hosts: undefined }), 'spec.hosts')).toMatch(/is required by the CRD schema/);
    expect(errorAt(se({ hosts: [] }), 'spec.hosts')).toMatch(/has too few entries: give at least 1 \(CRD schema\)/);
    const many = Array.from({ length: 257 }, (_, i) => `h${i}.example.com`);
    expect(errorAt(se({ hosts: many, ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] }), 'spec.hosts')).toMatch(/has too many entries: keep at most 256 \(CRD schema\)/);
    expect(crdSchemaErrors('ServiceEntry', se({ hosts: many.slice(0, 256) }))).toEqual([]);
  });

  it('a port needs a name and a number', () => {
    expect(errorAt(se({ ports: [{ number: 80 }] }), 'spec.ports[0].name')).toMatch(/is required by the CRD schema/);
    expect(errorAt(se({ ports: [{ name: 'http' }] }), 'spec.ports[0].number')).toMatch(/is required by the CRD schema/);
  });

  it('maxLength: an address of more than 64 characters', () => {
    expect(errorAt(se({ resolution: 'NONE', addresses: ['1'.repeat(65)] }), 'spec.addresses[0]')).toMatch(/is too long: shorten it to at most 64 characters \(CRD schema\)/);
  });

  it('enums, DYNAMIC_DNS included', () => {
    expect(crdSchemaErrors('ServiceEntry', se({ hosts: ['*.example.com'], resolution: 'DYNAMIC_DNS' }))).toEqual([]);
    expect(crdSchemaErrors('ServiceEntry', se({ resolution: 'MAGIC' }))).toEqual([
      { instancePath: '/spec/resolution', keyword: 'enum', params: { allowedValues: ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS'] }, message: 'must be equal to one of the allowed values' },
    ]);
    expect(errorAt(se({ resolution: 'MAGIC' }), 'spec.resolution')).toBe('must be one of NONE, STATIC, DNS, DNS_ROUND_ROBIN, DYNAMIC_DNS (CRD schema)');
  });

  it('types and numeric bounds', () => {
    expect(errorAt(se({ hosts: 'api.example.com' }), 'spec.hosts')).toBe("must be an array (CRD schema): change the value's type");
    expect(crdSchemaErrors('ServiceEntry', se({ ports: [{ number: -1, name: 'p' }] }))).toEqual([
      { instancePath: '/spec/ports/0/number', keyword: 'minimum', params: { comparison: '>=', limit: 0 }, message: 'must be >= 0' },
    ]);
    expect(errorAt(se({ ports: [{ number: -1, name: 'p' }] }), 'spec.ports[0].number')).toMatch(/must be >= 0 \(CRD schema\)/);
  });

  it('null is accepted where a field is optional (the API server prunes it), not where it is required', () => {
    expect(crdSchemaErrors('ServiceEntry', se({ addresses: null, location: 'MESH_EXTERNAL' }))).toEqual([]);
    expect(crdSchemaErrors('ServiceEntry', se({ hosts: null }))).toEqual([expect.objectContaining({ instancePath: '/spec/hosts', keyword: 'type' })]);
  });

  it('metadata is checked as Kubernetes ObjectMeta', () => {
    expect(crdSchemaErrors('Sidecar', { apiVersion: API, kind: 'Sidecar', metadata: { name: 'x', labels: { a: 1 } } })).toEqual([
      expect.objectContaining({ instancePath: '/metadata/labels/a', keyword: 'type', params: { type: 'string' } }),
    ]);
  });
});

/** Keys found in the schemas, so random objects reach deep into them. */
const SCHEMA_KEYS = [...new Set(keywordValues('properties').flatMap((p) => Object.keys(p as object)))];
const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(...keywordValues('enum').flat(), null, -1, 2 ** 32, 1.5, '', '2026-02-30T00:00:00Z'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...SCHEMA_KEYS), fc.string()), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('validation never throws on data', () => {
  it('reports errors, as a list, for any JSON value of any kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.oneof(fc.jsonValue(), jsonish), (kind, value) => {
        const errors = crdSchemaErrors(kind, value);
        expect(Array.isArray(errors)).toBe(true);
        for (const e of errors) expect(typeof e.instancePath).toBe('string');
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('a name that is a mapping with a toString key (valid YAML) is reported, not a crash', () => {
    const odd = { apiVersion: API, kind: 'ServiceEntry', metadata: { name: { toString: 1 }, namespace: { valueOf: [] } }, spec: {} };
    const result = validateObjects([odd, odd]);
    expect(result.errors.some((e) => e.message.includes('already defines'))).toBe(true);
  });

  it('validateObjects turns any object with an Istio kind into issues, not exceptions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS.filter((k) => k !== 'Telemetry')), jsonish, jsonish, (kind, spec, metadata) => {
        const result = validateObjects([{ apiVersion: API, kind, metadata, spec }]);
        for (const issue of [...result.errors, ...result.warnings]) expect(typeof issue.message).toBe('string');
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});

describe('compilation', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('compiles a kind once, on its first use, and only that kind', async () => {
    vi.resetModules();
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    const fresh = await import('./crd-validator');
    expect(compile).not.toHaveBeenCalled();
    fresh.crdSchemaErrors('Sidecar', {});
    fresh.crdSchemaErrors('Sidecar', { kind: 'Sidecar' });
    expect(compile).toHaveBeenCalledTimes(1);
    fresh.crdSchemaErrors('Gateway', {});
    expect(compile).toHaveBeenCalledTimes(2);
  });
});
