import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, unique } from "./support";

// Issue 14, item 11: the Form primitive (apps/web/src/components/form) under the scope and
// client forms. In nb, nn and en, at 1,280 and 390 px: a client error on its field, a server
// error (the BFF's 409 "scope exists", field `subscope`) on its field, focus to the first
// invalid field, nothing typed lost after a failed submit, axe without serious violations.

/** Seeded in the simulator (apps/simulator/src/seed.ts): creating it again is refused. */
const EXISTING_SUBSCOPE = "demo.read";

const TEXTS = {
  nb: {
    descriptionRequired: "Beskrivelse må fylles ut",
    atLeastZero: "Må være minst 0",
    exists: `digdir:${EXISTING_SUBSCOPE} finnes allerede`,
    nameRequired: "Klienten må ha et navn",
    clientDescriptionRequired: "Klienten må ha en beskrivelse",
  },
  nn: {
    descriptionRequired: "Skildring må fyllast ut",
    atLeastZero: "Må vere minst 0",
    exists: `digdir:${EXISTING_SUBSCOPE} finst allereie`,
    nameRequired: "Klienten må ha eit namn",
    clientDescriptionRequired: "Klienten må ha ei skildring",
  },
  en: {
    descriptionRequired: "A description is required",
    atLeastZero: "Must be at least 0",
    exists: `digdir:${EXISTING_SUBSCOPE} exists`,
    nameRequired: "A client needs a name",
    clientDescriptionRequired: "A client needs a description",
  },
} as const;
const WIDTHS = [1280, 390] as const;

/** The language is chosen in the header at 1,280 px (at 390 px it is folded into the menu). */
async function useLanguage(page: Page, lang: string, width: number) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId("language-switch").selectOption(lang);
  await page.setViewportSize({ width, height: width > 400 ? 800 : 844 });
}

/** The submit button of the page's admin form (AdminForm: the fields carry `form-fields`). */
const submitOf = (page: Page) =>
  page.getByTestId("form-fields").locator("xpath=ancestor::form").locator("button[type=submit]");

for (const [lang, text] of Object.entries(TEXTS)) {
  test(`forms show client and server errors on their fields (${lang})`, async ({
    signedIn: page,
  }) => {
    for (const width of WIDTHS) {
      await useLanguage(page, lang, width);

      // Scope form, client check: the description is missing and a lifetime is negative.
      await page.goto("/scopes/new");
      const subscope = page.locator("#scope-subscope");
      const description = page.locator("#scope-description");
      const atMaxAge = page.locator("#scope-at_max_age");
      // The demo organisation has two prefixes; the seeded scope is under digdir.
      await page.locator("#scope-prefix").selectOption("digdir");
      const typed = unique("e2e/forms.");
      await subscope.fill(typed);
      await atMaxAge.fill("-1");
      await submitOf(page).click();
      await expect(page.locator("#scope-description-error")).toHaveText(text.descriptionRequired);
      await expect(page.locator("#scope-at_max_age-error")).toHaveText(text.atLeastZero);
      await expect(description).toHaveAttribute("aria-invalid", "true");
      await expect(description).toHaveAttribute("aria-describedby", /scope-description-error/);
      // Focus on the first invalid field in screen order, nothing typed lost.
      await expect(description).toBeFocused();
      await expect(subscope).toHaveValue(typed);
      await expect(atMaxAge).toHaveValue("-1");
      await expectNoSeriousA11yViolations(page, `scope form, client errors (${lang}, ${width})`);

      // Fixing a field clears its error as it is typed.
      await description.fill(`Skjema ${lang} ${width}`);
      await expect(page.locator("#scope-description-error")).toHaveCount(0);
      await atMaxAge.fill("");
      await expect(page.locator("#scope-at_max_age-error")).toHaveCount(0);

      // Server check: the name exists (409 with `errors[0].field = "subscope"`).
      await subscope.fill(EXISTING_SUBSCOPE);
      await page.locator("#scope-long_description").fill("Lang tekst som skal bli stående");
      await submitOf(page).click();
      await expect(page.locator("#scope-subscope-error")).toHaveText(text.exists);
      await expect(subscope).toHaveAttribute("aria-invalid", "true");
      await expect(subscope).toBeFocused();
      await expect(description).toHaveValue(`Skjema ${lang} ${width}`);
      await expect(page.locator("#scope-long_description")).toHaveValue(
        "Lang tekst som skal bli stående",
      );
      // The field's error is not repeated in the panel beside the submit button.
      const panel = page
        .getByRole("alert")
        .filter({ has: page.getByText(/./) })
        .last();
      await expect(panel).toBeVisible();
      await expect(page.getByText(text.exists, { exact: true })).toHaveCount(1);
      await expect(submitOf(page)).toBeEnabled();
      await expectNoSeriousA11yViolations(page, `scope form, server error (${lang}, ${width})`);

      // Client form: both required fields missing; focus on the name.
      await page.goto("/clients/new");
      const lifetime = page.locator("#client-access_token_lifetime");
      await lifetime.fill("90000");
      await submitOf(page).click();
      await expect(page.locator("#client-client_name-error")).toHaveText(text.nameRequired);
      await expect(page.locator("#client-description-error")).toHaveText(
        text.clientDescriptionRequired,
      );
      await expect(page.locator("#client-access_token_lifetime-error")).toBeVisible();
      await expect(page.locator("#client-client_name")).toBeFocused();
      await expect(lifetime).toHaveValue("90000");
      await expectNoSeriousA11yViolations(page, `client form, client errors (${lang}, ${width})`);

      // Supplier form (a client for a customer): a wrong check digit and no name; the org
      // number comes first, so it gets the focus; what was typed stays.
      await page.goto("/supplier");
      const orgno = page.locator("#supplier-client_orgno");
      await orgno.fill("123456789");
      await page.locator("#supplier-description").fill("Kunde");
      await page
        .locator("#supplier-client_orgno")
        .locator("xpath=ancestor::form")
        .locator("button[type=submit]")
        .click();
      await expect(orgno).toHaveAttribute("aria-invalid", "true");
      await expect(orgno).toBeFocused();
      await expect(page.locator("#supplier-client_name-error")).toHaveText(text.nameRequired);
      await expect(orgno).toHaveValue("123456789");
      await expect(page.locator("#supplier-description")).toHaveValue("Kunde");
      await expectNoSeriousA11yViolations(page, `supplier form, client errors (${lang}, ${width})`);
    }
  });
}
