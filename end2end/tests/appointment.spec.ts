// Both sides of a to-do: staff ask Jan a question, a fee and to book a
// talk; Jan answers, pays, picks a time, gets the calendar file, moves and
// cancels it; the team sees every step.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { staffPage } from './staff';
import { onlyInFlowProjects } from './projects';
import { logInAs } from './resident';


function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function ask(staff: Page, kind: string, title: string, extra: (staff: Page) => Promise<void>) {
  await staff.getByLabel('Soort', { exact: true }).selectOption(kind);
  await staff.getByLabel('Wat vraag je? (kort)').fill(title);
  await staff.getByLabel('Uiterlijk op').fill(inDays(10));
  await extra(staff);
  await staff.getByRole('button', { name: 'Vragen', exact: true }).click();
  await expect(staff.getByRole('status')).toContainText('De vraag staat klaar voor de inwoner.');
}

test('staff ask a question, a fee and a talk; the resident answers, pays, books, moves and cancels; the team sees each step', async ({ page, browser, baseURL }) => {
  onlyInFlowProjects();
  const project = test.info().project.use;
  const ahmed = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Ahmed Benali (specialist)');
  await ahmed.goto('/staff/zaken');
  await ahmed.getByRole('link', { name: 'Z-2026-000101' }).click();
  const caseAddress = ahmed.url();
  // Booking for the resident directly: the page offers the products and their free times.
  await ahmed.getByRole('link', { name: 'Afspraak maken voor de inwoner' }).click();
  await expect(ahmed.getByLabel('Waarvoor')).toBeVisible();
  await expect(ahmed.getByRole('radio').first()).toBeVisible();
  await expectAccessible(ahmed);
  await ahmed.goto(caseAddress);
  await expect(ahmed.getByRole('heading', { name: 'Iets vragen aan de inwoner' })).toBeVisible();
  await ask(ahmed, 'answer', 'Heb je een eigen oprit?', async (s) => {
    await s.getByLabel('Uitleg voor de inwoner').fill('Dan kun je daar parkeren.');
    await s.getByLabel('Keuzes bij een vraag (leeg: vrij antwoord)').fill('Ja\nNee');
  });
  await ask(ahmed, 'appointment', 'Kom langs voor een gesprek', async (s) => {
    await s.getByLabel('Afspraak voor (bij een afspraak)').selectOption({ label: 'Gesprek over je parkeervergunning' });
  });
  await ask(ahmed, 'pay', 'Betaal de leges', async (s) => {
    await s.getByLabel('Bedrag in euro (bij betalen)').fill('12,50');
  });
  await expect(ahmed.getByText('Vraag beantwoorden · open, uiterlijk')).toBeVisible();
  await expectAccessible(ahmed);

  // Jan answers on the case page, with one of the two choices.
  await logInAs(page, 'Jan Jansen (BSN 999993653)');
  await page.getByRole('link', { name: 'Heb je een eigen oprit?' }).click();
  await page.getByLabel('Nee', { exact: true }).check();
  await page.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(page.getByRole('status')).toContainText('We hebben je antwoord ontvangen.');
  await expectAccessible(page);

  // He pays the fee at the (test) payment provider and comes back.
  await expect(page.getByText('Bedrag: € 12,50')).toBeVisible();
  await page.getByRole('button', { name: 'Betalen', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Testbetaling' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Betalen', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Je betaling is gelukt.');
  await expect(page.getByRole('button', { name: 'Betalen', exact: true })).toHaveCount(0);

  // He picks the second day with free times, then its first time.
  await page.getByRole('link', { name: 'Kies een tijd' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kies een tijd voor je afspraak');
  await expectAccessible(page);
  const second = await page.getByLabel('Dag').locator('option').nth(1).getAttribute('value');
  await page.getByLabel('Dag').selectOption(second!);
  await page.getByRole('button', { name: 'Toon tijden' }).click();
  await expect(page.getByRole('group')).toContainText('Vrije tijden op');
  await expect(page.getByLabel('Dag')).toHaveValue(second!);
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Afspraak maken' }).click();
  await expect(page.getByRole('status')).toContainText('Je afspraak is gemaakt.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gesprek over je parkeervergunning');
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Zet in je agenda (.ics)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const calendar = readFileSync((await download.path())!, 'utf8');
  expect(calendar).toContain('BEGIN:VEVENT');
  expect(calendar).toContain('Gesprek over je parkeervergunning');

  // Moving it: the last free time of the first day.
  await page.getByRole('link', { name: 'Afspraak verzetten' }).click();
  await expectAccessible(page);
  await page.getByRole('radio').last().check();
  await page.getByRole('button', { name: 'Verzetten naar deze tijd' }).click();
  await expect(page.getByRole('status')).toContainText('Je afspraak is verzet.');

  // Ahmed sees both to-dos done: the answer and the time.
  await ahmed.goto(caseAddress);
  await expect(ahmed.getByText('Antwoord: Nee')).toBeVisible();
  await expect(ahmed.getByText(/^Afspraak: /)).toBeVisible();

  // Jan cancels; the parking team sees that a time came free.
  await page.getByRole('button', { name: 'Afspraak annuleren' }).click();
  await expect(page.getByRole('status')).toHaveText('Je afspraak is geannuleerd.');
  await ahmed.goto('/staff/afspraken');
  await expect(ahmed.getByRole('heading', { name: 'Geannuleerd in de laatste twee weken' })).toBeVisible();
  await expect(ahmed.getByRole('region', { name: 'Geannuleerd in de laatste twee weken' })).toContainText('door de inwoner');
  await expectAccessible(ahmed);
  await ahmed.context().close();
});
