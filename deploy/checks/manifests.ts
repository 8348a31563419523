/**
 * Reads deploy/kubernetes (every YAML document of every file) and validates
 * each object against the Kubernetes OpenAPI schema of its apiVersion/kind
 * with kubernetes-models. A kind without a model here is an error: add its
 * model before adding the manifest. The schemas do not reject unknown fields,
 * so consistency.ts asserts the fields that matter by value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

/** The kinds deploy/kubernetes may hold, by `apiVersion/kind`. */
export const MODELS: Readonly<Record<string, ModelClass>> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** One Kubernetes object read from a manifest. */
export interface ManifestDoc {
  /** File name inside the manifest directory. */
  readonly file: string;
  /** 0-based document index inside the file. */
  readonly index: number;
  readonly obj: Record<string, unknown>;
}

export interface ManifestSet {
  /** Every YAML file of the directory (kustomization.yaml included). */
  readonly files: readonly string[];
  /** Kubernetes objects the kustomization applies (the kustomization is not one). */
  readonly docs: readonly ManifestDoc[];
  /** Objects of `*.example.yaml` files, documented but not applied. */
  readonly examples: readonly ManifestDoc[];
  readonly kustomization: Record<string, unknown> | null;
  /** YAML syntax errors and documents that are not objects. */
  readonly problems: readonly string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Example files are documented and validated but not applied. */
export function isExample(file: string): boolean {
  return /\.example\.ya?ml$/.test(file);
}

/** Where a document came from, for messages: `deployment.yaml Deployment/egress-lens`. */
export function describeDoc(d: ManifestDoc): string {
  const meta = isRecord(d.obj.metadata) ? d.obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '<no name>';
  return `${d.file}${d.index > 0 ? `#${d.index}` : ''} ${String(d.obj.kind)}/${name}`;
}

/** Parses every .yaml/.yml file of `dir` into documents. */
export function loadManifests(dir: string): ManifestSet {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const docs: ManifestDoc[] = [];
  const examples: ManifestDoc[] = [];
  const problems: string[] = [];
  let kustomization: Record<string, unknown> | null = null;
  for (const file of files) {
    parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).forEach((doc, index) => {
      if (doc.errors.length > 0) {
        problems.push(...doc.errors.map((e) => `${file}#${index}: YAML: ${e.message}`));
        return;
      }
      const obj: unknown = doc.toJS();
      if (obj === null || obj === undefined) return; // an empty document (a trailing ---)
      if (!isRecord(obj)) problems.push(`${file}#${index}: a manifest document must be an object`);
      else if (file === KUSTOMIZATION_FILE) kustomization = obj;
      else (isExample(file) ? examples : docs).push({ file, index, obj });
    });
  }
  return { files, docs, examples, kustomization, problems };
}

interface AjvError {
  readonly instancePath: string;
  readonly message?: string;
}

function ajvErrors(err: unknown): AjvError[] | null {
  const list = isRecord(err) ? err.errors : undefined;
  if (!Array.isArray(list)) return null;
  return list.filter((e): e is AjvError => isRecord(e) && typeof e.instancePath === 'string');
}

/** Validates every document against its kind's schema; unknown kinds are errors. */
export function validateSchemas(docs: readonly ManifestDoc[]): string[] {
  const problems: string[] = [];
  for (const d of docs) {
    const key = `${String(d.obj.apiVersion)}/${String(d.obj.kind)}`;
    const Model = MODELS[key];
    if (!Model) {
      problems.push(`${describeDoc(d)}: unknown kind ${key}; known: ${Object.keys(MODELS).join(', ')} (add its kubernetes-models class to deploy/checks/manifests.ts)`);
      continue;
    }
    try {
      // `never`: the data is unknown until validated.
      new Model(d.obj as never).validate();
    } catch (err) {
      const errors = ajvErrors(err);
      if (errors === null) problems.push(`${describeDoc(d)}: schema check failed: ${err instanceof Error ? err.message : String(err)}`);
      else
        for (const e of errors) problems.push(`${describeDoc(d)}: schema: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    }
  }
  return problems;
}
