// Visiting a page always includes an accessibility check: axe-core with
// the WCAG 2.1 A and AA rules; any violation fails the test. The page's
// address is checked too: no BSN and no used token (login code, state,
// hand-over link) stays in an address, where histories, logs and
// referrers would keep it; and the page must fit a 320 px screen.
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

/** Fails when Loket's `url` carries a BSN-like number or a token that has been used. */
export function expectCleanAddress(url: string) {
  const address = new URL(url);
  // The provider's own pages carry its protocol parameters; they are not Loket's addresses.
  if (address.pathname.startsWith('/dev-idp/') || address.port === '3300') return;
  expect(address.search, `${url} keeps a login or link token`).not.toMatch(/(^|[?&])(code|state|token|id_token|access_token|bsn)=/i);
  expect(address.pathname + address.search, `${url} carries a number like a BSN`).not.toMatch(/(^|[^0-9a-f-])\d{8,9}([^0-9a-f-]|$)/i);
  // A hand-over link's own page shows the token until it is used; after that no page does.
  if (!address.pathname.startsWith('/mijn/berichten/overnemen/')) {
    expect(address.pathname, `${url} carries a token`).not.toMatch(/\/[0-9a-f]{32,}(\/|$)/i);
  }
}

/** The narrowest screen every page must fit without sideways scrolling (WCAG 1.4.10: 320 CSS px). */
const NARROWEST = 320;

/**
 * Checks that `page` reflows at 320 px: nothing makes the document wider
 * than the screen (a wide table scrolls inside its own region). Staff
 * pages are saved as screenshots at 320 px and at the project's width, once
 * (in the SQLite desktop project with JavaScript), for review.
 */
export async function expectReflow(page: Page, url: string) {
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  const review = new URL(url).pathname.startsWith('/staff') && test.info().project.name === 'sqlite-desktop-js';
  const shot = async (width: number) => {
    const name = `${new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}-${width}.png`;
    await page.screenshot({ path: test.info().outputPath('screens', name), fullPage: true });
  };
  if (review) await shot(original.width);
  await page.setViewportSize({ width: NARROWEST, height: original.height });
  try {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (review) await shot(NARROWEST);
    expect(width, `${url} is ${width} px wide at ${NARROWEST} px`).toBeLessThanOrEqual(NARROWEST);
  } finally {
    await page.setViewportSize(original);
  }
}

export async function expectAccessible(page: Page) {
  expectCleanAddress(page.url());
  if (test.info().project.use.javaScriptEnabled !== false) {
    const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
    expect(describe(results.violations), `accessibility violations on ${page.url()}`).toEqual([]);
    await expectReflow(page, page.url());
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
    await expectReflow(copy, url);
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
