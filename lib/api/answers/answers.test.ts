import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { goldenGraph } from '../../../testing/testdata';
import { RECORDED } from '../../../testing/testdata/egress/recorded';
import { recordedApiContext } from '../../../testing/recorded-api';
import type { ApiAnswer } from '../answer';
import { handleAlertRules } from '../handlers/alert-rules';
import { handleBlocked } from '../handlers/blocked';
import { handleEgress } from '../handlers/egress';
import { handleGraph } from '../handlers/graph';
import { handleHealth } from '../handlers/health';
import { handleHosts } from '../handlers/hosts';
import { handlePromote } from '../handlers/serviceentries';
import { handleReadiness } from '../handlers/readiness';
import { handleTimeseries } from '../handlers/timeseries';
import { handleValidateYaml } from '../handlers/serviceentries-validate';
import { ANSWER_SCHEMAS, apiErrorBodySchema, checkAnswer, egressGraphSchema, egressReportSchema, promoteAnswerSchema, promoteRefusalSchema } from '.';

const ctx = recordedApiContext();
const now = (RECORDED.end + 3600) * 1000;
const qs = `end=${RECORDED.end}&window=10m`;

/** The answer as the browser receives it: serialised, then parsed. */
async function wire<T>(answer: Promise<ApiAnswer<T>>, status = 200): Promise<unknown> {
  const { status: got, body } = await answer;
  expect(got, JSON.stringify(body).slice(0, 300)).toBe(status);
  return JSON.parse(JSON.stringify(body)) as unknown;
}

/** Parses, and keeps every field the server sent: the schema knows each of them. */
function expectParsesWhole(schema: z.ZodType, json: unknown): void {
  const checked = checkAnswer(schema, '/api/test', json);
  expect(checked.ok ? 'ok' : checked.message).toBe('ok');
  expect(checked.ok && checked.value).toEqual(json);
}

describe('answers of the handlers on the recorded demo data pass their schemas, whole', () => {
  it('GET /api/egress and /api/graph, and the golden graph', async () => {
    const report = await wire(handleEgress(qs, now, ctx));
    expectParsesWhole(ANSWER_SCHEMAS['/api/egress'], report);
    expect(egressReportSchema.parse(report).flows.length).toBeGreaterThan(20);
    const graph = await wire(handleGraph(qs, now, ctx));
    expectParsesWhole(ANSWER_SCHEMAS['/api/graph'], graph);
    expect(egressGraphSchema.parse(graph).nodes.length).toBeGreaterThan(20);
    expectParsesWhole(egressGraphSchema, goldenGraph());
  });

  it('GET /api/readiness, /api/hosts, /api/blocked, /api/timeseries and /api/health', async () => {
    const readiness = await wire(handleReadiness(qs, now, ctx));
    expectParsesWhole(ANSWER_SCHEMAS['/api/readiness'], readiness);
    expect(JSON.stringify(readiness)).toContain('"kind":"sidecar"');
    expectParsesWhole(ANSWER_SCHEMAS['/api/hosts'], await wire(handleHosts(qs, now, ctx)));
    expectParsesWhole(ANSWER_SCHEMAS['/api/blocked'], await wire(handleBlocked(qs, now, ctx)));
    expectParsesWhole(ANSWER_SCHEMAS['/api/timeseries'], await wire(handleTimeseries(`kind=host&status=passthrough&host=api.ipify.org&${qs}`, now, ctx)));
    expectParsesWhole(ANSWER_SCHEMAS['/api/health'], await wire(handleHealth('', ctx, now)));
  });

  it('POST /api/serviceentries (and its 400 with the review), /validate and /api/alert-rules', async () => {
    const promoted = await wire(handlePromote({ hosts: ['api.ipify.org'], end: RECORDED.end, window: '10m' }, 'tester', now, ctx));
    expectParsesWhole(ANSWER_SCHEMAS['/api/serviceentries'], promoted);
    const { yaml, evidence } = promoteAnswerSchema.parse(promoted);
    expect(evidence[0]?.callers.length).toBeGreaterThan(0);
    expectParsesWhole(ANSWER_SCHEMAS['/api/serviceentries/validate'], await wire(handleValidateYaml({ yaml })));
    expectParsesWhole(ANSWER_SCHEMAS['/api/alert-rules'], await wire(handleAlertRules({}, now, ctx)));

    const refused = await wire(handlePromote({ hosts: ['api.ipify.org'], ports: [{ number: 0, protocol: 'HTTP' }], end: RECORDED.end, window: '10m' }, 'tester', now, ctx), 400);
    expectParsesWhole(promoteRefusalSchema, refused);
    expect(promoteRefusalSchema.parse(refused)).toHaveProperty('evidence');
  });

  it('error answers pass the error body schema', async () => {
    expectParsesWhole(apiErrorBodySchema, await wire(handleGraph('window=5m5m', now, ctx), 400));
    const bare = await wire(handlePromote({ hosts: [] }, 'tester', now, ctx), 400);
    expectParsesWhole(apiErrorBodySchema, bare);
    expectParsesWhole(promoteRefusalSchema, bare);
  });
});
