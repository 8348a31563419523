import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env';
import { PrometheusError } from '../prometheus/errors';
import { ApiError, toErrorResponse } from './errors';

describe('toErrorResponse', () => {
  it('maps Prometheus failures to 502, and timeouts to 504', () => {
    expect(toErrorResponse(new PrometheusError('unreachable', 'Prometheus is unreachable (ECONNREFUSED)'))).toEqual({
      status: 502,
      body: { error: { code: 'prometheus-unreachable', message: 'Prometheus is unreachable (ECONNREFUSED)' } },
    });
    expect(toErrorResponse(new PrometheusError('upstream', 'x', 500)).status).toBe(502);
    expect(toErrorResponse(new PrometheusError('bad-response', 'x')).status).toBe(502);
    expect(toErrorResponse(new PrometheusError('timeout', 'x')).status).toBe(504);
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
