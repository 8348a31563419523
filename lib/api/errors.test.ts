import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env';
import { PrometheusError } from '../prometheus/errors';
import { ApiError, toErrorResponse } from './errors';

describe('toErrorResponse', () => {
  it('maps Prometheus failures to 502, and timeouts to 504', () => {
    expect(toErrorResponse(new PrometheusError('unreachable', 'Prometheus is unreachable (ECONNREFUSED)'))).toEqual({
      status: 502,
      body: { error: { code: 'prometheus-unreachable', message: 'Prometheus is unreachable (ECONNREFUSED)', hint: expect.stringContaining('PROMETHEUS_URL') as unknown } },
    });
    expect(toErrorResponse(new PrometheusError('upstream', 'x', 500)).status).toBe(502);
    expect(toErrorResponse(new PrometheusError('bad-response', 'x')).status).toBe(502);
    expect(toErrorResponse(new PrometheusError('timeout', 'x')).status).toBe(504);
  });

  it("502 for a query Prometheus refused (its limits are not the caller's fault), 504 for Prometheus's own 503 timeout", () => {
    const refused = toErrorResponse(new PrometheusError('bad-query', 'Prometheus refused the query: query processing would load too many samples into memory in query execution', 422));
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('prometheus-bad-query');
    expect(refused.body.error.hint).toMatch(/--query\.max-samples/);
    const queued = toErrorResponse(new PrometheusError('timeout', 'Prometheus gave up on the query: query timed out in query queue', 503));
    expect(queued.status).toBe(504);
    expect(queued.body.error.hint).toMatch(/--query\.max-concurrency/);
  });

  it('says what to check for each kind of Prometheus failure', () => {
    const hint = (e: PrometheusError) => toErrorResponse(e).body.error.hint;
    expect(hint(new PrometheusError('timeout', 'Prometheus did not answer within 2 s (PROMETHEUS_TIMEOUT_MS)'))).toMatch(/PROMETHEUS_TIMEOUT_MS/);
    expect(hint(new PrometheusError('upstream', 'Prometheus refused the credentials (HTTP 401)', 401))).toMatch(/PROMETHEUS_BEARER_TOKEN/);
    expect(hint(new PrometheusError('bad-response', 'The backend did not answer like Prometheus: it sent an HTML page'))).toMatch(/login page/);
  });

  it('keeps API errors as they are', () => {
    expect(toErrorResponse(new ApiError(400, 'bad-parameter', 'window: nope'))).toEqual({ status: 400, body: { error: { code: 'bad-parameter', message: 'window: nope' } } });
  });

  it('names bad configuration without values', () => {
    const r = toErrorResponse(new ConfigError(['PROMETHEUS_URL: is required']));
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('misconfigured');
    expect(r.body.error.message).toContain('PROMETHEUS_URL');
  });

  it('hides the details of anything unexpected', () => {
    const r = toErrorResponse(new Error('secret at /home/x/token'));
    expect(r).toEqual({ status: 500, body: { error: { code: 'internal', message: 'Internal error; see the server log.' } } });
  });
});
