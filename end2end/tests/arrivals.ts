// What arrives from outside, as the providers post it to Loket.
import { createHmac } from 'node:crypto';
import { expect } from '@playwright/test';
import { channels } from '../playwright.config';

/** A WhatsApp message from a number Loket does not know, as Meta posts it. */
export async function whatsappArrives(baseURL: string, from: string, text: string) {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
      messages: [{ from, id: `wamid.workspace.${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
    } }] }],
  });
  const signature = 'sha256=' + createHmac('sha256', channels.whatsappSecret).update(body).digest('hex');
  const delivered = await fetch(`${baseURL}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
  expect(delivered.status).toBe(200);
}
