import Link from 'next/link';

const PAGES = [
  ['/', 'Egress graph'],
  ['/blocked', 'Blocked egress'],
  ['/readiness', 'REGISTRY_ONLY readiness'],
  ['/hosts', 'External hosts'],
  ['/alerts', 'Alert rules'],
] as const;

/** 404 for every unknown page: no inline styles (the CSP allows none), only the app's stylesheet. */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl p-6">
      <h1 className="mb-2 text-lg font-semibold">Page not found</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Egress Lens has no page at this address. Its pages are:</p>
      <ul className="list-disc space-y-1 pl-5 text-sm">
        {PAGES.map(([href, label]) => (
          <li key={href}>
            <Link href={href} className="underline">
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
