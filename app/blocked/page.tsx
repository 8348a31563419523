import { Suspense } from 'react';
import { BlockedPage } from '@/components/blocked/blocked-page';

export const metadata = { title: 'Blocked egress · Egress Lens' };

export default function Security() {
  return (
    <Suspense fallback={<p className="p-6 text-sm">Loading…</p>}>
      <BlockedPage />
    </Suspense>
  );
}
