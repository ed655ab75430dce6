// The staff case screen: a staff member moves a case to its next status.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';

test('a staff member moves a case on to its next status', async ({ page }) => {
  await page.goto('/staff/inloggen');
  await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  await page.getByLabel('Ahmed Benali (specialist)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Lopende zaken' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lopende zaken');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Z-2026-000102' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Omgevingsvergunning Z-2026-000102');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Zet door naar: Besluit genomen' }).click();
  await expect(page.getByRole('status')).toContainText('De status is bijgewerkt');
  await expect(page.getByText('Status: Besluit genomen')).toBeVisible();
  await expectAccessible(page);

  // Add the decision letter; the resident will find it in the case.
  await page.getByLabel('Titel').fill('Besluit op je aanvraag');
  await page.getByLabel('Bestand (PDF, JPG of PNG, hoogstens 10 MB)').setInputFiles({
    name: 'besluit.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
  });
  await page.getByRole('button', { name: 'Document toevoegen' }).click();
  await expect(page.getByRole('status')).toContainText('Het document is toegevoegd');
  await expect(page.getByText(/besluit\.pdf, 1 KB, toegevoegd door de gemeente/)).toBeVisible();
  await expectAccessible(page);
});
