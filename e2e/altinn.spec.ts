import { readFileSync } from "node:fs";
import {
  captureBothThemes,
  expect,
  expectNoSeriousA11yViolations,
  inEachLanguage,
  showIn,
  test,
} from "./support";

// Kept as .txt: its four-space layout is the point (the download must keep it), and the
// formatter would make it two.
const FIXTURE = readFileSync("e2e/fixtures/applicationmetadata-4-spaces.json.txt", "utf8");
const CONSUMER = "889640782";

test("an app's metadata with two mistakes: see both, fix them, provision, try a request, download", async ({
  signedIn: page,
}) => {
  // An app name only this run uses, so the scopes are new in Maskinporten.
  const app = `skjema${Date.now().toString(36)}`;
  const original = FIXTURE.replace("APP_NAME", app);

  await page.getByRole("link", { name: "Altinn-app" }).click();
  await expect(page.getByRole("heading", { name: "Altinn-app", level: 1 })).toBeVisible();
  await page.getByLabel("Last opp applicationmetadata.json").setInputFiles({
    name: "applicationmetadata.json",
    mimeType: "application/json",
    buffer: Buffer.from(original),
  });
  const editor = page.getByLabel("Innholdet i App/config/applicationmetadata.json");
  await expect(editor).toHaveValue(original);

  // Both mistakes are reported with their JSON paths and positions.
  const problems = page.getByTestId("altinn-problems");
  const unknown = problems.locator('li[data-code="altinn.metadata.unknown-property"]');
  const prefix = problems.locator('li[data-code="altinn.metadata.prefix-not-held"]');
  await expect(unknown).toContainText("$.apiScopes.users.wirte");
  // The package sends a code with params; the page words it in bokmål.
  await expect(unknown).toContainText("«wirte» er ikke en egenskap i apiScopes.users");
  await expect(unknown).toContainText("Linje 25, kolonne 13");
  await expect(prefix).toContainText("$.apiScopes.serviceOwners.read");
  await expect(prefix).toContainText("ttd");
  await expect(page.getByText(/2 feil/)).toBeVisible();

  // Clicking a problem selects its place in the editor; typing over it fixes it.
  await unknown.getByRole("button", { name: "Vis i editoren: $.apiScopes.users.wirte" }).click();
  await expect(editor).toBeFocused();
  const selected = await editor.evaluate((el: HTMLTextAreaElement) =>
    el.value.slice(el.selectionStart, el.selectionEnd),
  );
  expect(selected).toBe('"wirte": "digdir:[app].instances.write"');
  await page.keyboard.type('"write": "digdir:[app].instances.write"');
  await expect(unknown).toHaveCount(0);
  await expect(prefix).toHaveCount(1);

  // The prefix: replace the block with the recommended one, under a prefix the org holds.
  await expect(page.getByLabel("Appnavn")).toHaveValue(app);
  await page.getByLabel("Prefiks", { exact: true }).selectOption("digdir");
  await page.getByRole("button", { name: "Sett inn anbefalt apiScopes" }).click();
  await expect(page.getByText("Ingen feil")).toBeVisible();
  await expect(problems.locator('li[data-code="altinn.metadata.prefix-not-held"]')).toHaveCount(0);

  // The four scopes are missing in Maskinporten until provisioned.
  const scopes = page.getByTestId("altinn-scopes");
  const userRead = `digdir:${app}.instances.read`;
  const ownerWrite = `digdir:${app}/serviceowner/instances.write`;
  await expect(scopes.locator("tbody tr")).toHaveCount(4);
  await expect(scopes.locator(`tr[data-scope="${userRead}"]`)).toContainText("Mangler");

  // Provision, granting the users' scopes to one consumer; a bad org number is refused first.
  const grantTo = page.getByLabel("Gi tilgang til konsumenter (valgfritt)");
  await grantTo.fill(`${CONSUMER}, 123456789`);
  await expect(page.getByText("123456789: Kontrollsifferet (mod 11)")).toBeVisible();
  const run = page.getByRole("button", { name: "Opprett det som mangler" });
  // Sending is refused in the browser: the focus goes to the field, nothing is sent.
  let sent = 0;
  const countSent = () => sent++;
  await page.route("**/altinn/provision", async (route) => {
    countSent();
    await route.continue();
  });
  await run.click();
  await expect(grantTo).toBeFocused();
  await expect(grantTo).toHaveAttribute("aria-invalid", "true");
  expect(sent).toBe(0);
  await page.unrouteAll();
  await grantTo.fill(CONSUMER);
  await run.click();
  const results = page.getByTestId("provision-results");
  await expect(results.locator('tr[data-kind="scope"]')).toHaveCount(4);
  for (const row of await results.locator('tr[data-kind="scope"]').all()) {
    await expect(row).toContainText("Opprettet");
  }
  await expect(results.locator(`tr[data-kind="grant"][data-orgno="${CONSUMER}"]`)).toHaveCount(2);
  await expect(results.locator('tr[data-kind="grant"]').first()).toContainText("Tilgang gitt");
  await expect(page.getByTestId("toast-success").filter({ hasText: "er på plass" })).toBeVisible();
  await expect(scopes.locator(`tr[data-scope="${ownerWrite}"]`)).toContainText("Finnes");
  // The scopes made from a bokmål page are described in bokmål (issue 14, defect 2).
  const made = await page.request.get(
    `/api/envs/demo/scopes/scope?${new URLSearchParams({ scope: ownerWrite })}`,
    { headers: { "X-CSRF": "1" } },
  );
  expect(((await made.json()) as { description: string }).description).toMatch(
    /^Altinn-appen .+: endre instanser som tjenesteeier$/,
  );

  // Try a request: the built-in scope no longer suffices; the configured one does.
  const result = page.getByTestId("try-result");
  await expect(result).toContainText("403 Forbidden");
  await expect(result.getByTestId("try-rule")).toContainText(
    "Avgjort av: Regel 4: tokenets scopes",
  );
  await expect(result.getByTestId("forbidden-head")).toContainText(
    "Content-Type: application/json; charset=utf-8",
  );
  const body = JSON.parse((await result.getByTestId("forbidden-body").textContent()) ?? "");
  expect(body).toEqual({
    title: "Forbidden",
    status: 403,
    detail: "Insufficient scope",
    instance: `/digdir/${app}/instances/50001337/5d9e906b-83ed-44df-85a7-2f104c640bff`,
  });
  await page.getByLabel("Scopes i tokenet").fill(`altinn:instances.read ${userRead}`);
  await expect(result).toContainText(`Tillatt: tokenet har ${userRead}`);
  await page.getByLabel("Metode").selectOption("DELETE");
  await expect(result).toContainText("403 Forbidden");

  // Rule 1: an anonymous endpoint under /instances is not checked, and the page says why.
  const path = page.getByLabel("Sti", { exact: true });
  await path.fill(
    `/digdir/${app}/instances/501337/5d9e906b-83ed-44df-85a7-2f104c640bff/payment/nets-webhook-listener`,
  );
  await page.getByLabel("Metode").selectOption("POST");
  await expect(result.getByTestId("try-rule")).toContainText(
    "Regel 1: hvilke endepunkter som sjekkes",
  );
  await expect(result.getByTestId("try-headline")).toContainText("tillater anonyme kall");
  // … in nynorsk and English too.
  await page.getByTestId("language-switch").selectOption("nn");
  await expect(result.getByTestId("try-rule")).toContainText(
    "Regel 1: kva endepunkt som blir sjekka",
  );
  await page.getByTestId("language-switch").selectOption("en");
  await expect(result.getByTestId("try-rule")).toContainText("Rule 1: which endpoints are checked");
  await page.getByTestId("language-switch").selectOption("nb");
  await path.fill(`/digdir/${app}/instances/50001337/5d9e906b-83ed-44df-85a7-2f104c640bff`);
  await page.getByLabel("Metode").selectOption("DELETE");

  await captureBothThemes(page, "altinn");

  // Download: the recommended block in place, every other line of the file as it was.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Last ned applicationmetadata.json" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("applicationmetadata.json");
  const saved = readFileSync(await download.path(), "utf8");
  expect(JSON.parse(saved).apiScopes).toEqual({
    users: { read: "digdir:[app].instances.read", write: "digdir:[app].instances.write" },
    serviceOwners: {
      read: "digdir:[app]/serviceowner/instances.read",
      write: "digdir:[app]/serviceowner/instances.write",
    },
  });
  const before = original.split("\n");
  const after = saved.split("\n");
  expect(after.slice(0, 21)).toEqual(before.slice(0, 21));
  expect(after.slice(-4)).toEqual(before.slice(-4));
  expect(saved).toContain(
    '\n        "users": {\n            "read": "digdir:[app].instances.read",',
  );
});

