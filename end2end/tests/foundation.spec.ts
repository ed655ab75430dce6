// The page frame: start page, language, keyboard, menu island, 404.
import { expect, test } from '@playwright/test';
import { expectAccessible, expectReflow, visit } from './a11y';

test('the start page shows the municipality and what residents can arrange', async ({ page }) => {
  const response = await visit(page, '/');
  expect(response.status()).toBe(200);
  await expect(page).toHaveTitle('Startpagina | Mijn omgeving - Gemeente Voorbeeld');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom bij Gemeente Voorbeeld');
  await expect(page.getByRole('heading', { name: 'Parkeervergunning' })).toBeVisible();
  await expect(page.getByRole('contentinfo')).toContainText('14 0123');
});

test('the content is in the first HTML response', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('Wat kun je hier regelen?');
  expect(html).toContain('Bijzondere bijstand');
});

test('the skip link is the first stop for the keyboard and jumps to the content', async ({ page }) => {
  await visit(page, '/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Direct naar de inhoud' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('the language switch changes the page to English and back', async ({ page }) => {
  await visit(page, '/contact');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/contact$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Skip to content')).toBeAttached();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test('an unknown address shows a helpful 404 page', async ({ page }) => {
  const response = await visit(page, '/bestaat-niet');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
  await page.getByRole('link', { name: 'Naar de startpagina' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the main menu is always reachable', async ({ page, isMobile, javaScriptEnabled }) => {
  await visit(page, '/');
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  const button = page.getByRole('button', { name: 'Menu' });
  if (isMobile && javaScriptEnabled) {
    // The island folds the menu behind a button once it is alive.
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(nav).toBeVisible();
    await expectAccessible(page);
  } else {
    await expect(button).toBeHidden();
    await expect(nav).toBeVisible();
  }
  await nav.getByRole('link', { name: 'Contact' }).click();
  await expect(page).toHaveURL(/\/contact$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contact');
  await expectAccessible(page);
});

test('the reflow check every visited page gets refuses a page wider than 320 px', async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, 'measures with the page itself; JavaScript-off pages are measured on their copy');
  const viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">';
  await page.setContent(`${viewport}<main><p>Omgevingsvergunning</p></main>`);
  await expectReflow(page, 'http://127.0.0.1/staff/voorbeeld');
  await page.setContent(`${viewport}<main><div style="inline-size: 480px">Een tabel van 480 px</div></main>`);
  await expect(expectReflow(page, 'http://127.0.0.1/staff/voorbeeld')).rejects.toThrow(/is 4[89]\d px wide at 320 px/);
});
