import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseObservedHost } from '../egress/host';
import type { Sample } from '../prometheus/types';
import type { ApiContext } from './context';
import type { ApiErrorBody } from './errors';
import { handleAlertRules } from './handlers/alert-rules';
import { handleJsonPost, type ApiAnswer } from './answer';
import { handlePromote } from './handlers/serviceentries';
import { handleValidateYaml } from './handlers/serviceentries-validate';
import { HOSTILE_ALERT_NAMESPACES, HOSTILE_HOSTS, hostileBodyCases, namesField, POST_PATHS, type HostileBodyCase, type PostPath } from '../../testing/hostile-body';
import { anyYamlText } from '../../testing/yaml-arbitraries';
import { ApiError } from './errors';
import { LARGEST_ACCEPTED_YAML } from '../../testing/hostile-yaml';
import { MAX_VALIDATE_YAML_CHARS, validateYamlBody, YAML_READERS } from './handlers/serviceentries-validate';
import { expectOnlyInLiterals, recordingContext } from '../../testing/api';

// Every POST route against every hostile body (testing/hostile-body.ts), as
// the route runs it (handleJsonPost + the handler), with a recording Prometheus.

const NOW_MS = 1_800_000_000_000;

const HANDLERS: Readonly<Record<PostPath, (ctx: ApiContext) => (body: unknown) => Promise<ApiAnswer<unknown>>>> = {
  '/api/serviceentries': (ctx) => (body) => handlePromote(body, undefined, NOW_MS, ctx),
  '/api/serviceentries/validate': () => handleValidateYaml,
  '/api/alert-rules': () => handleAlertRules,
};

const CODES: Readonly<Record<number, readonly string[]>> = { 400: ['bad-body', 'bad-parameter'], 413: ['too-large'], 415: ['unsupported-media-type'] };

/** The request as an HTTP client sends it: bytes, Content-Length unless chunked, the given Content-Type. */
function toRequest(path: string, c: Pick<HostileBodyCase, 'body' | 'contentType' | 'query' | 'chunked'>): Request {
  const raw = typeof c.body === 'function' ? c.body() : c.body;
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const headers = new Headers();
  if (c.contentType !== null) headers.set('content-type', c.contentType ?? 'application/json');
  const url = `http://localhost${path}${c.query ? `?${c.query}` : ''}`;
  if (!c.chunked) {
    headers.set('content-length', String(bytes.byteLength));
    return new Request(url, { method: 'POST', body: new Uint8Array(bytes), headers });
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.byteLength; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
      controller.close();
    },
  });
  return new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit & { duplex: 'half' });
}

async function post(path: PostPath, c: Pick<HostileBodyCase, 'body' | 'contentType' | 'query' | 'chunked'>, samples?: (q: string) => readonly Sample[]) {
  const rec = recordingContext(samples);
  const res = await handleJsonPost(toRequest(path, c), HANDLERS[path](rec.ctx));
  return { res, queries: rec.queries.map((q) => q.query) };
}

for (const path of POST_PATHS) {
  describe(`POST ${path} with hostile bodies`, () => {
    it.each(hostileBodyCases(path))('$name', async (c) => {
      // No clock here: the test's own timeout fails a case that hangs; bench/fuzz-then-load.ts measures the time.
      const { res, queries } = await post(path, c);
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(c.status);
      const { error } = res.body as ApiErrorBody;
      expect(CODES[c.status]).toContain(error.code);
      expect(namesField(error.message, c.names), error.message).toBe(true);
      expect(error.message.length).toBeLessThan(4000);
      expect(queries).toEqual([]);
    });

    it.each(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset="UTF-8"'])('takes Content-Type %s', async (contentType) => {
      const body = path === '/api/serviceentries/validate' ? '{"yaml": ""}' : path === '/api/alert-rules' ? '{}' : '{"hosts": ["pastebin.com"]}';
      expect((await post(path, { body, contentType })).res.status).toBe(200);
    });
  });
}

/** A passthrough flow to `host` in the HTTP egress query, so promote charts it (and no blocked attempt: that is another query). */
const flowTo = (host: string) => (query: string): Sample[] =>
  query.startsWith('sum by') && query.includes('istio_requests_total') && !query.includes('label_replace') && !query.includes('destination_service_name="BlackHoleCluster"')
    ? [
        {
          labels: {
            reporter: 'source',
            source_workload_namespace: 'shop',
            source_workload: 'web',
            destination_service: host,
            destination_service_name: 'PassthroughCluster',
            destination_workload: 'unknown',
            destination_workload_namespace: 'unknown',
            request_protocol: 'http',
            response_code: '200',
          },
          value: 1,
        },
      ]
    : [];

