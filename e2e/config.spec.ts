import { readFileSync } from "node:fs";
import { captureBothThemes, expect, inEachLanguage, showIn, test, unique } from "./support";

// A scope no other spec touches: seeded with one approved consumer (974761076).
const SCOPE = "digdir:intern/statistikk";
const GRANT = ["889640782", "974760673"];
const REVOKE = "974761076";

type ConfigDocument = { scopes: { name: string; description?: string; consumers?: string[] }[] };

test("export, edit the document to grant two and revoke one, plan, confirm, apply", async ({
  signedIn: page,
}) => {
  await page.getByRole("link", { name: "Eksport / import" }).click();
  await expect(page.getByRole("heading", { name: "Eksport / import", level: 1 })).toBeVisible();

  // Start from the exported document (JSON, so the test can edit it as data).
  await page.getByLabel("Format").selectOption("json");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Last ned" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("portvakt-demo.json");
  const exported = JSON.parse(readFileSync(await download.path(), "utf8")) as ConfigDocument;
  const scope = exported.scopes.find((s) => s.name === SCOPE)!;
  expect(scope.consumers).toEqual([REVOKE]);
  scope.consumers = GRANT;

  await page.getByLabel("Last opp et dokument").setInputFiles({
    name: "portvakt-demo.json",
    mimeType: "application/json",
    buffer: Buffer.from(`${JSON.stringify(exported, null, 2)}\n`),
  });
  await expect(page.getByLabel("Dokumentet", { exact: true })).toHaveValue(/intern\/statistikk/);
  await page.getByRole("button", { name: "Lag plan" }).click();

  // The plan: three steps under the scope, the revoke flagged as dangerous with its reason.
  const plan = page.getByTestId("config-plan");
  await expect(page.getByText("3 endringer, 1 farlig")).toBeVisible();
  const group = plan.locator(`article[data-group="${SCOPE}"]`);
  await expect(group.locator("li[data-step-id]")).toHaveCount(3);
  for (const orgno of GRANT) {
    await expect(group.locator(`li[data-step-id="access.grant:${SCOPE}@${orgno}"]`)).toContainText(
      "Gi tilgang",
    );
  }
  const revoke = group.locator(`li[data-step-id="access.revoke:${SCOPE}@${REVOKE}"]`);
  await expect(revoke).toHaveAttribute("data-dangerous", "true");
  await expect(revoke).toContainText("Farlig");

  await captureBothThemes(page, "config");

  // Apply only after the dangerous step is confirmed.
  const apply = page.getByRole("button", { name: "Bruk planen (3)" });
  await expect(apply).toBeDisabled();
  await revoke.getByRole("checkbox").check();
  await expect(page.getByText("1 av 1 farlig steg bekreftet")).toBeVisible();
  await apply.click();
  const result = page.getByTestId("apply-result");
  await expect(result).toContainText("Planen er brukt: 3 steg utført");
  await expect(result.locator("tr[data-step-id]")).toHaveCount(3);
  await expect(result.getByText("Utført", { exact: true })).toHaveCount(3);

  // The access page shows the new grants, and the revoked one only among the revoked.
  await page.goto(`/access?${new URLSearchParams({ scope: SCOPE })}`);
  const table = page.getByTestId("grants-table");
  for (const orgno of GRANT) await expect(table).toContainText(orgno);
  await expect(table).not.toContainText(REVOKE);
  await page.getByLabel("Status").selectOption("DENIED");
  await expect(table).toContainText(REVOKE);
});

test("a plan made before someone else's change is refused, and the new plan offered", async ({
  signedIn: page,
}) => {
  await page.goto("/config");
  await page.getByRole("button", { name: "Åpne i editoren" }).click();
  const editor = page.getByLabel("Dokumentet", { exact: true });
  await expect(editor).toHaveValue(/^version: 1/m);
  // Nothing edited: the plan is empty and there is nothing to apply.
  await page.getByRole("button", { name: "Lag plan" }).click();
  await expect(page.getByText("Ingen endringer")).toBeVisible();

  // Plan to give digdir:demo/v1/hendelser's consumer list one more organisation ...
  const yaml = await editor.inputValue();
  const edited = yaml.replace(
    /(- name: digdir:demo\/v1\/hendelser\n)/,
    '$1    consumers:\n      - "910000004"\n',
  );
  expect(edited).not.toBe(yaml);
  await editor.fill(edited);
  await page.getByRole("button", { name: "Lag plan" }).click();
  await expect(page.getByText("1 endring, 0 farlige")).toBeVisible();

  // ... while someone else changes the environment (from Portvakt's origin, as the BFF requires).
  const status = await page.evaluate(
    async (url) => {
      const response = await fetch(url, { method: "PUT", headers: { "X-CSRF": "1" } });
      return response.status;
    },
    `/api/envs/demo/scopes/access/974760673?${new URLSearchParams({ scope: "digdir:demo/v1/hendelser" })}`,
  );
  expect(status).toBe(200);

  await page.getByRole("button", { name: "Bruk planen (1)" }).click();
  const stale = page.getByTestId("stale-plan");
  await expect(stale).toContainText("Miljøet er endret siden planen");
  // The BFF's sentence comes as a code, shown in bokmål, not as its English detail (issue 14 #13).
  await expect(stale).toContainText("se gjennom den nye planen og bruk den i stedet");
  await expect(stale).not.toContainText("The environment changed");
  await stale.getByRole("button", { name: "Vis den nye planen" }).click();

  // The new plan also revokes what the other person granted: dangerous, so it must be confirmed.
  await expect(page.getByText("2 endringer, 1 farlig")).toBeVisible();
  await page.getByLabel(/Jeg bekrefter: .*974760673/).check();
  await page.getByRole("button", { name: "Bruk planen (2)" }).click();
  await expect(page.getByTestId("apply-result")).toContainText("Planen er brukt: 2 steg utført");
});

