import { expectedFlows } from '../lib/demo';
import { displayText } from '../lib/format';
import { expect, test } from './fixtures';

const MIN = 60;

test('readiness lists exactly the demo unregistered passthrough hosts, per namespace, and links to their bundle', async ({ page, mesh }) => {
  const end = mesh.origin + 80 * MIN;
  await page.goto(`/readiness?window=1h&end=${end}`);
  const passthrough = expectedFlows(mesh, { end, window: 3600 }).filter((f) => f.destination.status === 'passthrough' && f.destination.host !== null && !f.via);
  const byNs = new Map<string, Set<string>>();
  for (const f of passthrough) byNs.set(f.source.namespace, (byNs.get(f.source.namespace) ?? new Set()).add(f.destination.host!));
  expect(byNs.size).toBeGreaterThan(1);

  for (const [ns, hosts] of byNs) {
    const card = page.getByRole('region', { name: `Namespace ${ns}` });
    const rows = card.getByRole('table', { name: `Hosts to register for ${ns}` }).locator('tr');
    await expect(rows).toHaveCount(hosts.size);
    const shown = await rows.locator('td:first-child').allTextContents();
    // Shown with control characters as symbols and bidi controls escaped (lib/format displayText).
    expect(new Set(shown)).toEqual(new Set([...hosts].map((h) => displayText(h))));
  }
  // A namespace whose named egress is all registered has nothing to register.
  await expect(page.getByRole('region', { name: 'Namespace payments' })).toContainText('Every named destination is registered.');
  // Unattributed TLS/TCP is called out with the Telemetry that would name it.
  await expect(page.getByRole('region', { name: 'Namespace shop' })).toContainText('without a host in the metrics');
  await expect(page.getByRole('region', { name: 'Mesh' })).toContainText('kind: Telemetry');

  await page.getByRole('region', { name: 'Namespace legacy' }).getByRole('link', { name: /^Promote to ServiceEntry/ }).click();
  await expect(page).toHaveURL(/\/promote\?host=/);
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('legacy/cms-v1');
});
