import type { Page } from "@playwright/test";
import { orgNumberProblem } from "@portvakt/contracts";
import { captureBothThemes, expect, test } from "./support";

// Issue 14 #16: an organisation's state in Enhetsregisteret (the simulator serves Brønnøysund's
// open API shape) shown beside its number, and a grant to a bankrupt or deleted one confirmed
// first, in nb, nn and en at 1,280 and 390 px with axe in both themes.

const simulator = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 7480) + 1000}`;
const BANKRUPT = "911000008";
const DELETED = "911000016";
const WINDING_UP = "911000024";
const GONE = "911000032";

/** A valid organisation number no earlier run used (active in the simulator's register). */
function freshOrgno(): string {
  for (;;) {
    const base = String(70_000_000 + Math.floor(Math.random() * 9_000_000));
    for (let check = 0; check <= 9; check++) {
      if (orgNumberProblem(`${base}${check}`) === null) return `${base}${check}`;
    }
  }
}

async function useLanguage(page: Page, lang: string) {
  await page.evaluate((value) => localStorage.setItem("portvakt.lang", value), lang);
}

const CASES = [
  {
    lang: "nb",
    pick: "Velg",
    bankrupt: "Konkurs",
    grantOne: "Gi 1 scope",
    title: "Gi tilgang likevel?",
    body: "er registrert som «Konkurs» i Enhetsregisteret",
    cancel: "Avbryt",
    none: "Ingen tilgang",
  },
  {
    lang: "nn",
    pick: "Vel",
    bankrupt: "Konkurs",
    grantOne: "Gi 1 scope",
    title: "Gi tilgang likevel?",
    body: "er registrert som «Konkurs» i Einingsregisteret",
    cancel: "Avbryt",
    none: "Inga tilgang",
  },
  {
    lang: "en",
    pick: "Pick",
    bankrupt: "Bankrupt",
    grantOne: "Grant 1 scope",
    title: "Grant access anyway?",
    body: "is registered as “Bankrupt” in the Central Coordinating Register",
    cancel: "Cancel",
    none: "No access",
  },
] as const;

for (const c of CASES) {
  for (const width of [1280, 390]) {
    test(`a bankrupt organisation is marked and a grant to it asks first (${c.lang}, ${width} px)`, async ({
      signedIn: page,
    }) => {
      await page.setViewportSize({ width, height: 900 });
      await useLanguage(page, c.lang);
      await page.goto(`/consumer?orgno=${BANKRUPT}`);
      const summary = page.getByTestId("consumer-summary");
      await expect(summary).toContainText("KONKURS DEMO AS");
      await expect(summary.getByTestId("registry-state")).toHaveText(c.bankrupt);
      await page.getByLabel(`${c.pick} digdir:krr/kontaktinfo.read`).check();
      await page.getByRole("button", { name: c.grantOne }).click();
      const dialog = page.getByRole("dialog", { name: c.title });
      await expect(dialog).toContainText(c.body);
      await captureBothThemes(page, `registry-confirm-${c.lang}-${width}`);
      await dialog.getByRole("button", { name: c.cancel }).click();
      await expect(dialog).toHaveCount(0);
      await expect(
        page.getByTestId("consumer-scopes").locator('tr[data-scope="digdir:krr/kontaktinfo.read"]'),
      ).toContainText(c.none);
    });
  }
}

test("confirming grants to a deleted organisation; an active one is granted without asking", async ({
  signedIn: page,
}) => {
  await page.goto(`/consumer?orgno=${DELETED}`);
  await expect(page.getByTestId("registry-state")).toContainText("Slettet");
  await page.getByLabel("Velg digdir:tilsyn/intern").check();
  await page.getByRole("button", { name: "Gi 1 scope" }).click();
  const dialog = page.getByRole("dialog", { name: "Gi tilgang likevel?" });
  await expect(dialog).toContainText("SLETTET DEMO AS (911000016)");
  await dialog.getByRole("button", { name: "Gi tilgang likevel" }).click();
  const row = page.getByTestId("consumer-scopes").locator('tr[data-scope="digdir:tilsyn/intern"]');
  await expect(row).toContainText("Gitt nå");
  await expect(row).toContainText("Godkjent");

  await page.goto("/consumer?orgno=974761076");
  await expect(page.getByTestId("consumer-summary")).toContainText("SKATTEETATEN");
  await expect(page.getByTestId("registry-state")).toHaveCount(0);
  await page.getByLabel("Velg digdir:tilsyn/intern").check();
  await page.getByRole("button", { name: "Gi 1 scope" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(
    page.getByTestId("consumer-scopes").locator('tr[data-scope="digdir:tilsyn/intern"]'),
  ).toContainText("Gitt nå");
});

test("the inbox marks a request from an organisation being wound up and asks before approving", async ({
  signedIn: page,
}) => {
  const response = await fetch(`${simulator}/__control/access-requests`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ consumer: WINDING_UP, scope: "digdir:krr/kontaktinfo.read" }),
  });
  expect(response.status).toBe(200);
  await page.goto("/requests");
  const item = page.locator(`[data-request="digdir:krr/kontaktinfo.read ${WINDING_UP}"]`);
  await expect(item.getByTestId("registry-state")).toHaveText("Under avvikling");
  await item.getByRole("button", { name: `Godkjenn ${WINDING_UP}` }).click();
  const dialog = page.getByRole("dialog", { name: "Gi tilgang likevel?" });
  await expect(dialog).toContainText("«Under avvikling»");
  await dialog.getByRole("button", { name: "Gi tilgang likevel" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: WINDING_UP })).toBeVisible();
  await expect(item).toHaveCount(0);
});

// The Access page's "Give access" dialog (a pasted list or a CSV) asks the same question, naming
// every organisation that is not active; one that is active goes through without it.
const ACCESS_CASES = [
  {
    lang: "nb",
    width: 1280,
    give: "Gi tilgang",
    numbers: "Organisasjonsnumre",
    grantThree: "Gi tilgang (3)",
    grantOne: "Gi tilgang (1)",
    title: "Gi tilgang likevel?",
    many: "2 organisasjoner er ikke aktive i Enhetsregisteret",
    bankrupt: "KONKURS DEMO AS (911000008): Konkurs",
    cancel: "Avbryt",
    granted: "Tilgang gitt",
  },
  {
    lang: "nn",
    width: 390,
    give: "Gi tilgang",
    numbers: "Organisasjonsnummer",
    grantThree: "Gi tilgang (3)",
    grantOne: "Gi tilgang (1)",
    title: "Gi tilgang likevel?",
    many: "2 organisasjonar er ikkje aktive i Einingsregisteret",
    bankrupt: "KONKURS DEMO AS (911000008): Konkurs",
    cancel: "Avbryt",
    granted: "Tilgang gitt",
  },
  {
    lang: "en",
    width: 1280,
    give: "Grant access",
    numbers: "Organisation numbers",
    grantThree: "Grant access (3)",
    grantOne: "Grant access (1)",
    title: "Grant access anyway?",
    many: "2 organisations are not active in the Central Coordinating Register",
    bankrupt: "KONKURS DEMO AS (911000008): Bankrupt",
    cancel: "Cancel",
    granted: "Granted",
  },
] as const;

for (const c of ACCESS_CASES) {
  test(`the Access page's Give access asks before granting to organisations that are not active (${c.lang}, ${c.width} px)`, async ({
    signedIn: page,
  }) => {
    await page.setViewportSize({ width: c.width, height: 900 });
    await useLanguage(page, c.lang);
    // Neither flagged organisation is ever granted this scope (each run cancels); the active
    // one is new each run.
    const active = freshOrgno();
    await page.goto("/access?scope=digdir:krr/kontaktinfo.read");
    await page.getByRole("button", { name: c.give, exact: true }).click();
    const form = page.getByRole("dialog");
    await form.getByLabel(c.numbers).fill(`${BANKRUPT}\n${GONE}\n${active}`);
    const entries = form.getByTestId("grant-entries");
    await expect(
      entries.locator(`tr[data-orgno="${BANKRUPT}"]`).getByTestId("registry-state"),
    ).toHaveAttribute("data-state", "bankrupt");
    await expect(
      entries.locator(`tr[data-orgno="${active}"]`).getByTestId("registry-state"),
    ).toHaveCount(0);
    await form.getByRole("button", { name: c.grantThree }).click();
    const confirm = page.getByRole("dialog", { name: c.title });
    await expect(confirm.getByTestId("grant-confirmation")).toContainText(c.many);
    await expect(confirm.getByTestId("grant-confirmation")).toContainText(c.bankrupt);
    await expect(confirm.getByTestId("grant-confirmation")).toContainText(GONE);
    await expect(confirm.getByTestId("grant-confirmation")).not.toContainText(active);
    await captureBothThemes(page, `registry-access-confirm-${c.lang}-${c.width}`);
    // Cancelled: nothing was sent, the list is still there to correct.
    await confirm.getByRole("button", { name: c.cancel }).click();
    await expect(confirm).toHaveCount(0);
    await expect(entries.locator(`tr[data-orgno="${BANKRUPT}"]`)).not.toContainText(c.granted);

    // Only the active one: granted without a question.
    await form.getByLabel(c.numbers).fill(active);
    await form.getByRole("button", { name: c.grantOne }).click();
    await expect(entries.locator(`tr[data-orgno="${active}"]`)).toContainText(c.granted);
    await expect(page.getByRole("dialog", { name: c.title })).toHaveCount(0);
  });
}

test("granting again to a deleted organisation on the Access page asks first", async ({
  signedIn: page,
  baseURL,
}) => {
  // A revoked (DENIED) row for the deleted organisation, made through the BFF as the web does.
  const scope = "digdir:demo.read";
  const url = `/api/envs/demo/scopes/access/${DELETED}?${new URLSearchParams({ scope })}`;
  const headers = { "X-CSRF": "1", Origin: baseURL! };
  expect((await page.request.put(url, { headers })).status()).toBe(200);
  expect((await page.request.delete(url, { headers })).status()).toBe(200);
  await page.goto(`/access?scope=${scope}`);
  await page.getByLabel("Status").selectOption("DENIED");
  await page.getByRole("button", { name: `Gi ${DELETED} tilgang igjen` }).click();
  const confirm = page.getByRole("dialog", { name: "Gi tilgang likevel?" });
  await expect(confirm).toContainText("SLETTET DEMO AS (911000016)");
  await confirm.getByRole("button", { name: "Gi tilgang likevel" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: DELETED })).toBeVisible();
});
