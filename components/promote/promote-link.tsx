'use client';

import Link from 'next/link';
import type { MouseEvent } from 'react';

export interface PromoteLinkProps {
  /** promoteHref(...) of the row's destination and range. */
  readonly href: string;
  /** Two short lines ("Promote to" / "ServiceEntry"), for a narrow table column. */
  readonly compact?: boolean;
  readonly onClick?: (e: MouseEvent<HTMLAnchorElement>) => void;
}

/** A table row's "Promote to ServiceEntry" link: one name and one look for the action on every page. */
export function PromoteLink({ href, compact = false, onClick }: PromoteLinkProps) {
  const layout = compact ? 'inline-block max-w-[6rem] leading-tight' : 'whitespace-nowrap';
  return (
    <Link href={href} className={`${layout} text-indigo-700 underline dark:text-indigo-300`} onClick={onClick}>
      Promote to ServiceEntry
    </Link>
  );
}
