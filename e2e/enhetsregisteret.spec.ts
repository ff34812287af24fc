import {
  captureBothThemes,
  expect,
  signIn,
  simulatorUrl,
  startInBokmalLight,
  startStackProcess,
  test,
} from "./support";

// Issue 14 #16: an organisation's state in Enhetsregisteret (the simulator serves Brønnøysund's
// open API shape) shown beside its number, and a grant to a bankrupt or deleted one confirmed
// first, in nb, nn and en at 1,280 and 390 px with axe in both themes.

const BANKRUPT = "911000008";
const DELETED = "911000016";
const WINDING_UP = "911000024";

// The bankrupt organisation's mark and confirmation on the consumer page and the Access page's
// Give access, in nb, nn and en at 1,280 and 390 px with axe, are walked in views-matrix.spec.ts.

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
  const response = await fetch(`${simulatorUrl()}/__control/access-requests`, {
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

const SWITCHED_OFF = [
  {
    lang: "nb",
    off: "Status i Enhetsregisteret slås ikke opp (slått av)",
    pick: "Velg",
    grantOne: "Gi 1 scope",
    grantedNow: "Gitt nå",
  },
  {
    lang: "nn",
    off: "Status i Einingsregisteret vert ikkje slått opp (slått av)",
    pick: "Vel",
    grantOne: "Gi 1 scope",
    grantedNow: "Gitt no",
  },
  {
    lang: "en",
    off: "State in the Central Coordinating Register not looked up (switched off)",
    pick: "Pick",
    grantOne: "Grant 1 scope",
    grantedNow: "Granted now",
  },
] as const;

/** How many requests a simulator has had on its Enhetsregisteret routes. */
async function registryRequests(simulator: string): Promise<number> {
  const response = await fetch(`${simulator}/__control/stats`);
  expect(response.status).toBe(200);
  const { requests } = (await response.json()) as { requests: Record<string, number> };
  return Object.entries(requests)
    .filter(([route]) => route.includes("/enhetsregisteret/"))
    .reduce((sum, [, count]) => sum + count, 0);
}

// A closed network: the status look-up switched off (a stack of its own, so one test walks the
// three languages at both widths). Names still come from Digdir; the page says the state is not
// looked up; a grant to a bankrupt, deleted or wound-up organisation goes through without a
// question; the status source gets no request.
test("switched off (closed network): names only, the page says so, granting works, nothing asked of the status source", async ({
  browser,
}) => {
  test.slow();
  const stack = await startStackProcess({ PORTVAKT_STACK_ENHETSREGISTERET: "off" });
  const context = await browser.newContext({
    baseURL: stack.url,
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
  });
  try {
    const page = await context.newPage();
    await startInBokmalLight(page);
    await signIn(page);
    const orgs = [
      { orgno: BANKRUPT, name: "KONKURS DEMO AS" },
      { orgno: DELETED, name: "SLETTET DEMO AS" },
      { orgno: WINDING_UP, name: "AVVIKLING DEMO AS" },
    ];
    for (const [i, c] of SWITCHED_OFF.entries()) {
      await page.evaluate((lang) => localStorage.setItem("portvakt.lang", lang), c.lang);
      for (const [width, scope] of [
        [1280, "digdir:tilsyn/intern"],
        [390, "difi:api3"],
      ] as const) {
        await page.setViewportSize({ width, height: width > 400 ? 800 : 844 });
        const { orgno, name } = orgs[i]!;
        await page.goto(`/consumer?orgno=${orgno}`);
        const summary = page.getByTestId("consumer-summary");
        await expect(summary).toContainText(name);
        const state = page.getByTestId("registry-state");
        await expect(state).toHaveAttribute("data-state", "off");
        await expect(state).toHaveText(c.off);
        await page.getByLabel(`${c.pick} ${scope}`).check();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
        await captureBothThemes(page, `registry-off-${c.lang}-${width}`);
        await page.getByRole("button", { name: c.grantOne, exact: true }).click();
        // No confirmation: without a state there is nothing to confirm.
        const row = page.getByTestId("consumer-scopes").locator(`tr[data-scope="${scope}"]`);
        await expect(row).toContainText(c.grantedNow);
        await expect(page.getByRole("dialog")).toHaveCount(0);
      }
    }
    expect(await registryRequests(stack.simulatorUrl)).toBe(0);
  } finally {
    await context.close();
    await stack.stop();
  }
});
