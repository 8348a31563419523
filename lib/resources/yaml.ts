/** Multi-document YAML for review and editing (facts §7: `yaml` 2.x round-trips the objects exactly). */
import { stringify } from 'yaml';
import { asRecord, IssueList } from './issues';
import type { ValidationResult } from './types';
import { validateObjects } from './validate';
import { readYamlSteps, runInSlices, runToEnd } from './yaml-read';
import { YAML_LIMITS } from './yaml-limits';

export { YamlRefusedError, YAML_LIMITS, yamlNestingDepth, type YamlLimit } from './yaml-limits';

/** Edited YAML above this size is refused rather than parsed. */
export const MAX_YAML_CHARS = YAML_LIMITS.chars;
/** Deepest nesting of mappings and sequences accepted (yaml composes documents recursively). */
export const MAX_YAML_DEPTH = YAML_LIMITS.depth;

/**
 * One YAML document per object, joined with `---`. Written as YAML 1.1 so
 * that every string a 1.1 reader would take for something else (yes, on,
 * timestamps) is quoted; lines are never folded, so PromQL stays readable.
 */
export function toYaml(objects: readonly Record<string, unknown>[]): string {
  return objects.map((o) => stringify(o, { version: '1.1', lineWidth: 0 })).join('---\n');
}

type Parsed = { objects: Record<string, unknown>[]; validation: ValidationResult };

export function* parseAndValidateSteps(text: string): Generator<void, Parsed> {
  const docs = yield* readYamlSteps(text);
  const issues = new IssueList();
  const objects: Record<string, unknown>[] = [];
  for (const [i, { doc, errors }] of docs.entries()) {
    const r = issues.reporter(i, 'YAML', '');
    for (const e of errors) r.error([], `YAML syntax error at line ${e.line}, column ${e.col}: ${e.message}; fix the indentation, quoting or punctuation there`);
    if (errors.length > 0) continue;
    let value: unknown;
    try {
      // Aliases and what they expand to are bounded while reading; yaml's own guard stays as a backstop.
      value = doc.toJS({ maxAliasCount: YAML_LIMITS.nodes });
    } catch (err) {
      r.error([], `document ${i} cannot be read: ${err instanceof Error ? err.message : String(err)}; remove anchors and aliases`);
      continue;
    }
    const obj = asRecord(value);
    if (obj) objects.push(obj);
    else r.error([], `document ${i} is not a mapping: each document must be an object with apiVersion, kind, metadata and spec`);
    yield;
  }
  if (issues.errors.length > 0) return { objects: [], validation: issues.result() };
  return { objects, validation: validateObjects(objects) };
}

/**
 * Parses edited multi-document YAML and validates the objects. Syntax errors
 * become issues with the line and column in the message; while any document
 * does not parse to a mapping, `objects` is empty (fix the YAML first), so
 * issue `doc` indexes always match `objects`. Empty documents are ignored.
 * Throws YamlRefusedError for text over a limit (YAML_LIMITS) or circular.
 */
export function parseAndValidateYaml(text: string): Parsed {
  return runToEnd(parseAndValidateSteps(text));
}

/** parseAndValidateYaml for text from a request: the event loop gets a turn about every 10 ms of work. */
export function parseAndValidateYamlInSlices(text: string): Promise<Parsed> {
  return runInSlices(parseAndValidateSteps(text));
}
