// A resident's own browser window: logged in through the development DigiD provider.
import { expect, type Page } from '@playwright/test';

/** Logs `person` (as the development provider lists them) in at the basic level; ends on Mijn overzicht. */
export async function logInAs(page: Page, person: string) {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/mijn$/);
}
