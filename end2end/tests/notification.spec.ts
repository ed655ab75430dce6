// Messages by e-mail: the resident sets an address on Mijn gegevens and is
// asked for the code from the mail; a wrong code gets a clear answer.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';

test('a resident asks for e-mail notices and a wrong code is explained', async ({ page }) => {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel('Fatima El Amrani (BSN 999990019)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.goto('/mijn/gegevens');
  await expect(page.getByRole('heading', { name: 'Berichten per e-mail' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('E-mailadres').fill('fatima@example.nl');
  await page.getByRole('button', { name: 'Stuur mij een code', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('We hebben je een e-mail met een code gestuurd.');
  await expect(page.getByText('We hebben een code gestuurd naar fatima@example.nl')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Code uit de e-mail').fill('12345x');
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.locator('#meldingen').getByRole('alert')).toContainText('Dit klopt niet. Kijk het nog eens na.');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Stop met e-mails' }).click();
  await expect(page.getByRole('status')).toContainText('Je krijgt geen e-mails meer van ons over je zaken.');
  await expect(page.getByLabel('E-mailadres')).toBeVisible();
});
