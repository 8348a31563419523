// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTimestamp } from '@/lib/format';
import { Sparkline, sparklineLabel, sparklinePoints } from './sparkline';

afterEach(cleanup);

const TO = '2026-01-01T11:00:00.000Z';
const FROM = '2026-01-01T10:00:00.000Z';
const STEP = 120;
const HOUR_MS = 3_600_000;

describe('sparklinePoints', () => {
  it('spans the whole window by time: the first step starts at the left edge, the last ends at the right edge', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 48 }), fc.integer({ min: 1, max: 1000 }), (values, peak) => {
        const vs = [...values, peak];
        const step = HOUR_MS / vs.length;
        const points = sparklinePoints(vs, 0, HOUR_MS, step, 96, 20);
        expect(points).toHaveLength(2 * vs.length);
        expect(points[0]?.[0]).toBeCloseTo(0, 6);
        expect(points.at(-1)?.[0]).toBeCloseTo(96, 6);
        // x grows with time, y stays inside the box, the peak touches the top line.
        points.forEach(([x, y], i) => {
          if (i > 0) expect(x).toBeGreaterThanOrEqual((points[i - 1]?.[0] ?? 0) - 1e-9);
          expect(y).toBeGreaterThanOrEqual(1 - 1e-9);
          expect(y).toBeLessThanOrEqual(19 + 1e-9);
        });
        expect(Math.min(...points.map(([, y]) => y))).toBeCloseTo(1, 6);
      }),
    );
  });

  it('places values by time, not by index: 30 values over a window of 60 steps fill only its last half', () => {
    const points = sparklinePoints(new Array(30).fill(1), 0, 2 * HOUR_MS, 2 * 60_000, 96, 20);
    expect(points[0]?.[0]).toBeCloseTo(48, 6);
    expect(points.at(-1)?.[0]).toBeCloseTo(96, 6);
  });

  it('draws nothing without attempts', () => {
    expect(sparklinePoints([0, 0, 0], 0, HOUR_MS, HOUR_MS / 3)).toEqual([]);
  });
});

describe('Sparkline', () => {
  const values = [...new Array<number>(29).fill(2), 7];
  values[10] = 37;

  it('is an image named by what it counts, the window with its time zone, the peak and when, and the last value', () => {
    render(<Sparkline values={values} from={FROM} to={TO} step={STEP} subject="Blocked attempts from data/etl-worker to pastebin.com" />);
    const img = screen.getByRole('img');
    const name = img.getAttribute('aria-label') ?? '';
    expect(name).toBe(sparklineLabel(values, FROM, TO, STEP, 'Blocked attempts from data/etl-worker to pastebin.com'));
    expect(name).toContain(`${formatTimestamp(FROM)} to ${formatTimestamp(TO)}, per 2 min`);
    // Slot 10 ends 19 steps before `to`: 10:22.
    expect(name).toContain(`peak 37 in the 2 min to ${formatTimestamp('2026-01-01T10:22:00Z')}`);
    expect(name).toContain('last 7');
    expect(name).toMatch(/UTC|GMT/);
    // The name is an attribute, not a <title> element, whose text would repeat the host for text searches.
    expect(img.querySelector('title')).toBeNull();
  });

  it('keeps its last point at the right edge when attempts go on to the end', () => {
    const { container } = render(<Sparkline values={values} from={FROM} to={TO} step={STEP} subject="x" />);
    const points = (container.querySelector('polyline')?.getAttribute('points') ?? '').split(' ');
    expect(points[0]?.split(',')[0]).toBe('0.0');
    expect(points.at(-1)?.split(',')[0]).toBe('96.0');
  });

  it('says "none" when there were no attempts', () => {
    render(<Sparkline values={[0, 0]} from={FROM} to={TO} step={1800} subject="Blocked attempts" />);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/per 30 min: none$/);
  });
});
