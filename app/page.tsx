import { Suspense } from 'react';
import { EgressPage } from '@/components/page/egress-page';
import { GraphSkeleton } from '@/components/page/states';

export default function HomePage() {
  // useSearchParams (the view lives in the URL) needs a Suspense boundary.
  return (
    <Suspense fallback={<GraphSkeleton />}>
      <EgressPage />
    </Suspense>
  );
}
