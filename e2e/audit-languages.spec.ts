import { type Browser, expect, type Page, test } from "@playwright/test";
import {
  expectNoSeriousA11yViolations,
  type StackProcess,
  startInBokmalLight,
  startStackProcess,
} from "./support";

// Issue 14 #13 (defect 2): what the BFF writes into an audit entry travels as codes with
// parameters beside its English `detail`, and the audit page says it in the page's language.
// Refusals by a role, by the rate limit and by Portvakt's own check (a 409), in nb, nn and en:
// the Norwegian text is shown and the English detail is not. A stack of its own, with a change
// limit of 2 a minute, so the rate limit refuses the third change (and no other test's person
// is held back by it).

let stack: StackProcess | undefined;
let origin = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStackProcess({ PORTVAKT_STACK_MUTATIONS_PER_MINUTE: "2" });
  origin = stack.url;
});

test.afterAll(async () => {
  await stack?.stop();
});

async function signInAs(browser: Browser, person: string): Promise<Page> {
  const context = await browser.newContext({ locale: "nb-NO", timezoneId: "Europe/Oslo" });
  const page = await context.newPage();
  await startInBokmalLight(page);
  await page.goto(`${origin}/auth/login?${new URLSearchParams({ returnTo: "/scopes" })}`);
  await page.getByRole("button", { name: new RegExp(person) }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/scopes"));
  await expect(page.getByTestId("session-role")).toBeVisible();
  return page;
}

const headers = { "X-CSRF": "1" };
async function grant(page: Page, orgno: string): Promise<number> {
  const url = `${origin}/api/envs/demo/scopes/access/${orgno}?${new URLSearchParams({ scope: "digdir:demo.read" })}`;
  return (await page.request.put(url, { headers: { ...headers, Origin: origin } })).status();
}

// The refusals as each language says them, and the English detail API clients read (never shown
// in a Norwegian page).
const SAID = {
  Vera: {
    nb: "Dette krever rollen «operator» (gi og trekke tilbake tilgang) i miljøet «demo»",
    nn: "Dette krev rolla «operator» (gi og trekkje tilbake tilgang) i miljøet «demo»",
    en: 'This needs the role "operator" (grant and revoke access) in the environment "demo"',
  },
  Ola: {
    nb: "For mange endringer på ett minutt",
    nn: "For mange endringar på eitt minutt",
    en: "Too many changes in a minute",
  },
  Ada: {
    nb: "Scopet digdir:demo.read finnes allerede (et tidligere forsøk kan ha laget det); ingenting ble sendt",
    nn: "Scopet digdir:demo.read finst allereie (eit tidlegare forsøk kan ha laga det); ingenting vart sendt",
    en: "The scope digdir:demo.read already exists (an earlier attempt may have made it); nothing was sent",
  },
} as const;

// A bulk job's target: "<scope> → <n> consumers" in English, coded `audit.target.bulk`.
const TARGET = {
  nb: "digdir:demo.read → 2 konsumenter",
  nn: "digdir:demo.read → 2 konsumentar",
  en: "digdir:demo.read → 2 consumers",
} as const;

// A count of one (issue 14, defect 2): Vera's one entry, filtered, counted in the language.
const SHOWN_ONE = { nb: /^Viser 1 av \d+$/, nn: /^Viser 1 av \d+$/, en: /^Showing 1 of \d+$/ };
// Every action has a label in the filter; `altinn.provision.dry-run` was shown as its key.
const ACTION_FILTER = { nb: "Handling", nn: "Handling", en: "Action" } as const;
const DRY_RUN = {
  nb: "Forhåndsviste klargjøring av Altinn-app",
  nn: "Førehandsviste klargjering av Altinn-app",
  en: "Previewed Altinn app provisioning",
} as const;

test("audit entries of refused changes are shown in the page's language (nb, nn, en), not in the BFF's English", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // A viewer's grant: refused by the role check (403).
  const vera = await signInAs(browser, "Vera Viewer");
  expect(await grant(vera, "889640782")).toBe(403);
  await vera.context().close();
  // An operator's third change within the minute: refused by the rate limit (429).
  const ola = await signInAs(browser, "Ola Operatør");
  expect(await grant(ola, "889640782")).toBe(200);
  expect(await grant(ola, "910000004")).toBe(200);
  expect(await grant(ola, "310000019")).toBe(429);
  await ola.context().close();
  const page = await signInAs(browser, "Ada Administrator");
  // An admin's bulk grant of two consumers (one change): its entry's target is coded, with a
  // plural in each language. Its entry is written when the job ends (a moment after its status
  // reads done): wait for the entry itself, so the refusal below is Ada's newest entry.
  const started = await page.request.post(`${origin}/api/envs/demo/access-jobs`, {
    headers: { ...headers, Origin: origin },
    data: { action: "grant", scope: "digdir:demo.read", orgnos: ["889640782", "910000004"] },
  });
  expect(started.status()).toBe(202);
  const jobId = ((await started.json()) as { id: string }).id;
  await expect
    .poll(
      async () => {
        const query = new URLSearchParams({ action: "access.grant-many", limit: "1000" });
        const answer = await page.request.get(`${origin}/api/audit?${query}`, { headers });
        const { entries } = (await answer.json()) as { entries: { id: string }[] };
        return entries.some((entry) => entry.id === jobId);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  // An admin's create of a scope that exists: refused by Portvakt before sending (409).
  const created = await page.request.post(`${origin}/api/envs/demo/scopes`, {
    headers: { ...headers, Origin: origin },
    data: { prefix: "digdir", subscope: "demo.read", description: "Finnes fra før" },
  });
  expect(created.status()).toBe(409);

  await page.goto(`${origin}/audit`);
  const table = page.getByTestId("audit-table");
  await expect(table).toBeVisible();
  for (const lang of ["nb", "nn", "en"] as const) {
    await page.getByTestId("language-switch").selectOption(lang);
    const options = page.getByLabel(ACTION_FILTER[lang], { exact: true }).locator("option");
    await expect(options.filter({ hasText: DRY_RUN[lang] })).toHaveCount(1);
    const labels = await options.allTextContents();
    expect(
      labels.filter((label) => /^[a-z-]+(\.[a-z-]+)+$/.test(label.trim())),
      `action filter labels in ${lang}`,
    ).toEqual([]);
    for (const person of ["Vera", "Ola", "Ada"] as const) {
      // The person's newest entry is the refusal.
      await page.getByLabel("Person").fill(person);
      const first = table.locator('tbody tr[data-index="0"]');
      await expect(first).toContainText(person);
      if (person === "Vera") {
        await expect(page.getByText(SHOWN_ONE[lang])).toBeVisible();
      }
      const toggle = first.getByRole("button", { name: /^(Detaljer|Detaljar|Details)/ });
      await toggle.click();
      const details = page.locator(`#${await toggle.getAttribute("aria-controls")}`);
      const text = details.getByTestId("audit-detail-text");
      await expect(text, `${person} in ${lang}`).toHaveText(SAID[person][lang]);
      if (lang !== "en") {
        await expect(details, `${person} in ${lang}`).not.toContainText(SAID[person].en);
        // No English sentence of the BFF's in the whole entry.
        await expect(details).not.toContainText(/needs the role|Too many|already exists/);
      }
      if (person === "Ada" && lang === "nn") {
        await expectNoSeriousA11yViolations(page, "audit details (nn)");
      }
      await toggle.click();
      await expect(details).toHaveCount(0);
    }
    // The bulk job's target (Ada's entry before the refusal) in the page's language, and in
    // the entry's details too: no English "consumers" in nb or nn.
    await page.getByLabel("Person").fill("Ada");
    const bulk = table.locator('tbody tr[data-index="1"]');
    await expect(bulk).toContainText(TARGET[lang]);
    const toggle = bulk.getByRole("button", { name: /^(Detaljer|Detaljar|Details)/ });
    await toggle.click();
    const details = page.locator(`#${await toggle.getAttribute("aria-controls")}`);
    await expect(details.getByTestId("audit-target-text")).toHaveText(TARGET[lang]);
    if (lang !== "en") await expect(bulk).not.toContainText(/consumers?\b/);
    await toggle.click();
    await expect(details).toHaveCount(0);
  }
  await page.context().close();
});
