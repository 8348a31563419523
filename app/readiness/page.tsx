import { Suspense } from 'react';
import { ReadinessPage } from '@/components/readiness/readiness-page';

export const metadata = { title: 'REGISTRY_ONLY readiness · Egress Lens' };

export default function Readiness() {
  return (
    <Suspense fallback={<p className="p-6 text-sm">Loading…</p>}>
      <ReadinessPage />
    </Suspense>
  );
}
