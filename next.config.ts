import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Route handlers talk to Prometheus from the server only; nothing about the
  // backend is exposed to the browser (no NEXT_PUBLIC_ variables).
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
