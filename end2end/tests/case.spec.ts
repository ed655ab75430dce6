// A resident's cases: the overview and the case page with its timeline.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, visit } from './a11y';

async function logInAs(page: Page, person: string) {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/mijn$/);
}

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

  await page.getByRole('link', { name: 'Parkeervergunning' }).click();
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
