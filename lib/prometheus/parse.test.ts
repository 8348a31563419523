import { describe, expect, it } from 'vitest';
import { PrometheusError } from './errors';
import { parseInstantResponse, parseRangeResponse, parseSampleValue } from './parse';

describe('parseSampleValue', () => {
  it('handles Prometheus special values', () => {
    expect(parseSampleValue('+Inf')).toBe(Infinity);
    expect(parseSampleValue('-Inf')).toBe(-Infinity);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('1.5e3')).toBe(1500);
    expect(parseSampleValue('0')).toBe(0);
  });

  it('rejects garbage as a bad response', () => {
    expect(() => parseSampleValue('abc')).toThrow(PrometheusError);
    expect(() => parseSampleValue('')).toThrow(PrometheusError);
    expect(() => parseSampleValue(null)).toThrow(PrometheusError);
  });
});

describe('parseInstantResponse', () => {
  it('parses a vector with warnings, infos and stats', () => {
    const r = parseInstantResponse({
      status: 'success',
      warnings: ['partial data'],
      infos: ['PromQL info: something'],
      data: {
        resultType: 'vector',
        result: [{ metric: { a: 'x' }, value: [1700000000, '0.5'] }],
        stats: { samples: { totalQueryableSamples: 42, peakSamples: 7 } },
      },
    });
    expect(r.samples).toEqual([{ labels: { a: 'x' }, value: 0.5 }]);
    expect(r.warnings).toEqual(['partial data', 'PromQL info: something']);
    expect(r.stats).toEqual({ totalQueryableSamples: 42, peakSamples: 7 });
  });

  it('parses a scalar', () => {
    expect(parseInstantResponse({ status: 'success', data: { resultType: 'scalar', result: [1, '1'] } }).samples).toEqual([{ labels: {}, value: 1 }]);
  });

  it.each([
    ['not an object', 'oops'],
    ['an error status', { status: 'error', error: 'x' }],
    ['no data', { status: 'success' }],
    ['a matrix', { status: 'success', data: { resultType: 'matrix', result: [] } }],
    ['a bad label', { status: 'success', data: { resultType: 'vector', result: [{ metric: { a: 1 }, value: [1, '1'] }] } }],
    ['a bad sample', { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: ['1'] }] } }],
  ])('rejects %s as bad-response', (_, body) => {
    try {
      parseInstantResponse(body);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PrometheusError);
      expect((e as PrometheusError).kind).toBe('bad-response');
    }
  });
});

describe('bad-response messages', () => {
  const message = (body: unknown) => {
    try {
      parseInstantResponse(body);
    } catch (e) {
      return (e as Error).message;
    }
    return 'parsed';
  };

  it('say the backend did not answer like Prometheus, and what it sent instead', () => {
    expect(message('<html><head><title>Sign in</title></head></html>')).toBe('The backend did not answer like Prometheus: it sent an HTML page titled "Sign in"');
    expect(message({ hello: 'world' })).toBe('The backend did not answer like Prometheus: it sent JSON without the API\'s "status" field');
    expect(message({ status: 'success', data: { resultType: 'matrix', result: [] } })).toBe('The backend did not answer like Prometheus: expected a vector, got matrix');
    expect(message({ status: 'error' })).toBe('The backend did not answer like Prometheus: status "error" in a successful answer');
  });
});

describe('parseRangeResponse', () => {
  it('parses a matrix', () => {
    const r = parseRangeResponse({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: 'x' }, values: [[1, '1'], [2, '+Inf']] }] } });
    expect(r.series[0]?.points).toEqual([
      { t: 1, v: 1 },
      { t: 2, v: Infinity },
    ]);
  });
});
