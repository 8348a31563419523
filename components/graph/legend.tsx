import { PALETTE, type Theme } from './graph-styles';

export interface LegendProps {
  readonly theme: Theme;
}

function Swatch({ color, dashed, shape }: { color: string; dashed?: boolean; shape: 'node' | 'line' | 'blocked' }) {
  if (shape === 'node') {
    return <span aria-hidden className="inline-block h-3.5 w-5 rounded-sm border-2" style={{ borderColor: color, borderStyle: dashed ? 'dashed' : 'solid' }} />;
  }
  return (
    <span aria-hidden className="inline-flex w-6 items-center">
      <span className="block w-full" style={{ height: shape === 'blocked' ? 4 : 2, background: color }} />
      {shape === 'blocked' && <span className="block h-3 w-1" style={{ background: color }} />}
    </span>
  );
}

/** Explains every shape and colour of the graph. */
export function Legend({ theme }: LegendProps) {
  const c = PALETTE[theme];
  const item = 'flex items-center gap-2';
  return (
    <section aria-label="Legend" className="text-xs">
      <h2 className="mb-1 font-semibold">Legend</h2>
      <ul className="grid grid-cols-1 gap-1">
        <li className={item}>
          <span aria-hidden className="inline-block h-3.5 w-3.5 rounded-full border-2" style={{ borderColor: c.workloadBorder, background: c.workload }} /> workload (in its namespace box)
        </li>
        <li className={item}>
          <span aria-hidden className="inline-block h-3.5 w-4 border-2" style={{ borderColor: c.workloadBorder, clipPath: 'polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%)', background: c.workloadBorder }} /> egress gateway
        </li>
        <li className={item}>
          <Swatch shape="node" color={c.registered} /> registered host (a ServiceEntry covers it)
        </li>
        <li className={item}>
          <Swatch shape="node" color={c.passthrough} dashed /> passthrough host (unregistered, ALLOW_ANY)
        </li>
        <li className={item}>
          <span aria-hidden className="inline-block h-3.5 w-5 rounded-sm" style={{ background: c.blocked }} /> blocked host (unregistered, REGISTRY_ONLY)
        </li>
        <li className={item}>
          <span aria-hidden className="inline-block h-3.5 w-5 rounded-sm border-2 border-dotted" style={{ borderColor: c.muted }} /> TLS/TCP without a host in the metrics
        </li>
        <li className={item}>
          <Swatch shape="blocked" color={c.blocked} /> blocked traffic (red means blocked only)
        </li>
        <li className={item}>
          <Swatch shape="line" color={c.http} /> HTTP/gRPC, healthy
        </li>
        <li className={item}>
          <Swatch shape="line" color={c.degraded} /> degraded (any 5xx, or 4xx ≥ 10%)
        </li>
        <li className={item}>
          <Swatch shape="line" color={c.failing} /> failing (5xx ≥ 10%, or 4xx ≥ 20%)
        </li>
        <li className={item}>
          <Swatch shape="line" color={c.tcp} /> TCP (no health from metrics)
        </li>
        <li className={item}>
          <Swatch shape="line" color={c.idle} /> idle (no traffic in the window)
        </li>
      </ul>
    </section>
  );
}
