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
  const context = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, key) => (key in target ? target[key] : key === 'measureText' ? () => ({ width: 10 }) : noop),
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
});
