import { describe, expect, it } from 'vitest';
import { describeAnswer, formatTimeout, PrometheusError, timeoutError, toPrometheusError } from './errors';

describe('toPrometheusError', () => {
  it('maps prometheus-query rejections to kinds', () => {
    expect(toPrometheusError({ status: 'error', errorType: 'network_error', code: 'ECONNREFUSED', error: 'connect ECONNREFUSED 127.0.0.1:9090' }).kind).toBe('unreachable');
    expect(toPrometheusError({ status: 'error', errorType: 'timeout_error', code: 'ECONNABORTED' }).kind).toBe('timeout');
    expect(toPrometheusError({ errorType: 'http_error', httpStatus: 400, error: 'parse error', prometheus: { errorType: 'bad_data' } }).kind).toBe('bad-query');
    expect(toPrometheusError({ errorType: 'http_error', httpStatus: 503, error: 'query timed out', prometheus: { errorType: 'timeout' } }).kind).toBe('timeout');
    expect(toPrometheusError({ errorType: 'http_error', httpStatus: 500, error: 'boom' })).toMatchObject({ kind: 'upstream', status: 500 });
    expect(toPrometheusError({ errorType: 'client_error', error: 'unexpected client error' }).kind).toBe('bad-response');
  });

  it('keeps the HTTP status of answers that are not Prometheus JSON (a proxy page, a plain 404)', () => {
    expect(toPrometheusError({ errorType: 'client_error', error: 'unexpected client error' }, 502)).toMatchObject({ kind: 'upstream', status: 502 });
    expect(toPrometheusError({ errorType: 'client_error', error: 'unexpected client error' }, 404)).toMatchObject({ kind: 'upstream', status: 404 });
  });

  it('never puts the upstream address in the message', () => {
    const e = toPrometheusError({ errorType: 'network_error', code: 'ECONNREFUSED', error: 'connect ECONNREFUSED 10.1.2.3:9090' });
    expect(e.message).not.toContain('10.1.2.3');
  });

  it('says credentials were refused without echoing them', () => {
    const e = toPrometheusError({ errorType: 'http_error', httpStatus: 401, error: 'bad token s3cret' });
    expect(e.message).toBe('Prometheus refused the credentials (HTTP 401)');
  });

  it('passes PrometheusError through', () => {
    const e = new PrometheusError('timeout', 'x');
    expect(toPrometheusError(e)).toBe(e);
  });

  it('names the configured timeout', () => {
    expect(toPrometheusError({ errorType: 'timeout_error', code: 'ECONNABORTED' }, { timeoutMs: 2000 }).message).toBe('Prometheus did not answer within 2 s (PROMETHEUS_TIMEOUT_MS)');
    expect(timeoutError(1500).message).toBe('Prometheus did not answer within 1.5 s (PROMETHEUS_TIMEOUT_MS)');
    expect(timeoutError(undefined).message).toBe('Prometheus did not answer in time');
  });

  it("quotes Prometheus's own words when it refuses a query or gives up on it", () => {
    const refused = toPrometheusError({
      errorType: 'http_error',
      httpStatus: 422,
      error: 'query processing would load too many samples into memory in query execution',
      prometheus: { errorType: 'execution' },
    });
    expect(refused).toMatchObject({ kind: 'bad-query', status: 422, message: 'Prometheus refused the query: query processing would load too many samples into memory in query execution' });
    const queued = toPrometheusError({ errorType: 'http_error', httpStatus: 503, error: 'query timed out in query queue', prometheus: { errorType: 'timeout' } });
    expect(queued).toMatchObject({ kind: 'timeout', status: 503, message: 'Prometheus gave up on the query: query timed out in query queue' });
  });

  it('clips long upstream messages', () => {
    expect(toPrometheusError({ errorType: 'http_error', httpStatus: 500, error: 'x'.repeat(1000) }).message.length).toBeLessThan(340);
  });
});

describe('formatTimeout', () => {
  it('writes milliseconds as people do', () => {
    expect(formatTimeout(2000)).toBe('2 s');
    expect(formatTimeout(30000)).toBe('30 s');
    expect(formatTimeout(1900)).toBe('1.9 s');
    expect(formatTimeout(250)).toBe('250 ms');
  });
});

describe('describeAnswer', () => {
  it('says what came instead of the Prometheus API, without its markup', () => {
    expect(describeAnswer('<!DOCTYPE html><html><head><title>\n  Sign in - SSO </title></head><body><form>')).toBe('an HTML page titled "Sign in - SSO"');
    expect(describeAnswer('<html><body>hi</body></html>')).toBe('an HTML page');
    expect(describeAnswer(`<title>${'t'.repeat(200)}</title>`)).toMatch(/^an HTML page titled "t{80}…"$/);
    expect(describeAnswer('404 page not found')).toBe('text that is not JSON');
    expect(describeAnswer('')).toBe('an empty answer');
    expect(describeAnswer(undefined)).toBe('an empty answer');
    expect(describeAnswer([1])).toBe('JSON that is not an object');
    expect(describeAnswer({ data: {} })).toBe('JSON without the API\'s "status" field');
    expect(describeAnswer({ status: 'ok' })).toBe('JSON with status "ok"');
  });
});
