import type { ReactNode } from 'react';

export const CONTROL = 'rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900';

export interface PageHeaderProps {
  readonly title: ReactNode;
  readonly description?: ReactNode;
  /** The page's controls under the title (time range, filters). */
  readonly children?: ReactNode;
}

/** A page's title and one-line description (the app header above it has the navigation). */
export function PageHeader({ title, description, children }: PageHeaderProps) {
  return (
    <header className="mb-4 space-y-3">
      <div>
        <h1 className="text-lg font-semibold break-words">{title}</h1>
        {description && <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      {children}
    </header>
  );
}
