import type { Page } from "@playwright/test";
import { orgNumberSequence } from "@portvakt/contracts";
import { captureBothThemes, expect, showIn, simulatorUrl, test } from "./support";

// Issue 14 #15 (per-consumer page) and #17 (access-request inbox), in nb, nn and en, at 1,280
// and 390 px, with axe in both themes: one walk per width, each state shown in the three
// languages in place. Each test asks for access with an organisation number no
// other run used, so it neither depends on nor disturbs the seed other specs read.

/** Valid (mod-11) organisation numbers that no earlier run used, never one twice. */
const freshOrgnos = orgNumberSequence(30_000_000 + ((Date.now() / 7) % 60_000_000));

/** A valid (mod-11) organisation number that no earlier run used. */
function freshOrgno(): string {
  return freshOrgnos(1)[0]!;
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

/**
 * Shows `page`'s state in nb, nn and en in place (`showIn`) and runs `check` with each
 * language's texts.
 */
async function inEach(page: Page, check: (c: Case) => Promise<void>) {
  for (const c of CASES) {
    await showIn(page, c.lang);
    await check(c);
  }
}

/** Switches `page` to the language that acts (by localized names) at `step` on this width. */
async function actIn(page: Page, step: number, width: number): Promise<Case> {
  const c = CASES[(step + (width === 1280 ? 0 : 1)) % CASES.length]!;
  await showIn(page, c.lang);
  return c;
}

/**
 * The inbox lists requests; approving takes each out; the consumer page grants two at once.
 * The toast that says a request was approved is made in the language of that moment and goes
 * after 6 s, so each language approves one request of its own (a fresh organisation each) and
 * reads its toast.
 */
async function approveThenGrantTwo(page: Page, width: number) {
  const orgnos = CASES.map(() => freshOrgno());
  for (const orgno of orgnos) await requestAccess(orgno, "digdir:demo.read");
  const item = (orgno: string) => page.locator(`[data-request="digdir:demo.read ${orgno}"]`);

  // The inbox lists the requests; approving one takes it out.
  await page.goto("/requests");
  await inEach(page, async (c) => {
    await expect(page.getByRole("heading", { level: 1, name: c.inbox })).toBeVisible();
    for (const orgno of orgnos) {
      await expect(
        item(orgno).getByRole("button", { name: `${c.approve} ${orgno}` }),
      ).toBeVisible();
    }
    await noSidewaysScroll(page, `/requests (${c.lang})`);
    await captureBothThemes(page, `requests-${c.lang}-${width}`);
  });
  for (const [i, c] of CASES.entries()) {
    const orgno = orgnos[i]!;
    await showIn(page, c.lang);
    await item(orgno)
      .getByRole("button", { name: `${c.approve} ${orgno}` })
      .click();
    await expect(
      page.getByTestId("toast-success").filter({ hasText: c.approved }).filter({ hasText: orgno }),
    ).toBeVisible();
    await expect(item(orgno)).toHaveCount(0);
  }
  // A toast follows the page's language while it is shown (issue 14, defect 2): the last one,
  // made in English, says it in bokmål after a switch (it goes after 6 s: checked at once).
  await showIn(page, "nb");
  await expect(
    page.getByTestId("toast-success").filter({ hasText: orgnos[orgnos.length - 1]! }),
  ).toContainText(CASES[0].approved);

  // The per-consumer page: the approved scope, then two more granted at once.
  await page.goto(`/consumer?orgno=${orgnos[0]}`);
  const table = page.getByTestId("consumer-scopes");
  await inEach(page, async (c) => {
    await expect(page.getByRole("heading", { level: 1, name: c.consumerTitle })).toBeVisible();
    await expect(table.locator('tr[data-scope="digdir:demo.read"]')).toContainText(c.approvedState);
    await expect(table.locator('tr[data-scope="difi:api3"]')).toContainText(c.none);
    await expect(page.getByLabel(`${c.pick} digdir:demo.read`)).toBeDisabled();
  });
  let c = await actIn(page, 0, width);
  await page.getByLabel(`${c.pick} difi:api3`).check();
  await page.getByLabel(`${c.pick} digdir:demo/v1/hendelser`).check();
  await inEach(page, async (c) => {
    await expect(page.getByRole("button", { name: c.grantTwo })).toBeVisible();
    await noSidewaysScroll(page, `/consumer (${c.lang})`);
    await captureBothThemes(page, `consumer-${c.lang}-${width}`);
  });
  c = await actIn(page, 0, width);
  await page.getByRole("button", { name: c.grantTwo }).click();
  await inEach(page, async (c) => {
    for (const scope of ["difi:api3", "digdir:demo/v1/hendelser"]) {
      const row = table.locator(`tr[data-scope="${scope}"]`);
      await expect(row).toContainText(c.grantedNow);
      await expect(row).toContainText(c.approvedState);
    }
    await expect(page.getByTestId("consumer-summary")).toContainText("3");
  });
}

/** Denying asks first, keeps the row as revoked, and the inbox empties of it. */
async function denyKeepsRevoked(page: Page, width: number) {
  const orgno = freshOrgno();
  await requestAccess(orgno, "difi:api3");
  await page.goto("/requests");
  const item = page.locator(`[data-request="difi:api3 ${orgno}"]`);
  let c = await actIn(page, 1, width);
  await item.getByRole("button", { name: `${c.deny} ${orgno} for difi:api3` }).click();
  await inEach(page, async (c) => {
    const dialog = page.getByRole("dialog", { name: c.denyTitle });
    await expect(dialog).toContainText(orgno);
    await expect(dialog.getByRole("button", { name: c.deny, exact: true })).toBeVisible();
    await noSidewaysScroll(page, `/requests, deny dialog (${c.lang})`);
    await captureBothThemes(page, `requests-deny-${c.lang}-${width}`);
  });
  c = await actIn(page, 1, width);
  const dialog = page.getByRole("dialog", { name: c.denyTitle });
  await dialog.getByRole("button", { name: c.deny, exact: true }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: orgno })).toBeVisible();
  await expect(item).toHaveCount(0);
  await page.goto(`/consumer?orgno=${orgno}`);
  await inEach(page, async (c) => {
    await expect(
      page.getByTestId("consumer-scopes").locator('tr[data-scope="difi:api3"]'),
    ).toContainText(c.revokedState);
  });
}

