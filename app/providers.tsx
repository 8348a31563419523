'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { ThemeChoice } from '@/lib/view/theme';
import { ThemeProvider } from '@/components/page/theme';
import { isRefusal } from '@/components/queries';
import { IdentityProvider } from '@/components/ui/identity';

export function Providers({ user, theme, children }: { user: string | null; theme: ThemeChoice | null; children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        // A refused request (4xx) fails the same way every time: it is never retried.
        defaultOptions: { queries: { staleTime: 10_000, retry: (failures, error) => !isRefusal(error) && failures < 1, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <ThemeProvider initial={theme}>
        <IdentityProvider user={user}>{children}</IdentityProvider>
      </ThemeProvider>
    </QueryClientProvider>
  );
}
