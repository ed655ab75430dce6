// Consent: a resident grants, reads the receipt, withdraws, and finds both
// in the history; every step is a plain form.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';

test('a resident grants consent, sees the receipt, withdraws it and sees both in the history', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel('Kees de Boer (BSN 999991723)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Toestemmingen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toestemmingen');
  await expectAccessible(page);

  const purpose = page.locator('.card', { has: page.getByRole('heading', { name: 'Parkeervergunning meeverhuizen' }) });
  await expect(purpose.getByText('Je hebt geen toestemming gegeven.')).toBeVisible();
  await purpose.getByRole('button', { name: /^Geef toestemming/ }).click();
  const receipt = page.getByRole('status');
  await expect(receipt).toContainText('Je keuze is vastgelegd');
  await expect(receipt).toContainText('Toestemming gegeven voor “Parkeervergunning meeverhuizen” (tekstversie 1)');
  await expect(receipt).toContainText('via Mijn omgeving');
  await expectAccessible(page);

  await purpose.getByRole('button', { name: /^Trek toestemming in/ }).click();
  await expect(page.getByRole('status')).toContainText('Toestemming ingetrokken voor “Parkeervergunning meeverhuizen”');
  await expect(purpose.getByText('Je hebt geen toestemming gegeven.')).toBeVisible();
  const history = page.locator('.consent-history li');
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText('Toestemming ingetrokken');
  await expect(history.nth(1)).toContainText('Toestemming gegeven');
  await expectAccessible(page);
});
