// Interoperability: Loket logs a resident in against a maintained,
// OpenID-certified third-party provider (oidc-provider), not only its own.
import { expect, test } from '@playwright/test';
import { expectAccessible, visit } from './a11y';

test('a resident logs in and out through a third-party OpenID provider', async ({ page }) => {
  await visit(page, '/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();

  // The provider's own (development) login and consent pages.
  await expect(page).toHaveURL(/127\.0\.0\.1:3300/);
  await page.locator('input[name="login"]').fill('fatima');
  await page.locator('input[name="password"]').fill('wachtwoord');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();

  await expect(page).toHaveURL(/127\.0\.0\.1:3102\/mijn$/);
  await expect(page.getByText('Je bent ingelogd met DigiD (niveau Substantieel).')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Mijn gegevens', exact: true }).last().click();
  await expect(page.getByText('*****0019')).toBeVisible();

  await page.getByRole('link', { name: 'Terug naar Mijn overzicht' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  // The provider confirms ending its own session (RP-initiated logout).
  await expect(page).toHaveURL(/127\.0\.0\.1:3300/);
  await page.locator('button[name="logout"], button[type="submit"]').first().click();
  await expect(page).toHaveURL(/\/uitgelogd$/);
  await page.goto('/mijn');
  await expect(page).toHaveURL(/\/inloggen\?next=\/mijn$/);
});
