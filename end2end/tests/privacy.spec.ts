// Privacy by design: a resident downloads all their data (after logging
// in at the higher level it asks for) and asks for a correction, which
// the privacy officer answers; the administrator sets a retention term
// and does a dry run. Plain forms and links, so it runs the same without
// JavaScript.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectCleanAddress } from './a11y';
import { staffPage } from './staff';

test('a resident downloads all their data, asks for a correction and reads the answer', async ({ page, browser, baseURL }) => {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel('Kees de Boer (BSN 999991723)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.goto('/mijn/gegevens');
  await page.getByRole('link', { name: 'Naar Download al mijn gegevens' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Download al mijn gegevens');
  // All data is as sensitive as Mijn gegevens: a higher level first.
  await expect(page.getByRole('alert')).toContainText('niveau Substantieel');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Opnieuw inloggen met DigiD' }).click();
  await expect(page.getByLabel('Betrouwbaarheidsniveau')).toHaveValue('substantieel');
  await page.getByLabel('Kees de Boer (BSN 999991723)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/mijn\/gegevens\/download$/);

  // A download made earlier on this server is offered again ("een nieuwe").
  await page.getByRole('button', { name: /^Maak (mijn|een nieuwe) download$/ }).click();
  // Progress while it is made (the job is quick: it may be ready at once).
  const status = page.getByRole('status').first();
  await expect(status).toContainText(/We maken je download|Je download is klaar/);
  await expect(async () => {
    await page.goto('/mijn/gegevens/download');
    await expect(page.getByRole('status').first()).toContainText('Je download is klaar', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expectAccessible(page);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download het gegevensbestand (JSON)' }).click()]);
  const data = JSON.parse(await readFile((await file.path())!, 'utf8'));
  expect(data.profile.bsn).toBe('999991723');
  expect(Array.isArray(data.processing_log)).toBe(true);
  const [readable] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download de leesbare pagina (HTML)' }).click()]);
  expect(await readFile((await readable.path())!, 'utf8')).toContain('Alle gegevens die de gemeente');

  // Something Kees cannot change himself goes to the privacy officer.
  await page.goto('/mijn/gegevens');
  const text = `Mijn naam is verkeerd gespeld (${test.info().project.name}, ${Date.now()})`;
  await page.getByLabel('Iets in mijn gegevens verbeteren').check();
  await page.getByLabel('Wat klopt er niet, of waarom maak je bezwaar?').fill(text);
  await page.getByRole('button', { name: 'Stuur mijn verzoek' }).click();
  await expect(page.getByRole('status').first()).toContainText('We hebben je verzoek ontvangen');
  await expect(page.getByText(/We antwoorden uiterlijk/).first()).toBeVisible();
  await expectAccessible(page);

  const project = test.info().project.use;
  const officer = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Inge Bakker (privacy)');
  await officer.getByRole('link', { name: 'Privacyverzoeken' }).click();
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText('Privacyverzoeken');
  await expectAccessible(officer);
  await officer.locator('.card', { hasText: '*****1723' }).getByRole('link', { name: 'Iets in mijn gegevens verbeteren' }).first().click();
  await expect(officer.getByText(text)).toBeVisible();
  await expectAccessible(officer);
  await officer.getByLabel('Je antwoord aan de inwoner').fill('We hebben je naam verbeterd.');
  await officer.getByRole('button', { name: 'Stuur antwoord en handel af' }).click();
  await expect(officer.getByRole('status')).toContainText('Je antwoord is verstuurd');
  await officer.context().close();

  await page.goto('/mijn/gegevens');
  await expect(page.locator('.card', { hasText: text })).toContainText('We hebben je naam verbeterd.');
});

test('the administrator sets a retention term and does a dry run; the report has counts only', async ({ browser, baseURL }) => {
  const project = test.info().project.use;
  const admin = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Bram Visser (beheerder)');
  await admin.getByRole('link', { name: 'Bewaartermijnen' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Bewaartermijnen');
  await expectAccessible(admin);
  const form = admin.locator('form', { has: admin.getByLabel('Melding openbare ruimte') });
  await form.getByLabel('Melding openbare ruimte').selectOption('10');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await expect(admin.getByRole('status')).toContainText('De bewaartermijn is opgeslagen');
  await expect(admin.getByLabel('Melding openbare ruimte')).toHaveValue('10');
  await admin.getByRole('button', { name: 'Doe een proefronde (niets verwijderen)' }).click();
  await expect(admin.getByRole('status')).toContainText('Er is niets verwijderd');
  await expect(admin.locator('.card', { hasText: 'proefronde' }).first()).toContainText('Zaken');
  await expectAccessible(admin);
});

test('the address check every visited page gets refuses a used token or a BSN', () => {
  const base = 'http://127.0.0.1:3110';
  for (const kept of ['/mijn?code=abc123&state=xyz', '/staff/inwoners?q=999993653', '/staff/inwoners/999993653', '/mijn/berichten/0123456789abcdef0123456789abcdef']) {
    expect(() => expectCleanAddress(base + kept), kept).toThrow();
  }
  for (const fine of ['/mijn/berichten/0b9c2f8e-1234-4a5b-9c6d-123456789012', '/staff/verwerkingen?inwoner=0b9c2f8e-1234-4a5b-9c6d-123456789012&van=2026-11-01', '/mijn/berichten/overnemen/0123456789abcdef0123456789abcdef']) {
    expect(() => expectCleanAddress(base + fine), fine).not.toThrow();
  }
});