describe('POST /api/serviceentries with hostile hosts', () => {
  const promote = (host: string) => post('/api/serviceentries', { body: JSON.stringify({ hosts: [host] }) }, flowTo(host));

  it('charts a benign host (the shape hostile hosts are compared with)', async () => {
    const { res, queries } = await promote('benign.example');
    expect(res.status).toBe(200);
    expect(queries.some((q) => q.includes('benign\\\\.example'))).toBe(true);
  });

  it.each(HOSTILE_HOSTS)('%j reaches the evidence query inside literals only, then fails validation naming spec.hosts', async (host) => {
    const { res, queries } = await promote(host);
    const benign = await promote('benign.example');
    expect(res.status).toBe(400);
    expect((res.body as ApiErrorBody).error).toMatchObject({ code: 'invalid-resource', message: expect.stringContaining('spec.hosts') });
    // A host that is no host once normalised (blank) matches no flow: nothing is charted.
    expectOnlyInLiterals(queries, benign.queries, parseObservedHost(host)?.host ?? null);
  });
});

describe('POST /api/alert-rules with hostile namespaces', () => {
  const exprs = async (namespaces: string[]) => {
    const { res } = await post('/api/alert-rules', { body: JSON.stringify({ namespaces }) });
    expect(res.status).toBe(200);
    const rules = parse((res.body as { rulesFile: string }).rulesFile) as { groups: { rules: { expr: string }[] }[] };
    return rules.groups.flatMap((g) => g.rules.map((r) => r.expr));
  };

  it.each(HOSTILE_ALERT_NAMESPACES)('%j is matched literally, inside literals only', async (namespace) => {
    expectOnlyInLiterals(await exprs([namespace]), await exprs(['benign']), namespace);
  });
});

describe('POST /api/serviceentries/validate with hostile YAML', () => {
  // YAML past a reading limit is a hostile body case (testing/hostile-yaml.ts): a 400 naming the limit.
  it.each([
    ['NUL and control characters', 'apiVersion: "\u0000"\nkind: "\u0007"\n', /./],
    ['unknown tags', 'a: !!binary aGVsbG8=\nb: !foo x\nc: !!js/function "x"\n', /./],
    ['a __proto__ key', '__proto__: {polluted: 1}\napiVersion: v1\n', /./],
    ['duplicate keys', 'a: 1\nb: {c: 1, c: 2}\na: 2\n', /line 2, column 11: Map keys must be unique.*\n.*line 3, column 1: Map keys must be unique/],
  ])('%s: 200 with validation errors', async (_what, yaml, message) => {
    const { res } = await post('/api/serviceentries/validate', { body: JSON.stringify({ yaml }) });
    expect(res.status).toBe(200);
    const { validation } = res.body as { validation: { errors: { message: string }[] } };
    expect(validation.errors.length).toBeGreaterThan(0);
    expect(validation.errors.map((e) => e.message).join('\n')).toMatch(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(LARGEST_ACCEPTED_YAML)('the largest accepted of its shape is read in full: $name', async ({ text }) => {
    const yaml = text();
    expect(yaml.length).toBeLessThanOrEqual(MAX_VALIDATE_YAML_CHARS);
    const { res } = await post('/api/serviceentries/validate', { body: JSON.stringify({ yaml }) });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(/YAML syntax error|cannot be read/);
  }, 30_000);

  it('for any text, the entry point throws nothing but a 400 naming yaml, and the answer is always JSON (property)', async () => {
    await fc.assert(
      fc.asyncProperty(anyYamlText, async (yaml) => {
        await validateYamlBody({ yaml }).then(
          (answer) => expect(() => JSON.stringify(answer)).not.toThrow(),
          (err: unknown) => {
            expect(err).toBeInstanceOf(ApiError);
            expect((err as ApiError).status).toBe(400);
            expect((err as ApiError).message).toMatch(/^yaml: /);
          },
        );
        const res = await handleValidateYaml({ yaml });
        expect([200, 400]).toContain(res.status);
        expect(JSON.parse(JSON.stringify(res.body))).toEqual(res.body);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('a circular alias is a 400 that says what is wrong, not an empty 500', async () => {
    const res = await handleValidateYaml({ yaml: 'a: &a [*a]' });
    expect(res).toEqual({ status: 400, body: { error: { code: 'bad-body', message: expect.stringMatching(/^yaml: the alias \*a at line 1, column 8 refers to a node that contains it/) as unknown } } });
  });

  it('texts are read one at a time: past the waiting ones, a 503 busy says to retry', async () => {
    const yaml = LARGEST_ACCEPTED_YAML[1]!.text();
    const count = YAML_READERS.slots + YAML_READERS.maxWaiting + 5;
    const answers = await Promise.all(Array.from({ length: count }, () => handleValidateYaml({ yaml })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(YAML_READERS.slots + YAML_READERS.maxWaiting);
    expect(answers.filter((a) => a.status === 503).map((a) => a.body)).toEqual(Array(5).fill({ error: { code: 'busy', message: 'yaml: 32 texts are already waiting to be validated; retry in a few seconds' } }));
    expect((await handleValidateYaml({ yaml: 'a: 1' })).status).toBe(200);
  }, 120_000);

  it('the event loop gets turns while the largest accepted YAML is validated (a timer set before fires before the answer)', async () => {
    for (const { name, text } of LARGEST_ACCEPTED_YAML) {
      let fired = 0;
      const timer = setInterval(() => fired++, 1);
      const res = await handleValidateYaml({ yaml: text() }).finally(() => clearInterval(timer));
      expect(res.status, name).toBe(200);
      expect(fired, name).toBeGreaterThan(0);
    }
  }, 60_000);
});
