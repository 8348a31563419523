import { expect, test } from './fixtures';

test('GET /api/health says where the Istio metrics start and that they run to now', async ({ api, state }) => {
  const res = await api.get('/api/health');
  expect(res.status()).toBe(200);
  const { istio } = (await res.json()) as { istio: { first: string; last: string; earlier: boolean } | null };
  expect(istio).not.toBeNull();
  expect(istio!.earlier).toBe(false);
  // The demo history starts at state.origin; the lookup places it to the minute.
  expect(Math.abs(Date.parse(istio!.first) / 1000 - state.origin)).toBeLessThanOrEqual(120);
  // It is backfilled an hour ahead: it runs to now.
  expect(Date.now() / 1000 - Date.parse(istio!.last) / 1000).toBeLessThan(10 * 60);
});
