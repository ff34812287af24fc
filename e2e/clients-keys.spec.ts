import { expect, rsaKeyPair, test, unique } from "./support";

test("register a client with a granted scope, add a PEM key, refuse private and weak keys, remove the key", async ({
  signedIn: page,
}) => {
  const name = unique("E2E-klient ");

  await page.getByRole("link", { name: "Klienter" }).click();
  await page.getByRole("link", { name: "Registrer klient" }).click();
  await page.getByRole("textbox", { name: "Navn", exact: true }).fill(name);
  await page
    .getByRole("textbox", { name: "Beskrivelse", exact: true })
    .fill("Laget av nettlesertesten");
  const options = page.getByTestId("scope-options");
  // nav:pensjon/v3/alderspensjon is granted to 991825827 by NAV (APPROVED) and says so.
  const granted = options.locator("li").filter({ hasText: "nav:pensjon/v3/alderspensjon" });
  await expect(granted).toContainText("Tildelt av");
  await granted.getByRole("checkbox").check();
  await expect(page.getByText("1 scope valgt")).toBeVisible();
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: `${name} er registrert` }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("client-scopes")).toContainText("nav:pensjon/v3/alderspensjon");
  await expect(page.getByTestId("key-count")).toHaveText("0 av 5 nøkler");

  // Edit: the form starts from the client as it is.
  await page.getByRole("link", { name: "Endre" }).click();
  const description = page.getByRole("textbox", { name: "Beskrivelse", exact: true });
  await expect(description).toHaveValue("Laget av nettlesertesten");
  await description.fill("Endret av nettlesertesten");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: `${name} er lagret` }),
  ).toBeVisible();
  await expect(page.getByText("Endret av nettlesertesten")).toBeVisible();

  // A private key is refused before anything is sent.
  const { publicPem, privatePem } = rsaKeyPair(2048);
  await page.getByRole("button", { name: "Legg til nøkkel" }).click();
  const dialog = page.getByRole("dialog", { name: "Legg til offentlig nøkkel" });
  const paste = dialog.getByLabel("Lim inn nøkkel");
  await paste.fill(privatePem);
  await expect(dialog.locator("#key-jwk-error")).toContainText("Dette er en privat nøkkel");
  await expect(dialog.getByRole("button", { name: "Legg til", exact: true })).toBeDisabled();

  // So is a private JWK, with the contracts' reason.
  await paste.fill(JSON.stringify({ kty: "RSA", n: "AQAB", e: "AQAB", d: "AQAB", kid: "x" }));
  await expect(dialog.locator("#key-jwk-error")).toContainText("privat nøkkel");

  // And a weak (1024-bit) key.
  await paste.fill(rsaKeyPair(1024).publicPem);
  await expect(dialog.locator("#key-jwk-error")).toContainText("1024 bit");
  await expect(dialog.getByRole("button", { name: "Legg til", exact: true })).toBeDisabled();

  // The public key becomes a JWK in the browser.
  await paste.fill(publicPem);
  await expect(
    dialog.getByText(/Klar: RSA-nøkkel på 2\s048 bit fra PEM-offentlig nøkkel/),
  ).toBeVisible();
  await dialog.getByText("Vis JWK-en som sendes").click();
  const preview = dialog.getByTestId("jwk-preview");
  await expect(preview).toContainText('"kty": "RSA"');
  await expect(preview).toContainText('"use": "sig"');
  await expect(preview).toContainText('"alg": "RS256"');
  const jwk = JSON.parse((await preview.textContent()) ?? "{}") as { kid: string };
  expect(jwk.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Legg til", exact: true }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: `Nøkkelen ${jwk.kid} er lagt til` }),
  ).toBeVisible();
  const keys = page.getByTestId("keys-table");
  await expect(keys).toContainText(jwk.kid);
  await expect(keys).toContainText("RS256");
  await expect(keys).toContainText(/2\s048 bit/); // nb-NO groups digits
  await expect(page.getByTestId("key-count")).toHaveText("1 av 5 nøkler");

  // Remove it behind a confirmation.
  await page.getByRole("button", { name: `Fjern nøkkel ${jwk.kid}` }).click();
  const confirm = page.getByRole("dialog", { name: "Fjerne nøkkelen?" });
  await confirm.getByRole("button", { name: "Fjern nøkkel" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: "er fjernet" })).toBeVisible();
  await expect(page.getByTestId("key-count")).toHaveText("0 av 5 nøkler");
  await expect(keys).toContainText("Ingen nøkler");

  // Delete the client behind a confirmation.
  await page.getByRole("button", { name: "Slett klient" }).click();
  await page
    .getByRole("dialog", { name: `Slette ${name}?` })
    .getByRole("button", { name: "Slett klient" })
    .click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: `${name} er slettet` }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByTestId("clients-table")).not.toContainText(name);
});

