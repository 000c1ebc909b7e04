import { expect, type Page } from "@playwright/test";

/** The page is no wider than the viewport: nothing scrolls sideways (a phone at 390 px). */
export async function expectNoSidewaysScroll(page: Page, where = "the page") {
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(widths.content, `${where}: no wider than the viewport`).toBeLessThanOrEqual(widths.viewport);
}
