import { describe, expect, it } from 'vitest';
import { httpHealth } from './health';

describe('httpHealth (Kiali default thresholds)', () => {
  it.each([
    [{ '200': 10 }, 'healthy'],
    [{ '200': 999, '503': 1 }, 'degraded'], // any 5xx
    [{ '200': 9, '500': 1 }, 'failing'], // 10% 5xx
    [{ '200': 95, '0': 5 }, 'degraded'], // no response counts as 5xx
    [{ '200': 95, '404': 5 }, 'healthy'], // 4xx under 10%
    [{ '200': 90, '404': 10 }, 'degraded'], // 4xx from 10%
    [{ '200': 80, '403': 20 }, 'failing'], // 4xx from 20%
    [{ '301': 100 }, 'healthy'], // 3xx never an error
    [{ '200': 0 }, 'idle'],
    [{}, 'idle'],
  ])('%j -> %s', (responses, health) => {
    expect(httpHealth(responses).health).toBe(health);
  });

  it('reports the share of errors', () => {
    expect(httpHealth({ '200': 6, '404': 2, '503': 2 }).errorRatio).toBeCloseTo(0.4);
  });
});
