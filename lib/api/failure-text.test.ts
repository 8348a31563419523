import { describe, expect, it } from 'vitest';
import { failureHeadline, failureHint, failureTitle, NETWORK_FAILURE } from './failure-text';

describe('failureTitle', () => {
  it.each([
    ['prometheus-unreachable', 'Prometheus is not answering'],
    ['prometheus-timeout', 'Prometheus is too slow'],
    ['prometheus-bad-query', 'Prometheus refused the query'],
    ['prometheus-upstream', 'Prometheus answered with an error'],
    ['prometheus-bad-response', 'The backend did not answer like Prometheus'],
    ['misconfigured', 'Egress Lens is misconfigured'],
    [NETWORK_FAILURE, 'The Egress Lens server is not answering'],
    ['internal', 'The data could not be loaded'],
  ])('%s: %s', (code, title) => {
    expect(failureTitle(code)).toBe(title);
  });
});

describe('failureHeadline', () => {
  it('says the title once when the message starts with it', () => {
    expect(failureHeadline('prometheus-bad-query', 'Prometheus refused the query: query processing would load too many samples')).toEqual({
      title: 'Prometheus refused the query:',
      detail: 'query processing would load too many samples',
    });
    expect(failureHeadline('prometheus-bad-response', 'The backend did not answer like Prometheus: it sent an HTML page')).toEqual({
      title: 'The backend did not answer like Prometheus:',
      detail: 'it sent an HTML page',
    });
  });

  it('puts any other message after the title', () => {
    expect(failureHeadline('prometheus-unreachable', 'Prometheus is unreachable (ECONNREFUSED)')).toEqual({
      title: 'Prometheus is not answering.',
      detail: 'Prometheus is unreachable (ECONNREFUSED)',
    });
  });
});

describe('failureHint', () => {
  it('points at the setting or the Prometheus flag to check, per kind', () => {
    expect(failureHint('prometheus-unreachable')).toMatch(/PROMETHEUS_URL.*PROMETHEUS_CA_FILE/);
    expect(failureHint('prometheus-timeout')).toMatch(/overloaded or stuck.*PROMETHEUS_TIMEOUT_MS/);
    expect(failureHint('prometheus-bad-query')).toMatch(/--query\.max-samples.*shorter window/);
    expect(failureHint('prometheus-bad-response')).toMatch(/PROMETHEUS_URL.*\/prometheus prefix.*login page.*PROMETHEUS_BEARER_TOKEN/);
    expect(failureHint('misconfigured')).toMatch(/restart/);
    expect(failureHint(NETWORK_FAILURE)).toMatch(/Egress Lens server/);
  });

  it("tells Prometheus's own timeouts apart: a full query queue, or a long evaluation", () => {
    expect(failureHint('prometheus-timeout', { status: 503, message: 'Prometheus gave up on the query: query timed out in query queue' })).toMatch(/busy.*--query\.max-concurrency/);
    expect(failureHint('prometheus-timeout', { status: 503, message: 'Prometheus gave up on the query: query timed out in expression evaluation' })).toMatch(/inside Prometheus.*shorter window/);
  });

  it('refines upstream errors by HTTP status', () => {
    expect(failureHint('prometheus-upstream', { status: 401 })).toMatch(/credentials.*PROMETHEUS_BEARER_TOKEN_FILE.*PROMETHEUS_USERNAME/);
    expect(failureHint('prometheus-upstream', { status: 403 })).toMatch(/credentials/);
    expect(failureHint('prometheus-upstream', { status: 404 })).toMatch(/PROMETHEUS_URL/);
    expect(failureHint('prometheus-upstream', { status: 503 })).toMatch(/starting up or overloaded/);
    expect(failureHint('prometheus-upstream', { status: 500 })).toMatch(/logs.*proxy/);
  });

  it('has nothing to add for errors the caller fixes (a bad parameter) or that only the log explains', () => {
    expect(failureHint('bad-parameter')).toBeUndefined();
    expect(failureHint('internal')).toBeUndefined();
  });
});
