import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { discoverPages } from "./support/app-routes";
import { buildWorld, contextFor, coveredPages, SCENES, type Language, type World } from "./support/tour";

/**
 * Every screen, for every kind of user, in English and Russian, on a phone (390 px) and a laptop
 * (1280 px): no WCAG 2.2 A/AA violation that axe can find, nothing wider than the viewport, and a
 * screenshot of each in test-results/screens/ (the README's pictures come from there).
 */

const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
] as const;
const LANGUAGES: Language[] = process.env.SCREENS_LANGUAGES ? (process.env.SCREENS_LANGUAGES.split(",") as Language[]) : ["en", "ru"];
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Elements whose box reaches past the right edge of the viewport (what makes a page scroll sideways). */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`document is ${document.documentElement.scrollWidth}px wide in a ${width}px viewport`);
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
      // Content inside a scrolling box (a wide table in its own scroller) does not move the page.
      let clipped = false;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (/(auto|scroll|hidden|clip)/.test(style.overflowX) && parent.getBoundingClientRect().right <= width + 1) {
          clipped = true;
          break;
        }
      }
      if (clipped || getComputedStyle(element).position === "fixed") continue;
      const tag = element.tagName.toLowerCase();
      const text = (element.textContent ?? "").trim().slice(0, 40);
      found.push(`<${tag}${element.id ? `#${element.id}` : ""}> right edge at ${Math.round(box.right)}px: "${text}"`);
    }
    return found.slice(0, 10);
  });
}

/** What axe finds against WCAG 2.2 A/AA on the page as it is, one line per rule broken. */
async function wcagViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe.run() in the page itself: the default runs it per frame and then again in a
  // blank page of its own, twice the time, for cross-origin frames that our pages do not have.
  const axe = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode().analyze();
  return axe.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join(", ")}`,
  );
}

let world: World;
test.beforeAll(async () => {
  world = await buildWorld();
});

test("the checks find what they look for: a picture without words, a box wider than the phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.setContent(`<html lang="en"><body><main><img src="data:,"><div style="width: 600px">wide</div></main></body></html>`);
  expect((await wcagViolations(page)).map((v) => v.split(" ")[0])).toContain("image-alt");
  expect(await overflowingElements(page)).toContainEqual(expect.stringMatching(/^<div> right edge at \d+px: "wide"$/));
});

test("the tour visits every page the app has", () => {
  expect(coveredPages()).toEqual(discoverPages());
});

for (const scene of SCENES) {
  test(`${scene.name} (${scene.viewer}): no accessibility violation and no sideways scrolling, at 390 and 1280 px, in English and Russian`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    for (const language of LANGUAGES) {
      // One page per language, opened (and prepared) at the phone's width, then widened: the layout
      // is CSS alone (no script reads the viewport), and a second load would only repeat the first.
      const [first] = WIDTHS;
      const { context, restore } = await contextFor(browser, baseURL!, scene.viewer, language, {
        width: first.width,
        height: first.height,
      });
      try {
        const page = await context.newPage();
        const consoleProblems: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error" && /MISSING_MESSAGE|INSUFFICIENT_PATH|hydrat|Content Security Policy/i.test(m.text()))
            consoleProblems.push(m.text().slice(0, 300));
        });
        const path = typeof scene.path === "function" ? scene.path(world) : scene.path;
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", language);
        // The streamed page is revealed a moment after load; wait for its main landmark.
        await expect(page.locator("main").first()).toBeVisible();
        if (scene.prepare) await scene.prepare(page, language);

        for (const size of WIDTHS) {
          const where = `${scene.name} · ${language} · ${size.width}px`;
          await page.setViewportSize({ width: size.width, height: size.height });
          // Let the new width's layout settle before measuring it.
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          expect(page.viewportSize()?.width).toBe(size.width);
          expect.soft(await overflowingElements(page), `${where}: nothing reaches past the viewport`).toEqual([]);
          await page.screenshot({ path: `test-results/screens/${scene.name}-${language}-${size.width}.png`, fullPage: true });

          const violations = await wcagViolations(page);
          expect.soft(violations, `${where}: WCAG 2.2 A/AA violations`).toEqual([]);
        }
        expect.soft(consoleProblems, `${scene.name} · ${language}: console errors (missing messages, hydration, CSP)`).toEqual([]);
      } finally {
        await context.close();
        await restore();
      }
    }
  });
}
