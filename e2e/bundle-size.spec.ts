import { expect, test } from "@playwright/test";
import { firstLoadJs } from "../scripts/lib/bundle-size";

// Pages ship little JavaScript: the budget for the pages caseworkers use all day, on phones too.
const BUDGET_KB = 200;

test("the case list and the case page load under 200 kB of JavaScript (gzipped)", () => {
  const routes = firstLoadJs();
  for (const route of ["/cases", "/cases/[code]"]) {
    const size = routes.find((r) => r.route === route);
    expect(size, `${route} is in the build`).toBeDefined();
    expect(size!.gzipBytes / 1024, `${route} first-load JS in kB`).toBeLessThan(BUDGET_KB);
  }
});
