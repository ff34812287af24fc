import { expect, type Page, test } from "@playwright/test";
import { type StackProcess, startInBokmalLight, startStackProcess } from "./support";

// The replay suite in the browser (issue 12): a second stack whose BFF reads Digdir's recorded
// answers from the recording server (packages/maskinporten/src/test-support/replay), not from the
// simulator. Every page of the web app must render those answers: sparse rows, a legacy key
// without `use`, "does not have any" answered as an error, a client whose key set is a 404.
// The stack runs on random ports next to the one the worker runs (e2e/support.ts).

let stack: StackProcess | undefined;
let origin = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStackProcess({ PORTVAKT_REPLAY: "1" });
  origin = stack.url;
});

test.afterAll(async () => {
  await stack?.stop();
});

async function signInToReplay(page: Page) {
  await startInBokmalLight(page);
  await page.goto(`${origin}/auth/login?${new URLSearchParams({ returnTo: "/scopes" })}`);
  await page.getByRole("button", { name: /Ada Administrator/ }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/scopes"));
  await expect(page.getByTestId("session-role")).toBeVisible();
}

/** The page shows its heading and `text`, and no error box (every load succeeded). */
async function rendersWithoutError(page: Page, path: string, text: string | RegExp) {
  await page.goto(`${origin}${path}`);
  // Every read the page starts has been answered (no request for 500 ms).
  await page.waitForLoadState("networkidle");
  await expect(page.locator("main h1").first(), path).toBeVisible();
  await expect(page.locator("main").getByText(text).first(), path).toBeVisible();
  // Loads that are still under way show a spinner (role=status); wait until none is left.
  await expect(page.locator("main [role=status]:has(.animate-spin)"), path).toHaveCount(0);
  await expect(page.locator("main [role=alert]"), `error on ${path}`).toHaveCount(0);
}

test("every page renders Digdir's recorded answers without an error", async ({ page }) => {
  await signInToReplay(page);
  await expect(page.getByLabel("Miljø")).toHaveValue("demo");

  // Own scopes: the sparse and odd rows are listed; an odd row is marked, not an error.
  await rendersWithoutError(page, "/scopes", "digdir:tom.tall");
  // A deactivated row without a name (named prefix:subscope) and with an unknown visibility.
  await page.getByLabel("Status").selectOption("all");
  await expect(page.getByTestId("scopes-table")).toContainText("digdir:uten.navn");
  await expect(page.getByTestId("row-warning").first()).toBeVisible();
  // A visibility Portvakt does not know is shown as Digdir answered it, not as "—".
  await expect(
    page.getByTestId("scopes-table").getByRole("row").filter({ hasText: "digdir:uten.navn" }),
  ).toContainText("SECRET");
  // The marker says what is odd from its code (issue 14 #13), in the page's language (nb, nn),
  // never in the BFF's English.
  const unnamed = page
    .getByTestId("scopes-table")
    .getByRole("row")
    .filter({ hasText: "digdir:uten.navn" })
    .getByTestId("row-warning");
  await expect(unnamed).toContainText("Raden har ikke navn; Portvakt kalte den prefiks:subscope");
  await page.getByTestId("language-switch").selectOption("nn");
  await expect(unnamed).toContainText("Rada har ikkje namn; Portvakt kalla ho prefiks:subscope");
  await expect(page.getByTestId("scopes-table")).not.toContainText(/The row has no name|left out/);
  await page.getByTestId("language-switch").selectOption("nb");
  await expect(page.getByLabel("Miljø")).toHaveValue("demo");
  // Prefix details (owner, name, active, created) from GET /prefix.
  await expect(page.getByTestId("prefix-details")).toContainText("DIGITALISERINGSDIREKTORATET");
  await expect(page.getByTestId("prefix-details")).toContainText("difi");

  await rendersWithoutError(page, "/scopes/new", "digdir:");
  await rendersWithoutError(
    page,
    `/scopes/edit?${new URLSearchParams({ scope: "digdir:sparsom" })}`,
    "digdir:sparsom",
  );
  await rendersWithoutError(
    page,
    `/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`,
    "889640782",
  );
  // An access state Portvakt does not know is shown as Digdir answered it.
  await page.getByLabel("Status").selectOption({ label: "Alle" });
  await expect(page.getByRole("row").filter({ hasText: "910000004" })).toContainText("REVOKED");

  // The catalogue: a sparse row and a row with "authorization_max_lifetime": "".
  await rendersWithoutError(page, "/catalogue", "skatteetaten:tom");
  await expect(page.locator("main")).toContainText("nav:gammel");

  await rendersWithoutError(page, "/clients", "Eldre integrasjon");
  await expect(page.locator("main")).toContainText("Sparsom klient");
  // A legacy key (no `use`) is shown and marked; a client without keys (404) has an empty set.
  await rendersWithoutError(page, "/clients/replay-legacy", "legacy-2024");
  await expect(page.getByTestId("legacy-key").first()).toBeVisible();
  await rendersWithoutError(page, "/clients/replay-nokeys", "Uten nøkler");
  await expect(page.getByTestId("key-count")).toContainText("0");
  await rendersWithoutError(page, "/clients/replay-sparse", "Sparsom klient");
  await rendersWithoutError(page, "/clients/replay-legacy/edit", "Eldre integrasjon");
  await rendersWithoutError(page, "/clients/new", "digdir:demo.read");

  await rendersWithoutError(page, "/keys", "legacy-2024");
  await rendersWithoutError(page, "/supplier", "Eldre integrasjon");
  // "does not have any scope access" (GET /scopes/access/all) is an empty catalogue column, not an error.
  await expect(page.locator("main")).not.toContainText("does not have any");
  await rendersWithoutError(page, "/altinn", /./);
  await rendersWithoutError(page, "/config", /./);
  await rendersWithoutError(page, "/token-test", /./);
  await rendersWithoutError(page, "/diagnose", /./);
  await rendersWithoutError(page, "/audit", /./);
});
