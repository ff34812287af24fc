import type { Browser, Page } from "@playwright/test";
import { orgNumberProblem } from "@portvakt/contracts";
import {
  type DemoPerson,
  expect,
  expectNoSeriousA11yViolations,
  openWithSession,
  type SessionCookies,
  test,
} from "./support";

// Four-eyes (issue 18 #2): the e2e stack's environment `prod-review` (kind prod, four-eyes on,
// PORTVAKT_STACK_FOUR_EYES) turns every change into a change request another admin approves.
const ENV = "prod-review";
const SCOPE = "digdir:demo.read";
const accessPath = `/access?${new URLSearchParams({ scope: SCOPE })}`;

/** A valid org number (mod 11) that no earlier run used. */
function freshOrgno(): string {
  for (;;) {
    const base = String(70_000_000 + Math.floor(Math.random() * 9_000_000));
    for (let check = 0; check <= 9; check++) {
      if (orgNumberProblem(`${base}${check}`) === null) return `${base}${check}`;
    }
  }
}

/**
 * A person signed in in a browser context of their own, in `prod-review`, light theme, nb, with
 * the worker's session of that person (signing in is not what this spec tests: support.ts's
 * `sessionCookies` went through the provider's pages once).
 */
async function personIn(
  browser: Browser,
  baseURL: string,
  sessionCookies: SessionCookies,
  person: DemoPerson,
  returnTo: string,
  width = 1280,
): Promise<Page> {
  // Signed in at 1,280 px (where the shell shows the role), then narrowed to `width`.
  const context = await browser.newContext({
    baseURL,
    locale: "nb-NO",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await page.addInitScript((env) => {
    localStorage.setItem("portvakt.theme", "light");
    localStorage.setItem("portvakt.lang", "nb");
    localStorage.setItem("portvakt.env", env);
  }, ENV);
  await openWithSession(page, await sessionCookies(person), returnTo);
  await expect(page.getByTestId("env-switcher")).toHaveValue(ENV);
  await page.setViewportSize({ width, height: 900 });
  return page;
}

for (const width of [1280, 390]) {
  test(`an operator's grant waits for another admin, who approves it; the audit names both (${width} px)`, async ({
    browser,
    baseURL,
    sessionCookies,
  }) => {
    const orgno = freshOrgno();

    // The operator asks: the grant is not made, the shell says it waits as a change request.
    const operator = await personIn(
      browser,
      baseURL!,
      sessionCookies,
      "Ola Operatør",
      accessPath,
      width,
    );
    await operator.getByRole("button", { name: "Gi tilgang", exact: true }).click();
    await operator.getByLabel("Organisasjonsnumre").fill(orgno);
    await operator.getByRole("button", { name: "Gi tilgang (1)" }).click();
    const notice = operator.getByTestId("change-requested");
    await expect(notice).toContainText("Endringen er ikke gjort ennå");
    await expect(operator.getByTestId("toast-error")).toHaveCount(0);
    await expectNoSeriousA11yViolations(operator, `change-requested notice (${width})`);
    await operator.keyboard.press("Escape");
    await notice.getByRole("link", { name: "Se endringsforespørsler" }).click();
    await expect(
      operator.getByRole("heading", { level: 1, name: "Endringsforespørsler" }),
    ).toBeVisible();
    const mine = operator.getByTestId("change-request").filter({ hasText: orgno });
    await expect(mine).toContainText("Venter");
    await expect(mine).toContainText("Bedt om av Ola Operatør");
    await expect(mine.getByTestId("change-request-diff")).toContainText(orgno);
    // The same person cannot approve: the page does not offer it, and the BFF refuses it.
    await expect(mine.getByRole("button", { name: "Godkjenn" })).toHaveCount(0);
    await expect(mine).toContainText("Du ba om denne selv");
    const id = (await mine.getAttribute("data-change-request-id"))!;
    const refused = await operator.request.post(`/api/change-requests/${id}/approve`, {
      headers: { "X-CSRF": "1", Origin: new URL(operator.url()).origin },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe("problem.change-request.own");
    await expectNoSeriousA11yViolations(operator, `change-request inbox, requester (${width})`);
    await operator.context().close();

    // An admin approves: the change is made once, as the operator asked.
    const admin = await personIn(
      browser,
      baseURL!,
      sessionCookies,
      "Ada Administrator",
      "/change-requests",
      width,
    );
    const card = admin.locator(`[data-change-request-id="${id}"]`);
    await expect(card).toContainText("Bedt om av Ola Operatør");
    await expectNoSeriousA11yViolations(admin, `change-request inbox, approver (${width})`);
    await card.getByRole("button", { name: "Godkjenn" }).click();
    const dialog = admin.getByRole("dialog");
    await expect(dialog).toContainText("Ola Operatør");
    await dialog.getByRole("button", { name: "Godkjenn" }).click();
    await expect(admin.getByTestId("toast-success")).toContainText("Godkjent og utført");
    await admin.getByTestId("change-request-state").selectOption("executed");
    await expect(card).toContainText("Utført");
    await expect(card).toContainText("Avgjort av Ada Administrator");

    // The approval started the grant job in the BFF: wait until it has ended (its state, read
    // through the API), then the grant is there for everyone to see.
    const headers = { "X-CSRF": "1" };
    const executed = (await (
      await admin.request.get(`/api/change-requests/${id}`, { headers })
    ).json()) as { result: { body: { id: string } } };
    const jobId = executed.result.body.id;
    await expect
      .poll(
        async () =>
          (
            (await (
              await admin.request.get(`/api/envs/${ENV}/access-jobs/${jobId}`, { headers })
            ).json()) as { status: string }
          ).status,
        { timeout: 30_000 },
      )
      .toBe("done");
    await admin.goto(accessPath);
    await admin.getByLabel("Søk").fill(orgno);
    await expect(admin.getByTestId("grants-table")).toContainText(orgno);

    // The audit names both: the approval by the admin, the grant by the operator.
    await admin.goto("/audit");
    const table = admin.getByTestId("audit-table");
    const approval = table
      .locator("tbody tr")
      .filter({ hasText: "Godkjente endringsforespørsel" })
      .filter({ hasText: id });
    await expect(approval).toContainText("Ada Administrator");
    await approval.getByRole("button", { name: /^Detaljer for/ }).click();
    await expect(admin.getByTestId("audit-details")).toContainText("Ola Operatør");
    await approval.getByRole("button", { name: /^Detaljer for/ }).click();
    await expect(admin.getByTestId("audit-details")).toHaveCount(0);
    // The job's entry (same id as the job) is by the operator and names the approver.
    const grant = table
      .locator("tbody tr")
      .filter({ hasText: "Ola Operatør" })
      .filter({
        hasText: `${SCOPE} → 1`,
      });
    await grant
      .first()
      .getByRole("button", { name: /^Detaljer for/ })
      .click();
    // The audit detail is in the page's language (bokmål) since entries carry code + params.
    await expect(admin.getByTestId("audit-details")).toContainText("godkjent av Ada Administrator");
    await expectNoSeriousA11yViolations(admin, `audit details (${width})`);
    // The grant's target in the page's language (issue 14 #13): "→ 1 konsument", not English.
    await expect(grant.first()).toContainText(`${SCOPE} → 1 konsument`);
    await expect(grant.first()).not.toContainText(/consumers?\b/);
    await expect(approval).toContainText(`endringsforespørsel ${id}`);
    await expect(approval).not.toContainText(/change request/);

    if (width === 1280) await failedRequestInNynorsk(browser, baseURL!, sessionCookies, admin);
    await admin.context().close();
  });
}

/**
 * A request whose execution fails (a second create of a scope the first one made): another admin
 * reads why in nynorsk and in English, never the BFF's English in the nynorsk page (issue 14 #13).
 */
async function failedRequestInNynorsk(
  browser: Browser,
  baseURL: string,
  sessionCookies: SessionCookies,
  admin: Page,
) {
  const name = `e2e${Date.now().toString(36)}`;
  const headers = { "X-CSRF": "1", Origin: new URL(admin.url()).origin };
  const ask = async () => {
    const asked = await admin.request.post(`/api/envs/${ENV}/scopes`, {
      headers,
      data: { prefix: "digdir", subscope: name, description: "To gonger" },
    });
    expect(asked.status()).toBe(202);
    return ((await asked.json()) as { changeRequest: { id: string } }).changeRequest.id;
  };
  const [first, second] = [await ask(), await ask()];
  const siri = await personIn(browser, baseURL, sessionCookies, "Siri Sjekker", "/change-requests");
  const siriHeaders = { "X-CSRF": "1", Origin: new URL(siri.url()).origin };
  for (const id of [first, second]) {
    const approved = await siri.request.post(`/api/change-requests/${id}/approve`, {
      headers: siriHeaders,
    });
    expect(approved.status()).toBe(200);
  }
  await siri.getByTestId("language-switch").selectOption("nn");
  await siri.getByTestId("change-request-state").selectOption("executed");
  const card = siri.locator(`[data-change-request-id="${second}"]`);
  const result = card.getByTestId("change-request-result");
  await expect(result).toContainText(
    `HTTP 409: Scopet digdir:${name} finst allereie (eit tidlegare forsøk kan ha laga det); ingenting vart sendt`,
  );
  await expect(card).not.toContainText(/already exists|nothing was sent|change request/);
  await siri.getByTestId("language-switch").selectOption("en");
  await expect(result).toContainText(`HTTP 409: The scope digdir:${name} already exists`);
  await siri.context().close();
}
