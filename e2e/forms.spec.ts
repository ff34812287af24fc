import type { Page } from "@playwright/test";
import { orgNumberProblem } from "@portvakt/contracts";
import { expect, expectNoSeriousA11yViolations, test, unique } from "./support";

// Issue 14, item 11: the Form primitive (apps/web/src/components/form) under the scope and
// client forms. In nb, nn and en, at 1,280 and 390 px: a client error on its field, a server
// error (the BFF's 409 "scope exists", field `subscope`) on its field, focus to the first
// invalid field, nothing typed lost after a failed submit, axe without serious violations.
// The Give-access dialog (features/access) too: a bad org number, and the BFF's refusal of one,
// on the org-number field.

/** Seeded in the simulator (apps/simulator/src/seed.ts): creating it again is refused. */
const EXISTING_SUBSCOPE = "demo.read";

const TEXTS = {
  nb: {
    descriptionRequired: "Beskrivelse må fylles ut",
    atLeastZero: "Må være minst 0",
    exists: `digdir:${EXISTING_SUBSCOPE} finnes allerede`,
    nameRequired: "Klienten må ha et navn",
    clientDescriptionRequired: "Klienten må ha en beskrivelse",
    give: "Gi tilgang",
    checkDigit: "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
    length: "Et organisasjonsnummer har nøyaktig 9 sifre",
  },
  nn: {
    descriptionRequired: "Skildring må fyllast ut",
    atLeastZero: "Må vere minst 0",
    exists: `digdir:${EXISTING_SUBSCOPE} finst allereie`,
    nameRequired: "Klienten må ha eit namn",
    clientDescriptionRequired: "Klienten må ha ei skildring",
    give: "Gi tilgang",
    checkDigit: "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
    length: "Eit organisasjonsnummer har nøyaktig 9 siffer",
  },
  en: {
    descriptionRequired: "A description is required",
    atLeastZero: "Must be at least 0",
    exists: `digdir:${EXISTING_SUBSCOPE} exists`,
    nameRequired: "A client needs a name",
    clientDescriptionRequired: "A client needs a description",
    give: "Grant access",
    checkDigit: "The check digit (mod 11) of this organisation number is wrong",
    length: "An organisation number is exactly 9 digits",
  },
} as const;
const WIDTHS = [1280, 390] as const;

/** A valid org number (mod 11) no other spec grants: nothing is granted to it here either. */
function freshOrgno(): string {
  for (;;) {
    const base = String(60_000_000 + Math.floor(Math.random() * 9_000_000));
    for (let check = 0; check <= 9; check++) {
      if (orgNumberProblem(`${base}${check}`) === null) return `${base}${check}`;
    }
  }
}

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

      // Give access: only bad numbers typed, so nothing can be granted; the reason is on the
      // org-number field, which gets the focus; what was typed stays.
      await page.goto(`/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
      await expect(page.getByTestId("grants-table")).toContainText("889640782");
      await page.getByRole("button", { name: text.give, exact: true }).click();
      const dialog = page.getByRole("dialog");
      const orgnos = dialog.locator("#grant-orgnos");
      const grant = dialog.locator("button[type=submit]");
      await orgnos.fill("889640781");
      await grant.click();
      await expect(dialog.locator("#grant-orgnos-error")).toHaveText(text.checkDigit);
      await expect(orgnos).toHaveAttribute("aria-invalid", "true");
      await expect(orgnos).toHaveAttribute("aria-describedby", /grant-orgnos-error/);
      await expect(orgnos).toBeFocused();
      await expect(orgnos).toHaveValue("889640781");
      await expectNoSeriousA11yViolations(page, `give access, bad number (${lang}, ${width})`);
      await orgnos.fill("12345");
      await expect(dialog.locator("#grant-orgnos-error")).toHaveText(text.length);

      // Server refusal: the BFF checks the body again (BulkJobInput). A body changed on its way
      // (an older page, a script) carries a wrong check digit; the BFF's 400 names
      // `orgnos.0`, and that lands on the field, in the page's language, once.
      const fresh = freshOrgno();
      await orgnos.fill(fresh);
      await expect(dialog.locator("#grant-orgnos-error")).toHaveCount(0);
      await page.route(
        "**/api/envs/*/access-jobs",
        async (route) => {
          const body = route.request().postDataJSON() as { orgnos: string[] };
          await route.continue({
            postData: JSON.stringify({ ...body, orgnos: ["889640781"] }),
          });
        },
        { times: 1 },
      );
      const refused = page.waitForResponse(
        (r) => r.url().endsWith("/access-jobs") && r.request().method() === "POST",
      );
      await grant.click();
      expect((await refused).status()).toBe(400);
      await expect(dialog.locator("#grant-orgnos-error")).toHaveText(text.checkDigit);
      await expect(orgnos).toHaveAttribute("aria-invalid", "true");
      await expect(orgnos).toBeFocused();
      await expect(orgnos).toHaveValue(fresh);
      await expect(page.getByText(text.checkDigit, { exact: true })).toHaveCount(1);
      await expect(page.getByTestId("toast-error")).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, `give access, server refusal (${lang}, ${width})`);
      await page.unrouteAll();
      await page.keyboard.press("Escape");
    }
  });
}
