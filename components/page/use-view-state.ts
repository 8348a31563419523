'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseViewState, serializeViewState, type ViewState } from '@/lib/view/state';

/**
 * The view state lives in the URL. Changes that a user would want to go back
 * to (filters, window, selection, view) push a history entry; typing in the
 * find box replaces the current one.
 */
export function useViewState(): [ViewState, (patch: Partial<ViewState>, opts?: { replace?: boolean }) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => parseViewState(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<ViewState>, opts?: { replace?: boolean }) => {
      const next = serializeViewState({ ...view, ...patch }).toString();
      const url = next ? `${pathname}?${next}` : pathname;
      if (opts?.replace) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [view, router, pathname],
  );
  return [view, update];
}
