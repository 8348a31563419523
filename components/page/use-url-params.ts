'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/**
 * The page's query string and a setter: `set({ q: 'x', sort: null })` changes
 * or removes parameters; a history entry is pushed unless `replace` (typing).
 */
export function useUrlParams(): [URLSearchParams, (patch: Record<string, string | null>, replace?: boolean) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (patch: Record<string, string | null>, replace = false) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === '') next.delete(k);
        else next.set(k, v);
      }
      const url = `${pathname}${next.toString() ? `?${next.toString()}` : ''}`;
      if (replace) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [params, router, pathname],
  );
  return [new URLSearchParams(params.toString()), set];
}
