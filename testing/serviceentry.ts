/** Test helpers for lib/resources (imported by *.test.ts only). */
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { DestinationRule, Gateway, ServiceEntry, Sidecar, VirtualService } from '../lib/resources/istio-types';
import type { Caller, GeneratedBundle, HostEvidence, ValidationIssue } from '../lib/resources/types';
import { validateObjects } from '../lib/resources/validate';
import { parseAndValidateYaml, toYaml } from '../lib/resources/yaml';

export const NOW = new Date('2026-11-21T10:05:00Z');
export const QUERY = 'sum by (source_workload_namespace, source_workload, destination_service) (rate(istio_requests_total{reporter="source"}[1h]))';

/** One caller per namespace, workload "app", 0.5/s. */
export function callers(...namespaces: string[]): Caller[] {
  return namespaces.map((namespace) => ({ namespace, workload: 'app', ratePerSecond: 0.5 }));
}

/** Evidence for a host called over HTTP from shop/app, overridable. */
export function evidence(host: string | null, over: Partial<HostEvidence> = {}): HostEvidence {
  const c = over.callers ?? callers('shop');
  return {
    host,
    status: 'passthrough',
    protocols: host === null ? ['tcp'] : ['http'],
    ports: [],
    callers: c,
    ratePerSecond: c.reduce((s, x) => s + x.ratePerSecond, 0),
    firstSeen: '2026-11-21T09:02:00Z',
    lastSeen: '2026-11-21T09:58:00Z',
    window: '1h',
    end: '2026-11-21T10:00:00.000Z',
    queries: [QUERY],
    ...over,
  };
}

interface KindMap {
  ServiceEntry: ServiceEntry;
  Gateway: Gateway;
  DestinationRule: DestinationRule;
  VirtualService: VirtualService;
  Sidecar: Sidecar;
}
type Meta = { metadata: { name: string; namespace: string; annotations: Record<string, string> } };

/** The objects of one kind in a bundle, typed for assertions. */
export function ofKind<K extends keyof KindMap>(bundle: Pick<GeneratedBundle, 'objects'>, kind: K): (KindMap[K] & Meta)[] {
  return bundle.objects.filter((o) => o.kind === kind) as unknown as (KindMap[K] & Meta)[];
}

/** The first object of a kind; fails the test when there is none. */
export function first<K extends keyof KindMap>(bundle: Pick<GeneratedBundle, 'objects'>, kind: K): KindMap[K] & Meta {
  const found = ofKind(bundle, kind)[0];
  if (!found) throw new Error(`no ${kind} in the bundle`);
  return found;
}

export function kindsOf(bundle: Pick<GeneratedBundle, 'objects'>): string[] {
  return bundle.objects.map((o) => String(o.kind));
}

/** The YAML parses back to exactly the objects (as kubectl reads it, and as plain YAML 1.2), and parse -> stringify -> parse is stable. */
export function expectRoundTrip(bundle: Pick<GeneratedBundle, 'objects' | 'yaml'>): void {
  const parsed = parseAndValidateYaml(bundle.yaml);
  expect(parsed.objects).toStrictEqual(bundle.objects);
  expect(parseAllDocuments(bundle.yaml).map((d) => d.toJS() as unknown)).toStrictEqual(bundle.objects);
  const again = parseAndValidateYaml(toYaml(parsed.objects));
  expect(again.objects).toStrictEqual(parsed.objects);
  expect(bundle.yaml.split(/^---$/m)).toHaveLength(bundle.objects.length);
}

/** Every generated example: no errors (in the bundle or on re-validation), and an exact YAML round trip. */
export function expectValidBundle(bundle: GeneratedBundle): void {
  expect(bundle.validation.errors).toEqual([]);
  expect(validateObjects(bundle.objects).errors).toEqual([]);
  expect(bundle.objects.length).toBeGreaterThan(0);
  expectRoundTrip(bundle);
}

/** The issues at a path. */
export function at(issues: readonly ValidationIssue[], path: string): ValidationIssue[] {
  return issues.filter((i) => i.path === path);
}

/** One validation rule, checked with a valid and an invalid example. */
export interface RuleCase {
  readonly rule: string;
  readonly valid: Record<string, unknown>;
  readonly invalid: Record<string, unknown>;
  readonly path: string;
  readonly says: RegExp;
  readonly warning?: boolean;
}

/**
 * The valid example passes (no errors, and no warning at the rule's path, or
 * none at all with `noWarnings`); the invalid one has an issue at the path
 * whose message matches.
 */
export function expectRule(r: RuleCase, opts: { readonly noWarnings?: boolean } = {}): ValidationIssue[] {
  const valid = validateObjects([r.valid]);
  expect(valid.errors).toEqual([]);
  expect(opts.noWarnings ? valid.warnings : at(valid.warnings, r.path)).toEqual([]);
  const invalid = validateObjects([r.invalid]);
  const found = at(r.warning ? invalid.warnings : invalid.errors, r.path);
  expect(found.length, JSON.stringify(invalid)).toBeGreaterThan(0);
  expect(found.map((i) => i.message).join(' | ')).toMatch(r.says);
  if (r.warning) expect(invalid.errors).toEqual([]);
  return found;
}
