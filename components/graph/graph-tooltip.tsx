'use client';

import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { tooltipPosition, type TooltipText } from '@/lib/graph/tooltip';

export interface GraphTooltipHandle {
  /** Shows a tooltip near the pointer (coordinates inside the graph's box). */
  show(text: TooltipText, pointer: { x: number; y: number }): void;
  /** Follows the pointer without re-rendering. */
  move(pointer: { x: number; y: number }): void;
  hide(): void;
}

export interface GraphTooltipProps {
  readonly ref?: Ref<GraphTooltipHandle>;
}

/**
 * The hover tooltip of the graph: a plain DOM box over the canvas, text only
 * (React text nodes, so a hostile host name is inert). Positioned through the
 * CSSOM (element.style), which the CSP's style-src-attr allows.
 */
export function GraphTooltip({ ref }: GraphTooltipProps) {
  const box = useRef<HTMLDivElement>(null);
  const pointer = useRef({ x: 0, y: 0 });
  const [text, setText] = useState<TooltipText | null>(null);

  const place = () => {
    const el = box.current;
    const parent = el?.parentElement;
    if (!el || !parent) return;
    const p = tooltipPosition(pointer.current, { width: el.offsetWidth, height: el.offsetHeight }, { width: parent.clientWidth, height: parent.clientHeight });
    el.style.transform = `translate(${p.x}px, ${p.y}px)`;
  };

  useImperativeHandle(ref, () => ({
    show: (t, at) => {
      pointer.current = at;
      setText(t);
      // Placed once React has drawn the new text (its size decides the side).
      requestAnimationFrame(place);
    },
    move: (at) => {
      pointer.current = at;
      place();
    },
    hide: () => setText(null),
  }));

  return (
    <div
      ref={box}
      role="tooltip"
      data-testid="graph-tooltip"
      hidden={text === null}
      className="pointer-events-none absolute top-0 left-0 z-10 max-w-sm rounded border border-slate-300 bg-white/95 px-2 py-1 text-xs shadow-md dark:border-slate-600 dark:bg-slate-900/95"
    >
      {text && (
        <>
          <p className="font-semibold break-all">{text.title}</p>
          {text.lines.map((line, i) => (
            <p key={i} className="text-slate-600 dark:text-slate-300">
              {line}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
