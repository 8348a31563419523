/** Collecting validation issues with field paths such as `spec.ports[0].name`. */
import type { ValidationIssue, ValidationResult } from './types';

export type PathPart = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ['spec', 'hosts', 0] -> "spec.hosts[0]"; keys that are not identifiers are quoted: annotations["a.io/b"]. */
export function formatPath(parts: readonly PathPart[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (IDENTIFIER.test(p)) out += out === '' ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** A JSON pointer as Ajv reports it ("/spec/hosts/0") as path parts; all-digit segments are taken as array indexes. */
export function pointerParts(pointer: string): PathPart[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Reports issues about one document. */
export interface Reporter {
  error(path: readonly PathPart[], message: string): void;
  warn(path: readonly PathPart[], message: string): void;
}

/** Mutable collector behind a ValidationResult. */
export class IssueList {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];

  /** A reporter for document `doc` (-1: the request). */
  reporter(doc: number, kind: string, name: string): Reporter {
    return {
      error: (path, message) => this.errors.push({ doc, kind, name, path: formatPath(path), message }),
      warn: (path, message) => this.warnings.push({ doc, kind, name, path: formatPath(path), message }),
    };
  }

  add(result: ValidationResult): void {
    this.errors.push(...result.errors);
    this.warnings.push(...result.warnings);
  }

  result(): ValidationResult {
    return { errors: [...this.errors], warnings: [...this.warnings] };
  }
}

/** Narrowing helpers for objects read from YAML: validation never trusts the shape. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reports keys of `obj` that are not in `known`: the API server drops unknown fields, so a typo would silently change meaning. */
export function checkKnownFields(obj: Record<string, unknown> | undefined, known: readonly string[], at: readonly PathPart[], r: Reporter): void {
  if (!obj) return;
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      r.error([...at, key], `unknown field: the API server would drop it silently; check the spelling (known: ${known.join(', ')}) or remove it`);
    }
  }
}
