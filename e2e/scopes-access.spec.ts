import { expect, test, unique } from "./support";

const CONSUMERS = ["889640782", "974760673", "910000004"];

test("create a scope, grant three organisations, revoke one, deactivate after the warning", async ({
  signedIn: page,
}) => {
  const subscope = unique("e2e/flyt.");

  // Create, with the subscope checked live by the contracts' rule.
  await page.getByRole("link", { name: "Nytt scope" }).click();
  await expect(page.getByLabel("Prefiks")).toHaveValue(/.+/);
  await page.getByLabel("Prefiks").selectOption("digdir");
  const subscopeField = page.getByLabel("Subscope");
  await subscopeField.fill("Feil//navn");
  await expect(page.getByText("Et subscope har ikke store bokstaver")).toBeVisible();
  await subscopeField.fill("feil//navn");
  await expect(
    page.getByText("Skilletegnene / . : kan ikke stå rett etter hverandre"),
  ).toBeVisible();
  await subscopeField.fill(subscope);
  await expect(page.getByTestId("scope-full-name")).toHaveText(`digdir:${subscope}`);
  await page
    .getByRole("textbox", { name: "Beskrivelse", exact: true })
    .fill("Scope laget av nettlesertesten");
  await expect(page.getByRole("checkbox", { name: "maskinporten" })).toBeChecked();
  await page.getByRole("button", { name: "Opprett scope" }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: `digdir:${subscope} er opprettet` }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/scopes$/);

  // Grant: three valid org numbers and one refused in the form.
  await page.getByLabel("Søk").fill(subscope);
  await page.getByRole("link", { name: `Tilganger til digdir:${subscope}` }).click();
  await expect(page).toHaveURL(
    new RegExp(`/access\\?scope=digdir%3A${encodeURIComponent(subscope)}`),
  );
  await expect(page.getByText("Ingen organisasjoner har fått tilgang")).toBeVisible();
  await page.getByRole("button", { name: "Gi tilgang", exact: true }).click();
  await page.getByLabel("Organisasjonsnumre").fill(`${CONSUMERS.join(", ")}\n123456789`);
  const entries = page.getByTestId("grant-entries");
  await expect(entries.locator('tr[data-orgno="123456789"]')).toContainText(
    "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
  );
  await page.getByRole("button", { name: "Gi tilgang (3)" }).click();
  for (const orgno of CONSUMERS) {
    await expect(entries.locator(`tr[data-orgno="${orgno}"]`)).toContainText("Tilgang gitt");
  }
  await expect(
    page.getByTestId("toast-success").filter({ hasText: "3 organisasjoner har fått tilgang" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Lukk", exact: true }).click();

  const table = page.getByTestId("grants-table");
  for (const orgno of CONSUMERS) await expect(table).toContainText(orgno);
  await expect(table).toContainText("ARBEIDS- OG VELFERDSETATEN");

  // Revoke one from the table, behind a confirmation.
  await page.getByRole("button", { name: "Trekk tilbake tilgangen til 974760673" }).click();
  const confirm = page.getByRole("dialog", { name: "Trekke tilbake tilgangen?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Trekk tilbake" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "974760673" })).toBeVisible();
  await expect(table).not.toContainText("974760673");
  await page.getByLabel("Status").selectOption("DENIED");
  await expect(table).toContainText("974760673");
  await expect(table).toContainText("Trukket tilbake");

  // Deactivate: the dialog warns that two grants remain and revokes them first.
  await page.getByRole("link", { name: "Scopes" }).click();
  await page.getByLabel("Søk").fill(subscope);
  await page.getByRole("button", { name: `Deaktiver digdir:${subscope}` }).click();
  const dialog = page.getByRole("dialog", { name: `Deaktivere digdir:${subscope}?` });
  await expect(dialog.getByTestId("remaining-grants")).toContainText("2 organisasjoner");
  await expect(dialog.getByLabel("Trekk tilbake de 2 tilgangene først (anbefalt)")).toBeChecked();
  await dialog.getByRole("button", { name: "Trekk 2 tilganger og deaktiver" }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: `digdir:${subscope} er deaktivert` }),
  ).toBeVisible();
  await expect(page.getByTestId("scopes-table")).not.toContainText(subscope);
  await page.getByLabel("Status").selectOption("inactive");
  await expect(page.getByTestId("scopes-table")).toContainText(subscope);

  // Every grant is now revoked.
  await page.goto(`/access?${new URLSearchParams({ scope: `digdir:${subscope}` })}`);
  await expect(page.getByText("Scopet er deaktivert.")).toBeVisible();
  await page.getByLabel("Status").selectOption("APPROVED");
  await expect(page.getByText("Ingen tilganger")).toBeVisible();

  // And it can be reactivated.
  await page.goto("/scopes");
  await page.getByLabel("Status").selectOption("inactive");
  await page.getByRole("button", { name: `Reaktiver digdir:${subscope}` }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: "er aktivert igjen" }),
  ).toBeVisible();
});

