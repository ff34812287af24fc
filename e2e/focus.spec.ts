import { expect, expectNoSeriousA11yViolations, test } from "./support";

// Issue 14, defect 4: the "Give access" dialog opened with focus on ✕, so typed org numbers
// were lost. It opens on its first field.
const LANGS = {
  nb: { give: "Gi tilgang", ready: "Klar" },
  nn: { give: "Gi tilgang", ready: "Klar" },
  en: { give: "Grant access", ready: "Ready" },
};

// One signed-in page walks the three languages, each width of each a named step.
test("the give-access dialog starts in its org-number field (nb, nn, en; 1,280 and 390 px)", async ({
  signedIn: page,
}) => {
  // Six dialogs, each scanned with axe: more than the default minute on a loaded machine.
  test.slow();
  for (const [lang, c] of Object.entries(LANGS)) {
    for (const width of [1280, 390]) {
      await test.step(`the give-access dialog starts in its org-number field (${lang}, ${width} px)`, async () => {
        await page.setViewportSize({ width, height: 900 });
        // (At 390 px the language switch is folded into the header's menu.)
        await page.evaluate((value) => localStorage.setItem("portvakt.lang", value), lang);
        await page.goto(`/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
        await expect(page.getByTestId("grants-table")).toContainText("889640782");
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
  }
});
