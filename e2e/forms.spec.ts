import { generateKeyPairSync } from "node:crypto";
import type { Page } from "@playwright/test";
import { orgNumberProblem } from "@portvakt/contracts";
import {
  captureBothThemes,
  expect,
  expectNoSeriousA11yViolations,
  inEachLanguage,
  rsaKeyPair,
  showIn,
  test,
  unique,
} from "./support";

// Issue 14, item 11: the Form primitive (apps/web/src/components/form) under the scope and
// client forms. At 1,280 and 390 px, each state in nb, nn and en (switched in place): a client
// error on its field, a server error (the BFF's 409 "scope exists", field `subscope`) on its
// field, focus to the first invalid field, nothing typed lost after a failed submit, axe without
// serious violations.
// The Give-access dialog (features/access) too: a bad org number, and the BFF's refusal of one,
// on the org-number field. Then the diagnose form and the consumer page's lookup and
// multi-scope grant (forms14d): a client error and a server refusal on each one's field. The
// token test: its fields' client errors, Maskinporten's refusal of a kid on the kid field, and
// the BFF's refusal beside the button. The generate-key form: a kid the client holds, the
// private key not stored (defect 5), and the BFF's refusal of the kid on the kid field.

/** Seeded in the simulator (apps/simulator/src/seed.ts): creating it again is refused. */
const EXISTING_SUBSCOPE = "demo.read";

const TEXTS = {
  nb: {
    descriptionRequired: "Beskrivelse må fylles ut",
    atLeastZero: "Må være minst 0",
    exists: `digdir:${EXISTING_SUBSCOPE} finnes allerede`,
    nameRequired: "Klienten må ha et navn",
    clientDescriptionRequired: "Klienten må ha en beskrivelse",
    give: "Gi tilgang",
    checkDigit: "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
    length: "Et organisasjonsnummer har nøyaktig 9 sifre",
    empty: "Kan ikke være tomt",
    chooseOne: "Velg minst én",
    privateKey: "Privat nøkkelmateriale avvist",
    failed: "Feilet",
    toBeforeFrom: "Slutten kan ikke være før starten",
    notValid: "Ikke gyldig datetime",
    addKey: "Legg til nøkkel",
    keyEmpty: "Lim inn en nøkkel.",
    replaceKeys: "Erstatt nøkkelsettet",
    setEmpty: "Settet er tomt. For å fjerne alle nøklene, fjern dem én og én.",
    notRegistered: "er ikke registrert på klienten",
    notJwt: "Granten er ikke en signert JWT (tre base64url-deler skilt med punktum)",
    generateKey: "Lag nøkkel i nettleseren",
    kidHeld: "Klienten har allerede en nøkkel med kid",
    storeFirst:
      "Last ned den private nøkkelen (eller kryss av for at du har lagret den) før du registrerer den offentlige.",
    urlRefused: "Skriv en full https://-adresse (eller http:// for en lokal test)",
    unknownFormat: "Formatet er ukjent. Bruk JWK, PEM-offentlig nøkkel eller sertifikat.",
    subscopeDash: "Et subscope har bare små bokstaver, sifre og / . : (fant «-»)",
  },
  nn: {
    descriptionRequired: "Skildring må fyllast ut",
    atLeastZero: "Må vere minst 0",
    exists: `digdir:${EXISTING_SUBSCOPE} finst allereie`,
    nameRequired: "Klienten må ha eit namn",
    clientDescriptionRequired: "Klienten må ha ei skildring",
    give: "Gi tilgang",
    checkDigit: "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
    length: "Eit organisasjonsnummer har nøyaktig 9 siffer",
    empty: "Kan ikkje vere tomt",
    chooseOne: "Vel minst éin",
    privateKey: "Privat nøkkelmateriale avvist",
    failed: "Feila",
    toBeforeFrom: "Slutten kan ikkje vere før starten",
    notValid: "Ikkje gyldig datetime",
    addKey: "Legg til nøkkel",
    keyEmpty: "Lim inn ein nøkkel.",
    replaceKeys: "Erstatt nøkkelsettet",
    setEmpty: "Settet er tomt. For å fjerne alle nøklane, fjern dei éin og éin.",
    notRegistered: "er ikkje registrert på klienten",
    notJwt: "Granten er ikkje ein signert JWT (tre base64url-delar skilde med punktum)",
    generateKey: "Lag nøkkel i nettlesaren",
    kidHeld: "Klienten har allereie ein nøkkel med kid",
    storeFirst:
      "Last ned den private nøkkelen (eller kryss av for at du har lagra han) før du registrerer den offentlege.",
    urlRefused: "Skriv ei full https://-adresse (eller http:// for ein lokal test)",
    unknownFormat: "Formatet er ukjent. Bruk JWK, PEM-offentleg nøkkel eller sertifikat.",
    subscopeDash: "Eit subscope har berre små bokstavar, siffer og / . : (fann «-»)",
  },
  en: {
    descriptionRequired: "A description is required",
    atLeastZero: "Must be at least 0",
    exists: `digdir:${EXISTING_SUBSCOPE} exists`,
    nameRequired: "A client needs a name",
    clientDescriptionRequired: "A client needs a description",
    give: "Grant access",
    checkDigit: "The check digit (mod 11) of this organisation number is wrong",
    length: "An organisation number is exactly 9 digits",
    empty: "Must not be empty",
    chooseOne: "Choose at least one",
    privateKey: "Private key material refused",
    failed: "Failed",
    toBeforeFrom: "The end must not be before the start",
    notValid: "Not a valid datetime",
    addKey: "Add key",
    keyEmpty: "Paste a key.",
    replaceKeys: "Replace the key set",
    setEmpty: "The set is empty. To remove every key, remove them one by one.",
    notRegistered: "is not registered on the client",
    notJwt: "The assertion is not a signed JWT (three base64url parts separated by dots)",
    generateKey: "Generate key in the browser",
    kidHeld: "The client already has a key with kid",
    storeFirst:
      "Download the private key (or tick that you have stored it) before you register the public one.",
    urlRefused: "Give a full https:// address (or http:// for a local test)",
    unknownFormat: "Unknown format. Use a JWK, a PEM public key or a certificate.",
    subscopeDash: 'A subscope has only lowercase letters, digits and / . : (found "-")',
  },
} as const;
const WIDTHS = [1280, 390] as const;

