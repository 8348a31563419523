import { test as base, type APIRequestContext } from '@playwright/test';
import { createDemoMesh, type DemoMesh } from '../tools/demo';
import { readState, type E2eState } from './state';

type Backend = 'prometheus' | 'victoria-metrics';

interface Fixtures {
  readonly state: E2eState;
  readonly backend: Backend;
  /** The app wired to this project's backend. */
  readonly appUrl: string;
  readonly api: APIRequestContext;
  /** The demo mesh loaded into the backends (same origin), for the oracle. */
  readonly mesh: DemoMesh;
}

export const test = base.extend<Fixtures>({
  state: async ({}, use) => use(readState()),
  backend: async ({}, use, testInfo) => use((testInfo.project.metadata as { backend: Backend }).backend),
  appUrl: async ({ state, backend }, use) => use(state.apps[backend]),
  baseURL: async ({ appUrl }, use) => use(appUrl),
  api: async ({ playwright, appUrl }, use) => {
    const ctx = await playwright.request.newContext({ baseURL: appUrl });
    await use(ctx);
    await ctx.dispose();
  },
  mesh: async ({ state }, use) => use(createDemoMesh({ origin: state.origin })),
});

export { expect } from '@playwright/test';