test("a viewer can check a file and try requests, but not create the scopes", async ({
  page,
  signInAs,
}) => {
  await signInAs("Vera Viewer", "/altinn");
  await expect(page.getByTestId("role-notice")).toContainText(
    "Å opprette scopene i Maskinporten og gi tilgang til dem krever rollen Administrator",
  );
  // Start from org, app and prefix: a new file with the recommended block.
  await page.getByLabel("Org (tjenesteeier)").fill("digdir");
  await page.getByLabel("Appnavn").fill("visning");
  await page.getByLabel("Prefiks", { exact: true }).selectOption("digdir");
  await page.getByLabel("Skrivemåte").selectOption("concrete");
  await page.getByRole("button", { name: "Sett inn anbefalt apiScopes" }).click();
  await expect(page.getByLabel("Innholdet i App/config/applicationmetadata.json")).toHaveValue(
    /"read": "digdir:visning\.instances\.read"/,
  );
  await expect(page.getByText("Ingen feil")).toBeVisible();
  await expect(page.getByTestId("altinn-scopes").locator("tbody tr")).toHaveCount(4);
  await expect(page.getByRole("button", { name: "Opprett det som mangler" })).toBeDisabled();
  const result = page.getByTestId("try-result");
  await expect(result).toContainText("403 Forbidden");

  // The app's own controller: unknown to the library, the path reaches no endpoint (404) …
  await page.getByLabel("Sti", { exact: true }).fill("/digdir/visning/api/sak/abc");
  await expect(result.getByTestId("try-headline")).toContainText("appen svarer 404");
  // … until its route is given; its instanceGuid parameter makes it checked (rule 1).
  await page
    .getByLabel("Appens egne endepunkter (valgfritt)")
    .fill("GET {org}/{app}/api/sak/{instanceGuid}");
  await expect(result).toContainText("403 Forbidden");
  await expect(result.getByTestId("try-trail")).toContainText("det har parameteren instanceGuid");
  // A token without Altinn claims is not checked at all (rule 2).
  await page.getByLabel("Hvem kaller").selectOption("unknown");
  await expect(result.getByTestId("try-rule")).toContainText("Regel 2: hvem som kaller");
});

