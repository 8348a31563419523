/**
 * Reading YAML that anyone may send (POST /api/serviceentries/validate) at a
 * bounded cost. Every limit is checked while reading, before the work it
 * bounds: characters, nesting depth, nodes, aliases (and what they expand
 * to), keys per mapping and documents. The yaml library is used in its
 * streaming form (lexer -> parser -> composer) so that reading stops at the
 * first limit passed, and in steps, so that a caller can give the event
 * loop a turn between them (runInSlices): probes and other requests never
 * wait for a whole bundle.
 *
 * yaml's own duplicate-key check compares each key with every earlier key of
 * its mapping (50,000 keys took 55 s); it is turned off and done here with a
 * Set, with the same meaning (scalar keys equal by value).
 */
import { count, obviouslyTooDeep, tokenDepth, tooDeep, tooManyDocumentNodes, tooManyNodes, YAML_LIMITS, YamlRefusedError } from './yaml-limits';
import { Composer, CST, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, type Document, type Node as YamlNode, type Tags } from 'yaml';


/**
 * Read as kubectl reads (sigs.k8s.io/yaml on go-yaml v2): YAML 1.1, where
 * `yes`, `on` and `no` are booleans and `0755` is octal; timestamp-like and
 * base-60 values stay strings, as go-yaml v2 leaves them in interface{}.
 */
export const KUBECTL_YAML = {
  version: '1.1',
  customTags: (tags: Tags): Tags => tags.filter((t) => !(typeof t === 'object' && (t.tag === 'tag:yaml.org,2002:timestamp' || ('format' in t && t.format === 'TIME')))),
} as const;

/** One document as read: yaml's syntax errors and ours (duplicate keys), each with its line and column. */
export interface ReadDocument {
  readonly doc: Document.Parsed;
  readonly errors: readonly { readonly line: number; readonly col: number; readonly message: string }[];
}

/**
 * Counts nodes while lexing, before the parser builds them: each scalar,
 * alias and flow collection, and each list item, explicit key or flow
 * entry that has no value of its own (an empty node). Block mappings and
 * sequences and empty mapping values are not counted (the composed
 * document is counted exactly afterwards); a document is.
 */
class NodeCounter {
  total = 0;
  document = 0;
  private pendingItem = false;

  add(lexeme: string): void {
    let n = 0;
    if (lexeme === CST.SCALAR || lexeme === '[' || lexeme === '{' || lexeme[0] === '"' || lexeme[0] === "'" || lexeme[0] === '*') {
      n = 1;
      this.pendingItem = false;
    } else if (lexeme === '-' || lexeme === '?' || lexeme === ',') {
      if (this.pendingItem) n = 1;
      this.pendingItem = true;
    } else if (lexeme === '---' || lexeme === '...' || lexeme === ']' || lexeme === '}') {
      if (this.pendingItem) n = 1;
      this.pendingItem = false;
      if (lexeme === '---') {
        this.document = 0;
        n += 1;
      }
    }
    this.total += n;
    this.document += n;
  }
}

interface Walk {
  readonly lines: LineCounter;
  readonly errors: ReadDocument['errors'][number][];
  /** The node each anchor names at this point of the document (the last one before, as yaml resolves aliases). */
  readonly anchors: Map<string, YamlNode>;
  /** Expanded sizes of anchored nodes. */
  readonly sizes: Map<YamlNode, number>;
  /** Collections being walked: an alias to one of them is circular. */
  readonly open: Set<YamlNode>;
}

const at = (w: Walk, node: YamlNode) => w.lines.linePos(node.range?.[0] ?? 0);

/**
 * Walks a composed document (depth already bounded, so recursion is safe):
 * keys per mapping, duplicate keys, circular aliases, and how many nodes
 * the document has once aliases are expanded (as toJS would build them).
 */
function expandedSize(value: unknown, w: Walk): number {
  if (!value || typeof value !== 'object') return 0;
  const node = value as YamlNode;
  if (isAlias(node)) {
    const source = w.anchors.get(node.source);
    if (source && w.open.has(source)) {
      const { line, col } = at(w, node);
      throw new YamlRefusedError('circular-alias', `the alias *${node.source} at line ${line}, column ${col} refers to a node that contains it (&${node.source}): a Kubernetes object cannot be circular; write the value out instead`);
    }
    return source ? (w.sizes.get(source) ?? 1) : 1;
  }
  if (node.anchor) w.anchors.set(node.anchor, node);
  let size = 1;
  if (isMap(node)) {
    if (node.items.length > YAML_LIMITS.keys) {
      const { line } = at(w, node);
      throw new YamlRefusedError('keys', `the mapping at line ${line} has ${count(node.items.length)} keys, more than ${count(YAML_LIMITS.keys)} (the limit): no Istio resource needs that many`);
    }
    w.open.add(node);
    const keys = new Set<unknown>();
    for (const { key, value: v } of node.items) {
      if (isScalar(key)) {
        if (keys.has(key.value)) {
          const { line, col } = at(w, key);
          w.errors.push({ line, col, message: 'Map keys must be unique' });
        }
        keys.add(key.value);
      }
      size += expandedSize(key, w) + expandedSize(v, w);
    }
    w.open.delete(node);
  } else if (isSeq(node)) {
    w.open.add(node);
    for (const item of node.items) size += expandedSize(item, w);
    w.open.delete(node);
  }
  size = Math.min(size, YAML_LIMITS.nodes + 1);
  if (node.anchor) w.sizes.set(node, size);
  return size;
}

