import { describe, expect, it } from 'vitest';
import { generateBundle } from './generate';
import { evidence, expectRoundTrip, NOW } from '../../testing/serviceentry';
import { MAX_YAML_CHARS, MAX_YAML_DEPTH, parseAndValidateYaml, toYaml, YamlRefusedError, yamlNestingDepth } from './yaml';

const SE = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin-org
  namespace: shop
spec:
  hosts: ["httpbin.org"]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: DNS
`;

describe('toYaml / parseAndValidateYaml', () => {
  it('round-trips strings that YAML 1.1 readers (kubectl) would take for booleans, numbers or timestamps', () => {
    const tricky = { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace: 'on', annotations: { a: 'yes', b: 'no', c: '2026-11-21T09:01:00Z', d: '0755', e: '1:20', f: '~', g: '.', h: 'line 1\nline 2', i: '*.x.com' } }, spec: { egress: [{ hosts: ['./*'] }] } };
    const yaml = toYaml([tricky]);
    expect(yaml).toContain('a: "yes"');
    expect(yaml).toContain('namespace: "on"');
    expect(yaml).toContain('c: "2026-11-21T09:01:00Z"');
    expectRoundTrip({ objects: [tricky], yaml });
  });

  it('reads like kubectl: an unquoted yes/on is a boolean, so an annotation written that way is reported', () => {
    const r = parseAndValidateYaml(SE.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    reviewed: yes\n    at: 2026-11-21T09:01:00Z\n'));
    expect(r.objects[0]).toMatchObject({ metadata: { annotations: { reviewed: true, at: '2026-11-21T09:01:00Z' } } });
    expect(r.validation.errors.map((e) => e.path)).toEqual(['metadata.annotations.reviewed']);
  });

  it('a valid document parses to its object with no issues', () => {
    const r = parseAndValidateYaml(`---\n${SE}---\n`);
    expect(r.validation).toEqual({ errors: [], warnings: [] });
    expect(r.objects).toHaveLength(1);
  });

  it('YAML syntax errors become issues with the line number, and no objects', () => {
    const r = parseAndValidateYaml(`${SE}---\nkind: ServiceEntry\nspec:\n  hosts: [a.example.com\n  ports: x\n`);
    expect(r.objects).toEqual([]);
    expect(r.validation.errors.length).toBeGreaterThan(0);
    expect(r.validation.errors[0]).toMatchObject({ doc: 1, kind: 'YAML' });
    expect(r.validation.errors[0]?.message).toMatch(/YAML syntax error at line \d+, column \d+/);
  });

  it('duplicate keys are syntax errors', () => {
    const r = parseAndValidateYaml(SE.replace('  resolution: DNS\n', '  resolution: DNS\n  resolution: NONE\n'));
    expect(r.validation.errors[0]?.message).toMatch(/line 10/);
  });

  it('a document that is not a mapping is an error', () => {
    const r = parseAndValidateYaml(`${SE}---\n- a\n- b\n`);
    expect(r.objects).toEqual([]);
    expect(r.validation.errors[0]).toMatchObject({ doc: 1, message: expect.stringContaining('not a mapping') as unknown });
  });

  it('validation issues point at the document and field', () => {
    const r = parseAndValidateYaml(`${SE}---\n${SE.replace('httpbin.org', '*').replace('name: httpbin-org', 'name: star')}`);
    expect(r.validation.errors).toEqual([expect.objectContaining({ doc: 1, kind: 'ServiceEntry', name: 'star', path: 'spec.hosts[0]' })]);
  });

  it('refuses oversized input', () => {
    expect(() => parseAndValidateYaml('#'.repeat(MAX_YAML_CHARS + 1))).toThrow(expect.objectContaining({ limit: 'chars', message: expect.stringContaining('split it') as unknown }));
  });

  it('an edited generated bundle is validated again', () => {
    const b = generateBundle([evidence('httpbin.org')], {}, NOW);
    const edited = b.yaml.replace('number: 80', 'number: 99999');
    expect(parseAndValidateYaml(edited).validation.errors.map((e) => e.path)).toEqual(['spec.ports[0].number']);
  });
});

describe('yamlNestingDepth', () => {
  it('counts nested mappings and sequences, block and flow', () => {
    expect(yamlNestingDepth('a: 1')).toBe(1);
    expect(yamlNestingDepth('a:\n  b:\n    - [1, {c: 2}]\n')).toBe(5);
    expect(yamlNestingDepth('---\na: 1\n---\n[[[1]]]\n')).toBe(3);
    expect(yamlNestingDepth('"[[[[" # not nesting')).toBe(0);
  });

  it.each([
    ['[', '['.repeat(500_000)],
    ['{a:', '{a: '.repeat(100_000)],
    ['- (compact)', `${'- '.repeat(250_000)}x`],
    ['? (compact)', `${'? '.repeat(250_000)}x`],
    ['[ after a plain scalar with a quote', `a: don't\nb: ${'['.repeat(500_000)}`],
    ['indented block mappings', Array.from({ length: 900 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
  ])('knows %s nested deep is too deep within a second, without recursion', (_what, text) => {
    const started = performance.now();
    expect(yamlNestingDepth(text)).toBeGreaterThan(MAX_YAML_DEPTH);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('is not fooled by brackets in quotes and comments', () => {
    const text = `a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}\nc: [1, [2]]\n`;
    expect(yamlNestingDepth(text)).toBe(3);
  });

  it('a generated bundle is far below the limit', () => {
    const bundle = generateBundle([evidence('api.example.com')], { egressGateway: true, routeRules: { timeout: '5s', retries: { attempts: 3 } } }, NOW);
    expect(yamlNestingDepth(bundle.yaml)).toBeLessThan(MAX_YAML_DEPTH / 4);
  });

  it('parseAndValidateYaml refuses deeper text with an error naming the limit, instead of exhausting the stack', () => {
    const read = () => parseAndValidateYaml(`a: ${'['.repeat(MAX_YAML_DEPTH)}${']'.repeat(MAX_YAML_DEPTH)}`);
    expect(read).toThrow(YamlRefusedError);
    expect(read).toThrow(/more than 64 levels/);
  });
});
