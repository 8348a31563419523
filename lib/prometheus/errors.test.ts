import { describe, expect, it } from 'vitest';
import { PrometheusError, toPrometheusError } from './errors';

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
});
