import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { brokenAnswer, describeAnswer, errorAnswer, formatTimeout, PrometheusError, timeoutError, transportError } from './errors';

/** Prometheus's error JSON. */
const promError = (errorType: string, error: string) => ({ status: 'error', errorType, error });

describe('errorAnswer and transportError', () => {
  it('map failed calls to kinds', () => {
    expect(transportError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9090' }).kind).toBe('unreachable');
    expect(transportError({ code: 'ECONNABORTED' }).kind).toBe('timeout');
    expect(transportError({ code: 'ETIMEDOUT' }).kind).toBe('timeout');
    expect(transportError(new Error('no code')).message).toBe('Prometheus is unreachable (network error)');
    expect(errorAnswer(400, promError('bad_data', 'parse error')).kind).toBe('bad-query');
    expect(errorAnswer(503, promError('timeout', 'query timed out')).kind).toBe('timeout');
    expect(errorAnswer(500, promError('internal', 'boom'))).toMatchObject({ kind: 'upstream', status: 500, message: 'Prometheus answered HTTP 500: boom' });
  });

  it('keeps the HTTP status of answers that are not Prometheus JSON (a proxy page, a plain 404, an unreadable body)', () => {
    const notProm = 'the answer is not from a Prometheus API (check the URL and any proxy in between)';
    expect(errorAnswer(502, '<html>Bad Gateway</html>')).toMatchObject({ kind: 'upstream', status: 502, message: `Prometheus answered HTTP 502: ${notProm}` });
    expect(errorAnswer(404, '404 page not found')).toMatchObject({ kind: 'upstream', status: 404 });
    expect(errorAnswer(500, { message: 'JSON, but not the API' })).toMatchObject({ kind: 'upstream', status: 500, message: `Prometheus answered HTTP 500: ${notProm}` });
    expect(errorAnswer(503, undefined)).toMatchObject({ kind: 'upstream', status: 503, message: `Prometheus answered HTTP 503: ${notProm}` });
  });

  it("quotes the status text when Prometheus's JSON has no message", () => {
    expect(errorAnswer(500, { status: 'error' }, 'Internal Server Error').message).toBe('Prometheus answered HTTP 500: Internal Server Error');
  });

  it('never puts the upstream address in the message', () => {
    const e = transportError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.1.2.3:9090' });
    expect(e.message).not.toContain('10.1.2.3');
    expect(brokenAnswer({ code: 'ECONNRESET', message: 'read ECONNRESET 10.1.2.3:9090' }).message).toBe('Prometheus broke off its answer (ECONNRESET)');
  });

  it('says credentials were refused without echoing them', () => {
    expect(errorAnswer(401, promError('unauthorized', 'bad token s3cret')).message).toBe('Prometheus refused the credentials (HTTP 401)');
    expect(errorAnswer(403, 'Forbidden: token s3cret').message).toBe('Prometheus refused the credentials (HTTP 403)');
  });

  it('names the configured timeout', () => {
    expect(transportError({ code: 'ECONNABORTED' }, 2000).message).toBe('Prometheus did not answer within 2 s (PROMETHEUS_TIMEOUT_MS)');
    expect(timeoutError(1500).message).toBe('Prometheus did not answer within 1.5 s (PROMETHEUS_TIMEOUT_MS)');
    expect(timeoutError(undefined).message).toBe('Prometheus did not answer in time');
  });

  it("quotes Prometheus's own words when it refuses a query or gives up on it", () => {
    const refused = errorAnswer(422, promError('execution', 'query processing would load too many samples into memory in query execution'));
    expect(refused).toMatchObject({ kind: 'bad-query', status: 422, message: 'Prometheus refused the query: query processing would load too many samples into memory in query execution' });
    const queued = errorAnswer(503, promError('timeout', 'query timed out in query queue'));
    expect(queued).toMatchObject({ kind: 'timeout', status: 503, message: 'Prometheus gave up on the query: query timed out in query queue' });
  });

  it('clips long upstream messages', () => {
    expect(errorAnswer(500, promError('internal', 'x'.repeat(1000))).message.length).toBeLessThan(340);
  });

  it('never throws, and always names a kind, whatever the status and body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 599 }), fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined)), (status, body) => {
        const e = errorAnswer(status, body);
        expect(e).toBeInstanceOf(PrometheusError);
        expect(e.status).toBe(status);
        expect(e.message.length).toBeLessThan(400);
      }),
    );
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
