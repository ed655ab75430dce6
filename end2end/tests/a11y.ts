// Visiting a page always includes an accessibility check: axe-core with
// the WCAG 2.1 A and AA rules; any violation fails the test.
//
// axe runs as JavaScript in the page, which a JavaScript-off page cannot
// do. There the exact DOM the resident sees is copied into a second page
// that may run axe but loads none of Loket's own scripts, so nothing
// hydrates and the check covers what a JavaScript-off resident gets.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Response } from '@playwright/test';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function expectAccessible(page: Page) {
  if (test.info().project.use.javaScriptEnabled !== false) {
    const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
    expect(describe(results.violations), `accessibility violations on ${page.url()}`).toEqual([]);
    return;
  }
  const url = page.url();
  const html = await page.content();
  const viewport = page.viewportSize() ?? undefined;
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true, viewport });
  try {
    const copy = await context.newPage();
    await copy.route('**/pkg/*.{js,wasm}', (route) => route.abort());
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(url);
    const results = await new AxeBuilder({ page: copy }).withTags(WCAG_21_AA).analyze();
    expect(describe(results.violations), `accessibility violations on ${url} (JavaScript off)`).toEqual([]);
  } finally {
    await context.close();
  }
}

export async function visit(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path);
  expect(response, `no response for ${path}`).not.toBeNull();
  await expectAccessible(page);
  return response!;
}
