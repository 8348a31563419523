'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** How long typing pauses before the text goes to the URL. */
export const TEXT_DEBOUNCE_MS = 300;

/**
 * Text typed into a box whose value also lives in the URL (find, filters).
 * The box keeps its own text: what is typed is never overwritten. The text
 * goes to the URL `delayMs` after the last keystroke (`commit`), and the
 * URL's value comes back into the box only when someone else changed it
 * (back, forward, a link), never as the late echo of an earlier commit, which
 * is how "checkout" typed at 40 ms per key used to become "cot". A
 * `delayMs` of 0 commits every keystroke as it is typed (text held in React
 * state rather than the URL).
 */
export function useDebouncedText(urlValue: string, commit: (text: string) => void, delayMs = TEXT_DEBOUNCE_MS): readonly [string, (text: string) => void, () => void] {
  const [text, setText] = useState(urlValue);
  // Values committed to the URL that it has not shown yet, oldest first.
  const pending = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ text: urlValue, url: urlValue, commit });

  useEffect(() => {
    latest.current.commit = commit;
  }, [commit]);

  useEffect(() => {
    latest.current.url = urlValue;
    const echo = pending.current.indexOf(urlValue);
    if (echo >= 0) {
      // One of our own commits arriving; those before it never will.
      pending.current = pending.current.slice(echo + 1);
      return;
    }
    if (pending.current.length === 0 && timer.current === null && urlValue === latest.current.text) return;
    // The URL changed under us: back, forward or a link. It wins over unsent typing.
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    pending.current = [];
    latest.current.text = urlValue;
    // Following navigation is the point of this effect.
    setText(urlValue);
  }, [urlValue]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const { text: value, url } = latest.current;
    // Already what the URL shows, with nothing of ours on the way: nothing to write (and no echo to wait for).
    if (value === url && pending.current.length === 0) return;
    pending.current.push(value);
    latest.current.commit(value);
  }, []);

  const type = useCallback(
    (value: string) => {
      latest.current.text = value;
      setText(value);
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      if (delayMs <= 0) flush();
      else timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  return [text, type, flush] as const;
}
