import type { Page } from "@playwright/test";
import {
  expect,
  expectNoSeriousA11yViolations,
  setTheme,
  showIn,
  THEME_DEPENDENT_AXE_RULES,
  test,
} from "./support";

// Issue 14, #14: the console's components are Digdir's Designsystemet (its CSS classes and
// data attributes on the elements, its colour tokens in light and dark), in nb, nn and en, at
// 1,280 and 390 px, with axe (0 serious or critical) and screenshots in both themes
// (e2e/screenshots/design-system-*.png).

/** A client of the demo provider with one key (seeded: "Digdir eldre integrasjon"). */
const KEYED_CLIENT = "1e9a7c55-2f4b-4d8e-9c3a-b5d6e7f80912";
const LANGS = ["nb", "nn", "en"] as const;
const WIDTHS = [1280, 390] as const;
const THEMES = ["light", "dark"] as const;

/**
 * Form controls and buttons in the page's main part that are not Designsystemet's: a button
 * without `.ds-button` (the sort buttons in a Designsystemet table header are its own pattern),
 * an input, select or textarea without `.ds-input`.
 */
async function homeMadeControls(page: Page): Promise<string[]> {
  return page.locator("main").evaluate((main) =>
    [...main.querySelectorAll<HTMLElement>("button, input, select, textarea, a[data-variant]")]
      .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
      .filter((el) => {
        if (el.matches("a[data-variant], button")) {
          return !el.matches(".ds-button, .ds-table th > button, .ds-link");
        }
        return !el.matches(".ds-input") && (el as HTMLInputElement).type !== "hidden";
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** The colour the theme's token resolves to on <html>, as the browser computes colours. */
async function tokenColour(page: Page, token: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement("span");
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, token);
}

/** Both themes: the scheme attribute, Designsystemet's page background, axe, a screenshot. */
async function checkThemes(page: Page, name: string) {
  for (const theme of THEMES) {
    await setTheme(page, theme);
    await expect(page.locator("html")).toHaveAttribute("data-color-scheme", theme);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background, `${name}: body on Designsystemet's background (${theme})`).toBe(
      await tokenColour(page, "--ds-color-neutral-background-default"),
    );
    await page.screenshot({
      path: `e2e/screenshots/design-system-${name}-${theme}.png`,
      fullPage: true,
    });
    // Every rule in light; in dark the rules a theme can change (the DOM stays as it was).
    await expectNoSeriousA11yViolations(
      page,
      `${name} (${theme})`,
      theme === "dark" ? THEME_DEPENDENT_AXE_RULES : undefined,
    );
  }
  // Light and dark really differ (the tokens switch with the scheme).
  await setTheme(page, "light");
  const light = await tokenColour(page, "--ds-color-neutral-background-default");
  await setTheme(page, "dark");
  expect(await tokenColour(page, "--ds-color-neutral-background-default")).not.toBe(light);
  await setTheme(page, "light");
}

// One walk per width in one signed-in page; at each view the page is shown in nb, nn and en in
// place (`showIn`) and checked in both themes. The first language is chosen with the header's
// switch (nb at 1,280 px, nn at 390 px).
for (const [w, width] of WIDTHS.entries()) {
  test(`the console is built on Designsystemet in nb, nn and en at ${width === 1280 ? "1,280" : width} px`, async ({
    signedIn: page,
  }) => {
    // Three views, each in three languages and both themes with axe: more than the default
    // minute when the machine is loaded.
    test.slow();
    // Chosen at the default width, where the header shows the switch (at 390 px it is in the menu).
    await page.getByTestId("language-switch").selectOption(LANGS[w]!);
    await expect(page.locator("html")).toHaveAttribute("lang", LANGS[w]!);
    await page.setViewportSize({ width, height: width > 400 ? 800 : 844 });

    // Scopes: a Designsystemet table, buttons and tags.
    await page.goto("/scopes");
    const table = page.locator("main table.ds-table");
    for (const lang of LANGS) {
      await showIn(page, lang);
      await expect(table).toBeVisible();
      await expect(table.locator("tbody tr").first()).toBeVisible();
      await expect(page.locator("main .ds-button").first()).toBeVisible();
      await expect(page.locator("main .ds-tag").first()).toBeVisible();
      // The primary action is Designsystemet's primary button in the theme's accent colour.
      const primary = page.locator("main a.ds-button[data-variant=primary]").first();
      await expect(primary).toBeVisible();
      expect(await primary.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        await tokenColour(page, "--ds-color-accent-base-default"),
      );
      expect(await homeMadeControls(page)).toEqual([]);
      await checkThemes(page, `scopes-${lang}-${width}`);
    }

    // A form: Designsystemet's fields, labels and inputs; a failed submit shows its
    // validation messages.
    await page.goto("/scopes/new");
    await expect(page.locator("main .ds-field .ds-label").first()).toBeVisible();
    await expect(page.locator("main .ds-input").first()).toBeVisible();
    await page.locator("main form button[type=submit]").first().click();
    for (const lang of LANGS) {
      await showIn(page, lang);
      await expect(page.locator("main .ds-field .ds-label").first()).toBeVisible();
      await expect(page.locator("main .ds-input").first()).toBeVisible();
      await expect(page.locator("main .ds-validation-message").first()).toBeVisible();
      expect(await homeMadeControls(page)).toEqual([]);
      await checkThemes(page, `scope-form-${lang}-${width}`);
    }

    // A dialog: Designsystemet's, modal, with its blocks.
    await page.goto(`/clients/${KEYED_CLIENT}`);
    await expect(page.getByTestId("key-count")).toBeVisible();
    await page.locator("main button.ds-button[data-color=danger]").first().click();
    const dialog = page.locator("dialog.ds-dialog[open]");
    for (const lang of LANGS) {
      await showIn(page, lang);
      await expect(dialog).toBeVisible();
      await expect(dialog.locator(".ds-dialog__block")).not.toHaveCount(0);
      await expect(dialog.locator("h2.ds-heading")).toBeVisible();
      await checkThemes(page, `dialog-${lang}-${width}`);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);

    // The README's screenshot of the console (docs/console.png is copied from it).
    if (width === 1280) {
      await showIn(page, "en");
      await page.goto("/clients/portvakt-demo-admin");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.screenshot({ path: "e2e/screenshots/console.png" });
    }
  });
}
