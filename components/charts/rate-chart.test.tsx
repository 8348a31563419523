// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type uPlot from 'uplot';
import { formatTimestamp } from '@/lib/format';
import { RateChart, seriesColors } from './rate-chart';

// uPlot draws on a canvas, which jsdom lacks: record what the component asks of it instead.
const plots = vi.hoisted(() => [] as FakePlotLike[]);
interface FakePlotLike {
  opts: uPlot.Options;
  data: unknown;
  target: HTMLElement;
  width: number;
  setData: ReturnType<typeof vi.fn>;
  setSize: ReturnType<typeof vi.fn>;
  destroy: ReturnType<typeof vi.fn>;
}

vi.mock('uplot', () => ({
  default: class FakePlot {
    static pxRatio = 1;
    width: number;
    setData = vi.fn((d: unknown) => {
      this.data = d;
    });
    setSize = vi.fn();
    destroy = vi.fn();
    constructor(
      public opts: uPlot.Options,
      public data: unknown,
      public target: HTMLElement,
    ) {
      this.width = opts.width;
      plots.push(this as unknown as FakePlotLike);
    }
  },
}));
vi.mock('uplot/dist/uPlot.min.css', () => ({}));

const HOSTILE = '<img src=x onerror=alert(1)>.evil.test';

beforeEach(() => {
  plots.length = 0;
});
afterEach(cleanup);

const series = [
  { name: '200', points: [[0, 1], [15, 3]] as [number, number][] },
  { name: '503', points: [[0, 0.5], [15, 0.5]] as [number, number][] },
];

