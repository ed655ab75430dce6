// Need to know: an agent finds a resident, states why, and sees the
// 360-degree view; the resident then finds that access on "Wie heeft mijn
// gegevens bekeken". The privacy officer's log and the page for a part of
// the workspace a role does not open are checked too. Plain forms and
// links only, so it runs the same without JavaScript.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { onlyInFlowProjects } from './projects';

async function staffPage(browser: Browser, baseURL: string | undefined, who: string): Promise<Page> {
  const project = test.info().project.use;
  const context = await browser.newContext({ baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport });
  const page = await context.newPage();
  await page.goto('/staff/inloggen');
  await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  await page.getByLabel(who).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  return page;
}

test('an agent finds a resident, states the purpose, sees the 360-degree view, and the resident sees that access', async ({ page, browser, baseURL }) => {
  onlyInFlowProjects();
  const agent = await staffPage(browser, baseURL, 'Sanne de Vries (kcc)');
  await expect(agent.getByRole('banner')).toContainText('KCC-medewerker · KCC');
  await expect(agent.getByRole('link', { name: 'Routering (beheer)' })).toHaveCount(0);
  await agent.getByRole('link', { name: 'Inwoner zoeken' }).click();
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Inwoner zoeken');
  await expectAccessible(agent);

  // A name alone is not enough: the form says what is missing.
  await agent.getByLabel('BSN, postcode met huisnummer, e-mailadres, telefoonnummer of naam').fill('Jan Jansen');
  await agent.getByRole('button', { name: 'Zoeken' }).click();
  await expect(agent.getByRole('alert')).toBeVisible();
  await agent.getByLabel('BSN, postcode met huisnummer, e-mailadres, telefoonnummer of naam').fill('1234 AB 5');
  await agent.getByRole('button', { name: 'Zoeken' }).click();

  // Why? Nothing of Jan's is shown before the purpose is chosen.
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Klantbeeld: Jan Jansen');
  await expect(agent.getByText('Waarvoor open je het klantbeeld?')).toBeVisible();
  await expect(agent.getByText('Parkeervergunning')).toHaveCount(0);
  await expectAccessible(agent);
  await agent.getByLabel('Je aanvraag behandelen').check();
  await agent.getByRole('button', { name: 'Klantbeeld openen' }).click();
  await expect(agent.getByRole('status')).toContainText('Geopend voor: Je aanvraag behandelen');
  await expect(agent.getByRole('heading', { name: 'Zaken' })).toBeVisible();
  await expect(agent.getByText('Parkeervergunning').first()).toBeVisible();
  await expectAccessible(agent);
  expect(agent.url()).not.toContain('999993653');

  // Jan sees who looked, when and why.
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel('Jan Jansen (BSN 999993653)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Wie heeft mijn gegevens bekeken' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wie heeft mijn gegevens bekeken');
  const access = page.locator('.card', { hasText: 'je gegevens in één overzicht' }).first();
  await expect(access).toContainText('Team KCC');
  await expect(access).toContainText('Waarom: Je aanvraag behandelen');
  await expect(page.getByText('Sanne')).toHaveCount(0);
  await expectAccessible(page);

  // A part of the workspace her role does not open says so, in the frame.
  const refused = await agent.goto('/staff/routering');
  expect(refused?.status()).toBe(403);
  await expect(agent.getByRole('alert')).toBeVisible();
  await expectAccessible(agent);
  await agent.context().close();
});

test('the privacy officer searches the processing log', async ({ browser, baseURL }) => {
  const officer = await staffPage(browser, baseURL, 'Inge Bakker (privacy)');
  await officer.getByRole('link', { name: 'Verwerkingenlog' }).click();
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText('Verwerkingenlog');
  await expectAccessible(officer);
  await officer.getByLabel('BSN van de inwoner').fill('999990019');
  await officer.getByRole('button', { name: 'Zoeken' }).click();
  await expect(officer).toHaveURL(/inwoner=/);
  expect(officer.url()).not.toContain('999990019');
  await expectAccessible(officer);
  await officer.context().close();
});
