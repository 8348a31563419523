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
    { name: 'victoria-metrics', metadata: { backend: 'victoria-metrics' }, testIgnore: ['ui.spec.ts', 'failures.spec.ts', 'graph.spec.ts', 'recovery.spec.ts', 'promote.spec.ts', 'security.spec.ts', 'readiness.spec.ts', 'hosts.spec.ts', 'alerts.spec.ts', 'security-headers.spec.ts', 'backend-failures-*.spec.ts', 'hostile-data.spec.ts', 'hostile-input.spec.ts', 'shell.spec.ts', 'typing.spec.ts'] },
  ],
});
