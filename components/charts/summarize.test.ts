import { describe, expect, it } from 'vitest';
import { alignSeries, summarizeSeries } from './summarize';

describe('summarizeSeries', () => {
  it('gives the last value, average and maximum of each series', () => {
    const out = summarizeSeries([
      { name: '200', points: [[0, 1], [15, 3], [30, 2]] },
      { name: 'empty', points: [] },
    ]);
    expect(out).toEqual([
      { name: '200', last: 2, average: 2, max: 3, points: 3 },
      { name: 'empty', last: undefined, average: undefined, max: undefined, points: 0 },
    ]);
  });

  it('takes the latest timestamp as last and ignores non-finite values in the average', () => {
    const [s] = summarizeSeries([{ name: 'x', points: [[30, 4], [0, 2], [15, Number.NaN]] }]);
    expect(s).toMatchObject({ last: 4, average: 3, points: 2 });
  });
});

describe('alignSeries', () => {
  it('puts every series on one sorted time axis with nulls for gaps', () => {
    const data = alignSeries([
      { name: 'passthrough', points: [[0, 1], [15, 1]] },
      { name: 'blocked', points: [[15, 2], [30, 2]] },
    ]);
    expect(data).toEqual([
      [0, 15, 30],
      [1, 1, null],
      [null, 2, 2],
    ]);
  });

  it('handles no series at all', () => {
    expect(alignSeries([])).toEqual([[]]);
  });
});
