import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { IDENTITY_HEADER } from '@/lib/auth/trusted-proxy';
import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Egress Lens',
  description: 'Istio egress observability: passthrough, blocked and registered outbound traffic from Prometheus',
};

// Every page is rendered per request: proxy.ts gives each response its own
// CSP nonce (Next.js adds it to its scripts), and the signed-in user.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = (await headers()).get(IDENTITY_HEADER);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers user={user}>{children}</Providers>
      </body>
    </html>
  );
}
