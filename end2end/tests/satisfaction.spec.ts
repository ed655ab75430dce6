// Satisfaction: after staff closed his question about the opening hours,
// Jan scores the contact on the conversation's page, by keyboard; the
// page is axe-checked with the question and after the thanks.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { onlyInFlowProjects } from './projects';
import { logInAs } from './resident';

test('a resident scores a closed conversation on its page', async ({ page }) => {
  onlyInFlowProjects();
  await logInAs(page, 'Jan Jansen (BSN 999993653)');
  await page.goto('/mijn/berichten');
  await page.getByRole('link', { name: 'Openingstijden stadskantoor' }).click();
  const question = page.locator('#tevredenheid');
  await expect(question.getByRole('heading', { name: 'Hoe tevreden ben je?' })).toBeVisible();
  await expectAccessible(page);

  // Sending without a choice says what is missing; then a 4, chosen by keyboard.
  await question.getByRole('button', { name: 'Verstuur mijn cijfer' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.locator('#tevredenheid').getByLabel('4 – tevreden').focus();
  await page.keyboard.press('Space');
  await page.locator('#tevredenheid').getByRole('button', { name: 'Verstuur mijn cijfer' }).press('Enter');
  await expect(page.getByRole('status')).toContainText('We hebben je cijfer ontvangen.');
  await expect(page.locator('#tevredenheid')).toContainText('Jouw cijfer: 4');
  await expectAccessible(page);
});
