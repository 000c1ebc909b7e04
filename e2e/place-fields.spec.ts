import type { Request } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * The place fields (components/cases/place-fields.tsx) on the intake form: a country, then one of
 * its big cities from /api/places/<country>, or "other" text; a refused form keeps all three, and a
 * form sends either a city or other text, never both.
 */

/** The form fields a server-action POST carries (React prefixes each name, e.g. `_1_ageBand`). */
function sentFields(request: Request): string[] {
  return [...(request.postData() ?? "").matchAll(/name="(?:_?\d+_)?([A-Za-z]+)"/g)].map((m) => m[1]!);
}

test("a caseworker picks Kazakhstan, then Almaty or another place; a refused form keeps the place", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  await loginAs("CASEWORKER");
  await page.goto("/cases/new");
  const country = page.getByLabel("Current country");
  const city = page.getByLabel("City or area (optional)");

  await expect(city).toBeDisabled();
  await expect(city).toHaveText("Choose the country first");
  const fetched = page.waitForResponse((r) => r.url().endsWith("/api/places/KZ"));
  await country.selectOption("KZ");
  expect((await fetched).headers()["cache-control"]).toBe("private, max-age=86400");
  await expect(city).toBeEnabled();
  await expect(city.locator("option").first()).toHaveText("Not recorded");
  await expect(city.locator("option").last()).toHaveText("Other place (typed, stored encrypted)");
  await expect(city.locator("option", { hasText: "Almaty" })).toHaveAttribute("value", "1526384");
  await expect(page.getByLabel("Other place")).toHaveCount(0);

  // Other: a text field appears, with its hint tied to it.
  await city.selectOption({ label: "Other place (typed, stored encrypted)" });
  const other = page.getByLabel("Other place", { exact: true });
  await expect(other).toBeVisible();
  await expect(other).toHaveAccessibleDescription("A city or region, never an address. Stored encrypted.");
  await other.fill("Almaty region");

  // Refused (the profile is missing): everything comes back; "other" sent no city.
  let posted = page.waitForRequest((r) => r.method() === "POST");
  await page.getByRole("button", { name: "Create case" }).click();
  let fields = sentFields(await posted);
  expect(fields).toEqual(expect.arrayContaining(["currentCountry", "placeOther"]));
  expect(fields).not.toContain("placeCity");
  await expect(page.getByLabel("Age band")).toHaveAttribute("aria-invalid", "true", { timeout: 30_000 });
  await expect(country).toHaveValue("KZ");
  await expect(city).toHaveValue("other");
  await expect(other).toHaveValue("Almaty region");

  // A listed city instead: the other text is not sent, and a refusal keeps the city.
  await city.selectOption({ label: "Almaty" });
  await expect(page.getByLabel("Other place", { exact: true })).toHaveCount(0);
  posted = page.waitForRequest((r) => r.method() === "POST");
  const answered = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Create case" }).click();
  fields = sentFields(await posted);
  expect(fields).toEqual(expect.arrayContaining(["currentCountry", "placeCity"]));
  expect(fields).not.toContain("placeOther");
  await answered;
  // The refusal takes focus back to the first invalid field: the form has its new result.
  await expect(page.getByLabel("Age band")).toBeFocused({ timeout: 30_000 });
  await expect(country).toHaveValue("KZ");
  await expect(city).toHaveValue("1526384");

  // Another country: the city of the old one is gone; the list is the new country's.
  await country.selectOption("AM");
  await expect(city.locator("option", { hasText: "Yerevan" })).toHaveCount(1);
  await expect(city).toHaveValue("");
  await expect(city.locator("option", { hasText: "Almaty" })).toHaveCount(0);
});
