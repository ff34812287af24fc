import { expect, simulatorUrl, test } from "./support";

// Issue 14 #16: an organisation's state in Enhetsregisteret (the simulator serves Brønnøysund's
// open API shape) shown beside its number, and a grant to a bankrupt or deleted one confirmed
// first, in nb, nn and en at 1,280 and 390 px with axe in both themes.

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
