import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against real backends: global setup backfills the demo
 * mesh into Prometheus and VictoriaMetrics, starts the built app once per
 * backend, and stops everything by PID afterwards. Chromium is Debian's
 * (/usr/bin/chromium); no browser is ever downloaded.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'prometheus', metadata: { backend: 'prometheus' } },
    // The same API tests with VictoriaMetrics, standing in for Thanos, Mimir and VM cluster.
    // Pages and failure handling do not depend on the engine: only the API specs run twice.
    { name: 'victoria-metrics', metadata: { backend: 'victoria-metrics' }, testMatch: ['api.spec.ts'] },
  ],
});
