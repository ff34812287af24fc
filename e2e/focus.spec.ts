import { expect, expectNoSeriousA11yViolations, test } from "./support";

// Issue 14, defect 4: the "Give access" dialog opened with focus on ✕, so typed org numbers
// were lost. It opens on its first field.
const LANGS = {
  nb: { give: "Gi tilgang", ready: "Klar" },
  nn: { give: "Gi tilgang", ready: "Klar" },
  en: { give: "Grant access", ready: "Ready" },
};

// One signed-in page walks the three languages, each a named step.
test("the give-access dialog starts in its org-number field (nb, nn, en)", async ({
  signedIn: page,
}) => {
  for (const [lang, c] of Object.entries(LANGS)) {
    await test.step(`the give-access dialog starts in its org-number field (${lang})`, async () => {
      await page.getByTestId("language-switch").selectOption(lang);
      await page.goto(`/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
      await expect(page.getByTestId("grants-table")).toContainText("889640782");
      await page.getByRole("button", { name: c.give, exact: true }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog.locator("#grant-orgnos")).toBeFocused();
      await page.keyboard.type("974761076");
      await expect(dialog.locator("#grant-orgnos")).toHaveValue("974761076");
      await expect(
        page.getByTestId("grant-entries").locator('tr[data-orgno="974761076"]'),
      ).toContainText(c.ready);
      await expectNoSeriousA11yViolations(page, `give-access dialog (${lang})`);
      await page.keyboard.press("Escape");
    });
  }
});