test("an operator may apply a plan that only grants, not one that changes a scope", async ({
  signInAs,
  page,
}) => {
  await signInAs("Ola Operatør", "/config");
  await page.getByLabel("Format").selectOption("json");
  await page.getByRole("button", { name: "Åpne i editoren" }).click();
  const editor = page.getByLabel("Dokumentet", { exact: true });
  await expect(editor).toHaveValue(/"version": 1/);
  const document = JSON.parse(await editor.inputValue()) as ConfigDocument;
  const scope = document.scopes.find((s) => s.name === "difi:api3")!;

  // A description change needs an administrator.
  scope.description = "Endret av en operatør";
  await editor.fill(JSON.stringify(document, null, 2));
  await page.getByRole("button", { name: "Lag plan" }).click();
  await expect(page.getByText("1 endring, 0 farlige")).toBeVisible();
  await expect(page.getByRole("button", { name: "Bruk planen (1)" })).toBeDisabled();
  await expect(
    page.getByText("denne planen har andre endringer og krever administrator"),
  ).toBeVisible();

  // A grant is within the operator's role.
  scope.description = "Eldre Difi-API, versjon 3";
  scope.consumers = [...(scope.consumers ?? []), "974760673"];
  await editor.fill(JSON.stringify(document, null, 2));
  await page.getByRole("button", { name: "Lag plan" }).click();
  await expect(
    page.getByTestId("config-plan").locator('li[data-step-id="access.grant:difi:api3@974760673"]'),
  ).toBeVisible();
  await page.getByRole("button", { name: "Bruk planen (1)" }).click();
  await expect(page.getByTestId("apply-result")).toContainText("Planen er brukt: 1 steg utført");
});

// Issue 14, defect 1, on the issue's own path (open in editor, add `- name: <prefix>:ux/…` with a
// description, plan, apply): a create step has no `before`, and the web read the plan with a
// copy of its own that said "Unexpected answer … expected nonoptional". In nb, nn and en, at
// 1,280 and 390 px (a new subscope each time, so runs do not collide), with axe and light/dark
// screenshots of the plan. The counts of one read as one ("1 endring", "1 steg utført").
// One walk per width; at each state the page is shown in nb, nn and en in place (showIn) and
// checked in each; the walk acts by localized names in one language per width (ACTOR), rotated.
const IMPORT_TEXTS = {
  nb: {
    nav: "Eksport / import",
    open: "Åpne i editoren",
    document: "Dokumentet",
    plan: "Lag plan",
    step: "Opprett scopet",
    reason: "Scopet står i dokumentet, men finnes ikke i miljøet",
    summary: "1 endring, 0 farlige",
    apply: "Bruk planen (1)",
    applied: "Planen er brukt: 1 steg utført",
    foreign: "Organisasjonen har ikke prefikset «nav»",
    description: "Beskrivelse",
    unset: "tom: Maskinportens standard",
  },
  nn: {
    nav: "Eksport / import",
    open: "Opne i editoren",
    document: "Dokumentet",
    plan: "Lag plan",
    step: "Opprett scopet",
    reason: "Scopet står i dokumentet, men finst ikkje i miljøet",
    summary: "1 endring, 0 farlege",
    apply: "Ta i bruk planen (1)",
    applied: "Planen er teken i bruk: 1 steg utført",
    foreign: "Organisasjonen har ikkje prefikset «nav»",
    description: "Skildring",
    unset: "tomt: standarden til Maskinporten",
  },
  en: {
    nav: "Export / import",
    open: "Open in the editor",
    document: "The document",
    plan: "Make a plan",
    step: "Create scope",
    reason: "The scope is in the document but not in the environment",
    summary: "1 change, 0 dangerous",
    apply: "Apply the plan (1)",
    applied: "The plan has been applied: 1 step done",
    foreign: 'The organisation does not hold the prefix "nav"',
    description: "Description",
    unset: "empty: Maskinporten's default",
  },
} as const;

type Lang = keyof typeof IMPORT_TEXTS;
/** The language the walk acts in at each width, and in the refused prefix at 390 px. */
const ACTOR: Record<number, Lang> = { 1280: "en", 390: "nn" };
const FOREIGN_ACTOR: Lang = "nb";

