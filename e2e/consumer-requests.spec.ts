import type { Page } from "@playwright/test";
import { orgNumberSequence } from "@portvakt/contracts";
import { captureBothThemes, expect, simulatorUrl, test } from "./support";

// Issue 14 #15 (per-consumer page) and #17 (access-request inbox), in nb, nn and en, at 1,280
// and 390 px, with axe in both themes. Each test asks for access with an organisation number no
// other run used, so it neither depends on nor disturbs the seed other specs read.

/** A valid (mod-11) organisation number that no earlier run used. */
function freshOrgno(): string {
  return orgNumberSequence(30_000_000 + ((Date.now() / 7) % 60_000_000))(1)[0]!;
}

/** A consumer asks for access (the simulator's stand-in for Digdir's own request flow). */
async function requestAccess(consumer: string, scope: string) {
  const response = await fetch(`${simulatorUrl()}/__control/access-requests`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ consumer, scope }),
  });
  expect(response.status).toBe(200);
}

async function useLanguage(page: Page, lang: string) {
  await page.evaluate((value) => localStorage.setItem("portvakt.lang", value), lang);
}

async function noSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal overflow on ${what}`).toBeLessThanOrEqual(0);
}

const CASES = [
  {
    lang: "nb",
    inbox: "Forespørsler om tilgang",
    approve: "Godkjenn",
    approved: "har fått tilgang til digdir:demo.read",
    deny: "Avslå",
    denyTitle: "Avslå forespørselen?",
    consumerTitle: "Tilganger for én organisasjon",
    pick: "Velg",
    grant: /^Gi /,
    grantTwo: "Gi 2 scopes",
    grantedNow: "Gitt nå",
    approvedState: "Godkjent",
    revokedState: "Trukket tilbake",
    none: "Ingen tilgang",
    viewerNotice: "Rollen din i Demo (simulator) er Leser",
    needsOperator: "krever rollen Operatør",
  },
  {
    lang: "nn",
    inbox: "Førespurnader om tilgang",
    approve: "Godkjenn",
    approved: "har fått tilgang til digdir:demo.read",
    deny: "Avslå",
    denyTitle: "Avslå førespurnaden?",
    consumerTitle: "Tilgangar for éin organisasjon",
    pick: "Vel",
    grant: /^Gi /,
    grantTwo: "Gi 2 scope",
    grantedNow: "Gitt no",
    approvedState: "Godkjend",
    revokedState: "Trekt tilbake",
    none: "Inga tilgang",
    viewerNotice: "Rolla di i Demo (simulator) er Lesar",
    needsOperator: "krev rolla Operatør",
  },
  {
    lang: "en",
    inbox: "Access requests",
    approve: "Approve",
    approved: "was granted digdir:demo.read",
    deny: "Deny",
    denyTitle: "Deny the request?",
    consumerTitle: "Access of one organisation",
    pick: "Pick",
    grant: /^Grant /,
    grantTwo: "Grant 2 scopes",
    grantedNow: "Granted now",
    approvedState: "Approved",
    revokedState: "Revoked",
    none: "No access",
    viewerNotice: "Your role in Demo (simulator) is Viewer",
    needsOperator: "needs the role Operator",
  },
] as const;
type Case = (typeof CASES)[number];

/** The inbox lists a request; approving takes it out; the consumer page grants two at once. */
async function approveThenGrantTwo(page: Page, c: Case, width: number) {
  const orgno = freshOrgno();
  await requestAccess(orgno, "digdir:demo.read");

  // The inbox lists the request; approving it takes it out.
  await page.goto("/requests");
  await expect(page.getByRole("heading", { level: 1, name: c.inbox })).toBeVisible();
  const item = page.locator(`[data-request="digdir:demo.read ${orgno}"]`);
  await expect(item).toBeVisible();
  await noSidewaysScroll(page, "/requests");
  await captureBothThemes(page, `requests-${c.lang}-${width}`);
  await item.getByRole("button", { name: `${c.approve} ${orgno}` }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: c.approved })).toBeVisible();
  await expect(item).toHaveCount(0);

  // The per-consumer page: the approved scope, then two more granted at once.
  await page.goto(`/consumer?orgno=${orgno}`);
  await expect(page.getByRole("heading", { level: 1, name: c.consumerTitle })).toBeVisible();
  const table = page.getByTestId("consumer-scopes");
  await expect(table.locator('tr[data-scope="digdir:demo.read"]')).toContainText(c.approvedState);
  await expect(table.locator('tr[data-scope="difi:api3"]')).toContainText(c.none);
  await expect(page.getByLabel(`${c.pick} digdir:demo.read`)).toBeDisabled();
  await page.getByLabel(`${c.pick} difi:api3`).check();
  await page.getByLabel(`${c.pick} digdir:demo/v1/hendelser`).check();
  await noSidewaysScroll(page, "/consumer");
  await captureBothThemes(page, `consumer-${c.lang}-${width}`);
  await page.getByRole("button", { name: c.grantTwo }).click();
  for (const scope of ["difi:api3", "digdir:demo/v1/hendelser"]) {
    const row = table.locator(`tr[data-scope="${scope}"]`);
    await expect(row).toContainText(c.grantedNow);
    await expect(row).toContainText(c.approvedState);
  }
  await expect(page.getByTestId("consumer-summary")).toContainText("3");
}

/** Denying asks first, keeps the row as revoked, and the inbox empties of it. */
async function denyKeepsRevoked(page: Page, c: Case, width: number) {
  const orgno = freshOrgno();
  await requestAccess(orgno, "difi:api3");
  await page.goto("/requests");
  const item = page.locator(`[data-request="difi:api3 ${orgno}"]`);
  await item.getByRole("button", { name: `${c.deny} ${orgno} for difi:api3` }).click();
  const dialog = page.getByRole("dialog", { name: c.denyTitle });
  await expect(dialog).toContainText(orgno);
  await noSidewaysScroll(page, "/requests, deny dialog");
  await captureBothThemes(page, `requests-deny-${c.lang}-${width}`);
  await dialog.getByRole("button", { name: c.deny, exact: true }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: orgno })).toBeVisible();
  await expect(item).toHaveCount(0);
  await page.goto(`/consumer?orgno=${orgno}`);
  await expect(
    page.getByTestId("consumer-scopes").locator('tr[data-scope="difi:api3"]'),
  ).toContainText(c.revokedState);
}

/** A viewer sees the inbox and a consumer's access read-only, with the notice naming the role. */
async function viewerReadOnly(viewer: Page, c: Case, width: number) {
  const orgno = freshOrgno();
  await requestAccess(orgno, "digdir:demo.read");
  await viewer.goto("/requests");
  const item = viewer.locator(`[data-request="digdir:demo.read ${orgno}"]`);
  await expect(item.getByRole("button", { name: `${c.approve} ${orgno}` })).toBeDisabled();
  await expect(item.getByRole("button", { name: `${c.deny} ${orgno}` })).toBeDisabled();
  const notice = viewer.getByTestId("role-notice");
  await expect(notice).toContainText(c.viewerNotice);
  await expect(notice).toContainText(c.needsOperator);
  await noSidewaysScroll(viewer, "/requests as viewer");
  await captureBothThemes(viewer, `requests-viewer-${c.lang}-${width}`);
  await viewer.goto(`/consumer?orgno=${orgno}`);
  await expect(viewer.getByLabel(`${c.pick} difi:api3`)).toBeDisabled();
  await expect(viewer.getByRole("button", { name: c.grant })).toBeDisabled();
  await expect(viewer.getByTestId("role-notice")).toContainText(c.needsOperator);
}

// One walk per language: each check a step, at 1,280 and 390 px. The viewer has a browser
// context of their own beside the administrator's.
for (const c of CASES) {
  test(`requests inbox and per-consumer page in ${c.lang}: approve, grant two at once, deny, and a viewer read-only (1,280 and 390 px)`, async ({
    signedIn: page,
    browser,
    baseURL,
    signInAs,
  }) => {
    test.slow();
    const viewerContext = await browser.newContext({
      baseURL: baseURL!,
      locale: "nb-NO",
      timezoneId: "Europe/Oslo",
    });
    try {
      const viewer = await viewerContext.newPage();
      await signInAs("Vera Viewer", "/requests", viewer);
      for (const p of [page, viewer]) await useLanguage(p, c.lang);
      for (const width of [1280, 390]) {
        for (const p of [page, viewer]) await p.setViewportSize({ width, height: 900 });
        await test.step(`approve from the inbox, then grant one organisation two scopes at once (${c.lang}, ${width} px)`, () =>
          approveThenGrantTwo(page, c, width));
        await test.step(`deny asks first and keeps the row as revoked (${c.lang}, ${width} px)`, () =>
          denyKeepsRevoked(page, c, width));
        await test.step(`a viewer sees the inbox and the consumer page read-only, told which role is needed (${c.lang}, ${width} px)`, () =>
          viewerReadOnly(viewer, c, width));
      }
    } finally {
      await viewerContext.close();
    }
  });
}

test("the per-consumer page refuses an invalid organisation number in the form", async ({
  signedIn: page,
}) => {
  await page.goto("/consumer");
  await page.getByLabel("Organisasjonsnummer").fill("123456789");
  await page.getByRole("button", { name: "Vis tilganger" }).click();
  await expect(
    page.getByText("Kontrollsifferet (mod 11) i organisasjonsnummeret er feil"),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/consumer$/);
  await expect(page.getByTestId("consumer-scopes")).toHaveCount(0);
});
