// Logging in and out through the development identity provider: a real
// OpenID Connect provider inside Loket, used exactly like a DigiD broker.
import { expect, test } from '@playwright/test';
import { expectAccessible, visit } from './a11y';

test('a resident logs in with DigiD, sees their overview and logs out', async ({ page }) => {
  await visit(page, '/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await expect(page).toHaveTitle('Ontwikkel-DigiD');
  await expectAccessible(page);
  await page.getByLabel('Fatima El Amrani (BSN 999990019)').check();
  await page.getByLabel('Betrouwbaarheidsniveau').selectOption('midden');
  await page.getByRole('button', { name: 'Inloggen' }).click();

  await expect(page).toHaveURL(/\/mijn$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn overzicht');
  await expect(page.getByText('Je bent ingelogd met DigiD (niveau Midden).')).toBeVisible();
  await expectAccessible(page);

  // Sensitive details ask for a higher level than this login has.
  await page.getByRole('link', { name: 'Mijn gegevens', exact: true }).last().click();
  await expect(page.getByRole('alert')).toContainText('niveau Substantieel');
  await expect(page.getByText('*****0019')).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Terug naar Mijn overzicht' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/uitgelogd$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je bent uitgelogd');
  await expectAccessible(page);

  await page.goto('/mijn');
  await expect(page).toHaveURL(/\/inloggen\?next=\/mijn$/);
});

test('a sensitive page can be opened after logging in at a higher level', async ({ page }) => {
  await page.goto('/mijn/gegevens');
  await expect(page).toHaveURL(/\/inloggen\?next=\/mijn\/gegevens$/);
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel('Jan Jansen (BSN 999993653)').check();
  await page.getByLabel('Betrouwbaarheidsniveau').selectOption('substantieel');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/mijn\/gegevens$/);
  await expect(page.getByText('*****3653')).toBeVisible();
  await expectAccessible(page);
});

test('a staff member logs in to the workspace and logs out', async ({ page }) => {
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/inloggen\?next=\/staff$/);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  await expect(page).toHaveTitle('Ontwikkel-inlog voor medewerkers');
  await page.getByLabel('Petra Jansen (teamleider)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole('banner')).toContainText('Petra Jansen');
  await expect(page.getByRole('banner')).toContainText('Teamleider');
  await expectAccessible(page);
  // A staff session does not open the residents' part.
  await page.goto('/mijn');
  await expect(page).toHaveURL(/\/inloggen\?next=\/mijn$/);
  await page.goto('/staff');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/uitgelogd$/);
});

test('a failed login explains what happened', async ({ page }) => {
  await visit(page, '/inloggen?fout=bsn');
  await expect(page.getByRole('alert')).toContainText('geen geldig burgerservicenummer');
});
