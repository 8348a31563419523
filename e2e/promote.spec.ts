import fs from 'node:fs/promises';
import YAML from 'yaml';
import { expect, test } from './fixtures';
import { GraphPage } from './pages/graph-page';

test.describe('promote to ServiceEntry', () => {
  test('from the graph, a blocked HTTP host: evidence, valid YAML, and a download that parses to the same objects', async ({ page, api }) => {
    const graph = new GraphPage(page);
    await graph.goto();
    await graph.clickNode('ext:pastebin.com');
    await graph.details.getByRole('link', { name: /Promote to ServiceEntry/ }).click();
    await expect(page).toHaveURL(/\/promote\?host=pastebin\.com/);

    const evidence = page.getByRole('region', { name: 'Evidence' });
    await expect(evidence).toContainText('data/etl-worker');
    await expect(evidence.getByText('blocked')).toBeVisible();
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    const text = await editor.getByRole('textbox').inputValue();
    expect(text).toContain('kind: ServiceEntry');
    expect(text).toContain('pastebin.com');

    const [download] = await Promise.all([page.waitForEvent('download'), editor.getByRole('button', { name: /Download/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.yaml$/);
    const downloaded = YAML.parseAllDocuments(await fs.readFile((await download.path())!, 'utf8')).map((d) => d.toJSON() as unknown);

    // The file holds exactly the objects on screen.
    expect(downloaded).toEqual(YAML.parseAllDocuments(text).map((d) => d.toJSON() as unknown));

    // And the API generates the same resources (evidence annotations carry rates and times that move with "now").
    const res = await api.post('/api/serviceentries', { data: { hosts: ['pastebin.com'], window: '1h' } });
    expect(res.status()).toBe(200);
    const answer = (await res.json()) as { objects: { metadata: { annotations?: unknown } }[]; validation: { errors: unknown[] } };
    expect(answer.validation.errors).toEqual([]);
    const withoutEvidence = (objs: unknown[]) => (objs as { metadata: { annotations?: unknown } }[]).map((o) => ({ ...o, metadata: { ...o.metadata, annotations: undefined } }));
    expect(withoutEvidence(downloaded)).toEqual(withoutEvidence(answer.objects));
  });

  test('an invalid edit shows an error at the right field', async ({ page }) => {
    await page.goto('/promote?host=pastebin.com');
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    const box = editor.getByRole('textbox');
    const text = await box.inputValue();
    await box.fill(text.replace(/resolution: DNS/, 'resolution: BOGUS'));
    await expect(editor.getByRole('list', { name: 'Validation errors' })).toContainText('spec.resolution');
    await box.fill(text);
    await expect(editor.getByText(/^Valid/)).toBeVisible();
  });

  test('an unattributed TCP flow asks for the address and port, then generates the TCP form', async ({ page }) => {
    await page.goto('/promote?unattributed=blocked');
    await expect(page.getByText(/carry no destination/)).toBeVisible();
    await page.getByLabel('IP address or CIDR').fill('203.0.113.50');
    await page.getByLabel('Port', { exact: true }).fill('5432');
    const editor = page.getByRole('region', { name: 'Generated resources' });
    await expect(editor.getByRole('textbox')).toHaveValue(/203\.0\.113\.50\/32/);
    await expect(editor.getByRole('textbox')).toHaveValue(/protocol: TCP/);
    await expect(editor.getByText(/^Valid/)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('data/cdc-connector');
  });

  test('a registered host offers no promote', async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.goto(`sel=${encodeURIComponent('ext:api.stripe.com')}`);
    await expect(graph.details).toContainText('Registered by a ServiceEntry in namespace payments');
    await expect(graph.details.getByRole('link', { name: /Promote/ })).toHaveCount(0);
  });

  test('requests that cannot produce a valid resource answer 400 with the errors', async ({ api }) => {
    for (const data of [{ hosts: ['*'] }, { hosts: ['10.0.0.1'] }, { hosts: ['pastebin.com'], ports: [{ number: 0, protocol: 'HTTP' }] }, { hosts: 'x' }, { bogus: 1 }]) {
      const res = await api.post('/api/serviceentries', { data });
      expect(res.status(), JSON.stringify(data)).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    const notJson = await api.post('/api/serviceentries', { data: '{not json', headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status()).toBe(400);
  });
});

test('the table offers promote for unregistered flows only, and it opens the review', async ({ page }) => {
  await page.goto('/?view=table');
  const table = page.getByRole('table', { name: 'Egress flows' });
  await expect(table.locator('tbody tr[data-status="registered"]').getByRole('link', { name: 'Promote' })).toHaveCount(0);
  const row = table.locator('tbody tr').filter({ hasText: 'api.open-meteo.com' });
  await row.getByRole('link', { name: 'Promote' }).click();
  await expect(page).toHaveURL(/\/promote\?host=api\.open-meteo\.com/);
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('ml/feature-store');
});