/**
 * A seeded client of the demo organisation with a registered key (apps/simulator/src/seed.ts,
 * DEMO_LEGACY_KEY_CLIENT_ID): the key forms are refused on it, so nothing changes.
 */
const KEYED_CLIENT = "1e9a7c55-2f4b-4d8e-9c3a-b5d6e7f80912";
/** The kid of its key (DEMO_LEGACY_KID). */
const HELD_KID = "legacy-2024";

/** A valid org number (mod 11) no other spec grants: nothing is granted to it here either. */
function freshOrgno(): string {
  for (;;) {
    const base = String(60_000_000 + Math.floor(Math.random() * 9_000_000));
    for (let check = 0; check <= 9; check++) {
      if (orgNumberProblem(`${base}${check}`) === null) return `${base}${check}`;
    }
  }
}

const LANGS = ["nb", "nn", "en"] as const;
type Lang = (typeof LANGS)[number];

/**
 * The page's current state in nb, nn and en, switched in place (`showIn`: what was typed, the
 * errors shown and an open dialog stay): `check` makes that language's text assertions, axe
 * scans and screenshots. The acting language comes last, so the flow goes on in it.
 */
/** The viewport of a width (px): 800 high on a desktop, 844 on a phone. */
const viewport = (width: number) => ({ width, height: width > 400 ? 800 : 844 });

/** The submit button of the form that holds `field` (a locator of one of its fields). */
const submitNear = (page: Page, field: string) =>
  page.locator(field).locator("xpath=ancestor::form").locator("button[type=submit]");

/** The submit button of the page's admin form (AdminForm: the fields carry `form-fields`). */
const submitOf = (page: Page) =>
  page.getByTestId("form-fields").locator("xpath=ancestor::form").locator("button[type=submit]");

// One walk per width; at each state the page is checked in nb, nn and en in place. The language
// the walk acts in (buttons found by their localized name) rotates over the widths and the two
// tests, so each language acts somewhere.
const FIELD_FORMS_ACTING: Record<(typeof WIDTHS)[number], Lang> = { 1280: "nb", 390: "nn" };
const KEY_FORMS_ACTING: Record<(typeof WIDTHS)[number], Lang> = { 1280: "en", 390: "nb" };