test("a failed create keeps what the user typed and shows the problem", async ({
  signedIn: page,
}) => {
  // digdir:demo.read exists: Digdir answers 409 and the form must keep its input.
  await page.goto("/scopes/new");
  await page.getByLabel("Prefiks").selectOption("digdir");
  await page.getByLabel("Subscope").fill("demo.read");
  await page.getByRole("textbox", { name: "Beskrivelse", exact: true }).fill("Finnes fra før");
  await page.getByRole("button", { name: "Opprett scope" }).click();
  // Shown once, on the field it names (defect 3): no panel or toast repeating it.
  await expect(page.locator("#scope-subscope-error")).toHaveText(
    "digdir:demo.read finnes allerede",
  );
  await expect(
    page.getByRole("alert").filter({ hasText: "Kunne ikke opprette scopet" }),
  ).toHaveCount(0);
  await expect(page.getByTestId("toast-error")).toHaveCount(0);
  await expect(page.getByLabel("Subscope")).toHaveValue("demo.read");
  await expect(page.getByRole("textbox", { name: "Beskrivelse", exact: true })).toHaveValue(
    "Finnes fra før",
  );
});

test("deep links open the access page for a scope", async ({ signedIn: page }) => {
  await page.goto(`/access?${new URLSearchParams({ scope: "nav:pensjon/v3/alderspensjon" })}`);
  // Not an own scope: the picker has no such entry, and the BFF answers with a problem.
  await page.goto(`/access?${new URLSearchParams({ scope: "difi:api3" })}`);
  await expect(page.getByTestId("scope-picker")).toHaveValue("difi:api3");
  await expect(page.getByTestId("grants-table")).toContainText("889640782");
});

test("edit a scope: prefix and subscope are read-only, the rest is saved", async ({
  signedIn: page,
}) => {
  await page.getByRole("link", { name: "difi:api3", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Endre scope" })).toBeVisible();
  await expect(page.getByLabel("Prefiks")).toHaveAttribute("readonly", "");
  await expect(page.getByLabel("Subscope")).toHaveAttribute("readonly", "");
  const description = page.getByRole("textbox", { name: "Beskrivelse", exact: true });
  const text = unique("Endret av testen ");
  await description.fill(text);
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: "difi:api3 er lagret" }),
  ).toBeVisible();
  await expect(page.getByTestId("scopes-table")).toContainText(text);
});

test("a CSV file of org numbers is read and checked row by row before anything is sent", async ({
  signedIn: page,
}) => {
  await page.goto(`/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
  await expect(page.getByTestId("grants-table")).toContainText("889640782");
  await page.getByRole("button", { name: "Gi tilgang", exact: true }).click();
  await page.getByLabel("Eller last opp en CSV-fil").setInputFiles({
    name: "konsumenter.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("orgnr;navn\n974 761 076;Skatteetaten\n889640782;NAV\n12345678;Feil\n"),
  });
  const entries = page.getByTestId("grant-entries");
  await expect(entries.locator('tr[data-orgno="974761076"]')).toContainText("Klar");
  await expect(entries.locator('tr[data-orgno="889640782"]')).toContainText("Har allerede tilgang");
  await expect(entries.locator('tr[data-orgno="12345678"]')).toContainText("nøyaktig 9 sifre");
  await expect(page.getByText("3 oppføringer: 1 klar, 1 ugyldig")).toBeVisible();
  await expect(page.getByRole("button", { name: "Gi tilgang (1)" })).toBeEnabled();
  await page.keyboard.press("Escape");
});

test("a Brønnøysund export is read from its org-number column, not its postcodes and dates", async ({
  signedIn: page,
}) => {
  // Issue 14, defect 7.
  await page.goto(`/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
  await expect(page.getByTestId("grants-table")).toContainText("889640782");
  await page.getByRole("button", { name: "Gi tilgang", exact: true }).click();
  await page.getByLabel("Eller last opp en CSV-fil").setInputFiles({
    name: "enheter.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      [
        "orgnr;navn;postnummer;poststed;stiftelsesdato",
        "974761076;SKATTEETATEN;0661;OSLO;2008-01-01",
        "889640782;ARBEIDS- OG VELFERDSETATEN;0661;OSLO;2006-07-01",
      ].join("\n"),
    ),
  });
  await expect(page.getByTestId("orgno-column")).toHaveText(
    "Organisasjonsnumrene er lest fra kolonne 1 («orgnr»); de andre kolonnene er hoppet over.",
  );
  await expect(page.getByText("2 oppføringer: 1 klar, 0 ugyldige")).toBeVisible();
  await expect(page.getByTestId("grant-entries").locator('tr[data-orgno="0661"]')).toHaveCount(0);
  await page.keyboard.press("Escape");
});
