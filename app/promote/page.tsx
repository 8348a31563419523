import { Suspense } from 'react';
import { PromotePage } from '@/components/promote/promote-page';

export const metadata = { title: 'Promote to ServiceEntry · Egress Lens' };

export default function Promote() {
  return (
    <Suspense fallback={<p className="p-6 text-sm">Loading…</p>}>
      <PromotePage />
    </Suspense>
  );
}