/** Checks a composed document; returns it with its errors, and its size with aliases expanded. */
function checkDocument(doc: Document.Parsed, lines: LineCounter): { read: ReadDocument; size: number } {
  const errors = doc.errors.map((e) => {
    const { line, col } = lines.linePos(e.pos[0]);
    return { line, col, message: e.message.split('\n')[0] ?? e.code };
  });
  const w: Walk = { lines, errors, anchors: new Map(), sizes: new Map(), open: new Set() };
  const size = expandedSize(doc.contents, w);
  errors.sort((a, b) => a.line - b.line || a.col - b.col);
  return { read: { doc, errors }, size };
}

const isEmpty = (d: Document.Parsed) => d.errors.length === 0 && (d.contents === null || (isScalar(d.contents) && d.contents.value === null));

/**
 * Reads multi-document YAML within YAML_LIMITS, as a computation in steps
 * (run it with runToEnd or runInSlices). Throws YamlRefusedError at the
 * first limit passed; syntax errors are returned with their document.
 * Empty documents (a leading or trailing `---`) are left out.
 */
export function* readYamlSteps(text: string): Generator<void, ReadDocument[]> {
  if (text.length > YAML_LIMITS.chars) {
    throw new YamlRefusedError('chars', `the text is ${count(text.length)} characters long, more than ${count(YAML_LIMITS.chars)} (the limit): split it into smaller bundles`);
  }
  if (obviouslyTooDeep(text, YAML_LIMITS.depth)) throw tooDeep();
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer({ ...KUBECTL_YAML, uniqueKeys: false });
  const read: ReadDocument[] = [];
  let expanded = 0;
  // Generators, so that the caller gets a turn between composing a document and checking it.
  function* take(docs: Iterable<Document.Parsed>): Generator<void> {
    for (const doc of docs) {
      yield;
      if (isEmpty(doc)) continue;
      if (read.length === YAML_LIMITS.documents) {
        throw new YamlRefusedError('documents', `at least ${count(YAML_LIMITS.documents + 1)} documents, more than ${count(YAML_LIMITS.documents)} (the limit): split the text into smaller bundles`);
      }
      const checked = checkDocument(doc, lines);
      if (checked.size > YAML_LIMITS.documentNodes) throw tooManyDocumentNodes(lines.linePos(doc.range[0]).line);
      expanded += checked.size;
      if (expanded > YAML_LIMITS.nodes) throw tooManyNodes();
      read.push(checked.read);
    }
  }
  function* compose(tokens: Iterable<CST.Token>): Generator<void> {
    for (const token of tokens) {
      if (token.type === 'document' && tokenDepth(token, YAML_LIMITS.depth) > YAML_LIMITS.depth) throw tooDeep();
      yield;
      yield* take(composer.next(token));
    }
  }
  lines.addNewLine(0);
  const nodes = new NodeCounter();
  let documentLine = 1;
  let aliases = 0;
  let scalarText = false;
  let lexemes = 0;
  for (const lexeme of new Lexer().lex(text)) {
    // A scalar's text follows its marker: it is data, not syntax.
    if (scalarText) scalarText = false;
    else {
      scalarText = lexeme === CST.SCALAR;
      if (lexeme === '---') documentLine = lines.lineStarts.length;
      nodes.add(lexeme);
      if (nodes.total > YAML_LIMITS.nodes) throw tooManyNodes();
      if (nodes.document > YAML_LIMITS.documentNodes) throw tooManyDocumentNodes(documentLine);
      if (lexeme[0] === '*' && ++aliases > YAML_LIMITS.aliases) {
        throw new YamlRefusedError('aliases', `more than ${count(YAML_LIMITS.aliases)} aliases (*name; the limit): write the values out instead`);
      }
    }
    yield* compose(parser.next(lexeme));
    if (++lexemes % 512 === 0) yield;
  }
  yield* compose(parser.end());
  yield* take(composer.end(false, text.length));
  return read;
}

/** Runs a computation in steps to its end at once. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs a computation in steps, giving the event loop a turn about every
 * `sliceMs` of work, so that a liveness probe or another request is
 * answered while a large text is read.
 */
export async function runInSlices<T>(steps: Generator<void, T>, sliceMs = 10): Promise<T> {
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
}
