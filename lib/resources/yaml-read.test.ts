import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generateBundle } from './generate';
import { callers, evidence, NOW } from '../../testing/serviceentry';
import { parseAndValidateSteps } from './yaml';
import { anyYamlText, yamlTokenSoup, yamlTree } from '../../testing/yaml-arbitraries';
import { KUBECTL_YAML, readYamlSteps, runInSlices, runToEnd } from './yaml-read';
import { YAML_LIMITS, YamlRefusedError, type YamlLimit } from './yaml-limits';

const read = (text: string) => runToEnd(readYamlSteps(text));
const key = (i: number) => `k${String(i).padStart(6, '0')}`;
const mapping = (keys: number) => Array.from({ length: keys }, (_, i) => `${key(i)}: v`).join('\n');
const flowList = (n: number) => `[${Array(n).fill('a').join(',')}]`;
const docs = (n: number, doc: string) => Array(n).fill(doc).join('\n---\n');

function refusal(text: string): YamlRefusedError {
  try {
    read(text);
  } catch (err) {
    if (err instanceof YamlRefusedError) return err;
    throw err;
  }
  throw new Error('expected the text to be refused');
}

describe('readYamlSteps limits: the limit passes, one more is refused naming it', () => {
  it.each<[YamlLimit, string, string, RegExp]>([
    ['keys', mapping(YAML_LIMITS.keys), mapping(YAML_LIMITS.keys + 1), /the mapping at line 1 has 1,001 keys, more than 1,000 \(the limit\)/],
    ['aliases', `a: &a x\nb: [${Array(YAML_LIMITS.aliases).fill('*a').join(',')}]`, `a: &a x\nb: [${Array(YAML_LIMITS.aliases + 1).fill('*a').join(',')}]`, /more than 100 aliases/],
    // A flow list of n items is n + 1 nodes.
    ['documentNodes', flowList(YAML_LIMITS.documentNodes - 1), flowList(YAML_LIMITS.documentNodes), /the document at line 1 has more than 10,000 nodes/],
    // Five documents of 9,999 + the four `---` between them.
    ['nodes', docs(5, flowList(9_998)), `${docs(5, flowList(9_998))}\n---\n[a, b]`, /the YAML has more than 50,000 nodes/],
    ['documents', docs(YAML_LIMITS.documents, 'a: 1'), docs(YAML_LIMITS.documents + 1, 'a: 1'), /at least 501 documents, more than 500 \(the limit\)/],
    ['depth', `a: ${'['.repeat(YAML_LIMITS.depth - 1)}${']'.repeat(YAML_LIMITS.depth - 1)}`, `a: ${'['.repeat(YAML_LIMITS.depth)}${']'.repeat(YAML_LIMITS.depth)}`, /more than 64 levels/],
    ['chars', `a: ${'x'.repeat(YAML_LIMITS.chars - 3)}`, `a: ${'x'.repeat(YAML_LIMITS.chars - 2)}`, /1,048,577 characters long, more than 1,048,576/],
  ])('%s', (limit, passes, refused, message) => {
    expect(read(passes).length).toBeGreaterThan(0);
    const err = refusal(refused);
    expect(err.limit).toBe(limit);
    expect(err.message).toMatch(message);
  }, 30_000);

  it('counts aliases expanded: an anchor of 1,000 nodes aliased 8 times passes, 10 times is too many for one document', () => {
    const anchored = (aliases: number) => `a: &a ${flowList(999)}\n${Array.from({ length: aliases }, (_, i) => `${key(i)}: *a`).join('\n')}`;
    expect(read(anchored(8))).toHaveLength(1);
    expect(refusal(anchored(10))).toMatchObject({ limit: 'documentNodes', message: expect.stringContaining('aliases expanded') as unknown });
  });

  it('refuses an alias bomb by what it would expand to, before building it', () => {
    const levels = ['a: &a [x,x,x,x,x,x,x,x,x]', ...Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(i === 0 ? '*a' : `*l${i}`).join(',')}]`)];
    expect(refusal(levels.join('\n')).message).toMatch(/more than 10,000 nodes \(keys, values and list items, aliases expanded/);
  });

  it.each([
    ['a list that contains itself', 'a: &a [*a]', 'the alias *a at line 1, column 8 refers to a node that contains it (&a)'],
    ['a mapping merged into itself', 'a: &a\n  b: 1\n  <<: *a\n', 'the alias *a at line 3, column 7'],
    ['a key that is its own mapping', '&m {*m : 1}', 'the alias *m at line 1, column 5'],
  ])('refuses a circular alias (%s), which JSON cannot hold', (_what, text, message) => {
    expect(refusal(text)).toMatchObject({ limit: 'circular-alias', message: expect.stringContaining(message) as unknown });
  });

  it('an alias to an earlier sibling is not circular, and a redefined anchor means its latest node', () => {
    const [doc] = read('a: &x [1]\nb: [*x, *x]\nc: &x 2\nd: *x\n');
    expect(doc?.doc.toJS()).toEqual({ a: [1], b: [[1], [1]], c: 2, d: 2 });
  });

  it('the largest bundle the generator makes (50 hosts, every option, 30 caller namespaces) is read with room to spare', () => {
    const namespaces = Array.from({ length: 30 }, (_, i) => `ns${i}`);
    const hosts = Array.from({ length: 50 }, (_, i) => evidence(`host-${i}.example.com`, { callers: callers(...namespaces) }));
    const bundle = generateBundle(hosts, { egressGateway: true, sidecar: true, routeRules: { timeout: '5s', retries: { attempts: 3 } }, ports: [{ number: 443, protocol: 'TLS' }, { number: 80, protocol: 'HTTP' }] }, NOW);
    expect(read(bundle.yaml)).toHaveLength(bundle.objects.length);
    // Half the limits still pass: the limits are more than twice what the app generates.
    const twice = `${bundle.yaml}---\n${bundle.yaml.replaceAll('name: ', 'name: x')}`;
    expect(twice.length).toBeLessThan(YAML_LIMITS.chars);
    expect(read(twice)).toHaveLength(2 * bundle.objects.length);
  }, 30_000);
});

describe('duplicate keys, found in linear time', () => {
  it('are reported with the line and column of the repeated key, as yaml reports them', () => {
    const [doc] = read('a: 1\nb: {c: 1, c: 2}\na: 2\n');
    expect(doc?.errors).toEqual([
      { line: 2, col: 11, message: 'Map keys must be unique' },
      { line: 3, col: 1, message: 'Map keys must be unique' },
    ]);
  });

  it('a mapping of 1,000 keys with one repeated is read without comparing every pair', () => {
    const [doc] = read(`${mapping(YAML_LIMITS.keys - 1)}\nk000500: again`);
    expect(doc?.errors.map((e) => e.line)).toEqual([YAML_LIMITS.keys]);
  });

  it('find exactly the duplicates yaml finds (property)', () => {
    const scalar = fc.constantFrom('a', 'b', '"a"', "'b'", '1', '01', '0x1', 'true', 'yes', 'null', '~', '', '1.0', '"1"');
    const pair = fc.tuple(scalar, scalar).map(([k, v]) => `${k}: ${v}`);
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), fc.boolean(), (pairs, flow) => {
        const text = flow ? `{${pairs.join(', ')}}` : pairs.join('\n');
        const theirs = parseAllDocuments(text, KUBECTL_YAML).flatMap((d) => d.errors.filter((e) => e.code === 'DUPLICATE_KEY').length);
        const ours = read(text).flatMap((d) => d.errors.filter((e) => e.message === 'Map keys must be unique').length);
        expect(ours.reduce((a, b) => a + b, 0)).toBe(theirs.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe('reading any text (properties)', () => {
  it('throws nothing but YamlRefusedError, and what it returns converts to JSON', () => {
    fc.assert(
      fc.property(anyYamlText, (text) => {
        try {
          const parsed = runToEnd(parseAndValidateSteps(text));
          expect(() => JSON.stringify(parsed)).not.toThrow();
        } catch (err) {
          if (!(err instanceof YamlRefusedError)) throw err;
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('in slices gives the same answer as at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(yamlTokenSoup, yamlTree), async (text) => {
        const outcome = async (run: () => unknown) => {
          try {
            return { ok: await run() };
          } catch (err) {
            return { refused: (err as Error).message };
          }
        };
        expect(await outcome(() => runInSlices(parseAndValidateSteps(text), 0))).toEqual(await outcome(() => runToEnd(parseAndValidateSteps(text))));
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('runInSlices', () => {
  it('gives the event loop a turn while it reads: a timer set before fires before the answer', async () => {
    const text = docs(5, flowList(9_000));
    let fired = 0;
    const timer = setInterval(() => fired++, 0);
    try {
      await runInSlices(parseAndValidateSteps(text), 1);
    } finally {
      clearInterval(timer);
    }
    expect(fired).toBeGreaterThan(0);
  }, 30_000);
});
