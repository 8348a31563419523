import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './lib/security/headers';

const nextConfig: NextConfig = {
  // Route handlers talk to Prometheus from the server only; nothing about the
  // backend is exposed to the browser (no NEXT_PUBLIC_ variables).
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  // The Content-Security-Policy, with its per-request nonce, is set by proxy.ts.
  headers: async () => [{ source: '/:path*', headers: [...SECURITY_HEADERS] }],
};

export default nextConfig;
