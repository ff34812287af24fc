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

/**
 * Holds back the `close` events of dialogs until `release()` and then dispatches them: Chromium
 * dispatches a dialog's `close` event later than it closes it (with the next animation frame), and
 * under CPU load a person's next key can come first. Holding the event makes that order certain.
 */
async function holdLateCloseEvents(page: Page) {
  await page.addInitScript(() => {
    const held: EventTarget[] = [];
    const w = window as unknown as { __releaseCloseEvents: () => number };
    window.addEventListener(
      "close",
      (event) => {
        if (!event.isTrusted) return;
        event.stopImmediatePropagation();
        if (event.target) held.push(event.target);
      },
      true,
    );
    w.__releaseCloseEvents = () => {
      const targets = held.splice(0);
      for (const target of targets) target.dispatchEvent(new Event("close"));
      return targets.length;
    };
  });
}

/** Dispatches the held `close` events, then waits for a frame so their effects are painted. */
async function releaseLateCloseEvents(page: Page) {
  await page.evaluate(async () => {
    (window as unknown as { __releaseCloseEvents: () => number }).__releaseCloseEvents();
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  });
}

async function expectFocusInside(page: Page, dialogName: string) {
  await expect
    .poll(() =>
      page.evaluate(
        () => document.activeElement?.closest("dialog")?.getAttribute("aria-labelledby") ?? "none",
      ),
    )
    .not.toBe("none");
  const label = await page.evaluate(() => {
    const id = document.activeElement?.closest("dialog")?.getAttribute("aria-labelledby");
    return id ? document.getElementById(id)?.textContent : null;
  });
  expect(label, "focus is inside the dialog that opened").toBe(dialogName);
}

test("a dialog reopens after every way of closing it, even when the close event comes late", async ({
  signedIn: page,
  baseURL,
}) => {
  const subscope = unique("dialog.");
  const scope = `digdir:${subscope}`;
  const headers = { "X-CSRF": "1", Origin: baseURL! };
  const created = await page.request.post("/api/envs/demo/scopes", {
    headers,
    data: { prefix: "digdir", subscope, description: "Dialoger som lukkes og åpnes" },
  });
  expect(created.status(), await created.text()).toBe(200);
  for (const orgno of ["889640782", "974760673"]) {
    const granted = await page.request.put(
      `/api/envs/demo/scopes/access/${orgno}?${new URLSearchParams({ scope })}`,
      { headers },
    );
    expect(granted.status(), await granted.text()).toBe(200);
  }
  await holdLateCloseEvents(page);
  await page.goto(`/access?${new URLSearchParams({ scope })}`);
  const table = page.getByTestId("grants-table");
  await expect(table).toContainText("974760673");

  // The revoke confirmation: Escape, ✕ and Cancel (twice each), then confirmed.
  const revokeButton = page.getByRole("button", { name: "Trekk tilbake tilgangen til 974760673" });
  const confirm = page.getByRole("dialog", { name: "Trekke tilbake tilgangen?" });
  const closeWays: Record<string, () => Promise<void>> = {
    Escape: () => page.keyboard.press("Escape"),
    "✕": () => confirm.getByRole("button", { name: "Lukk dialogen" }).click(),
    Avbryt: () => confirm.getByRole("button", { name: "Avbryt" }).click(),
  };
  let previous = "nothing";
  for (const way of ["Escape", "✕", "Avbryt", "Escape", "Escape", "✕", "Avbryt"]) {
    await revokeButton.click();
    await expect(confirm, `reopens after ${previous}`).toBeVisible();
    await expectFocusInside(page, "Trekke tilbake tilgangen?");
    // The previous close's event arrives now, with the dialog open again: it stays open.
    await releaseLateCloseEvents(page);
    await expect(confirm).toBeVisible();
    await closeWays[way]!();
    await expect(confirm).toBeHidden();
    previous = way;
  }
  await revokeButton.focus();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Trekk tilbake", exact: true }).click();
  await expect(table).not.toContainText("974760673");
  await expect(confirm).toBeHidden();
  // Opened again by the keyboard, on the other row, after a close by submitting.
  await page.getByRole("button", { name: "Trekk tilbake tilgangen til 889640782" }).focus();
  await page.keyboard.press("Enter");
  await expect(confirm).toBeVisible();
  await expectFocusInside(page, "Trekke tilbake tilgangen?");
  await releaseLateCloseEvents(page);
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();

  // The give-access dialog: Escape, ✕, Cancel, and "Close" after a grant; its field takes focus.
  const give = page.getByRole("dialog", { name: `Gi tilgang til ${scope}` });
  const giveWays: Record<string, () => Promise<void>> = {
    Escape: () => page.keyboard.press("Escape"),
    "✕": () => give.getByRole("button", { name: "Lukk dialogen" }).click(),
    Avbryt: () => give.getByRole("button", { name: "Avbryt" }).click(),
  };
  previous = "nothing";
  for (const way of ["Escape", "✕", "Avbryt", "Escape", "granted", "Escape"]) {
    await page.getByRole("button", { name: "Gi tilgang", exact: true }).click();
    await expect(give, `reopens after ${previous}`).toBeVisible();
    await expect(give.getByLabel("Organisasjonsnumre")).toBeFocused();
    await releaseLateCloseEvents(page);
    await expect(give).toBeVisible();
    if (way === "granted") {
      await page.keyboard.type("974760673");
      await give.getByRole("button", { name: "Gi tilgang (1)" }).click();
      await expect(table).toContainText("974760673");
      await give.getByRole("button", { name: "Lukk", exact: true }).click();
    } else {
      await giveWays[way]!();
    }
    await expect(give).toBeHidden();
    previous = way;
  }

  // A dialog its page keeps open (the session has ended: only signing in again helps) is shown
  // again after Escape, with focus inside, however late the close event comes.
  await page.context().clearCookies();
  await page.getByRole("link", { name: "Klienter", exact: true }).click();
  const expired = page.getByRole("dialog", { name: "Økten er utløpt" });
  await expect(expired).toBeVisible();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Escape");
    await expect(expired).toBeVisible();
    await expectFocusInside(page, "Økten er utløpt");
    await releaseLateCloseEvents(page);
    await expect(expired).toBeVisible();
  }
});
