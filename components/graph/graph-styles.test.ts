import { describe, expect, it } from 'vitest';
import { graphStyles, labelMode, LABELS_ON_ZOOM_NODES, ZOOMED_LABEL_MIN_PX } from './graph-styles';

/** The rules as selector and style (graphStyles writes every rule with a `style`). */
const rules = (...args: Parameters<typeof graphStyles>) => graphStyles(...args).map((r) => r as { selector: string; style: Record<string, unknown> });
const nodeRule = (labels: 'always' | 'zoom') => rules('light', { labels }).find((r) => r.selector === 'node')!.style;

describe('semantic zoom', () => {
  it('draws every label at any zoom up to the threshold, and above it only once readable', () => {
    expect(labelMode(LABELS_ON_ZOOM_NODES)).toBe('always');
    expect(labelMode(LABELS_ON_ZOOM_NODES + 1)).toBe('zoom');
    expect(nodeRule('always')['min-zoomed-font-size']).toBe(0);
    expect(nodeRule('zoom')['min-zoomed-font-size']).toBe(ZOOMED_LABEL_MIN_PX);
  });

  it('draws the hovered node its label at any zoom', () => {
    const hovered = rules('dark', { labels: 'zoom' }).find((r) => r.selector === 'node.hovered')!.style;
    expect(hovered['min-zoomed-font-size']).toBe(0);
  });
});

describe('edge width', () => {
  it('comes from the data (lib/graph/edge-width.ts), and no status or health rule overrides it', () => {
    const all = rules('light', { big: true });
    expect(all.find((r) => r.selector === 'edge')?.style).toMatchObject({ width: 'data(width)' });
    for (const r of all.filter((x) => x.selector.startsWith('edge.'))) expect(r.style).not.toHaveProperty('width');
  });
});
