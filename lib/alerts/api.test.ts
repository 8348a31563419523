import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { handleAlertRules, type AlertRulesAnswer } from '../api/handlers/alert-rules';
import { handleJsonPost } from '../api/answer';

// POST /api/alert-rules as the route runs it: handleJsonPost + handleAlertRules.

function post(body: string) {
  const request = new Request('http://localhost/api/alert-rules', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  return handleJsonPost(request, (b) => handleAlertRules(b));
}

describe('POST /api/alert-rules', () => {
  it('answers the rules file, the PrometheusRule and the warnings', async () => {
    const { status, body } = await post(JSON.stringify({ namespaces: ['a.b'], labels: { team: 'payments' }, prometheusRule: { labels: { release: 'prometheus' } } }));
    expect(status).toBe(200);
    const answer = body as AlertRulesAnswer;
    expect(Object.keys(answer).sort()).toEqual(['prometheusRule', 'rulesFile', 'warnings']);
    expect((parse(answer.rulesFile) as { groups: { rules: unknown[] }[] }).groups[0]?.rules).toHaveLength(3);
    expect(parse(answer.prometheusRule)).toMatchObject({ kind: 'PrometheusRule', metadata: { labels: { release: 'prometheus' } } });
    expect(answer.warnings).toEqual([expect.stringContaining('"a.b" is not a Kubernetes namespace name')]);
  });

  it('takes {} for the defaults', async () => {
    expect((await post('{}')).status).toBe(200);
  });

  it.each([
    ['unknown fields, named', { spike: { facter: 2 }, colour: 'red' }, ['spike.facter: unknown option', 'colour: unknown option']],
    ['an invalid duration', { blackhole: { window: '5 min' } }, ['blackhole.window: must be a non-zero Prometheus duration']],
    ['a factor of 1', { spike: { factor: 1 } }, ['spike.factor: must be greater than 1']],
    ['a label value with a newline', { labels: { team: 'a\nb' } }, ['labels.team: must be a single line']],
    ['a body that is not an object', [1], ['options: ']],
  ])('400 for %s', async (_what, body, expected) => {
    const { status, body: answer } = await post(JSON.stringify(body));
    expect(status).toBe(400);
    const { error } = answer as { error: { code: string; message: string } };
    expect(error.code).toBe('bad-body');
    for (const e of expected) expect(error.message).toContain(e);
  });

  it('400 for a body that is not JSON', async () => {
    const { status, body } = await post('{namespaces:');
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'bad-body', message: 'the body is not valid JSON' } });
  });
});
