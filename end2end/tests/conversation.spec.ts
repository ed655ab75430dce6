// Conversations: a resident asks a question, a staff member picks it up in
// the inbox, adds an internal note and replies; the resident reads the
// reply in the open page (live with JavaScript, after a reload without).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { onlyInFlowProjects } from './projects';

async function logInResident(page: Page, person: string) {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel(person).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/mijn$/);
}

async function staffPage(browser: Browser, baseURL: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/staff/inloggen');
  await page.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  await page.getByLabel('Sanne de Vries (kcc)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  return page;
}

test('a question is answered in the same thread; the internal note stays internal', async ({ page, browser, baseURL }) => {
  onlyInFlowProjects();
  const javaScript = test.info().project.use.javaScriptEnabled !== false;
  const subject = `Vraag over mijn paspoort ${Date.now()}`;
  await logInResident(page, 'Kees de Boer (BSN 999991723)');
  await page.getByRole('link', { name: 'Alle berichten en een nieuwe vraag' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn berichten');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Stel een nieuwe vraag' }).click();
  await expectAccessible(page);

  // Sending without a message keeps the subject and says what is missing.
  await page.getByLabel('Onderwerp').fill(subject);
  await page.getByLabel('Je bericht').fill('   ');
  await page.getByRole('button', { name: 'Verstuur je vraag' }).click();
  await expect(page.getByRole('alert')).toContainText('Vul dit in.');
  await expect(page.getByLabel('Onderwerp')).toHaveValue(subject);
  await expectAccessible(page);

  await page.getByLabel('Je bericht').fill('Moet ik een pasfoto meenemen?');
  await page.getByRole('button', { name: 'Verstuur je vraag' }).click();
  await expect(page.getByRole('status')).toContainText('Je bericht is verstuurd');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expectAccessible(page);

  const staff = await staffPage(browser, baseURL!, javaScript);
  await staff.getByRole('link', { name: 'Inbox: alle kanalen' }).click();
  await expectAccessible(staff);
  await staff.getByRole('link', { name: subject }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expectAccessible(staff);
  await staff.getByLabel('Interne notitie (de inwoner ziet dit niet)').fill('Collega van Burgerzaken gevraagd');
  await staff.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(staff.getByText('Collega van Burgerzaken gevraagd')).toBeVisible();
  await staff.getByLabel('Antwoord aan de inwoner').fill('Ja, een pasfoto van hoogstens 6 maanden oud.');
  await staff.getByRole('button', { name: 'Verstuur antwoord' }).click();
  await expect(staff.getByText('Ja, een pasfoto van hoogstens 6 maanden oud.')).toBeVisible();

  // The resident's page is still open: with JavaScript the reply appears there by itself.
  if (!javaScript) await page.reload();
  await expect(page.getByText('Ja, een pasfoto van hoogstens 6 maanden oud.')).toBeVisible();
  await expect(page.getByText('Collega van Burgerzaken gevraagd')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('Wacht op jouw antwoord')).toBeVisible();
  await expect(page.getByText('Collega van Burgerzaken gevraagd')).toHaveCount(0);
  await expectAccessible(page);

  // The open question is on the overview.
  await page.goto('/mijn');
  await expect(page.getByRole('link', { name: subject })).toBeVisible();
  await staff.context().close();
});
