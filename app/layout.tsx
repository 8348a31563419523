import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { Suspense, type ReactNode } from 'react';
import { IDENTITY_HEADER } from '@/lib/auth/trusted-proxy';
import { parseThemeCookie, THEME_COOKIE, themeClass } from '@/lib/view/theme';
import { AppHeader, AppHeaderFallback } from '@/components/page/app-header';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Egress Lens',
  description: 'Istio egress observability: passthrough, blocked and registered outbound traffic from Prometheus',
};

// Every page is rendered per request: proxy.ts gives each response its own
// CSP nonce (Next.js adds it to its scripts), the signed-in user, and the
// theme cookie, rendered as the class of <html> so the first paint is right
// without an inline script.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = (await headers()).get(IDENTITY_HEADER);
  const theme = parseThemeCookie((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={themeClass(theme)}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers user={user} theme={theme}>
          <Suspense fallback={<AppHeaderFallback />}>
            <AppHeader />
          </Suspense>
          {children}
        </Providers>
      </body>
    </html>
  );
}