for (const width of [1280, 390]) {
  const px = width === 1280 ? "1,280" : "390";
  test(`import creates a scope from the editor, in nb, nn and en at ${px} px (defect 1)`, async ({
    signedIn: page,
  }) => {
    // Measured 10–11 s a walk on a quiet machine, one worker (the three language tests of before
    // took 24–34 s each loaded): 120 s leaves room for the loaded machine.
    test.setTimeout(120_000);
    const actor = ACTOR[width]!;
    const x = IMPORT_TEXTS[actor];
    await test.step(`${actor} acts at ${width} px: open in editor, add a scope, plan, apply`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/config");
      await inEachLanguage(page, IMPORT_TEXTS, actor, (_, y) =>
        expect(page.getByRole("heading", { name: y.nav, level: 1 })).toBeVisible(),
      );
      await page.getByRole("button", { name: x.open }).click();
      const editor = page.getByLabel(x.document, { exact: true });
      await inEachLanguage(page, IMPORT_TEXTS, actor, (_, y) =>
        expect(page.getByLabel(y.document, { exact: true })).toHaveValue(/^version: 1/m),
      );
      const name = `digdir:${unique(`ux/import${width}`)}.read`;
      const yaml = await editor.inputValue();
      const edited = yaml.replace(
        /^scopes:\n/m,
        `scopes:\n  - name: ${name}\n    description: Import e2e (${actor})\n`,
      );
      expect(edited).not.toBe(yaml);
      await editor.fill(edited);
      await page.getByRole("button", { name: x.plan }).click();

      const step = page.locator(`li[data-step-id="scope.create:${name}"]`);
      await inEachLanguage(page, IMPORT_TEXTS, actor, async (lang, y) => {
        await expect(step).toContainText(`${y.step} ${name}`);
        await expect(step).toContainText(y.reason);
        // Lifetimes the document leaves out are Maskinporten's default: not created as 0, not
        // in the step's changes at all (brief ux20 item 3).
        await expect(step).toContainText("description");
        await expect(step).not.toContainText(/at_max_age|authorization_max_lifetime/);
        await expect(page.getByText(y.summary)).toBeVisible();
        await expect(
          page.getByText(
            /Unexpected answer|nonoptional|forventet form|forventa form|expected shape/,
          ),
        ).toHaveCount(0);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          `the plan is no wider than the window (${lang})`,
        ).toBeLessThanOrEqual(0);
        await captureBothThemes(page, `config-import-${lang}-${width}`);
      });

      await page.getByRole("button", { name: x.apply }).click();
      await inEachLanguage(page, IMPORT_TEXTS, actor, (_, y) =>
        expect(page.getByTestId("apply-result")).toContainText(y.applied),
      );

      // A lifetime then given: the plan says it was unset (Maskinporten's default), not 0;
      // the other stays out of the plan (unset → unset).
      await editor.fill(
        edited.replace(
          `description: Import e2e (${actor})\n`,
          `description: Import e2e (${actor})\n    at_max_age: 300\n`,
        ),
      );
      await page.getByRole("button", { name: x.plan }).click();
      const update = page.locator(`li[data-step-id="scope.update:${name}"]`);
      const row = update.locator("tr").filter({ hasText: "at_max_age" });
      await inEachLanguage(page, IMPORT_TEXTS, actor, async (lang, y) => {
        await expect(row.locator("td").first()).toHaveText(y.unset);
        await expect(row.locator("td").last()).toHaveText("300");
        await expect(update).not.toContainText("authorization_max_lifetime");
        await captureBothThemes(page, `config-lifetime-${lang}-${width}`);
      });
      // The scope exists: its edit form opens with the description the document gave it.
      await page.goto(`/scopes/edit?${new URLSearchParams({ scope: name })}`);
      await inEachLanguage(page, IMPORT_TEXTS, actor, (_, y) =>
        expect(page.getByRole("textbox", { name: y.description, exact: true })).toHaveValue(
          `Import e2e (${actor})`,
        ),
      );
    });
    if (width !== 390) return;

    // A refusal made while planning (a prefix the organisation does not hold) travels as a code
    // (issue 14 #13): said in the page's language, not in the BFF's English.
    await test.step(`a prefix the organisation does not hold is refused in nb, nn and en (${FOREIGN_ACTOR} acts)`, async () => {
      const f = IMPORT_TEXTS[FOREIGN_ACTOR];
      await page.goto("/config");
      await showIn(page, FOREIGN_ACTOR);
      await page.getByRole("button", { name: f.open }).click();
      const editor = page.getByLabel(f.document, { exact: true });
      await expect(editor).toHaveValue(/^version: 1/m);
      await editor.fill(
        (await editor.inputValue()).replace(
          /^scopes:\n/m,
          "scopes:\n  - name: nav:ux/fremmed\n    description: Ikkje vårt\n",
        ),
      );
      await page.getByRole("button", { name: f.plan }).click();
      await inEachLanguage(page, IMPORT_TEXTS, FOREIGN_ACTOR, async (lang, y) => {
        await expect(page.getByText(y.foreign).first()).toBeVisible();
        if (lang !== "en") await expect(page.getByText(/does not hold the prefix/)).toHaveCount(0);
      });
    });
  });
}
