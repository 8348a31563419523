import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goldenGraph } from '../../../testing/testdata';
import { ANSWER_SCHEMAS, apiErrorBodySchema, checkAnswer, egressGraphSchema, egressReportSchema, promoteRefusalSchema } from '.';

/** Every schema the browser checks answers with, and a route it checks with it. */
const SCHEMAS = [...Object.entries(ANSWER_SCHEMAS), ['/api/serviceentries', promoteRefusalSchema], ['/api/graph', apiErrorBodySchema]] as const;

/** A copy of the golden graph with `edit` applied. */
function graphWith(edit: (g: Record<string, unknown> & { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }) => void): unknown {
  const g = structuredClone(goldenGraph()) as unknown as Parameters<typeof edit>[0];
  edit(g);
  return g;
}

function messageOf(schema: Parameters<typeof checkAnswer>[0], path: string, body: unknown): string {
  const checked = checkAnswer(schema, path, body);
  expect(checked.ok).toBe(false);
  return checked.ok ? '' : checked.message;
}

describe('checkAnswer on answers that are not what the page expects', () => {
  const graph = (body: unknown) => messageOf(egressGraphSchema, '/api/graph?end=1&window=5m', body);

  it('names the route (without its query) and the first problem with its path', () => {
    expect(graph(graphWith((g) => (g.nodes[3]!.kind = 'planet')))).toMatch(/^The server's answer to \/api\/graph was not what this page expects: nodes\.3\.kind: /);
    expect(graph(graphWith((g) => Reflect.deleteProperty(g, 'edges')))).toBe("The server's answer to /api/graph was not what this page expects: edges: Invalid input: expected array, received undefined");
  });

  it('refuses numbers the contract does not allow: null (NaN or Infinity on the server), negative rates, strings', () => {
    const edge = goldenGraph().edges.findIndex((e) => e.requestsPerSecond !== undefined);
    expect(graph(graphWith((g) => (g.edges[edge]!.requestsPerSecond = null)))).toContain(`edges.${edge}.requestsPerSecond: Invalid input: expected number, received null`);
    expect(graph(graphWith((g) => (g.edges[edge]!.bytesPerSecond = -1)))).toContain(`edges.${edge}.bytesPerSecond: Too small`);
    expect(graph(graphWith((g) => (g.edges[edge]!.responses = { '200': '1.5' })))).toContain(`edges.${edge}.responses.200: expected a non-negative number`);
  });

  it('refuses a status outside EGRESS_STATUSES and an answer cut short', () => {
    expect(graph(graphWith((g) => (g.nodes.find((n) => n.kind === 'host')!.status = 'allowed')))).toMatch(/status: Invalid option: expected one of "passthrough"\|"blocked"\|"registered"/);
    expect(graph({ end: '2026-01-01T00:00:00.000Z' })).toMatch(/window: .*\(and \d+ more problems\)$/);
  });

  it('says what a body that is no answer at all is', () => {
    expect(graph('<html>502 Bad Gateway</html>')).toBe("The server's answer to /api/graph was not what this page expects: Invalid input: expected object, received string");
    expect(graph(null)).toContain('expected object, received null');
  });

  it('quotes and clips a hostile key in the path', () => {
    const key = `<script>${'x'.repeat(200)}\n`;
    const message = graph(graphWith((g) => (g.edges[0]!.responses = { [key]: 'x' })));
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(300);
  });

  it('a 4xx that carries part of the review fails on the review, not as a bare error', () => {
    const body = { error: { code: 'invalid-resource', message: 'x' }, evidence: 'truncated' };
    expect(messageOf(promoteRefusalSchema, '/api/serviceentries', body)).toMatch(/: (dataPlane|evidence|objects)/);
    expect(checkAnswer(promoteRefusalSchema, '/api/serviceentries', { error: { code: 'bad-body', message: 'hosts: required' } }).ok).toBe(true);
  });
});

describe('checkAnswer keeps what the server sent', () => {
  it('keeps a label value such as __proto__ as a response code (a record zod would copy loses it)', () => {
    const body = graphWith((g) => (g.edges[0]!.responses = JSON.parse('{"__proto__": 1, "200": 2}') as unknown));
    const checked = checkAnswer(egressGraphSchema, '/api/graph', body);
    expect(checked.ok && Object.entries(checked.value.edges[0]?.responses ?? {})).toEqual([
      ['200', 2],
      ['__proto__', 1],
    ]);
  });
});

describe('checkAnswer laws (fast-check)', () => {
  it('never throws on any JSON value, for every schema: an answer passes, or fails with a message', () => {
    for (const [path, schema] of SCHEMAS) {
      fc.assert(
        fc.property(fc.jsonValue(), (body) => {
          const checked = checkAnswer(schema, path, body);
          return checked.ok || checked.message.startsWith(`The server's answer to ${path} was not what this page expects: `);
        }),
        { numRuns: 200 },
      );
    }
  });

  /** Every object in a JSON value, with a way to change it. */
  function objectsOf(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
    if (Array.isArray(value)) for (const v of value) objectsOf(v, out);
    else if (value && typeof value === 'object') {
      out.push(value as Record<string, unknown>);
      for (const v of Object.values(value)) objectsOf(v, out);
    }
    return out;
  }

  it('never throws on a real answer with any value replaced by any JSON', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue(), (which, key, value) => {
        const body = structuredClone(goldenGraph()) as unknown;
        const objects = objectsOf(body);
        const target = objects[which % objects.length]!;
        const keys = Object.keys(target);
        if (keys.length > 0) target[keys[key % keys.length]!] = value;
        const checked = checkAnswer(egressGraphSchema, '/api/graph', body);
        return checked.ok || checked.message.length > 0;
      }),
      { numRuns: 300 },
    );
  });

  it('is forward compatible: fields a newer server adds anywhere are ignored, the rest kept as it was', () => {
    const original = goldenGraph();
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1 }), fc.jsonValue(), (which, key, value) => {
        const body = structuredClone(original) as unknown;
        const objects = objectsOf(body).filter((o) => !Object.hasOwn(o, key));
        const target = objects[which % objects.length]!;
        // A record of rates by label value has no fixed keys: an added key is a label value and must be a rate.
        if (Object.values(target).every((v) => typeof v === 'number')) return;
        // As JSON.parse adds it: an own property, whatever its name (`__proto__` too).
        Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
        const checked = checkAnswer(egressGraphSchema, '/api/graph', body);
        expect(checked.ok ? 'ok' : checked.message).toBe('ok');
        expect(checked.ok && checked.value).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts an egress report whose flows carry a new field', () => {
    const report = { end: '2026-01-01T00:00:00.000Z', window: '5m', flows: [], warnings: [], queries: { http: '', tcp: '' }, cost: { seconds: 1 } };
    expect(checkAnswer(egressReportSchema, '/api/egress', report).ok).toBe(true);
  });
});
