import { PALETTE, type Theme } from './graph-styles';
import { LEGEND_ITEMS, type LegendSwatch } from './legend-items';

export interface LegendProps {
  readonly theme: Theme;
}

function Swatch({ swatch, theme }: { swatch: LegendSwatch; theme: Theme }) {
  const c = PALETTE[theme];
  switch (swatch.kind) {
    case 'workload':
      return <span aria-hidden className="inline-block h-3.5 w-3.5 rounded-full border-2" style={{ borderColor: c.workloadBorder, background: c.workload }} />;
    case 'gateway':
      return (
        <span aria-hidden className="inline-block h-3.5 w-4 border-2" style={{ borderColor: c.workloadBorder, clipPath: 'polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%)', background: c.workloadBorder }} />
      );
    case 'host':
      if (swatch.border === 'filled') return <span aria-hidden className="inline-block h-3.5 w-5 rounded-sm" style={{ background: c[swatch.color] }} />;
      return <span aria-hidden className="inline-block h-3.5 w-5 rounded-sm border-2" style={{ borderColor: c[swatch.color], borderStyle: swatch.border }} />;
    case 'split': {
      const step = 100 / swatch.colors.length;
      const stops = swatch.colors.map((k, i) => `${c[k]} ${i * step}% ${(i + 1) * step}%`).join(', ');
      return <span aria-hidden className="inline-block h-3.5 w-3.5 rounded-full border-2" style={{ borderColor: c[swatch.colors[0] ?? 'blocked'], background: `conic-gradient(${stops})` }} />;
    }
    case 'line':
    case 'blocked': {
      const color = swatch.kind === 'blocked' ? c.blocked : c[swatch.color];
      return (
        <span aria-hidden className="inline-flex w-6 items-center">
          <span className="block w-full" style={{ height: swatch.kind === 'blocked' ? 3 : 2, background: color }} />
          {swatch.kind === 'blocked' && <span className="block h-3 w-1" style={{ background: color }} />}
        </span>
      );
    }
    case 'width':
      return (
        <span aria-hidden className="inline-flex w-6 flex-col justify-center gap-0.5">
          <span className="block w-full" style={{ height: 1, background: c.http }} />
          <span className="block w-full" style={{ height: 3, background: c.http }} />
          <span className="block w-full" style={{ height: 6, background: c.http }} />
        </span>
      );
  }
}

/** Explains every shape, colour and width of the graph. */
export function Legend({ theme }: LegendProps) {
  return (
    <section aria-label="Legend" className="text-xs">
      <h2 className="mb-1 font-semibold">Legend</h2>
      <ul className="grid grid-cols-1 gap-1">
        {LEGEND_ITEMS.map((item) => (
          <li key={item.label} className="flex items-center gap-2">
            <span className="flex w-6 shrink-0 justify-center">
              <Swatch swatch={item.swatch} theme={theme} />
            </span>
            {item.label}
          </li>
        ))}
      </ul>
    </section>
  );
}