test("a key edit on a set someone else changed is refused with a reload offer", async ({
  signedIn: page,
  browser,
}) => {
  const name = unique("E2E-samtidig ");
  await page.goto("/clients/new");
  await page.getByRole("textbox", { name: "Navn", exact: true }).fill(name);
  await page.getByRole("textbox", { name: "Beskrivelse", exact: true }).fill("To faner samtidig");
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const clientUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("key-count")).toHaveText("0 av 5 nøkler");

  // A second admin adds a key in another session after this page read the set.
  const other = await browser.newPage();
  const { signIn } = await import("./support");
  await signIn(other, "Ada Administrator", clientUrl);
  await other.getByRole("button", { name: "Legg til nøkkel" }).click();
  await other.getByLabel("Lim inn nøkkel").fill(rsaKeyPair().publicPem);
  await other.getByRole("button", { name: "Legg til", exact: true }).click();
  await expect(other.getByTestId("key-count")).toHaveText("1 av 5 nøkler");
  await other.close();

  await page.getByRole("button", { name: "Legg til nøkkel" }).click();
  const dialog = page.getByRole("dialog", { name: "Legg til offentlig nøkkel" });
  await dialog.getByLabel("Lim inn nøkkel").fill(rsaKeyPair().publicPem);
  await dialog.getByRole("button", { name: "Legg til", exact: true }).click();
  await expect(dialog.getByTestId("concurrent-edit")).toContainText(
    "Nøklene er endret av noen andre",
  );
  await dialog.getByRole("button", { name: "Last nøklene på nytt" }).click();
  await expect(page.getByTestId("key-count")).toHaveText("1 av 5 nøkler");
  // What was pasted is kept; trying again now succeeds.
  await dialog.getByRole("button", { name: "Legg til", exact: true }).click();
  await expect(page.getByTestId("key-count")).toHaveText("2 av 5 nøkler");
});

test("upload a certificate file: its key is added with the certificate as x5c", async ({
  signedIn: page,
}) => {
  await page.goto("/clients/new");
  await page.getByRole("textbox", { name: "Navn", exact: true }).fill(unique("E2E-sertifikat "));
  await page
    .getByRole("textbox", { name: "Beskrivelse", exact: true })
    .fill("Nøkkel fra sertifikat");
  await page.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);

  await page.getByRole("button", { name: "Legg til nøkkel" }).click();
  const dialog = page.getByRole("dialog", { name: "Legg til offentlig nøkkel" });
  await dialog
    .getByLabel("Eller last opp en fil")
    .setInputFiles("apps/web/src/features/keys/convert/fixtures/self-signed-2048.crt.pem");
  await expect(dialog.getByText(/fra sertifikat$/)).toBeVisible();
  await expect(dialog.getByText(/Sertifikat for .*portvakt-test/)).toBeVisible();
  await dialog.getByText("Vis JWK-en som sendes").click();
  await expect(dialog.getByTestId("jwk-preview")).toContainText('"x5c"');
  await dialog.getByRole("button", { name: "Legg til", exact: true }).click();
  await expect(page.getByTestId("key-count")).toHaveText("1 av 5 nøkler");
});
