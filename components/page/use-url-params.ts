'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseRange, writeRange, type SharedRange } from '@/lib/view/range';

/** A change of query parameters: a value sets, a list replaces all of that name, null or '' removes. */
export type ParamsPatch = Readonly<Record<string, string | readonly string[] | null>>;

/**
 * The page's query string and a setter: `set({ q: 'x', sort: null })` changes
 * or removes parameters; a history entry is pushed unless `replace` (typing).
 */
export function useUrlParams(): [URLSearchParams, (patch: ParamsPatch, replace?: boolean) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const set = useCallback(
    (patch: ParamsPatch, replace = false) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        next.delete(k);
        if (typeof v === 'string' && v !== '') next.set(k, v);
        else if (Array.isArray(v)) for (const one of v as readonly string[]) next.append(k, one);
      }
      const url = `${pathname}${next.toString() ? `?${next.toString()}` : ''}`;
      if (replace) router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [params, router, pathname],
  );
  return [new URLSearchParams(params.toString()), set];
}

/** The shared range (window, end, namespaces, clusters) of the page's URL, and its setter (a history entry per change). */
export function useRange(): [SharedRange, (patch: Partial<SharedRange>) => void] {
  const [params, set] = useUrlParams();
  const qs = params.toString();
  const range = useMemo(() => parseRange(new URLSearchParams(qs)), [qs]);
  const update = useCallback(
    (patch: Partial<SharedRange>) => {
      const written = writeRange(new URLSearchParams(), { ...range, ...patch });
      set({ window: written.get('window'), end: written.get('end'), ns: written.getAll('ns'), cluster: written.getAll('cluster') });
    },
    [range, set],
  );
  return [range, update];
}
