/**
 * YAML for POST /api/serviceentries/validate at and past every reading limit
 * (lib/resources/yaml-read.ts YAML_LIMITS), shared by the in-process
 * tests and the end-to-end spec: texts past a limit are refused with a 400
 * naming it; the largest texts of each shape that pass every limit are what
 * the server may have to read in full while it still answers its probes.
 */
// Not from '../lib/resources' or './promote': Playwright loads this file too, and they import ESM-only packages.
import { YAML_LIMITS } from '../lib/resources/yaml-limits';
import { MAX_VALIDATE_YAML_CHARS } from '../lib/api/body';

/** A YAML text and what the 400 must say (with the `yaml: ` field prefix). */
export interface RefusedYaml {
  readonly name: string;
  readonly text: () => string;
  readonly says: string;
}

const DEEPER = `yaml: mappings and sequences nest more than ${YAML_LIMITS.depth} levels deep`;
const DOCUMENT_NODES = 'yaml: the document at line 1 has more than 10,000 nodes';
const NODES = 'yaml: the YAML has more than 50,000 nodes';
const nested = (open: string, close: string, n: number) => `${open.repeat(n)}${close.repeat(n)}`;
/** Lines of `make(i)` until the next one would pass `chars`. */
function linesUpTo(chars: number, make: (i: number) => string): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const line = `${make(i)}\n`;
    if (size + line.length > chars) return lines.join('');
    lines.push(line);
    size += line.length;
  }
}
const key = (i: number) => `k${String(i).padStart(6, '0')}`;
const letter = (i: number) => String.fromCharCode(97 + i);
const list = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(',');
const documents = (n: number, doc: (d: number) => string) => Array.from({ length: n }, (_, d) => doc(d)).join('\n---\n');
/** A mapping with an anchored list of `size` items and `aliases` keys aliasing it. */
const aliased = (size: number, aliases: number) => `a: &a [${list(size, (i) => `x${i}`)}]\n${Array.from({ length: aliases }, (_, i) => `${key(i)}: *a`).join('\n')}`;

/** Texts past one limit each (all within the 512 KiB a request may carry). */
export const REFUSED_YAML: readonly RefusedYaml[] = [
  { name: '[ nested 100000 deep', text: () => nested('[', ']', 100_000), says: DEEPER },
  { name: '[ unclosed 200000 deep', text: () => '['.repeat(200_000), says: DEEPER },
  { name: '{a: nested 100000 deep', text: () => nested('{a: ', '}', 100_000), says: DEEPER },
  { name: '- nested 100000 deep', text: () => `${'- '.repeat(100_000)}x`, says: DEEPER },
  { name: '? nested 100000 deep', text: () => `${'? '.repeat(100_000)}x`, says: DEEPER },
  { name: 'block mappings nested 700 deep', text: () => Array.from({ length: 700 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), says: DEEPER },
  { name: 'flow sequences nested 65 deep', text: () => `a: ${nested('[', ']', 65)}`, says: DEEPER },
  { name: 'a flat mapping of 50,000 keys at the byte limit', text: () => linesUpTo(MAX_VALIDATE_YAML_CHARS, (i) => `${key(i)}: v`), says: DOCUMENT_NODES },
  { name: 'a mapping of 50,000 empty values at the byte limit', text: () => linesUpTo(MAX_VALIDATE_YAML_CHARS, (i) => `${key(i)}:`), says: DOCUMENT_NODES },
  { name: 'a sequence of 130,000 items at the byte limit', text: () => linesUpTo(MAX_VALIDATE_YAML_CHARS, () => '- a'), says: DOCUMENT_NODES },
  { name: 'a sequence of 170,000 empty items at the byte limit', text: () => linesUpTo(MAX_VALIDATE_YAML_CHARS, () => '-'), says: DOCUMENT_NODES },
  { name: 'a flow sequence of 260,000 items at the byte limit', text: () => `[${'a,'.repeat(Math.floor((MAX_VALIDATE_YAML_CHARS - 3) / 2))}a]`, says: DOCUMENT_NODES },
  { name: 'a flow sequence of 10,001 items', text: () => `[${list(10_001, () => 'a')}]`, says: DOCUMENT_NODES },
  { name: '6 documents of 9,000 nodes', text: () => documents(6, () => `[${list(9_000, () => 'a')}]`), says: NODES },
  { name: '100,000 empty documents', text: () => '---\n'.repeat(100_000), says: 'yaml: the YAML has more than 50,000 nodes' },
  {
    name: 'an alias bomb (9 levels of 9 aliases)',
    text: () => ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${letter(i + 1)}: &${letter(i + 1)} [${Array(9).fill(`*${letter(i)}`).join(',')}]`)].join('\n'),
    says: 'aliases expanded',
  },
  { name: 'one anchor of 1,000 nodes aliased 60 times', text: () => aliased(999, 60), says: DOCUMENT_NODES },
  { name: '6 documents whose aliases expand to 9,400 nodes each', text: () => documents(6, () => aliased(550, 16)), says: NODES },
  { name: '101 aliases', text: () => `a: &a x\nb: [${Array(101).fill('*a').join(', ')}]`, says: `yaml: more than ${YAML_LIMITS.aliases} aliases` },
  { name: 'a mapping of 1,001 keys', text: () => Array.from({ length: 1001 }, (_, i) => `${key(i)}: v`).join('\n'), says: 'yaml: the mapping at line 1 has 1,001 keys, more than 1,000 (the limit)' },
  { name: '501 documents', text: () => '---\na: 1\n'.repeat(501), says: 'yaml: at least 501 documents' },
  { name: 'a circular alias', text: () => 'a: &a [*a]', says: 'yaml: the alias *a at line 1, column 8 refers to a node that contains it' },
  { name: 'a circular merge key', text: () => 'a: &a\n  b: 1\n  <<: *a\n', says: 'yaml: the alias *a at line 3, column 7 refers to a node that contains it' },
  { name: 'a circular alias deep inside', text: () => 'apiVersion: v1\nkind: ServiceEntry\nspec: &s\n  hosts:\n    - x\n    - {more: [1, *s]}\n', says: 'yaml: the alias *s at line 6' },
];

const flatMapping = (keys: number, value: string) => Array.from({ length: keys }, (_, i) => `${key(i)}: ${value}`).join('\n');

/** The largest texts of each shape that pass every limit (and the 512 KiB body limit): read in full. */
export const LARGEST_ACCEPTED_YAML: readonly { readonly name: string; readonly text: () => string }[] = [
  { name: 'a mapping of 1,000 keys at the byte limit', text: () => flatMapping(YAML_LIMITS.keys, 'v'.repeat(510)) },
  { name: '24 mappings of 1,000 keys (48,000 nodes)', text: () => documents(24, () => flatMapping(YAML_LIMITS.keys, 'v'.repeat(10))) },
  { name: 'a sequence of 9,990 items at the byte limit', text: () => `items:\n${Array.from({ length: 9_990 }, (_, i) => `- item-${String(i).padStart(6, '0')}-${'x'.repeat(36)}`).join('\n')}\n` },
  { name: '5 flow sequences of 9,990 items (the node limit)', text: () => documents(5, (d) => `[${list(9_990, (i) => `d${d}i${i}`)}]`) },
  { name: '5 documents nested 64 deep, filled', text: () => documents(5, () => `${'['.repeat(YAML_LIMITS.depth)}${list(9_900, (i) => `v${i}`)}${']'.repeat(YAML_LIMITS.depth)}`) },
  { name: '100 aliases expanding to 47,500 nodes', text: () => documents(5, () => aliased(450, 20)) },
];
