import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './lib/http/headers';

const nextConfig: NextConfig = {
  // Route handlers talk to Prometheus from the server only; nothing about the
  // backend is exposed to the browser (no NEXT_PUBLIC_ variables).
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  // The Content-Security-Policy, with its per-request nonce, is set by proxy.ts.
  headers: async () => [{ source: '/:path*', headers: [...SECURITY_HEADERS] }],
  // No image is optimised: the optimiser fetched URLs it was given and was not needed (proxy.ts answers /_next/image 404).
  images: { unoptimized: true },
  // Pages renamed so that one feature has one name: the old URLs keep working (query kept).
  redirects: async () => [{ source: '/security', destination: '/blocked', permanent: true }],
  // Browsers and crawlers ask for /favicon.ico whatever the page links: answer it with the app icon.
  rewrites: async () => [{ source: '/favicon.ico', destination: '/icon.svg' }],
};

export default nextConfig;
