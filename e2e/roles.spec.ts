import type { Browser, Page } from "@playwright/test";
import { orgNumberProblem } from "@portvakt/contracts";
import { expect, type SignInAs, signIn, test } from "./support";

const SCOPE = "digdir:demo.read";
const SEEDED_CONSUMER = "889640782";
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

/** The scope's grants as the BFF reports them, read by the administrator in their own browser. */
async function grantsAsAdmin(
  browser: Browser,
  baseURL: string,
  signInAs: SignInAs,
): Promise<unknown> {
  const context = await browser.newContext({ baseURL, locale: "nb-NO" });
  try {
    const page = await context.newPage();
    await signInAs("Ada Administrator", "/scopes", page);
    const response = await page.request.get(
      `/api/envs/demo/scopes/access?${new URLSearchParams({ scope: SCOPE })}`,
      { headers: { "X-CSRF": "1" } },
    );
    expect(response.status()).toBe(200);
    return await response.json();
  } finally {
    await context.close();
  }
}

async function openFirstClient(page: Page) {
  await page.goto("/clients");
  await page.getByTestId("clients-table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Nøkler (JWKS)" })).toBeVisible();
}

test("an administrator sees their name and role and may do everything", async ({
  page,
  signInAs,
}) => {
  await signInAs("Ada Administrator");
  await expect(page.getByTestId("session-name")).toHaveText(/Ada Administrator/);
  await expect(page.getByTestId("session-role")).toHaveText("Administrator i Demo (simulator)");
  await expect(page.getByTestId("session-role-explain")).toContainText("kan endre alt");
  await expect(page.getByTestId("role-notice")).toHaveCount(0);

  await expect(page.getByRole("link", { name: "Nytt scope" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Deaktiver ${SCOPE}` })).toBeEnabled();

  await page.goto(accessPath);
  await expect(page.getByTestId("grants-table")).toContainText(SEEDED_CONSUMER);
  await expect(page.getByRole("button", { name: "Gi tilgang", exact: true })).toBeEnabled();
  await expect(
    page.getByRole("button", { name: `Trekk tilbake tilgangen til ${SEEDED_CONSUMER}` }),
  ).toBeEnabled();

  await page.goto("/clients");
  await expect(page.getByRole("link", { name: "Registrer klient" })).toBeVisible();
  await openFirstClient(page);
  await expect(page.getByRole("link", { name: "Endre" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Slett klient" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Legg til nøkkel" })).toBeEnabled();
});

test("an operator may grant and revoke, but not change scopes, clients or keys", async ({
  page,
  signInAs,
}) => {
  await signInAs("Ola Operatør");
  await expect(page.getByTestId("session-role")).toHaveText("Operatør i Demo (simulator)");
  await expect(page.getByTestId("session-role-explain")).toHaveText(
    "kan gi og trekke tilbake tilganger",
  );

  await expect(page.getByRole("link", { name: "Nytt scope" })).toHaveCount(0);
  const deactivate = page.getByRole("button", { name: `Deaktiver ${SCOPE}` });
  await expect(deactivate).toBeDisabled();
  await expect(deactivate).toHaveAttribute("title", "Krever rollen Administrator");
  await expect(page.getByTestId("role-notice")).toContainText(
    "Å opprette, endre, deaktivere og reaktivere scopes krever rollen Administrator",
  );

  // Granting works through the form, end to end.
  const orgno = freshOrgno();
  await page.goto(accessPath);
  await expect(page.getByTestId("role-notice")).toHaveCount(0);
  await expect(
    page.getByRole("button", { name: `Trekk tilbake tilgangen til ${SEEDED_CONSUMER}` }),
  ).toBeEnabled();
  await page.getByRole("button", { name: "Gi tilgang", exact: true }).click();
  await page.getByLabel("Organisasjonsnumre").fill(orgno);
  await page.getByRole("button", { name: "Gi tilgang (1)" }).click();
  await expect(
    page.getByTestId("grant-entries").locator(`tr[data-orgno="${orgno}"]`),
  ).toContainText("Tilgang gitt");
  await page.getByRole("button", { name: "Lukk", exact: true }).click();
  // Other specs add many grants to this scope: find the new row by searching, not by position.
  await page.getByLabel("Søk").fill(orgno);
  await expect(page.getByTestId("grants-table")).toContainText(orgno);

  // ... and so does revoking it from the table.
  await page.getByRole("button", { name: `Trekk tilbake tilgangen til ${orgno}` }).click();
  const confirm = page.getByRole("dialog", { name: "Trekke tilbake tilgangen?" });
  await confirm.getByRole("button", { name: "Trekk tilbake" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: orgno })).toBeVisible();

  await page.goto("/clients");
  await expect(page.getByRole("link", { name: "Registrer klient" })).toHaveCount(0);
  await openFirstClient(page);
  await expect(page.getByRole("link", { name: "Endre" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Slett klient" })).toBeDisabled();
  const addKey = page.getByRole("button", { name: "Legg til nøkkel" });
  await expect(addKey).toBeDisabled();
  await expect(addKey).toHaveAttribute("title", "Krever rollen Administrator");
});

test("a viewer sees everything, may change nothing, and a forged grant is refused", async ({
  page,
  browser,
  baseURL,
  signInAs,
}) => {
  await signInAs("Vera Viewer");
  await expect(page.getByTestId("session-role")).toHaveText("Leser i Demo (simulator)");
  await expect(page.getByTestId("session-role-explain")).toHaveText("kan se alt, men ikke endre");
  await expect(page.getByTestId("scopes-table")).toContainText(SCOPE);
  await expect(page.getByRole("link", { name: "Nytt scope" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Deaktiver ${SCOPE}` })).toBeDisabled();

  await page.goto(accessPath);
  await expect(page.getByTestId("grants-table")).toContainText(SEEDED_CONSUMER);
  const grant = page.getByRole("button", { name: "Gi tilgang", exact: true });
  await expect(grant).toBeDisabled();
  await expect(grant).toHaveAttribute("title", "Krever rollen Operatør");
  await expect(
    page.getByRole("button", { name: `Trekk tilbake tilgangen til ${SEEDED_CONSUMER}` }),
  ).toBeDisabled();
  await expect(page.getByTestId("role-notice")).toContainText(
    "Å gi og trekke tilbake tilganger krever rollen Operatør",
  );

  await page.goto("/clients");
  await expect(page.getByRole("link", { name: "Registrer klient" })).toHaveCount(0);
  await openFirstClient(page);
  await expect(page.getByRole("button", { name: "Slett klient" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Legg til nøkkel" })).toBeDisabled();
  await page.goto("/scopes/new");
  await expect(page.getByRole("button", { name: "Opprett scope" })).toBeDisabled();

  // The BFF enforces the role whatever the UI shows: a hand-made request with the viewer's valid
  // session, the CSRF header and the right Origin is refused, and nothing changes upstream.
  const before = await grantsAsAdmin(browser, baseURL!, signInAs);
  const orgno = freshOrgno();
  const forged = await page.request.put(
    `/api/envs/demo/scopes/access/${orgno}?${new URLSearchParams({ scope: SCOPE })}`,
    { headers: { "X-CSRF": "1", Origin: baseURL! } },
  );
  expect(forged.status()).toBe(403);
  const problem = await forged.json();
  expect(problem.title).toBe("Forbidden");
  expect(problem.detail).toContain("operator");
  const after = await grantsAsAdmin(browser, baseURL!, signInAs);
  expect(after).toEqual(before);
  expect(JSON.stringify(after)).not.toContain(orgno);
});

test("a person without a role is told so and sees no data", async ({ page, signInAs }) => {
  await signInAs("Nils Nobody");
  await expect(page.getByTestId("no-access")).toContainText("Ingen tilgang i Demo (simulator)");
  await expect(page.getByTestId("no-access")).toContainText("Nils Nobody");
  await expect(page.getByTestId("session-role")).toHaveText("Ingen rolle i Demo (simulator)");
  await expect(page.getByTestId("scopes-table")).toHaveCount(0);
  // Least privilege: nothing of the organisation Portvakt acts as.
  await expect(page.getByTestId("acting-org")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("991825827");
});

test("sign-out ends the session: the old cookie is refused afterwards", async ({
  page,
  context,
}) => {
  await signIn(page, "Vera Viewer");
  const session = (await context.cookies()).find((c) => c.name.includes("portvakt-session"));
  expect(session).toBeDefined();
  const ok = await page.request.get("/api/session", { headers: { "X-CSRF": "1" } });
  expect(ok.status()).toBe(200);

  // Sign-out sits in the person's menu in the header (Designsystemet's Dropdown).
  await page.getByTestId("session-menu").click();
  await page.getByTestId("sign-out").click();
  // Through the provider's sign-out and back to Portvakt, which asks to sign in.
  await expect(page.getByTestId("sign-in")).toBeVisible();
  expect((await context.cookies()).some((c) => c.name === session!.name)).toBe(false);

  // Replaying the old cookie does not bring the session back.
  await context.addCookies([session!]);
  const replayed = await page.request.get("/api/session", { headers: { "X-CSRF": "1" } });
  expect(replayed.status()).toBe(401);
  await page.goto("/scopes");
  await expect(page.getByTestId("sign-in")).toBeVisible();
});

test("a session that ends while the page is open asks to sign in again and comes back", async ({
  page,
  context,
}) => {
  await signIn(page, "Vera Viewer");
  await expect(page.getByTestId("scopes-table")).toContainText(SCOPE);
  await context.clearCookies();
  // In-app navigation: the grants query is the first call without a session.
  await page.getByRole("link", { name: `Tilganger til ${SCOPE}` }).click();
  const dialog = page.getByRole("dialog", { name: "Økten er utløpt" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("link", { name: "Logg inn igjen" }).click();
  // Clearing the cookies ended the provider's session too (same host), so it asks who signs in.
  const picker = page.getByRole("button", { name: /Vera Viewer/ });
  await expect(picker.or(page.getByTestId("grants-table"))).toBeVisible();
  if (await picker.isVisible()) await picker.click();
  await page.waitForURL((url) => url.pathname.endsWith("/access"));
  await expect(page).toHaveURL(/scope=digdir%3Ademo\.read/);
  await expect(page.getByTestId("grants-table")).toContainText(SEEDED_CONSUMER);
});
