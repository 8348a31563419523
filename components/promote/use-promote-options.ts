'use client';

import { useCallback, useState } from 'react';
import { parsePromoteOptions, writePromoteOptions, type PromoteFormState } from '@/lib/promote/options';

/**
 * The review's options, read from its URL once and written back on every
 * change (history.replaceState: no history entry per keystroke, no server
 * round trip), so that the URL shares the review as it is on screen.
 */
export function usePromoteOptions(initial: URLSearchParams): [PromoteFormState, (next: PromoteFormState) => void] {
  const [form, setForm] = useState(() => parsePromoteOptions(initial));
  const set = useCallback((next: PromoteFormState) => {
    setForm(next);
    const query = writePromoteOptions(next, new URLSearchParams(globalThis.location.search)).toString();
    globalThis.history.replaceState(null, '', `${globalThis.location.pathname}${query ? `?${query}` : ''}`);
  }, []);
  return [form, set];
}
