/** Multi-document YAML for review and editing (facts §7: `yaml` 2.x round-trips the objects exactly). */
import { isScalar, parseAllDocuments, Parser, stringify, type CST, type Tags } from 'yaml';
import { asRecord, IssueList } from './issues';
import type { ValidationResult } from './types';
import { validateObjects } from './validate';

/** Edited YAML above this size is refused rather than parsed. */
export const MAX_YAML_CHARS = 1024 * 1024;
export const MAX_DOCUMENTS = 500;
/**
 * Deepest nesting of mappings and sequences accepted (a VirtualService needs
 * about ten). The yaml library composes documents recursively: a few
 * kilobytes of `[[[[` would exhaust the stack, and can crash the process.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * A linear upper-bound check, before any parsing: flow brackets outside
 * quoted scalars and comments, and compact block indicators on one line
 * ("- - - x"). yaml's own parser is superlinear on such input (seconds for
 * half a megabyte of `[`), so the hostile cases never reach it.
 */
function obviouslyTooDeep(text: string, max: number): boolean {
  let flow = 0;
  let quote: string | null = null;
  let lineStart = true;
  let indicators = 0;
  let prev = '\n';
  // The last character that was not a blank: a quote opens a scalar only where a node starts.
  let lastSignificant = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== null) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      prev = lastSignificant = c;
      continue;
    }
    if (c === '#' && (prev === ' ' || prev === '\t' || prev === '\n')) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
      continue;
    }
    prev = c;
    if (c === ' ' || c === '\t') continue;
    if (c === '\n') {
      lineStart = true;
      indicators = 0;
    } else if ((c === '"' || c === "'") && '\n:[{,-?'.includes(lastSignificant)) {
      quote = c;
    } else if (c === '[' || c === '{') {
      if (++flow > max) return true;
    } else if (c === ']' || c === '}') {
      flow = Math.max(0, flow - 1);
    } else if ((c === '-' || c === '?') && lineStart && /[ \t\n]/.test(text[i + 1] ?? '\n')) {
      if (++indicators > max) return true;
    } else {
      lineStart = false;
    }
    lastSignificant = c;
  }
  return false;
}

/**
 * How deeply collections nest in the text: a quick linear bound first, then
 * yaml's CST (parsed without recursion) walked with an explicit stack.
 * Returns a number past `max` as soon as it knows the text is deeper.
 */
export function yamlNestingDepth(text: string, max = MAX_YAML_DEPTH): number {
  if (obviouslyTooDeep(text, max)) return max + 1;
  let deepest = 0;
  for (const token of new Parser().parse(text)) {
    const stack: [CST.Token | null | undefined, number][] = [[token, 0]];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const [node, depth] = next;
      if (!node) continue;
      const d = node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection' ? depth + 1 : depth;
      deepest = Math.max(deepest, d);
      if (deepest > max) return deepest;
      if (node.type === 'document') stack.push([node.value, d]);
      if (node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection') {
        for (const item of node.items) stack.push([item.key, d], [item.value, d]);
      }
    }
  }
  return deepest;
}

/**
 * Read as kubectl reads (sigs.k8s.io/yaml on go-yaml v2): YAML 1.1, where
 * `yes`, `on` and `no` are booleans and `0755` is octal; timestamp-like and
 * base-60 values stay strings, as go-yaml v2 leaves them in interface{}.
 */
const KUBECTL_YAML = {
  version: '1.1',
  customTags: (tags: Tags): Tags => tags.filter((t) => !(typeof t === 'object' && (t.tag === 'tag:yaml.org,2002:timestamp' || ('format' in t && t.format === 'TIME')))),
} as const;

/**
 * One YAML document per object, joined with `---`. Written as YAML 1.1 so
 * that every string a 1.1 reader would take for something else (yes, on,
 * timestamps) is quoted; lines are never folded, so PromQL stays readable.
 */
export function toYaml(objects: readonly Record<string, unknown>[]): string {
  return objects.map((o) => stringify(o, { version: '1.1', lineWidth: 0 })).join('---\n');
}

/**
 * Parses edited multi-document YAML and validates the objects. Syntax errors
 * become issues with the line and column in the message; while any document
 * does not parse to a mapping, `objects` is empty (fix the YAML first), so
 * issue `doc` indexes always match `objects`. Empty documents are ignored.
 */
export function parseAndValidateYaml(text: string): { objects: Record<string, unknown>[]; validation: ValidationResult } {
  const issues = new IssueList();
  if (text.length > MAX_YAML_CHARS) {
    issues.reporter(-1, 'YAML', '').error([], `the text is ${text.length} characters long: split it into bundles of at most ${MAX_YAML_CHARS}`);
    return { objects: [], validation: issues.result() };
  }
  if (yamlNestingDepth(text) > MAX_YAML_DEPTH) {
    issues.reporter(-1, 'YAML', '').error([], `the YAML nests mappings and sequences more than ${MAX_YAML_DEPTH} levels deep: no Istio resource does; check the brackets and indentation`);
    return { objects: [], validation: issues.result() };
  }
  // Empty documents (a leading or trailing `---`) are not documents to the user: they are dropped before numbering.
  const docs = parseAllDocuments(text, { ...KUBECTL_YAML, prettyErrors: true }).filter((d) => d.errors.length > 0 || !(d.contents === null || (isScalar(d.contents) && d.contents.value === null)));
  if (docs.length > MAX_DOCUMENTS) {
    issues.reporter(-1, 'YAML', '').error([], `${docs.length} documents: split the text into bundles of at most ${MAX_DOCUMENTS}`);
    return { objects: [], validation: issues.result() };
  }
  const objects: Record<string, unknown>[] = [];
  docs.forEach((doc, i) => {
    const r = issues.reporter(i, 'YAML', '');
    for (const e of doc.errors) {
      const at = e.linePos?.[0];
      const where = at ? `line ${at.line}, column ${at.col}` : 'an unknown position';
      r.error([], `YAML syntax error at ${where}: ${e.message.split('\n')[0] ?? e.code}; fix the indentation, quoting or punctuation there`);
    }
    if (doc.errors.length > 0) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      r.error([], `document ${i} cannot be read: ${err instanceof Error ? err.message : String(err)}; remove anchors and aliases`);
      return;
    }
    const obj = asRecord(value);
    if (obj) objects.push(obj);
    else r.error([], `document ${i} is not a mapping: each document must be an object with apiVersion, kind, metadata and spec`);
  });
  if (issues.errors.length > 0) return { objects: [], validation: issues.result() };
  return { objects, validation: validateObjects(objects) };
}
