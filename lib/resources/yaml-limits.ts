/**
 * The limits of reading untrusted YAML (yaml-read.ts), the error that names
 * the limit passed, and the cheap nesting-depth check made before parsing.
 */
import { CST, Parser } from 'yaml';

/** What reading untrusted YAML may cost at most; the API names the limit it refuses. */
export const YAML_LIMITS = {
  /** Characters of text. */
  chars: 1024 * 1024,
  /** Documents that are not empty. */
  documents: 500,
  /** Nested mappings and sequences (a VirtualService needs about ten). */
  depth: 64,
  /** Keys, values, list items, collections and documents, aliases expanded (the largest bundle the app generates, 50 hosts with every option, has about 27,000). */
  nodes: 50_000,
  /** Nodes of one document (yaml composes a document in one go: this bounds the longest step). */
  documentNodes: 10_000,
  /** Aliases (`*name`) in the text. */
  aliases: 100,
  /** Keys of one mapping. */
  keys: 1_000,
} as const;

export type YamlLimit = keyof typeof YAML_LIMITS | 'circular-alias';

/** YAML refused before it was read to the end: over a limit, or a structure JSON cannot hold. */
export class YamlRefusedError extends Error {
  override readonly name = 'YamlRefusedError';
  constructor(
    readonly limit: YamlLimit,
    message: string,
  ) {
    super(message);
  }
}

export const count = (n: number) => n.toLocaleString('en-US');

export function tooDeep(): YamlRefusedError {
  return new YamlRefusedError('depth', `mappings and sequences nest more than ${YAML_LIMITS.depth} levels deep (the limit): no Istio resource does; check the brackets and indentation`);
}

export function tooManyNodes(): YamlRefusedError {
  return new YamlRefusedError('nodes', `the YAML has more than ${count(YAML_LIMITS.nodes)} nodes (keys, values and list items, aliases expanded; the limit): no Istio bundle needs that many; split it into smaller bundles`);
}

export function tooManyDocumentNodes(line: number): YamlRefusedError {
  return new YamlRefusedError(
    'documentNodes',
    `the document at line ${line} has more than ${count(YAML_LIMITS.documentNodes)} nodes (keys, values and list items, aliases expanded; the limit): no Istio resource needs that many; split it into several resources`,
  );
}

/**
 * A linear upper-bound check, before any parsing: flow brackets outside
 * quoted scalars and comments, and compact block indicators on one line
 * ("- - - x"). yaml's own parser is superlinear on such input (seconds for
 * half a megabyte of `[`), so the hostile cases never reach it.
 */
export function obviouslyTooDeep(text: string, max: number): boolean {
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

/** How deeply collections nest in one CST token (walked with an explicit stack); stops past `max`. */
export function tokenDepth(token: CST.Token, max: number): number {
  let deepest = 0;
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
  return deepest;
}

/**
 * How deeply collections nest in the text: a quick linear bound first, then
 * yaml's CST (parsed without recursion) walked with an explicit stack.
 * Returns a number past `max` as soon as it knows the text is deeper.
 */
export function yamlNestingDepth(text: string, max: number = YAML_LIMITS.depth): number {
  if (obviouslyTooDeep(text, max)) return max + 1;
  let deepest = 0;
  for (const token of new Parser().parse(text)) {
    deepest = Math.max(deepest, tokenDepth(token, max));
    if (deepest > max) return deepest;
  }
  return deepest;
}