// Issue 14, items 11 and 13: the Altinn page's forms on the Form primitive. In nb, nn and en,
// at 1,280 and 390 px: the start-from-an-app form's client errors (an app name with a space, no
// group) on their fields with the focus on the first; the provision form's client error (a bad
// org number) and the BFF's refusal of one (`grantTo.0`) on the org-number field; the
// try-a-request form's checks (own endpoints, a pasted token) on theirs as typed; axe clean.
// One walk per width; at each state the page is shown in nb, nn and en in place (showIn) and
// checked in each. The walk acts (fills and submits, by id) in one language per width, rotated
// (ACTOR), so errors made in one language are seen to follow the page into the others.
const FORM_TEXTS = {
  nb: {
    invalidApp: "Et appnavn har ikke «/» eller mellomrom: «mitt app»",
    chooseOne: "Velg minst én",
    checkDigit: "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
    ownRoutes: "Ikke «METODE rutemal» (linje 1)",
    notJwt: "En JWT har tre deler skilt med punktum",
    notObject: "applicationmetadata.json må inneholde et JSON-objekt",
  },
  nn: {
    invalidApp: "Eit appnamn har ikkje «/» eller mellomrom: «mitt app»",
    chooseOne: "Vel minst éin",
    checkDigit: "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
    ownRoutes: "Ikkje «METODE rutemal» (linje 1)",
    notJwt: "Ein JWT har tre delar skilde med punktum",
    notObject: "applicationmetadata.json må innehalde eit JSON-objekt",
  },
  en: {
    invalidApp: 'An app name has no "/" or spaces: "mitt app"',
    chooseOne: "Choose at least one",
    checkDigit: "The check digit (mod 11) of this organisation number is wrong",
    ownRoutes: 'Not "METHOD route" (line 1)',
    notJwt: "A JWT has three parts separated by dots",
    notObject: "applicationmetadata.json must hold a JSON object",
  },
} as const;

type Lang = keyof typeof FORM_TEXTS;
/** The language the walk acts in at each width (nb acts in the tests above). */
const ACTOR: Record<number, Lang> = { 1280: "nn", 390: "en" };

