// One conversation across channels: a resident writes by WhatsApp,
// continues in Mijn omgeving, asks for answers by e-mail and gets the
// staff reply there; the thread shows all three channels.
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { channels } from '../playwright.config';
import { expectAccessible } from './a11y';
import { staffPage } from './staff';
import { onlyInFlowProjects } from './projects';

const providers = `http://127.0.0.1:${channels.providersPort}`;

/** The six-digit code in the last text Loket sent through its own Twilio prefix. */
async function textedCode(port: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const calls: { path: string; body: string }[] = await (await fetch(`${providers}/calls?prefix=/p${port}/`)).json();
    const sms = calls.filter((c) => c.path.endsWith('/Messages.json')).pop();
    const code = sms && new URLSearchParams(sms.body).get('Body')?.match(/\b\d{6}\b/)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no code was texted');
}

/** The newest mail to `address` in the test SMTP server's maildir. */
async function mailTo(address: string, containing: string): Promise<string> {
  const dir = path.join(channels.maildir, 'new');
  for (let i = 0; i < 75; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
    const mails = files.map((f) => fs.readFileSync(f, 'utf8')).filter((m) => m.includes(`X-RcptTo: ${address}`) && m.includes(containing));
    if (mails.length) return mails[mails.length - 1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${address} containing ${containing}`);
}

async function logInJan(page: Page) {
  await page.goto('/inloggen');
  await page.getByRole('link', { name: 'Inloggen met DigiD' }).click();
  await page.getByLabel('Jan Jansen (BSN 999993653)').check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/mijn$/);
}

test('WhatsApp, then the portal, then the answer by e-mail: one thread', async ({ page, browser, baseURL }) => {
  onlyInFlowProjects();
  const javaScript = test.info().project.use.javaScriptEnabled !== false;
  const port = new URL(baseURL!).port;
  const email = `jan.${port}@example.nl`;
  const question = `Mag ik mijn container buiten laten staan? (${Date.now()})`;

  // Jan confirms his mobile number with the texted code.
  await logInJan(page);
  await page.goto('/mijn/gegevens');
  await expect(page.getByRole('heading', { name: 'Sms en WhatsApp' })).toBeVisible();
  await page.getByLabel('Mobiel nummer').fill('06-12345678');
  await page.getByRole('button', { name: 'Stuur mij een code per sms' }).click();
  await expect(page.getByRole('status')).toContainText('We hebben je een sms met een code gestuurd.');
  await expectAccessible(page);
  await page.getByLabel('Code uit de sms').fill(await textedCode(port));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByRole('status')).toContainText('Je telefoonnummer is bevestigd.');

  // And his e-mail address, with the mailed code.
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een code', exact: true }).click();
  const codeMail = await mailTo(email, 'code');
  await page.getByLabel('Code uit de e-mail').fill(codeMail.match(/\b\d{6}\b/)![0]);
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByRole('status')).toContainText('Gelukt.');
  await expectAccessible(page);

  // He writes by WhatsApp (Meta posts the signed webhook).
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
      messages: [{ from: '31612345678', id: `wamid.e2e.${port}.${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: question } }],
    } }] }],
  });
  const signature = 'sha256=' + createHmac('sha256', channels.whatsappSecret).update(body).digest('hex');
  const delivered = await fetch(`${baseURL}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
  expect(delivered.status).toBe(200);

  // ... and finds it in Mijn berichten, where he continues.
  await page.goto('/mijn/berichten');
  await page.getByRole('link', { name: question.slice(0, 60).trim() }).click();
  await expect(page.locator('.message__body', { hasText: question })).toBeVisible();
  await page.getByLabel('Je bericht').fill('Het gaat om de groene container.');
  await page.getByRole('button', { name: 'Verstuur' }).click();
  await expect(page.getByText('Het gaat om de groene container.')).toBeVisible();
  await expectAccessible(page);

  // He wants the answer by e-mail.
  await page.getByLabel('Hier en per E-mail').check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status')).toContainText('Opgeslagen.');
  await expectAccessible(page);

  // A colleague answers from the inbox.
  const staff = await staffPage(browser, { baseURL, javaScriptEnabled: javaScript, viewport: { width: 1280, height: 800 } }, 'Sanne de Vries (kcc)');
  await staff.getByRole('link', { name: 'Inbox: alle kanalen' }).click();
  await staff.getByRole('link', { name: question.slice(0, 60).trim() }).first().click();
  await expect(staff.getByText(`Je antwoord gaat via E-mail naar j***@example.nl`)).toBeVisible();
  await expectAccessible(staff);
  await staff.getByLabel('Antwoord aan de inwoner').fill('Nee, zet hem na het legen weer binnen.');
  await staff.getByRole('button', { name: 'Verstuur antwoord' }).click();
  await expect(staff.getByText('Nee, zet hem na het legen weer binnen.')).toBeVisible();
  const answer = await mailTo(email, 'Nee, zet hem na het legen weer binnen.');
  expect(answer).toContain('Reply-To: vragen@voorbeeld.example');
  await staff.context().close();

  // One thread, three channels.
  await page.reload();
  const thread = page.locator('ol.thread').first();
  await expect(thread.getByText('Nee, zet hem na het legen weer binnen.')).toBeVisible();
  for (const channel of ['WhatsApp', 'Mijn omgeving', 'E-mail']) {
    await expect(thread.locator('.message__meta', { hasText: channel }).first()).toBeVisible();
  }
  await page.goto('/mijn/berichten');
  await expect(page.getByText('Via: Mijn omgeving, E-mail, WhatsApp').first()).toBeVisible();
  await expectAccessible(page);
});
