// One history per person: a visitor at the counter whom nobody knows yet
// gets a conversation of their own; once Sanne has seen his passport she
// links it to Kees, and the visit is in Kees' 360-degree view. The
// administrator sets a closed day. Plain forms only: it runs the same
// without JavaScript, on a phone and a desktop.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { whatsappArrives } from './arrivals';
import { staffPage } from './staff';
import { onlyInFlowProjects } from './projects';

test('a counter visitor gets a new conversation that joins Kees\' history once identified', async ({ browser, baseURL }) => {
  onlyInFlowProjects();
  const project = test.info().project.use;
  const sanne = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Sanne de Vries (kcc)');
  const subject = `Afvalpas kwijt (${Date.now()})`;
  await sanne.goto('/staff/gesprekken');
  await sanne.getByRole('link', { name: 'Nieuw gesprek vastleggen: balie, telefoon of brief' }).click();
  await expect(sanne.getByRole('heading', { level: 1 })).toHaveText('Nieuw gesprek vastleggen');
  await expect(sanne.getByText('nog niet geïdentificeerd')).toBeVisible();
  await expectAccessible(sanne);

  // A visitor at the desk: the conversation opens, assigned to Sanne.
  await sanne.getByLabel('Hoe was het contact?').selectOption('counter');
  await sanne.getByLabel('Onderwerp').fill(subject);
  await sanne.getByLabel('Wat vroeg of zei de inwoner?').fill('Bezoeker is zijn afvalpas kwijt en wil een nieuwe.');
  await sanne.getByRole('button', { name: 'Gesprek openen' }).click();
  await expect(sanne.getByRole('status').filter({ hasText: 'Het gesprek is geopend en aan jou toegewezen.' })).toBeVisible();
  await expect(sanne.getByRole('heading', { level: 1 })).toHaveText(subject);
  await expect(sanne.getByText('Bezoeker is zijn afvalpas kwijt en wil een nieuwe.')).toBeVisible();

  // He shows his passport: Sanne links the conversation to Kees.
  await sanne.getByLabel('Koppel aan inwoner (BSN, na controle van de identiteit)').fill('999991723');
  await sanne.getByLabel('Hoe heb je de identiteit gecontroleerd? Dit wordt vastgelegd.').fill('Paspoort gezien aan de balie');
  await sanne.getByRole('button', { name: 'Koppelen' }).first().click();
  await expect(sanne.getByRole('link', { name: 'Klantbeeld' }).first()).toBeVisible();

  // Kees' 360-degree view opens for this live contact and has the visit in his history.
  await sanne.getByRole('main').getByRole('link', { name: 'Klantbeeld' }).first().click();
  await expect(sanne.getByRole('heading', { level: 1 })).toHaveText('Klantbeeld: Kees de Boer');
  await expect(sanne.getByRole('link', { name: subject })).toBeVisible();
  await expect(sanne.getByText('Bezoeker is zijn afvalpas kwijt').first()).toBeVisible();
  await expectAccessible(sanne);

  // A call from Kees himself is recorded from his view, for him at once.
  await sanne.getByRole('link', { name: 'Nieuw gesprek vastleggen' }).click();
  await expect(sanne.getByText('Voor Kees de Boer')).toBeVisible();
  await expectAccessible(sanne);
  await sanne.context().close();
});

test('the administrator closes the municipality on a day and opens it again', async ({ browser, baseURL }) => {
  onlyInFlowProjects();
  const project = test.info().project.use;
  const bram = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Bram Visser (beheerder)');
  // Far enough ahead that no other test's appointments or terms meet it; a different day per project.
  const offset = 300 + test.info().parallelIndex * 7 + Math.floor(Math.random() * 6);
  const day = new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await bram.goto('/staff');
  await bram.getByRole('link', { name: 'Sluitingsdagen' }).click();
  await expect(bram.getByRole('heading', { level: 1 })).toHaveText('Sluitingsdagen');
  await expectAccessible(bram);
  await bram.getByLabel('Datum').fill(day);
  await bram.getByLabel('Reden (bijvoorbeeld: vrijdag na Hemelvaart)').fill('Gemeentelijke studiedag');
  await bram.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(bram.getByRole('status')).toContainText('De sluitingsdag is toegevoegd.');
  await expect(bram.getByText('Gemeentelijke studiedag').first()).toBeVisible();
  await expectAccessible(bram);
  const [year, month, date] = day.split('-').map(Number);
  const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  await bram.getByRole('button', { name: `Weer open op ${date} ${months[month - 1]} ${year}` }).click();
  await expect(bram.getByRole('status')).toContainText('De gemeente is op die dag weer open.');
  await bram.context().close();
});

test('the inbox list renews itself when a conversation arrives, never under the reader\'s hands, with its filters and counts kept in the address', async ({ browser, baseURL }) => {
  const project = test.info().project.use;
  const javaScript = project.javaScriptEnabled !== false;
  const sanne = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Sanne de Vries (kcc)');
  await sanne.goto('/staff/gesprekken');
  await sanne.getByLabel('Kanaal').selectOption('whatsapp');
  await sanne.getByLabel('Toegewezen').selectOption('none');
  // With JavaScript the page listens once it has hydrated: wait for its stream to answer.
  const listening = javaScript ? sanne.waitForResponse((r) => r.url().includes('/staff/gesprekken/live?')) : null;
  await sanne.getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(sanne).toHaveURL(/channel=whatsapp/);
  await listening;
  await expect(sanne.getByLabel('Kanaal').locator('option:checked')).toHaveText(/^WhatsApp \(\d+\)$/);
  const tag = `M${Date.now().toString(36)}`;
  await expect(sanne.locator('#inbox-lijst')).not.toContainText(tag);
  const text = `${tag} Is de milieustraat zaterdag open?`;
  await whatsappArrives(baseURL!, `3162${String(Date.now()).slice(-7)}`, text);
  if (javaScript) {
    // In place, with the filters as they were.
    await expect(sanne.locator('#inbox-lijst')).toContainText(tag);
    // With the reader's focus in the list it stays as it is, and says there is more.
    await sanne.locator('#inbox-lijst a').first().focus();
    await whatsappArrives(baseURL!, `3163${String(Date.now()).slice(-7)}`, `${tag}B Wanneer is het Repair Café?`);
    await expect(sanne.getByText('Er zijn nieuwe of gewijzigde gesprekken.')).toBeVisible();
    await expect(sanne.locator('#inbox-lijst')).not.toContainText(`${tag}B`);
    await sanne.getByRole('link', { name: 'Lijst bijwerken' }).click();
    await expect(sanne.locator('#inbox-lijst')).toContainText(`${tag}B`);
  } else {
    await sanne.reload();
    await expect(sanne.locator('#inbox-lijst')).toContainText(tag);
  }
  await expect(sanne).toHaveURL(/channel=whatsapp/);
  await sanne.context().close();
});
