'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Esc dismisses the layer opened last (a popover over the details panel
 * closes first); a click outside dismisses the layers that ask for it. One
 * window listener serves every layer, so one Esc never closes two things.
 */
const layers: { current: () => void }[] = [];

function onKeyDown(event: KeyboardEvent): void {
  // A focused widget that used the key (the graph canvas) called preventDefault.
  if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
  const top = layers[layers.length - 1];
  if (!top) return;
  event.preventDefault();
  top.current();
}

export interface DismissOptions {
  /** The layer is showing; only then do Esc and outside clicks reach it. */
  readonly open: boolean;
  readonly onDismiss: () => void;
  /** A press outside this element dismisses too (popovers; not the details panel). */
  readonly outside?: RefObject<HTMLElement | null>;
}

/** Dismiss a panel or popover with Esc, and a popover with a click outside it. */
export function useDismiss({ open, onDismiss, outside }: DismissOptions): void {
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  }, [onDismiss]);

  useEffect(() => {
    if (!open) return;
    const layer = { current: () => dismiss.current() };
    layers.push(layer);
    if (layers.length === 1) window.addEventListener('keydown', onKeyDown);
    const onPointerDown = (event: PointerEvent) => {
      const el = outside?.current;
      if (el && event.target instanceof Node && !el.contains(event.target)) dismiss.current();
    };
    if (outside) window.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      layers.splice(layers.indexOf(layer), 1);
      if (layers.length === 0) window.removeEventListener('keydown', onKeyDown);
      if (outside) window.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [open, outside]);
}

/**
 * useDismiss for a `<details>` popover: pass the returned ref to the element.
 * Esc closes it and gives focus back to its summary when focus was inside;
 * with `outsideClick`, so does a press anywhere else on the page.
 */
export function useDismissibleDetails({ outsideClick = false }: { outsideClick?: boolean } = {}): RefObject<HTMLDetailsElement | null> {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const close = () => {
    const el = ref.current;
    if (!el?.open) return;
    const hadFocus = el.contains(document.activeElement);
    el.open = false;
    setOpen(false);
    if (hadFocus) el.querySelector('summary')?.focus();
  };
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const sync = () => setOpen(el.open);
    el.addEventListener('toggle', sync);
    // The outside-press listener lives as long as the element and reads
    // `open` from the element itself: the toggle event (and React's render
    // after it) comes a task later, and a press in between must close it too.
    const onPointerDown = (event: PointerEvent) => {
      if (el.open && event.target instanceof Node && !el.contains(event.target)) {
        el.open = false;
        setOpen(false);
      }
    };
    if (outsideClick) window.addEventListener('pointerdown', onPointerDown, true);
    // Likewise Esc with focus inside (its summary included): handled here
    // first, so the window's layer listener sees it used and closes nothing else.
    const onKeyDownInside = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing || !el.open) return;
      event.preventDefault();
      el.open = false;
      setOpen(false);
      el.querySelector('summary')?.focus();
    };
    el.addEventListener('keydown', onKeyDownInside);
    return () => {
      el.removeEventListener('keydown', onKeyDownInside);
      el.removeEventListener('toggle', sync);
      if (outsideClick) window.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [outsideClick]);
  useDismiss({ open, onDismiss: close });
  return ref;
}
