// A staff member's own browser window, next to the resident's page of a test.
import { type Browser, type Page } from '@playwright/test';

/** Logs `person` (as the development provider lists them) in at /staff in a new context. */
export async function staffPage(browser: Browser, options: { baseURL?: string; javaScriptEnabled?: boolean; viewport?: { width: number; height: number } | null }, person: string): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto('/staff/inloggen');
  await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  return page;
}
