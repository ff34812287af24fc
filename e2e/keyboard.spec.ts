import type { Page } from "@playwright/test";
import { expect, rsaKeyPair, test, unique } from "./support";

/**
 * Moves focus with Tab (Shift+Tab with `back`) until the focused element's accessible label
 * matches, checking on the way that the focus is visible. Only the keyboard is used.
 */
async function tabTo(page: Page, name: string | RegExp, { back = false, max = 120 } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const input = el as HTMLInputElement;
      const label =
        el.getAttribute("aria-label") ??
        (input.labels?.[0]?.textContent || null) ??
        el.textContent ??
        "";
      const style = getComputedStyle(el);
      return { label: label.replace(/\s+/g, " ").trim(), outline: style.outlineStyle };
    });
    if (!focused) continue;
    seen.push(focused.label);
    const matches = typeof name === "string" ? focused.label === name : name.test(focused.label);
    if (matches) {
      expect(focused.outline, `visible focus on "${focused.label}"`).not.toBe("none");
      return;
    }
  }
  throw new Error(`Tab never reached "${name}"; passed: ${seen.slice(-20).join(" | ")}`);
}

test("scopes and access grants by keyboard alone", async ({ signedIn: page }) => {
  const subscope = unique("tastatur.");

  await tabTo(page, "Nytt scope");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Nytt scope" })).toBeVisible();
  await tabTo(page, /^Subscope/);
  await page.keyboard.type(subscope);
  await tabTo(page, /^Beskrivelse/);
  await page.keyboard.type("Laget med tastaturet");
  await tabTo(page, "Opprett scope");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("toast-success").filter({ hasText: "er opprettet" })).toBeVisible();

  await tabTo(page, "Søk");
  await page.keyboard.type(subscope);
  await tabTo(page, new RegExp(`^Tilganger til .*${subscope.replace(".", "\\.")}`));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/access\?scope=/);

  await tabTo(page, "Gi tilgang");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await tabTo(page, "Organisasjonsnumre");
  await page.keyboard.type("889640782\n974760673\n12345");
  await expect(dialog.getByText("Et organisasjonsnummer har nøyaktig 9 sifre")).toBeVisible();
  await tabTo(page, "Gi tilgang (2)");
  await page.keyboard.press("Enter");
  await expect(
    page.getByTestId("toast-success").filter({ hasText: "2 organisasjoner" }),
  ).toBeVisible();

  // Focus stays inside the modal dialog, and Escape closes it.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const inside = await page.evaluate(
      () =>
        document.activeElement === document.body ||
        Boolean(document.activeElement?.closest("dialog")),
    );
    expect(inside, "focus left the dialog").toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("grants-table")).toContainText("974760673");

  // Revoke one: open the confirmation, Escape cancels, then confirm with Enter.
  await tabTo(page, "Trekk tilbake tilgangen til 974760673");
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Trekke tilbake tilgangen?" });
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await tabTo(page, "Trekk tilbake tilgangen til 974760673", { back: true, max: 40 });
  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await tabTo(page, "Trekk tilbake");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("toast-success").filter({ hasText: "974760673" })).toBeVisible();
  await expect(page.getByTestId("grants-table")).not.toContainText("974760673");

  // Sort by keyboard: the column header is a button.
  await tabTo(page, /^Organisasjonsnummer/, { back: true });
  await page.keyboard.press("Enter");
  // (Designsystemet's sortable headers say aria-sort="none" until sorted.)
  await expect(page.locator("th[aria-sort]:not([aria-sort=none])").first()).toHaveAttribute(
    "aria-sort",
    /ascending|descending/,
  );

  // Switch language by keyboard.
  await tabTo(page, "Språk", { back: true });
  await page.keyboard.press("End");
  await expect(page.getByRole("heading", { level: 1, name: "Access grants" })).toBeVisible();
});

test("clients and keys by keyboard alone", async ({ signedIn: page }) => {
  const name = unique("Tastatur ");
  await tabTo(page, "Klienter");
  await page.keyboard.press("Enter");
  await tabTo(page, "Registrer klient");
  await page.keyboard.press("Enter");
  await tabTo(page, /^Navn/);
  await page.keyboard.type(name);
  await tabTo(page, /^Beskrivelse/);
  await page.keyboard.type("Registrert med tastaturet");
  await tabTo(page, /nav:pensjon\/v3\/alderspensjon/);
  await page.keyboard.press("Space");
  await tabTo(page, "Registrer");
  await page.keyboard.press("Enter");
  await expect(
    page.getByTestId("toast-success").filter({ hasText: "er registrert" }),
  ).toBeVisible();

  await tabTo(page, "Legg til nøkkel");
  await page.keyboard.press("Enter");
  await tabTo(page, "Lim inn nøkkel");
  await page.keyboard.insertText(rsaKeyPair().publicPem);
  await expect(page.getByText(/Klar: RSA-nøkkel/)).toBeVisible();
  await tabTo(page, "Legg til");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("key-count")).toHaveText("1 av 5 nøkler");

  await tabTo(page, /^Fjern nøkkel /);
  await page.keyboard.press("Enter");
  await tabTo(page, "Fjern nøkkel");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("key-count")).toHaveText("0 av 5 nøkler");
});
