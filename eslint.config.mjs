import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const FRAMEWORK = { group: ['next', 'next/*', 'react', 'react-dom', 'react/*'], message: 'lib/ is framework-free.' };
const APP_LAYER = { group: ['@/app/*', '@/components/*', '../../app/*', '../../components/*'], message: 'lib/ must not import app/ or components/.' };
const SERVER_ONLY = { group: ['@/lib/prometheus/*', '@/lib/config/*'], message: 'Components call /api/* only.' };
/** Shipped code never imports tooling: the demo mesh and process launchers (tools/), test helpers (testing/), test runners. */
const TOOLING = {
  group: ['**/tools/*', '**/tools/**', '@/tools/*', '**/testing/*', '**/testing/**', '@/testing/*', 'vitest', 'fast-check', '@playwright/*', '@testing-library/*'],
  message: 'Shipped code (lib/, app/, components/) must not import tooling: tools/, testing/ or a test runner.',
};
const TESTS = ['**/*.test.{ts,tsx}'];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Import boundaries. In flat config the last block that sets a rule wins,
  // so each block lists every pattern that applies to its files.
  {
    // lib/ is framework-free: it must run under plain Node and Vitest.
    files: ['lib/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FRAMEWORK, APP_LAYER] }] },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [FRAMEWORK, APP_LAYER, TOOLING] }] },
  },
  {
    // The browser never talks to Prometheus and never sees its configuration.
    files: ['components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_ONLY] }] },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_ONLY, TOOLING] }] },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'proxy.ts', 'instrumentation.ts', 'next.config.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [TOOLING] }] },
  },
  {
    // Playwright fixtures call `use(...)`, which is not a React hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  globalIgnores(['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '.demo/**']),
]);
