// A team lead reads the statistics: from the start page, narrows the
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
  // The start page shows today's service norms of her teams, with the way to the statistics.
  await expect(lead.getByRole('heading', { name: 'Servicenormen vandaag' })).toBeVisible();
  await expectAccessible(lead);
  await lead.locator('#main').getByRole('link', { name: 'Statistieken' }).click();
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

test('the functional administrator prices the phone and reads the cost per product on the channel steering page', async ({ browser, baseURL }) => {
  onlyInFlowProjects();
  const project = test.info().project.use;
  const admin = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Bram Visser (beheerder)');
  await admin.getByRole('link', { name: 'Statistieken' }).click();
  await admin.getByRole('link', { name: 'Kanaalsturing' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Kanaalsturing');
  await expectAccessible(admin);

  // A wrong amount is refused with the field named; nothing is lost of the page.
  const phone = admin.locator('form', { has: admin.locator('input[name="channel"][value="phone"]') });
  await phone.getByLabel('Kosten per contact (euro)').fill('vijf');
  await phone.getByRole('button', { name: 'Opslaan' }).click();
  await expect(admin.getByRole('alert')).toBeVisible();
  await expectAccessible(admin);

  const again = admin.locator('form', { has: admin.locator('input[name="channel"][value="phone"]') });
  await again.getByLabel('Kosten per contact (euro)').fill('5,25');
  await again.getByLabel('Kosten per minuut (euro)').fill('0,40');
  await again.getByRole('button', { name: 'Opslaan' }).click();
  await expect(admin.getByRole('status')).toContainText('De instelling is opgeslagen.');
  await expect(admin.locator('form', { has: admin.locator('input[name="channel"][value="phone"]') }).getByLabel('Kosten per contact (euro)')).toHaveValue('5,25');
  // The demo's calls now have a price: the table shows a cost for the phone.
  await expect(admin.locator('#tabel-kosten')).toContainText('€');
  await expectAccessible(admin);
  await admin.context().close();
});
