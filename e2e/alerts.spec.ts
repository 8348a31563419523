import { expect, test } from './fixtures';

test('the alert rules page generates a rules file and a PrometheusRule, and says what is wrong with bad options', async ({ page }) => {
  await page.goto('/alerts');
  const out = page.getByLabel('Generated rules');
  await expect(out).toContainText('alert: EgressBlockedAttempt');
  await expect(out).toContainText('alert: EgressBlockedSpike');
  await expect(out).toContainText('alert: EgressNewPassthroughHost');
  await page.getByLabel('team label (optional)').fill('payments-sre');
  await expect(out).toContainText('team: payments-sre');
  await page.getByRole('tab', { name: 'PrometheusRule' }).click();
  await expect(out).toContainText('kind: PrometheusRule');
  await page.getByLabel('Spike: times the baseline').fill('0.5');
  await expect(page.getByText(/spike\.factor: must be greater than 1/)).toBeVisible();
});
