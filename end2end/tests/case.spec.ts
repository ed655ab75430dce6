// A resident's cases: the overview and the case page with its timeline.
import { expect, test } from '@playwright/test';
import { expectAccessible, visit } from './a11y';
import { staffPage } from './staff';
import { onlyInFlowProjects } from './projects';
import { logInAs } from './resident';

test('a resident follows a case from the overview to its timeline', async ({ page }) => {
  await logInAs(page, 'Jan Jansen (BSN 999993653)');
  await expect(page.getByRole('heading', { name: 'Lopende zaken' })).toBeVisible();
  const open = page.locator('section[aria-labelledby="lopende-zaken"] .card h3');
  await expect(open).toHaveText(['Omgevingsvergunning', 'Parkeervergunning']);
  // Closed cases are folded away until asked for; <details> needs no JavaScript.
  const closed = page.getByText('Afgeronde zaken (1)');
  await expect(page.getByRole('link', { name: 'Melding openbare ruimte' })).toBeHidden();
  await closed.click();
  await expect(page.getByRole('link', { name: 'Melding openbare ruimte' })).toBeVisible();
  await expectAccessible(page);

  await page.locator('section[aria-labelledby="lopende-zaken"]').getByRole('link', { name: 'Parkeervergunning' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parkeervergunning');
  await expect(page.locator('.timeline__step')).toHaveCount(4);
  await expect(page.locator('[aria-current="step"]')).toContainText('In behandeling');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Terug naar Mijn overzicht' }).click();
  await expect(page).toHaveURL(/\/mijn$/);
});

test('a resident without cases reads a friendly empty state', async ({ page }) => {
  await logInAs(page, 'Kees de Boer (BSN 999991723)');
  await expect(page.getByText('Je hebt op dit moment geen lopende zaken.')).toBeVisible();
  await expectAccessible(page);
});

test('an unknown case shows the not-found page', async ({ page }) => {
  await logInAs(page, 'Kees de Boer (BSN 999991723)');
  const response = await visit(page, '/mijn/zaken/00000000-0000-4000-8000-000000000000');
  expect(response.status()).toBe(404);
});

test('a resident sends the requested document, the case moves on, and the team downloads it', async ({ page, browser, baseURL, javaScriptEnabled, viewport }) => {
  onlyInFlowProjects();
  await logInAs(page, 'Fatima El Amrani (BSN 999990019)');
  // What the municipality needs comes first.
  await expect(page.locator('main h2').first()).toHaveText('Wat moet je doen');
  await page.getByRole('link', { name: 'Stuur je bankafschriften' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bijzondere bijstand');
  await expect(page.locator('[aria-current="step"]')).toContainText('Informatie nodig');
  await expectAccessible(page);

  // A file that is not a PDF, JPG or PNG is refused, whatever its name.
  const input = page.getByLabel('Kies een bestand (PDF, JPG of PNG, hoogstens 10 MB)');
  await input.setInputFiles({ name: 'afschrift.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just some text') });
  await page.getByRole('button', { name: 'Document versturen' }).click();
  await expect(page.getByRole('alert')).toContainText('Stuur een PDF, JPG of PNG');
  await expectAccessible(page);

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  await page.getByLabel('Kies een bestand (PDF, JPG of PNG, hoogstens 10 MB)').setInputFiles({ name: 'afschrift.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Document versturen' }).click();
  await expect(page.getByRole('status')).toContainText('Je document is verstuurd');
  await expect(page.getByRole('button', { name: 'Document versturen' })).toHaveCount(0);
  await expect(page.locator('[aria-current="step"]')).toContainText('In behandeling');
  await expect(page.getByRole('link', { name: 'Stuur je bankafschriften' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Terug naar Mijn overzicht' }).click();
  await expect(page.getByRole('heading', { name: 'Wat moet je doen' })).toHaveCount(0);

  // Ahmed handles the case for Werk & Inkomen: he sees what Fatima sent, and downloads it.
  const staff = await staffPage(browser, { baseURL, javaScriptEnabled, viewport }, 'Ahmed Benali (specialist)');
  await staff.getByRole('link', { name: 'Lopende zaken' }).click();
  await staff.getByRole('link', { name: 'Z-2026-000201' }).click();
  await expect(staff.getByRole('heading', { name: 'Documenten' })).toBeVisible();
  await expect(staff.getByText(/afschrift\.pdf, 1 KB, gestuurd door de inwoner/)).toBeVisible();
  await expectAccessible(staff);
  const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name: 'Stuur je bankafschriften' }).click()]);
  expect(download.suggestedFilename()).toBe('afschrift.pdf');
  await staff.context().close();
});

test('a resident cancels an appointment', async ({ page }) => {
  await logInAs(page, 'Jan Jansen (BSN 999993653)');
  await expect(page.getByRole('heading', { name: 'Paspoort ophalen' })).toBeVisible();
  await expect(page.getByText('Meenemen: Neem je oude paspoort mee.')).toBeVisible();
  // Scoped to its card: another test may give Jan a second appointment meanwhile.
  await page.locator('.card', { hasText: 'Paspoort ophalen' }).getByRole('button', { name: 'Afspraak annuleren' }).click();
  await expect(page.getByRole('status')).toHaveText('Je afspraak is geannuleerd.');
  await expect(page.getByRole('heading', { name: 'Paspoort ophalen' })).toHaveCount(0);
  await expectAccessible(page);
});