for (const width of [1280, 390]) {
  const px = width === 1280 ? "1,280" : "390";
  test(`the Altinn forms show client and server errors on their fields in nb, nn and en at ${px} px`, async ({
    signedIn: page,
  }) => {
    // Measured 21–24 s a walk (one worker, a loaded machine): 12 axe scans, four states.
    test.setTimeout(90_000);
    const actor = ACTOR[width]!;
    await page.setViewportSize({ width, height: width > 400 ? 800 : 844 });
    await page.goto("/altinn");
    await showIn(page, actor);

    // Start from an app: an app name with a space and no group; focus on the app name.
    const org = page.locator("#altinn-start-org");
    const app = page.locator("#altinn-start-app");
    const groups = page.locator("#altinn-start-groups input[type=checkbox]");
    const insert = app.locator("xpath=ancestor::form").locator("button[type=submit]");
    await expect(page.locator("#altinn-start-prefix")).toHaveValue(/./);
    await page.locator("#altinn-start-prefix").selectOption("digdir");
    await org.fill("digdir");
    await app.fill("mitt app");
    for (const box of await groups.all()) await box.uncheck();
    await insert.click();
    await inEachLanguage(page, FORM_TEXTS, actor, async (lang, text) => {
      await expect(page.locator("#altinn-start-app-error")).toHaveText(text.invalidApp);
      await expect(page.locator("#altinn-start-groups-error")).toHaveText(text.chooseOne);
      await expect(app).toHaveAttribute("aria-invalid", "true");
      await expect(app).toBeFocused();
      await expect(org).toHaveValue("digdir");
      await expectNoSeriousA11yViolations(page, `altinn start, client errors (${lang}, ${width})`);
    });

    // Fixed, the file is made and checked: the provision form can be sent.
    const name = `f${actor}${width}${Date.now().toString(36)}`;
    await app.fill(name);
    await expect(page.locator("#altinn-start-app-error")).toHaveCount(0);
    await groups.first().check();
    await insert.click();
    await expect(page.getByTestId("altinn-scopes").locator("tbody tr")).toHaveCount(2);

    // Provision, client check: a wrong check digit; focus on the field, nothing sent.
    const grantTo = page.locator("#altinn-provision-grantTo");
    const preview = grantTo.locator("xpath=ancestor::form").locator("button[type=submit]").last();
    await expect(preview).toBeEnabled();
    await grantTo.fill("123456789");
    await preview.click();
    await inEachLanguage(page, FORM_TEXTS, actor, async (lang, text) => {
      await expect(grantTo).toBeFocused();
      await expect(grantTo).toHaveAttribute("aria-invalid", "true");
      await expect(page.locator("#altinn-provision-grantTo-error")).toContainText(text.checkDigit);
      await expectNoSeriousA11yViolations(
        page,
        `altinn provision, client error (${lang}, ${width})`,
      );
    });

    // Server check: the BFF checks the body again (AltinnProvisionRequest). A body changed on
    // its way carries a wrong check digit; the 400 names `grantTo.0`, which lands on the field.
    await grantTo.fill(CONSUMER);
    await expect(page.locator("#altinn-provision-grantTo-error")).toHaveCount(0);
    await page.route(
      "**/altinn/provision",
      async (route) => {
        const body = route.request().postDataJSON() as Record<string, unknown>;
        await route.continue({ postData: JSON.stringify({ ...body, grantTo: ["889640781"] }) });
      },
      { times: 1 },
    );
    const refused = page.waitForResponse(
      (r) => r.url().endsWith("/altinn/provision") && r.request().method() === "POST",
    );
    await preview.click();
    expect((await refused).status()).toBe(400);
    await inEachLanguage(page, FORM_TEXTS, actor, async (lang, text) => {
      await expect(page.locator("#altinn-provision-grantTo-error")).toHaveText(text.checkDigit);
      await expect(grantTo).toHaveAttribute("aria-invalid", "true");
      await expect(grantTo).toBeFocused();
      await expect(grantTo).toHaveValue(CONSUMER);
      await expect(page.getByText(text.checkDigit, { exact: true })).toHaveCount(1);
      await expectNoSeriousA11yViolations(
        page,
        `altinn provision, server error (${lang}, ${width})`,
      );
    });
    await page.unrouteAll();

    // Try a request (decided in the browser, nothing sent, no submit): checked as typed.
    const ownRoutes = page.locator("#altinn-try-ownRoutes");
    await ownRoutes.fill("nonsense");
    await inEachLanguage(page, FORM_TEXTS, actor, async (_, text) => {
      await expect(page.locator("#altinn-try-ownRoutes-error")).toHaveText(text.ownRoutes);
      await expect(ownRoutes).toHaveAttribute("aria-invalid", "true");
    });
    await ownRoutes.fill("");
    await expect(page.locator("#altinn-try-ownRoutes-error")).toHaveCount(0);
    await page.locator("input[type=radio][value=token]").check();
    await page.locator("#altinn-try-token").fill("abc");
    await inEachLanguage(page, FORM_TEXTS, actor, async (lang, text) => {
      await expect(page.locator("#altinn-try-token-error")).toHaveText(text.notJwt);
      await expectNoSeriousA11yViolations(page, `altinn try, client errors (${lang}, ${width})`);
    });

    // The package's refusal to insert into a file that holds no JSON object, in the language.
    await page.locator("#altinn-metadata").fill("[1]");
    await insert.click();
    await inEachLanguage(page, FORM_TEXTS, actor, (_, text) =>
      expect(page.getByTestId("start-failed")).toContainText(text.notObject),
    );
  });
}
