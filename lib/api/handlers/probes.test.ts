import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/env';
import { handleLivez } from './livez';
import { handleReadyz } from './readyz';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('handleLivez', () => {
  it('answers ok without reading the configuration', () => {
    expect(handleLivez()).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

describe('handleReadyz', () => {
  it('is ready with a valid configuration, whether or not Prometheus answers', () => {
    const load = vi.fn(() => loadConfig({ PROMETHEUS_URL: 'http://127.0.0.1:9' }));
    expect(handleReadyz(load)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(load).toHaveBeenCalledOnce();
  });

  it('is not ready (503) with an invalid configuration, naming every bad variable and logging it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = handleReadyz(() => loadConfig({ PROMETHEUS_TIMEOUT_MS: 'soon' }));
    expect(answer.status).toBe(503);
    const { error } = answer.body as { error: { code: string; message: string } };
    expect(error.code).toBe('misconfigured');
    expect(error.message).toMatch(/PROMETHEUS_URL/);
    expect(error.message).toMatch(/PROMETHEUS_TIMEOUT_MS/);
    expect(log).toHaveBeenCalledOnce();
    expect(String(log.mock.calls[0]?.join(' '))).toMatch(/PROMETHEUS_TIMEOUT_MS/);
  });

  it('is not ready while the token file is missing (a Secret not mounted yet)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = handleReadyz(() => loadConfig({ PROMETHEUS_URL: 'http://p', PROMETHEUS_BEARER_TOKEN_FILE: '/nonexistent/token' }));
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer.body)).toMatch(/PROMETHEUS_BEARER_TOKEN_FILE: file cannot be read/);
  });

  it('checks the sign-in settings too, by default', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubEnv('PROMETHEUS_URL', 'http://127.0.0.1:9');
    vi.stubEnv('AUTH_PROXY_SECRET', 'without-a-user-header');
    const answer = handleReadyz();
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer.body)).toMatch(/AUTH_PROXY_SECRET: only applies with AUTH_PROXY_USER_HEADER/);
    expect(JSON.stringify(answer.body)).not.toContain('without-a-user-header');
    vi.stubEnv('AUTH_PROXY_SECRET', '');
    expect(handleReadyz()).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('hides unexpected errors behind the generic message', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = handleReadyz(() => {
      throw new Error('secret detail');
    });
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer.body)).not.toContain('secret detail');
  });
});
