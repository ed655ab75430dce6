// Callback requests: during a (simulated) call an agent creates one from
// the caller's conversation; the resident sees on Mijn overzicht which team
// calls and by when; the owner records the call and closes the request.
import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { channels } from '../playwright.config';
import { expectAccessible } from './a11y';
import { onlyInFlowProjects } from './projects';

/** The six-digit code in the last text Loket sent through its own Twilio prefix. */
async function textedCode(port: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const calls: { path: string; body: string }[] = await (await fetch(`http://127.0.0.1:${channels.providersPort}/calls?prefix=/p${port}/`)).json();
    const sms = calls.filter((c) => c.path.endsWith('/Messages.json')).pop();
    const code = sms && new URLSearchParams(sms.body).get('Body')?.match(/\b\d{6}\b/)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no code was texted');
}

test('an agent creates a callback request during a call; the resident sees it; the owner handles it', async ({ page, browser, baseURL }) => {
  onlyInFlowProjects();
  const javaScript = test.info().project.use.javaScriptEnabled !== false;
  const question = `Kan mijn vergunning mee naar mijn nieuwe adres? (${Date.now()})`;

  // Fatima confirmed her mobile number, so the switchboard's call is recognised (not verified: a number can be spoofed).
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel('Fatima El Amrani (BSN 999990019)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.goto('/mijn/gegevens');
  await page.getByLabel('Mobiel nummer').fill('0687654321');
  await page.getByRole('button', { name: 'Stuur mij een code per sms' }).click();
  await page.getByLabel('Code uit de sms').fill(await textedCode(new URL(baseURL!).port));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByRole('status')).toContainText('Je telefoonnummer is bevestigd.');

  // She calls; the telephony platform reports the call to Loket.
  const callId = `call-${Date.now()}`;
  const event = JSON.stringify({ event: 'start', call_id: callId, caller: '+31687654321', agent: 'medewerker-sanne', at: new Date().toISOString() });
  const signature = 'sha256=' + createHmac('sha256', channels.telephonySecret).update(event).digest('hex');
  const started = await fetch(`${baseURL}/webhooks/telephony`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-loket-signature': signature }, body: event });
  expect(started.status).toBe(200);

  // Sanne takes the call and makes a callback request for team Parkeren.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: javaScript, viewport: { width: 1280, height: 800 } });
  const staff = await context.newPage();
  await staff.goto('/staff/inloggen');
  await staff.getByRole('link', { name: 'Inloggen als medewerker' }).click();
  await staff.getByLabel('Sanne de Vries (kcc)').check();
  await staff.getByRole('button', { name: 'Inloggen' }).click();
  await staff.getByRole('link', { name: 'Lopende telefoongesprekken' }).click();
  await expect(staff.getByText('******21 (nummer herkend, niet geverifieerd)')).toBeVisible();
  await expectAccessible(staff);
  await staff.getByRole('main').getByRole('link', { name: 'Telefoongesprek' }).first().click();
  await expect(staff.getByText('Telefoongesprek met deze beller loopt sinds')).toBeVisible();
  // Sanne asks who is calling, then links the call to Fatima with how she checked.
  await staff.getByLabel('Koppel aan inwoner (BSN, na controle van de identiteit)').fill('999990019');
  await staff.getByLabel('Hoe heb je de identiteit gecontroleerd? Dit wordt vastgelegd.').fill('Naam, geboortedatum en adres nagevraagd');
  await staff.getByRole('button', { name: 'Koppelen' }).click();
  await expect(staff.getByLabel('Koppel aan inwoner (BSN, na controle van de identiteit)')).toHaveCount(0);
  await staff.getByRole('link', { name: 'Maak een terugbelverzoek' }).click();
  await expectAccessible(staff);
  await staff.getByLabel('Soort verzoek').selectOption({ label: 'Parkeervergunning (Parkeren)' });
  await staff.getByRole('button', { name: 'Kies' }).click();
  await expect(staff.getByLabel('Terugbelnummer')).toHaveValue('+31687654321');
  await staff.getByLabel('Vraag van de inwoner').fill(question);
  await staff.getByLabel('Om welk kenteken gaat het?').fill('AB-123-C');
  await expectAccessible(staff);
  await staff.getByRole('button', { name: 'Terugbelverzoek maken' }).click();
  await expect(staff.getByRole('status')).toContainText('Opgeslagen.');
  await expect(staff.getByText('AB-123-C')).toBeVisible();
  const requestUrl = staff.url().replace(/\?.*$/, '');
  await expectAccessible(staff);

  // Fatima sees it on her overview: the team, the number (masked) and the term.
  await page.goto('/mijn');
  await expect(page.getByRole('heading', { name: 'Terugbelverzoeken' })).toBeVisible();
  await expect(page.getByText(/Parkeren belt je terug op \*{6}21, uiterlijk/)).toBeVisible();
  await expect(page.getByText('Sanne')).toHaveCount(0);
  await expectAccessible(page);

  // Sanne made it, so she follows it up: she records the call and closes it.
  await staff.goto(requestUrl);
  await staff.getByLabel('Ja', { exact: true }).check();
  await staff.getByLabel('Notitie').fill('Uitgelegd hoe het werkt.');
  await staff.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(staff.getByText(/Contact \(Telefoon\): bereikt/)).toBeVisible();
  await staff.getByLabel('Resultaat (wat is er afgesproken?)').fill('Vergunning gaat automatisch mee.');
  await staff.getByRole('button', { name: 'Afhandelen' }).click();
  await expect(staff.getByText('Vergunning gaat automatisch mee.').first()).toBeVisible();
  await expectAccessible(staff);
  await context.close();

  await page.reload();
  await expect(page.getByText(/Parkeren belt je terug/)).toHaveCount(0);
});
