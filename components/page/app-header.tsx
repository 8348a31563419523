'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { failureTitle } from '@/lib/api/failure-text';
import { graphHref, LIVE_RANGE, pageHref, pageOfPath, parseRange, rowRange, type PageId, type SharedRange } from '@/lib/view/range';
import { ApiRequestError, useHealth } from '../queries';
import { SignedInAs } from '../ui/identity';
import { useLastGraphQuery } from './graph-memory';
import { Help } from './help';
import { ThemeToggle } from './theme';

const NAV: readonly { readonly page: PageId; readonly label: string }[] = [
  { page: 'graph', label: 'Graph' },
  { page: 'blocked', label: 'Blocked egress' },
  { page: 'readiness', label: 'Readiness' },
  { page: 'hosts', label: 'External hosts' },
  { page: 'alerts', label: 'Alert rules' },
];

/** Whether Prometheus answers, as every page shows it (GET /api/health, polled). */
function PrometheusStatus() {
  const health = useHealth();
  const [tone, text] = health.isError
    ? (['bg-red-600', failureTitle(health.error instanceof ApiRequestError ? health.error.code : 'prometheus-unreachable')] as const)
    : health.data
      ? (['bg-emerald-600', health.data.prometheus.version ? `Prometheus ${health.data.prometheus.version} answering` : 'Prometheus answering'] as const)
      : (['bg-slate-400', 'Checking Prometheus…'] as const);
  return (
    <span role="status" aria-label="Prometheus status" className="flex min-w-0 items-center gap-1.5 text-xs" title={text}>
      <span aria-hidden="true" className={`inline-block size-2.5 shrink-0 rounded-full ${tone}`} />
      <span className={`hidden truncate xl:inline ${health.isError ? 'text-red-700 dark:text-red-400' : 'text-slate-600 dark:text-slate-400'}`}>{text}</span>
      <span className="sr-only xl:hidden">{text}</span>
    </span>
  );
}

export interface AppHeaderViewProps {
  /** The range of the page shown, carried by every link. */
  readonly range: SharedRange;
  /** The graph's last query string in this tab. */
  readonly lastGraphQuery: string | null;
  /** The query string of the page shown. */
  readonly search: string;
}

/** The header of every page: the app, the pages (the current one marked), Prometheus's status, who is signed in, theme and help. */
export function AppHeaderView({ range, lastGraphQuery, search }: AppHeaderViewProps) {
  const pathname = usePathname();
  const current = pageOfPath(pathname);
  const [menuOpen, setMenuOpen] = useState(false);
  // Links carry the window this page shows, its default included: the next page shows the same time.
  const carried = current !== null && current !== 'alerts' ? rowRange(range, current) : range;
  const home = graphHref(carried, lastGraphQuery);
  const items = current === 'promote' ? [...NAV, { page: 'promote' as const, label: 'Promote to ServiceEntry' }] : NAV;
  const link = 'block rounded px-2 py-1 text-sm whitespace-nowrap hover:bg-slate-100 dark:hover:bg-slate-800';
  return (
    <header className="sticky top-0 z-40 h-12 border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <div className="flex h-full items-center gap-3 px-3 sm:px-4">
        <Link href={home} className="flex shrink-0 items-center gap-2 font-semibold" aria-label="Egress Lens: the graph">
          {/* Plain <img>: a static SVG needs no optimisation, and the CSP allows only same-origin images. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/logo.svg" alt="" width={24} height={24} className="size-6" />
          <span>Egress Lens</span>
        </Link>
        <nav
          id="app-pages"
          aria-label="Pages"
          className={`${menuOpen ? 'flex' : 'hidden'} absolute inset-x-0 top-12 flex-col gap-1 border-b border-slate-200 bg-white p-2 shadow-lg lg:static lg:flex lg:flex-row lg:items-center lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none dark:border-slate-800 dark:bg-slate-950 lg:dark:bg-transparent`}
        >
          {items.map(({ page, label }) => {
            const isCurrent = page === current;
            // The current page links to itself as it is; the others get the range.
            const href = isCurrent ? `${pathname}${search ? `?${search}` : ''}` : page === 'graph' ? home : pageHref(page, carried);
            return (
              <Link
                key={page}
                href={href}
                aria-current={isCurrent ? 'page' : undefined}
                className={`${link} ${isCurrent ? 'bg-slate-800 font-medium text-white hover:bg-slate-700 dark:bg-slate-200 dark:text-slate-900 dark:hover:bg-slate-300' : ''}`}
                onClick={() => setMenuOpen(false)}
              >
                {label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
          <PrometheusStatus />
          <SignedInAs />
          <ThemeToggle />
          <Help />
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-0.5 text-sm lg:hidden dark:border-slate-700"
            aria-expanded={menuOpen}
            aria-controls="app-pages"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Menu
          </button>
        </div>
      </div>
    </header>
  );
}

/** The header with the range of the page shown (reads the URL). */
export function AppHeader() {
  const params = useSearchParams();
  const lastGraphQuery = useLastGraphQuery();
  const search = params.toString();
  return <AppHeaderView range={parseRange(new URLSearchParams(search))} lastGraphQuery={lastGraphQuery} search={search} />;
}

/** The header before the URL is read (Suspense fallback): links without the range. */
export function AppHeaderFallback() {
  return <AppHeaderView range={LIVE_RANGE} lastGraphQuery={null} search="" />;
}