/** A viewer sees the inbox and a consumer's access read-only, with the notice naming the role. */
async function viewerReadOnly(viewer: Page, width: number) {
  const orgno = freshOrgno();
  await requestAccess(orgno, "digdir:demo.read");
  await viewer.goto("/requests");
  const item = viewer.locator(`[data-request="digdir:demo.read ${orgno}"]`);
  const notice = viewer.getByTestId("role-notice");
  await inEach(viewer, async (c) => {
    await expect(item.getByRole("button", { name: `${c.approve} ${orgno}` })).toBeDisabled();
    await expect(item.getByRole("button", { name: `${c.deny} ${orgno}` })).toBeDisabled();
    await expect(notice).toContainText(c.viewerNotice);
    await expect(notice).toContainText(c.needsOperator);
    await noSidewaysScroll(viewer, `/requests as viewer (${c.lang})`);
    await captureBothThemes(viewer, `requests-viewer-${c.lang}-${width}`);
  });
  await viewer.goto(`/consumer?orgno=${orgno}`);
  await inEach(viewer, async (c) => {
    await expect(viewer.getByLabel(`${c.pick} difi:api3`)).toBeDisabled();
    await expect(viewer.getByRole("button", { name: c.grant })).toBeDisabled();
    await expect(viewer.getByTestId("role-notice")).toContainText(c.needsOperator);
  });
}

// One walk per width, each check a step; at each state the page is shown in nb, nn and en in
// place (`showIn`). The language that acts by localized names rotates by step and width (the
// approvals: each language). The viewer has a browser context of their own beside the
// administrator's.
for (const width of [1280, 390] as const) {
  test(`requests inbox and per-consumer page in nb, nn and en at ${width === 1280 ? "1,280" : width} px: approve, grant two at once, deny, and a viewer read-only`, async ({
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
      for (const p of [page, viewer]) await p.setViewportSize({ width, height: 900 });
      await test.step(`approve from the inbox, then grant one organisation two scopes at once (nb, nn, en, ${width} px)`, () =>
        approveThenGrantTwo(page, width));
      await test.step(`deny asks first and keeps the row as revoked (nb, nn, en, ${width} px)`, () =>
        denyKeepsRevoked(page, width));
      await test.step(`a viewer sees the inbox and the consumer page read-only, told which role is needed (nb, nn, en, ${width} px)`, () =>
        viewerReadOnly(viewer, width));
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