describe('RateChart', () => {
  it('summarises each series (last, average, maximum) in an accessible table', () => {
    render(<RateChart series={series} unit="requests/s" ariaLabel="Requests from shop/frontend-v2 to httpbin.org" />);
    expect(screen.getByRole('figure', { name: 'Requests from shop/frontend-v2 to httpbin.org' })).toBeDefined();
    const table = screen.getByRole('table', { name: 'Requests from shop/frontend-v2 to httpbin.org (requests/s)' });
    const rows = within(table).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['SeriesLastAverageMaximum', '200323', '5030.50.50.5']);
    expect(within(table).getByRole('rowheader', { name: '503' })).toBeDefined();
  });

  it('renders hostile series names as text', () => {
    const { container } = render(<RateChart series={[{ name: HOSTILE, points: [[0, 0.1]] }]} unit="requests/s" ariaLabel="Callers" />);
    expect(screen.getByRole('rowheader', { name: HOSTILE })).toBeDefined();
    expect(container.querySelector('img')).toBeNull();
    expect(plots[0]?.opts.series[1]?.label).toBe(HOSTILE);
  });

  it('says when there is no data', () => {
    render(<RateChart series={[]} unit="connections/s" ariaLabel="Empty" />);
    expect(screen.getByText('No data in this range.')).toBeDefined();
  });

  it('creates the plot once, updates data in place, rebuilds when the series names change, destroys on unmount', () => {
    const { rerender, unmount } = render(<RateChart series={series} unit="requests/s" ariaLabel="c" height={180} />);
    expect(plots).toHaveLength(1);
    const first = plots[0];
    expect(first?.opts).toMatchObject({ height: 180, width: 600 });
    expect(first?.data).toEqual([[0, 15], [1, 3], [0.5, 0.5]]);
    expect(first?.setData).not.toHaveBeenCalled();

    const more = series.map((s) => ({ ...s, points: [...s.points, [30, 2]] as [number, number][] }));
    rerender(<RateChart series={more} unit="requests/s" ariaLabel="c" height={180} />);
    expect(plots).toHaveLength(1);
    expect(first?.setData).toHaveBeenCalledWith([[0, 15, 30], [1, 3, 2], [0.5, 0.5, 2]]);

    rerender(<RateChart series={[...more, { name: '404', points: [[30, 1]] }]} unit="requests/s" ariaLabel="c" height={180} />);
    expect(plots).toHaveLength(2);
    expect(first?.destroy).toHaveBeenCalledTimes(1);
    expect(plots[1]?.opts.series.map((s) => s.label)).toEqual([undefined, '200', '503', '404']);

    unmount();
    expect(plots[1]?.destroy).toHaveBeenCalledTimes(1);
  });

  it('labels the y axis with the unit and formats legend values', () => {
    render(<RateChart series={series} unit="connections/s" ariaLabel="c" />);
    const opts = plots[0]?.opts;
    expect(opts?.axes?.[1]?.label).toBe('connections/s');
    const value = opts?.series[1]?.value as (u: unknown, v: number | null) => string;
    expect(value(null, 0.25)).toBe('0.25 connections/s');
    expect(value(null, null)).toBe('–');
    expect(opts?.scales?.x?.time).toBe(true);
  });

  it('formats the value axis with formatRate, so a tick reads back as its value (720, never 72)', () => {
    render(<RateChart series={series} unit="requests/s" ariaLabel="c" />);
    const values = plots[0]?.opts.axes?.[1]?.values as (u: unknown, splits: number[]) => string[];
    expect(values(null, [0, 100, 200, 720, 1500, 2_000_000])).toEqual(['0', '100', '200', '720', '1.50k', '2.00M']);
  });

  it.each([
    ['1m', 60],
    ['5m', 300],
    ['1h', 3600],
    ['6h', 6 * 3600],
    ['1d', 86400],
    ['7d', 7 * 86400],
  ])('gives the time axis several ticks for a %s window, on a phone and on a wide screen, the zone named on the first', (_name, span) => {
    render(<RateChart series={series} unit="requests/s" ariaLabel="c" />);
    const x = plots[0]?.opts.axes?.[0];
    const splits = x?.splits as (u: unknown, i: number, min: number, max: number) => number[];
    const values = x?.values as (u: unknown, splits: number[]) => string[];
    for (const width of [330, 1100]) {
      const ticks = splits({ bbox: { width } }, 0, 1767225600 + 7, 1767225600 + 7 + span);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      const labels = values(null, ticks);
      expect(new Set(labels).size).toBe(labels.length);
      expect(labels[0]).toMatch(/ (UTC|GMT[+-][\d:]+|[A-Z]{2,5})$/);
    }
  });

  it('shows the hovered time with its zone in the legend', () => {
    render(<RateChart series={series} unit="requests/s" ariaLabel="c" />);
    const value = plots[0]?.opts.series[0]?.value as (u: unknown, v: number | null) => string;
    expect(value(null, 1767225600)).toBe(formatTimestamp(1767225600_000));
    expect(value(null, 1767225600)).toMatch(/ (UTC|GMT[+-][\d:]+|[A-Z]{2,5})$/);
    expect(value(null, null)).toBe('–');
  });

  it('picks the dark palette inside .dark, or when asked', () => {
    const light = render(<RateChart series={series} unit="u" ariaLabel="light" />);
    const dark = render(
      <div className="dark">
        <RateChart series={series} unit="u" ariaLabel="dark" />
      </div>,
    );
    render(<RateChart series={series} unit="u" ariaLabel="forced" dark />);
    const strokes = plots.map((p) => p.opts.axes?.[0]?.stroke);
    expect(strokes[0]).not.toBe(strokes[1]);
    expect(strokes[1]).toBe(strokes[2]);
    light.unmount();
    dark.unmount();
  });
});

describe('seriesColors', () => {
  it('colours HTTP codes by class and everything else from a palette, all distinct', () => {
    const codes = seriesColors(['200', '201', '404', '429', '500', '503', '0']);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes[0]).toBe('#16a34a');
    expect(codes[2]).toBe('#f97316');
    expect(codes[4]).toBe('#dc2626');
    const names = seriesColors(['shop/a', 'shop/b', 'shop/c']);
    expect(new Set(names).size).toBe(3);
  });
});
