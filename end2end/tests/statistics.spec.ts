// A team lead reads the statistics: from the navigation, narrows the
// period and team, reads the chart's numbers in the tables and downloads
// one as CSV; the page is axe-checked with and without JavaScript.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectAccessible } from './a11y';
import { onlyInFlowProjects } from './projects';
import { staffPage } from './staff';

test('a team lead filters the statistics by period and team and downloads a table as CSV', async ({ browser, baseURL }) => {
  onlyInFlowProjects();
  const project = test.info().project.use;
  const lead = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Petra Jansen (teamleider)');
  await lead.getByRole('link', { name: 'Statistieken' }).click();
  await expect(lead.getByRole('heading', { level: 1 })).toHaveText('Statistieken');
  // The demo's contacts of the last weeks are counted: WhatsApp among them, in the chart and the table.
  const contacts = lead.locator('#tabel-contacten');
  await expect(contacts.getByRole('rowheader', { name: 'WhatsApp' })).toBeVisible();
  await expect(lead.getByRole('img', { name: 'Contacten per week, per kanaal' })).toBeVisible();
  await expectAccessible(lead);

  // Narrow to one team and a period of a year up to today.
  const today = new Date();
  const yearAgo = new Date(today.getTime() - 360 * 24 * 3600 * 1000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await lead.getByLabel('Van', { exact: true }).fill(day(yearAgo));
  await lead.getByLabel('Team').selectOption({ label: 'KCC' });
  await lead.getByRole('button', { name: 'Toon' }).click();
  await expect(lead.getByLabel('Van', { exact: true })).toHaveValue(day(yearAgo));
  await expect(lead.getByLabel('Team')).toHaveValue(/[0-9a-f-]{36}/);
  expect(lead.url()).toContain('team=');

  const [download] = await Promise.all([
    lead.waitForEvent('download'),
    lead.locator('a[href^="/staff/statistieken/export?tabel=contacten"]').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^statistieken-contacten-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split('\n')[0]).toBe('Kanaal;Van inwoners;Aan inwoners;Totaal');
  await expectAccessible(lead);
  await lead.context().close();
});
