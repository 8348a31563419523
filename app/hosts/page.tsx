import { Suspense } from 'react';
import { HostsPage } from '@/components/hosts/hosts-page';

export const metadata = { title: 'External hosts · Egress Lens' };

export default function Hosts() {
  return (
    <Suspense fallback={<p className="p-6 text-sm">Loading…</p>}>
      <HostsPage />
    </Suspense>
  );
}