for (const width of WIDTHS) {
  test(`forms show client and server errors on their fields, in nb, nn and en at ${width} px`, async ({
    signedIn: page,
  }) => {
    // Many forms, each state in three languages with axe: measured 26–44 s (one worker, loaded
    // machine); about three times that.
    test.setTimeout(120_000);
    const acting = FIELD_FORMS_ACTING[width];
    await page.setViewportSize(viewport(width));
    await showIn(page, acting);

    // Scope form, client check: the description is missing and a lifetime is negative.
    await page.goto("/scopes/new");
    const subscope = page.locator("#scope-subscope");
    const description = page.locator("#scope-description");
    const atMaxAge = page.locator("#scope-at_max_age");
    // The demo organisation has two prefixes; the seeded scope is under digdir.
    await page.locator("#scope-prefix").selectOption("digdir");
    // Defect 8i: the subscope's help names / : . as its separators and suggests no "-" or
    // "–"; a "-" typed is refused on the field as it is typed.
    const subscopeHelp = page.locator("#scope-subscope-help");
    await expect(subscope).toHaveAttribute("aria-describedby", /scope-subscope-help/);
    await subscope.fill("api-v1");
    await expect(subscope).toHaveAttribute("aria-invalid", "true");
    await inEachLanguage(page, TEXTS, acting, async (_, text) => {
      await expect(subscopeHelp).toContainText("/");
      expect(await subscopeHelp.textContent()).not.toMatch(/[-–—]/);
      await expect(page.locator("#scope-subscope-error")).toHaveText(text.subscopeDash);
    });
    const typed = unique("e2e/forms.");
    await subscope.fill(typed);
    await atMaxAge.fill("-1");
    await submitOf(page).click();
    await expect(description).toHaveAttribute("aria-invalid", "true");
    await expect(description).toHaveAttribute("aria-describedby", /scope-description-error/);
    // Focus on the first invalid field in screen order, nothing typed lost.
    await expect(description).toBeFocused();
    await expect(subscope).toHaveValue(typed);
    await expect(atMaxAge).toHaveValue("-1");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#scope-description-error")).toHaveText(text.descriptionRequired);
      await expect(page.locator("#scope-at_max_age-error")).toHaveText(text.atLeastZero);
      await expectNoSeriousA11yViolations(page, `scope form, client errors (${lang}, ${width})`);
    });

    // Fixing a field clears its error as it is typed.
    await description.fill(`Skjema ${acting} ${width}`);
    await expect(page.locator("#scope-description-error")).toHaveCount(0);
    await atMaxAge.fill("");
    await expect(page.locator("#scope-at_max_age-error")).toHaveCount(0);

    // Defect 8a: the scope's URL field (delegation_source; the form offers only Digdir's
    // https issuers in a list) refuses `ftp://x` and a non-URL. A body changed on its way (an
    // older page, a script) carries them; the BFF's 400 names the field, shown in the page's
    // language, and nothing is created.
    const scopesPost = "**/api/envs/*/scopes";
    for (const bad of ["ftp://x", "not a url"]) {
      await page.route(scopesPost, async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        const body = route.request().postDataJSON() as Record<string, unknown>;
        await route.continue({ postData: JSON.stringify({ ...body, delegation_source: bad }) });
      });
      const refusedUrl = page.waitForResponse(
        (r) => new URL(r.url()).pathname.endsWith("/scopes") && r.request().method() === "POST",
      );
      await submitOf(page).click();
      expect((await refusedUrl).status()).toBe(400);
      await expect(page.locator("#scope-delegation_source")).toHaveAttribute(
        "aria-invalid",
        "true",
      );
      await expect(subscope).toHaveValue(typed);
      await inEachLanguage(page, TEXTS, acting, async (_, text) => {
        await expect(page.locator("#scope-delegation_source-error")).toHaveText(text.urlRefused);
      });
      await page.unroute(scopesPost);
    }

    // Server check: the name exists (409 with `errors[0].field = "subscope"`).
    await subscope.fill(EXISTING_SUBSCOPE);
    await page.locator("#scope-long_description").fill("Lang tekst som skal bli stående");
    await submitOf(page).click();
    await expect(page.locator("#scope-subscope-error")).toHaveText(TEXTS[acting].exists);
    await expect(subscope).toHaveAttribute("aria-invalid", "true");
    await expect(subscope).toBeFocused();
    await expect(description).toHaveValue(`Skjema ${acting} ${width}`);
    await expect(page.locator("#scope-long_description")).toHaveValue(
      "Lang tekst som skal bli stående",
    );
    await expect(submitOf(page)).toBeEnabled();
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#scope-subscope-error")).toHaveText(text.exists);
      // A 409 that names a field is shown on it alone (defect 3): no panel beside the submit
      // button repeats it in other words, and no toast.
      await expect(page.getByText(text.exists, { exact: true })).toHaveCount(1);
      await expect(submitOf(page).locator("xpath=ancestor::form").getByRole("alert")).toHaveCount(
        0,
      );
      await expect(page.getByTestId("toast-error")).toHaveCount(0);
      // Light and dark (axe in both) of the 409 shown once, on its field.
      await captureBothThemes(page, `scope-form-409-${lang}-${width}`);
    });

    // Client form: both required fields missing; focus on the name.
    await page.goto("/clients/new");
    const lifetime = page.locator("#client-access_token_lifetime");
    await lifetime.fill("90000");
    await submitOf(page).click();
    await expect(page.locator("#client-access_token_lifetime-error")).toBeVisible();
    await expect(page.locator("#client-client_name")).toBeFocused();
    await expect(lifetime).toHaveValue("90000");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#client-client_name-error")).toHaveText(text.nameRequired);
      await expect(page.locator("#client-description-error")).toHaveText(
        text.clientDescriptionRequired,
      );
      await expectNoSeriousA11yViolations(page, `client form, client errors (${lang}, ${width})`);
    });

    // Supplier form (a client for a customer): a wrong check digit and no name; the org
    // number comes first, so it gets the focus; what was typed stays.
    await page.goto("/supplier");
    const orgno = page.locator("#supplier-client_orgno");
    await orgno.fill("123456789");
    await page.locator("#supplier-description").fill("Kunde");
    await page
      .locator("#supplier-client_orgno")
      .locator("xpath=ancestor::form")
      .locator("button[type=submit]")
      .click();
    await expect(orgno).toHaveAttribute("aria-invalid", "true");
    await expect(orgno).toBeFocused();
    await expect(orgno).toHaveValue("123456789");
    await expect(page.locator("#supplier-description")).toHaveValue("Kunde");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#supplier-client_name-error")).toHaveText(text.nameRequired);
      await expectNoSeriousA11yViolations(page, `supplier form, client errors (${lang}, ${width})`);
    });

    // Give access: only bad numbers typed, so nothing can be granted; the reason is on the
    // org-number field, which gets the focus; what was typed stays.
    await page.goto(`/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
    await expect(page.getByTestId("grants-table")).toContainText("889640782");
    await page.getByRole("button", { name: TEXTS[acting].give, exact: true }).click();
    const dialog = page.getByRole("dialog");
    const orgnos = dialog.locator("#grant-orgnos");
    const grant = dialog.locator("button[type=submit]");
    await orgnos.fill("889640781");
    await grant.click();
    await expect(orgnos).toHaveAttribute("aria-invalid", "true");
    await expect(orgnos).toHaveAttribute("aria-describedby", /grant-orgnos-error/);
    await expect(orgnos).toBeFocused();
    await expect(orgnos).toHaveValue("889640781");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(dialog.locator("#grant-orgnos-error")).toHaveText(text.checkDigit);
      await expectNoSeriousA11yViolations(page, `give access, bad number (${lang}, ${width})`);
    });
    await orgnos.fill("12345");
    await inEachLanguage(page, TEXTS, acting, async (_, text) => {
      await expect(dialog.locator("#grant-orgnos-error")).toHaveText(text.length);
    });

    // Server refusal: the BFF checks the body again (BulkJobInput). A body changed on its way
    // (an older page, a script) carries a wrong check digit; the BFF's 400 names
    // `orgnos.0`, and that lands on the field, in the page's language, once.
    const fresh = freshOrgno();
    await orgnos.fill(fresh);
    await expect(dialog.locator("#grant-orgnos-error")).toHaveCount(0);
    await page.route(
      "**/api/envs/*/access-jobs",
      async (route) => {
        const body = route.request().postDataJSON() as { orgnos: string[] };
        await route.continue({
          postData: JSON.stringify({ ...body, orgnos: ["889640781"] }),
        });
      },
      { times: 1 },
    );
    const refused = page.waitForResponse(
      (r) => r.url().endsWith("/access-jobs") && r.request().method() === "POST",
    );
    await grant.click();
    expect((await refused).status()).toBe(400);
    await expect(orgnos).toHaveAttribute("aria-invalid", "true");
    await expect(orgnos).toBeFocused();
    await expect(orgnos).toHaveValue(fresh);
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(dialog.locator("#grant-orgnos-error")).toHaveText(text.checkDigit);
      await expect(page.getByText(text.checkDigit, { exact: true })).toHaveCount(1);
      await expect(page.getByTestId("toast-error")).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, `give access, server refusal (${lang}, ${width})`);
    });
    await page.unrouteAll();
    await page.keyboard.press("Escape");
  });

  test(`diagnose, token test, consumer, audit and key forms (add, generate, replace) show client and server errors on their fields, in nb, nn and en at ${width} px`, async ({
    signedIn: page,
  }) => {
    // Many forms, each state in three languages with axe: measured 37–45 s (one worker, loaded
    // machine); about three times that.
    test.setTimeout(120_000);
    const acting = KEY_FORMS_ACTING[width];
    await page.setViewportSize(viewport(width));
    await showIn(page, acting);

    // Diagnose: nothing pasted (only white space) is refused on the field; a private key the
    // BFF finds (here put into the body on its way, as an older page or a script could) is
    // refused on the same field (`errors[0].field = "input"`), what was pasted kept.
    await page.goto("/diagnose");
    const pasted = page.locator("#diagnose-input");
    await pasted.fill("  ");
    await submitNear(page, "#diagnose-input").click();
    await expect(pasted).toBeFocused();
    await expect(pasted).toHaveAttribute("aria-invalid", "true");
    await inEachLanguage(page, TEXTS, acting, async (_, text) => {
      await expect(page.locator("#diagnose-input-error")).toHaveText(text.empty);
    });
    const grantText = '{"error":"invalid_grant","error_description":"Invalid assertion"}';
    await pasted.fill(grantText);
    await expect(page.locator("#diagnose-input-error")).toHaveCount(0);
    await page.route(
      "**/api/envs/*/diagnose",
      (route) =>
        route.continue({
          postData: JSON.stringify({
            input: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
          }),
        }),
      { times: 1 },
    );
    await submitNear(page, "#diagnose-input").click();
    await expect(page.locator("#diagnose-input-error")).toHaveText(TEXTS[acting].privateKey);
    await expect(pasted).toBeFocused();
    await expect(pasted).toHaveValue(grantText);
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#diagnose-input-error")).toHaveText(text.privateKey);
      await expect(page.getByText(text.privateKey, { exact: true })).toHaveCount(1);
      await expectNoSeriousA11yViolations(page, `diagnose, server refusal (${lang}, ${width})`);
    });

    // Token test: nothing chosen is refused on the client (focused) and the kid, before
    // anything is signed.
    await page.goto("/token-test");
    const testClient = page.locator("#token-test-clientId");
    const testKid = page.locator("#token-test-kid");
    await submitNear(page, "#token-test-clientId").click();
    await expect(testClient).toBeFocused();
    await expect(testClient).toHaveAttribute("aria-invalid", "true");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#token-test-clientId-error")).toHaveText(text.empty);
      await expect(page.locator("#token-test-kid-error")).toHaveText(text.empty);
      await expectNoSeriousA11yViolations(page, `token test, client errors (${lang}, ${width})`);
    });
    // Maskinporten refuses a kid the client does not hold (through the BFF to the simulator's
    // token endpoint); the diagnosis's kid check lands on the kid field in the page's language.
    await testClient.selectOption(KEYED_CLIENT);
    await expect(page.locator("#token-test-clientId-error")).toHaveCount(0);
    await page.locator("input[type=file]").setInputFiles({
      name: "key.pem",
      mimeType: "application/x-pem-file",
      buffer: Buffer.from(rsaKeyPair().privatePem),
    });
    await expect(page.getByTestId("key-loaded")).toBeVisible();
    const unknownKid = unique("forms-unknown-");
    await testKid.fill(unknownKid);
    await expect(page.locator("#token-test-kid-error")).toHaveCount(0);
    await submitNear(page, "#token-test-clientId").click();
    await expect(page.getByTestId("token-test-result")).toBeVisible();
    await expect(testKid).toHaveAttribute("aria-invalid", "true");
    await expect(testKid).toHaveValue(unknownKid);
    await expect(testClient).toHaveValue(KEYED_CLIENT);
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#token-test-kid-error")).toContainText(
        `"${unknownKid}" ${text.notRegistered}`,
      );
      await expectNoSeriousA11yViolations(page, `token test, refused kid (${lang}, ${width})`);
    });
    // The BFF's own refusal (the grant changed on its way into no JWT: 400, field
    // `assertion`, which is no field of the form) beside the button, once; nothing lost.
    await page.route(
      "**/api/envs/*/token-test",
      (route) =>
        route.request().method() === "POST"
          ? route.continue({ postData: JSON.stringify({ assertion: "not-a-jwt" }) })
          : route.continue(),
      { times: 1 },
    );
    const refusedTest = page.waitForResponse(
      (r) => r.url().endsWith("/token-test") && r.request().method() === "POST",
    );
    await submitNear(page, "#token-test-clientId").click();
    expect((await refusedTest).status()).toBe(400);
    await expect(page.getByText(TEXTS[acting].notJwt, { exact: true })).toHaveCount(1);
    await expect(testKid).toHaveValue(unknownKid);
    await expect(testClient).toHaveValue(KEYED_CLIENT);
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.getByText(text.notJwt, { exact: true })).toHaveCount(1);
      await expect(page.getByTestId("toast-error")).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, `token test, server refusal (${lang}, ${width})`);
    });
    await page.unrouteAll();

    // One organisation's access: a short number is refused on the lookup field.
    await page.goto("/consumer");
    const lookup = page.locator("#consumer-orgno");
    await lookup.fill("12345678");
    await submitNear(page, "#consumer-orgno").click();
    await expect(lookup).toBeFocused();
    await expect(lookup).toHaveValue("12345678");
    await inEachLanguage(page, TEXTS, acting, async (_, text) => {
      await expect(page.locator("#consumer-orgno-error")).toHaveText(text.length);
    });
    // A valid one (spaces as typed are dropped) shows its scopes; granting none is refused
    // on the picked scopes, which get the focus.
    const consumer = freshOrgno();
    await lookup.fill(`${consumer.slice(0, 3)} ${consumer.slice(3)}`);
    await submitNear(page, "#consumer-orgno").click();
    await expect(page).toHaveURL(new RegExp(`orgno=${consumer}`));
    const scopesTable = page.getByTestId("consumer-scopes");
    await expect(scopesTable.locator('tr[data-scope="difi:api3"]')).toBeVisible();
    await submitNear(page, "#consumer-grant-scopes").click();
    await expect(page.locator("#consumer-grant-scopes")).toBeFocused();
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#consumer-grant-scopes-error")).toHaveText(text.chooseOne);
      await expectNoSeriousA11yViolations(page, `consumer, client error (${lang}, ${width})`);
    });
    // The BFF refuses the grant (its scope changed on the way to one that is no scope name):
    // the refusal shows on that scope's row, its checkbox stays picked, marked and focused.
    const pick = scopesTable.locator('input[data-pick="difi:api3"]');
    await pick.check();
    await expect(page.locator("#consumer-grant-scopes-error")).toHaveCount(0);
    await page.route(
      (url) => /\/api\/envs\/[^/]+\/scopes\/access\/\d{9}$/.test(url.pathname),
      (route) => {
        if (route.request().method() !== "PUT") return route.continue();
        const url = new URL(route.request().url());
        url.searchParams.set("scope", "not a scope");
        return route.continue({ url: url.toString() });
      },
    );
    const refusedGrant = page.waitForResponse(
      (r) => r.url().includes("/scopes/access/") && r.request().method() === "PUT",
    );
    await submitNear(page, "#consumer-grant-scopes").click();
    expect((await refusedGrant).status()).toBe(400);
    await expect(scopesTable.locator('tr[data-scope="difi:api3"]')).toContainText(
      TEXTS[acting].failed,
    );
    await expect(pick).toBeChecked();
    await expect(pick).toHaveAttribute("aria-invalid", "true");
    await expect(pick).toBeFocused();
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(scopesTable.locator('tr[data-scope="difi:api3"]')).toContainText(text.failed);
      await expectNoSeriousA11yViolations(page, `consumer, server refusal (${lang}, ${width})`);
    });
    await page.unrouteAll();

    // Audit filters: a range that ends before it starts is refused on `to` as it is typed;
    // Enter (in another field) moves the focus to it. The list keeps its last valid filters.
    await page.goto("/audit");
    const auditFrom = page.locator("#audit-filter-from");
    const auditTo = page.locator("#audit-filter-to");
    await auditFrom.fill("2026-01-02T10:00");
    await auditTo.fill("2026-01-01T10:00");
    await expect(page.locator("#audit-filter-to-error")).toHaveText(TEXTS[acting].toBeforeFrom);
    await page.locator("#audit-filter-person").press("Enter");
    await expect(auditTo).toBeFocused();
    await expect(auditTo).toHaveAttribute("aria-invalid", "true");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#audit-filter-to-error")).toHaveText(text.toBeforeFrom);
      await expectNoSeriousA11yViolations(page, `audit filters, client error (${lang}, ${width})`);
    });
    // The BFF's refusal (a start it cannot read, changed on the way) lands on `from`, once.
    await auditTo.fill("");
    await expect(page.locator("#audit-filter-to-error")).toHaveCount(0);
    await page.route(
      (url) => url.pathname === "/api/audit",
      (route) => {
        const url = new URL(route.request().url());
        if (!url.searchParams.has("from")) return route.continue();
        url.searchParams.set("from", "yesterday");
        return route.continue({ url: url.toString() });
      },
    );
    const refusedList = page.waitForResponse(
      (r) => new URL(r.url()).pathname === "/api/audit" && r.status() === 400,
    );
    await auditFrom.fill("2026-01-03T10:00");
    await refusedList;
    await expect(auditFrom).toHaveAttribute("aria-invalid", "true");
    await expect(auditFrom).toHaveValue("2026-01-03T10:00");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(page.locator("#audit-filter-from-error")).toHaveText(text.notValid);
      await expect(page.getByText(text.notValid, { exact: true })).toHaveCount(1);
      await expectNoSeriousA11yViolations(
        page,
        `audit filters, server refusal (${lang}, ${width})`,
      );
    });
    await page.unrouteAll();

    // Add a key: nothing pasted is refused on the key field, which gets the focus.
    await page.goto(`/clients/${KEYED_CLIENT}`);
    // The key set is read before the dialog opens (a submit while it loads was once lost).
    await expect(page.getByTestId("keys-table")).toContainText(HELD_KID);
    await page.getByRole("button", { name: TEXTS[acting].addKey, exact: true }).click();
    const keyDialog = page.getByRole("dialog");
    const keyField = keyDialog.locator("#key-jwk");
    await expect(keyField).toBeVisible();
    await keyDialog.locator("button[type=submit]").click();
    await expect(keyField).toBeFocused();
    await expect(keyField).toHaveAttribute("aria-invalid", "true");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(keyDialog.locator("#key-jwk-error")).toHaveText(text.keyEmpty);
      await expectNoSeriousA11yViolations(page, `add key, client error (${lang}, ${width})`);
    });
    // Defect 8h: unreadable text is "format unknown", with no space before its full stop.
    await keyField.fill("this is no key at all");
    const keyError = keyDialog.locator("#key-jwk-error");
    await inEachLanguage(page, TEXTS, acting, async (_, text) => {
      await expect(keyError).toHaveText(text.unknownFormat);
      expect(await keyError.textContent()).not.toContain(" .");
    });
    // The BFF refuses a kid the client already holds (409, field `jwk.kid`; here the kid is
    // changed on the way, as when another person added it meanwhile): on the key field, once.
    const { publicPem } = rsaKeyPair();
    await keyField.fill(publicPem);
    await expect(keyDialog.getByTestId("jwk-preview")).toHaveCount(1);
    await expect(keyDialog.locator("#key-jwk-error")).toHaveCount(0);
    await expect(page.getByTestId("keys-table")).toContainText(HELD_KID);
    const heldKid = HELD_KID;
    await page.route(`**/api/envs/*/clients/${KEYED_CLIENT}/keys`, async (route) => {
      const body = route.request().postDataJSON() as { jwk: { kid: string } };
      await route.continue({
        postData: JSON.stringify({ jwk: { ...body.jwk, kid: heldKid } }),
      });
    });
    await keyDialog.locator("button[type=submit]").click();
    await expect(keyDialog.locator("#key-jwk-error")).toContainText(heldKid);
    await expect(keyField).toBeFocused();
    await expect(keyField).toHaveValue(publicPem);
    await inEachLanguage(page, TEXTS, acting, async (lang) => {
      await expect(keyDialog.locator("#key-jwk-error")).toContainText(heldKid);
      await expect(page.getByTestId("toast-error")).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, `add key, server refusal (${lang}, ${width})`);
    });
    await page.unrouteAll();
    await page.keyboard.press("Escape");

    // Make a key pair in the browser: a kid the client holds is refused on the kid field,
    // which gets the focus; nothing is made.
    await page.getByRole("button", { name: TEXTS[acting].generateKey, exact: true }).click();
    const genDialog = page.getByRole("dialog");
    const genKid = genDialog.locator("#keygen-kid");
    const genSubmit = genDialog.locator("button[type=submit]");
    // The size is a field of the form too: 2,048 bit picked from the start.
    await expect(genDialog.locator('input[name="bits"][value="2048"]')).toBeChecked();
    await genKid.fill(HELD_KID);
    await genSubmit.click();
    await expect(genKid).toBeFocused();
    await expect(genKid).toHaveAttribute("aria-invalid", "true");
    await expect(genDialog.getByTestId("generated-kid")).toHaveCount(0);
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(genDialog.locator("#keygen-kid-error")).toContainText(
        `${text.kidHeld} ${HELD_KID}`,
      );
      await expectNoSeriousA11yViolations(page, `generate key, client error (${lang}, ${width})`);
    });
    // Made: registering before the private key is downloaded or declared stored is refused
    // on that checkbox (issue 14, defect 5), focused; nothing is registered.
    const madeKid = unique("forms-gen-");
    await genKid.fill(madeKid);
    await expect(genDialog.locator("#keygen-kid-error")).toHaveCount(0);
    await genSubmit.click();
    await expect(genDialog.getByTestId("generated-kid")).toContainText(madeKid);
    await genSubmit.click();
    await expect(genDialog.getByTestId("key-stored")).toBeFocused();
    await expect(genDialog.getByTestId("key-stored")).toHaveAttribute("aria-invalid", "true");
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(genDialog.locator("#keygen-stored-error")).toHaveText(text.storeFirst);
      // Light and dark (axe in both) of the refusal.
      await captureBothThemes(page, `generate-key-not-stored-${lang}-${width}`);
    });
    // The BFF refuses the kid (changed on the way to one the client holds, as when another
    // person added it meanwhile: 409 on `jwk.kid`): on the kid field, once; nothing registered.
    await genDialog.getByTestId("key-stored").check();
    await expect(genDialog.locator("#keygen-stored-error")).toHaveCount(0);
    await page.route(`**/api/envs/*/clients/${KEYED_CLIENT}/keys`, async (route) => {
      const body = route.request().postDataJSON() as { jwk: { kid: string } };
      await route.continue({
        postData: JSON.stringify({ jwk: { ...body.jwk, kid: heldKid } }),
      });
    });
    await genSubmit.click();
    await expect(genDialog.locator("#keygen-kid-error")).toContainText(heldKid);
    await expect(genKid).toBeFocused();
    await expect(genKid).toHaveValue(madeKid);
    await expect(genDialog.getByTestId("generated-registered")).toHaveCount(0);
    await inEachLanguage(page, TEXTS, acting, async (lang) => {
      await expect(genDialog.locator("#keygen-kid-error")).toContainText(heldKid);
      await expect(page.getByTestId("toast-error")).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, `generate key, server refusal (${lang}, ${width})`);
    });
    await page.unrouteAll();
    await page.keyboard.press("Escape");

    // Replace the key set: nothing pasted is refused on the set's field, focused.
    await page.getByRole("button", { name: TEXTS[acting].replaceKeys, exact: true }).click();
    const setDialog = page.getByRole("dialog");
    const setField = setDialog.locator("#replace-keys");
    await setDialog.locator("button[type=submit]").click();
    await expect(setField).toBeFocused();
    await inEachLanguage(page, TEXTS, acting, async (lang, text) => {
      await expect(setDialog.locator("#replace-keys-error")).toHaveText(text.setEmpty);
      await expectNoSeriousA11yViolations(page, `replace keys, client error (${lang}, ${width})`);
    });
    // The BFF checks the set again (`Jwks`): a kid twice (made on the way) is refused on
    // `keys.1.kid`, shown on the set's field after the confirmation; nothing is replaced.
    const kid = unique("forms-");
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pub = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
    const pastedSet = JSON.stringify({ keys: [pub] });
    await setField.fill(pastedSet);
    await expect(setDialog.getByTestId("diff-added")).toContainText(kid);
    await page.route(`**/api/envs/*/clients/${KEYED_CLIENT}/jwks`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      await route.continue({ postData: JSON.stringify({ keys: [pub, pub] }) });
    });
    await setDialog.locator("button[type=submit]").click();
    await setDialog.getByTestId("replace-confirm").locator("button[type=submit]").click();
    await expect(setDialog.locator("#replace-keys-error")).toContainText(kid);
    await expect(setField).toBeFocused();
    await expect(setField).toHaveValue(pastedSet);
    await inEachLanguage(page, TEXTS, acting, async (lang) => {
      await expect(setDialog.locator("#replace-keys-error")).toContainText(kid);
      await expectNoSeriousA11yViolations(page, `replace keys, server refusal (${lang}, ${width})`);
    });
    await page.unrouteAll();
    await page.keyboard.press("Escape");
  });
}
