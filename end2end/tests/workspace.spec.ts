// The KCC workspace as an agent works in it: the frame with search and
// counts, finding a resident by phone number, a conversation opened from
// the inbox with the keyboard, the resident's context beside it, a reply,
// and the counts changing when a message arrives (live with JavaScript,
// at the next page without). Axe at 320 px and at the project's width.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { whatsappArrives } from './arrivals';
import { staffPage } from './staff';
import { onlyInFlowProjects } from './projects';

/** Axe at the narrowest width WCAG 1.4.10 asks for, then back. */
async function expectAccessibleAt320(page: Page) {
  if (test.info().project.use.javaScriptEnabled === false) return; // expectAccessible covers it through a copy with JavaScript.
  const original = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: original.height });
  try {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `at 320 px on ${page.url()}`).toEqual([]);
  } finally {
    await page.setViewportSize(original);
  }
}


test('an agent finds a resident by phone, opens a conversation by keyboard, sees the context, replies, and the counts follow', async ({ browser, baseURL }) => {
  onlyInFlowProjects();
  const project = test.info().project.use;
  const javaScript = project.javaScriptEnabled !== false;
  const agent = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Sanne de Vries (kcc)');

  // The start page says what to do now, in the workspace's own frame.
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Wat nu te doen');
  await expect(agent.getByRole('banner')).toContainText('Sanne de Vries');
  await expect(agent.getByRole('banner')).toContainText('KCC-medewerker');
  await expect(agent.getByRole('link', { name: 'Mijn omgeving' })).toHaveCount(0);
  await expect(agent.getByRole('region', { name: '1. Mijn werk' })).toContainText('Hulp bij het uploaden van afschriften');
  await expect(agent.getByRole('region', { name: '2. Over de termijn' })).toContainText('Algemene vraag');
  await expectAccessible(agent);
  await expectAccessibleAt320(agent);

  // A caller gives their mobile number: the search box finds Kees.
  await agent.getByRole('searchbox', { name: 'Zoek een inwoner, zaak of gesprek' }).fill('06 1234 5609');
  await agent.getByRole('button', { name: 'Zoek', exact: true }).click();
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Klantbeeld: Kees de Boer');
  expect(agent.url()).not.toContain('5609');

  // My conversations, opened from the list with the keyboard.
  await agent.getByRole('link', { name: /^Mijn gesprekken/ }).click();
  const counter = agent.getByRole('link', { name: 'Hulp bij het uploaden van afschriften' });
  await counter.focus();
  await agent.keyboard.press('Enter');
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Hulp bij het uploaden van afschriften');
  // Beside it, the resident's context (the conversation is hers: a live contact).
  const context = agent.getByRole('complementary', { name: 'Over deze inwoner' });
  await expect(context).toContainText('Fatima El Amrani');
  await expect(context).toContainText('Eerdere contacten');
  await expect(context).toContainText('Berichten via WhatsApp');
  await expectAccessible(agent);
  await expectAccessibleAt320(agent);

  // Reply. The shortcuts are access keys (Alt+R here, Alt+J/K through the list), which
  // Playwright's synthetic keys do not reach; the keyboard path is followed with focus and Enter.
  const reply = `Probeer het met foto's van elke pagina. (${test.info().project.name})`;
  const answer = agent.getByLabel('Antwoord aan de inwoner');
  await expect(answer).toHaveAttribute('accesskey', 'r');
  await answer.focus();
  await agent.keyboard.type(reply);
  await agent.getByRole('button', { name: 'Verstuur antwoord' }).click();
  await expect(agent.locator('.message__body', { hasText: reply })).toBeVisible();

  // A message arrives from someone unknown: the KCC's "not assigned" count goes up.
  const unassigned = agent.getByRole('link', { name: /^Niet toegewezen/ }).locator('.staff-nav__count');
  const before = Number(await unassigned.textContent());
  await whatsappArrives(baseURL!, `3161${String(Date.now()).slice(-7)}`, `Waar kan ik een gehandicaptenparkeerkaart aanvragen? (${test.info().project.name})`);
  if (!javaScript) await agent.reload();
  await expect(unassigned).toHaveText(String(before + 1));

  // On through the list to the next (or previous) conversation.
  await agent.reload();
  const next = (await agent.getByRole('link', { name: 'Volgend gesprek' }).count()) > 0;
  const heading = await agent.getByRole('heading', { level: 1 }).textContent();
  const step = agent.getByRole('link', { name: next ? 'Volgend gesprek' : 'Vorig gesprek' });
  await expect(step).toHaveAttribute('accesskey', next ? 'j' : 'k');
  await step.focus();
  await agent.keyboard.press('Enter');
  await expect(agent.getByRole('heading', { level: 1 })).not.toHaveText(heading!);
  await expect(agent.getByRole('link', { name: next ? 'Vorig gesprek' : 'Volgend gesprek' })).toBeVisible();
});

test('the shortcuts are listed on a help page', async ({ browser, baseURL }) => {
  const project = test.info().project.use;
  const agent = await staffPage(browser, { baseURL, javaScriptEnabled: project.javaScriptEnabled, viewport: project.viewport }, 'Sanne de Vries (kcc)');
  await agent.getByRole('link', { name: 'Sneltoetsen' }).click();
  await expect(agent.getByRole('heading', { level: 1 })).toHaveText('Sneltoetsen');
  await expect(agent.getByRole('row', { name: /Alt \+ J/ })).toContainText('Volgend gesprek');
  await expectAccessible(agent);
});
