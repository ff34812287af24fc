import { expect, expectNoSeriousA11yViolations, showIn, test } from "./support";

// Issue 14, defect 4: the "Give access" dialog opened with focus on ✕, so typed org numbers
// were lost. It opens on its first field.
const LANGS = {
  nb: { give: "Gi tilgang", ready: "Klar" },
  nn: { give: "Gi tilgang", ready: "Klar" },
  en: { give: "Grant access", ready: "Ready" },
};

// One walk per width: the Access page opened once, and in each language in turn (shown in place)
// the dialog opened by that language's button: every language acts at every width. The dialog's
// content is made anew at each opening (it renders only while open), so each opening starts empty.
for (const width of [1280, 390]) {
  test(`the give-access dialog starts in its org-number field in nb, nn and en at ${width === 1280 ? "1,280" : width} px`, async ({
    signedIn: page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
    await expect(page.getByTestId("grants-table")).toContainText("889640782");
    for (const [lang, c] of Object.entries(LANGS) as [keyof typeof LANGS, typeof LANGS.nb][]) {
      await test.step(`the give-access dialog starts in its org-number field (${lang}, ${width} px)`, async () => {
        // (At 390 px the language switch is folded into the header's menu: showIn needs it not.)
        await showIn(page, lang);
        await page.getByRole("button", { name: c.give, exact: true }).click();
        const dialog = page.getByRole("dialog");
        const field = dialog.locator("#grant-orgnos");
        await expect(field).toBeFocused();
        await expect(field).toBeInViewport();
        // What is typed right away lands in the field, not lost on the close button.
        await page.keyboard.type("974761076");
        await expect(field).toHaveValue("974761076");
        await expect(
          page.getByTestId("grant-entries").locator('tr[data-orgno="974761076"]'),
        ).toContainText(c.ready);
        await expectNoSeriousA11yViolations(page, `give-access dialog (${lang}, ${width} px)`);
        await page.keyboard.press("Escape");
        await expect(dialog).toHaveCount(0);
      });
    }
  });
}
