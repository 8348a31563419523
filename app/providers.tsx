'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { IdentityProvider } from '@/components/ui/identity';

export function Providers({ user, children }: { user: string | null; children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <IdentityProvider user={user}>{children}</IdentityProvider>
    </QueryClientProvider>
  );
}
