// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The real uPlot under jsdom: it reads matchMedia when its module loads and
// draws on a 2D canvas, which jsdom lacks. Stub just enough to draw nothing.
vi.hoisted(() => {
  const noop = () => undefined;
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: noop,
    removeEventListener: noop,
    addListener: noop,
    removeListener: noop,
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  // Text drawn on the canvas is kept, so tests can read the axes.
  const drawn: string[] = [];
  (globalThis as { drawnText?: string[] }).drawnText = drawn;
  const context = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, key) =>
      key in target ? target[key] : key === 'measureText' ? (t: string) => ({ width: 6 * String(t).length }) : key === 'fillText' ? (t: string) => drawn.push(String(t)) : noop,
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  });
  HTMLCanvasElement.prototype.getContext = (() => context) as unknown as typeof HTMLCanvasElement.prototype.getContext;
  (globalThis as { Path2D?: unknown }).Path2D = class {
    moveTo = noop;
    lineTo = noop;
    rect = noop;
    arc = noop;
    closePath = noop;
    addPath = noop;
    bezierCurveTo = noop;
  };
});
vi.mock('uplot/dist/uPlot.min.css', () => ({}));

const { RateChart } = await import('./rate-chart');

const HOSTILE = '<img src=x onerror=alert(1)>.evil.test';
const drawnText = (globalThis as { drawnText?: string[] }).drawnText ?? [];
const T0 = 1767225600;

afterAll(cleanup);

describe('RateChart with the real uPlot', () => {
  it("puts series names in uPlot's legend as text, never as markup", () => {
    const { container, unmount } = render(
      <RateChart
        series={[
          { name: HOSTILE, points: [[1767225600, 0.1], [1767225615, 0.2]] },
          { name: '"><script>alert(1)</script>', points: [[1767225600, 1]] },
        ]}
        unit="requests/s"
        ariaLabel="Callers"
      />,
    );
    const labels = [...container.querySelectorAll('.u-legend .u-series .u-label')].map((el) => el.textContent);
    expect(labels).toContain(HOSTILE);
    expect(labels).toContain('"><script>alert(1)</script>');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('.uplot canvas')).not.toBeNull();
    unmount();
    expect(container.querySelector('.uplot')).toBeNull();
  });

  it.each([
    ['1m', 60, 15],
    ['5m', 300, 15],
    ['1h', 3600, 15],
    ['6h', 6 * 3600, 60],
    ['1d', 86400, 300],
    ['7d', 7 * 86400, 3600],
  ])('draws several time ticks for a %s window, and value ticks that read back', async (_name, span, step) => {
    drawnText.length = 0;
    const points = Array.from({ length: span / step + 1 }, (_, i): [number, number] => [T0 + i * step, i === 1 ? 720 : 180]);
    const { unmount } = render(<RateChart series={[{ name: 'shop/frontend', points }]} unit="requests/s" ariaLabel="Rate" />);
    // uPlot draws in a microtask after it is created.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Times of day ("10:05 AM", "10:05:30 AM") or dates ("Jan 5"): the x axis.
    const times = new Set(drawnText.filter((t) => /\d:\d\d|^[A-Z][a-z]{2} \d/.test(t)));
    expect(times.size, [...times].join(' | ')).toBeGreaterThanOrEqual(3);
    // The y axis reaches 720: its ticks keep their digits (never "72" for 720).
    const values = drawnText.filter((t) => /^\d+(\.\d+)?$/.test(t)).map(Number);
    expect(Math.max(...values)).toBeGreaterThanOrEqual(600);
    unmount();
  });
});
