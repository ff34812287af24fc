import { expect, test, unique } from "./support";

// Issue 12 in the browser against the seeded simulator: the scope form's delegation-source
// picker (GET /delegationsources) and language variants (description#nn/#en/#se and
// long_description#…), an update that keeps fields Portvakt does not edit, prefix details,
// and the demo's legacy key and sparse catalogue row shown without an error.

const ALTINN = "https://platform.altinn.no/authentication/api/v1/openid/";

test("the scope form picks a delegation source from Digdir's list and edits language variants", async ({
  signedIn: page,
}) => {
  const subscope = unique("e2e/sprak.");
  await page.goto("/scopes/new");
  await expect(page.getByLabel("Prefiks")).toHaveValue(/.+/);
  await page.getByLabel("Prefiks").selectOption("digdir");
  await page.getByLabel("Subscope").fill(subscope);
  await page.getByRole("textbox", { name: "Beskrivelse", exact: true }).fill("Scope på tre språk");
  // A picker, not a free URL field: the options are Digdir's delegation sources.
  const source = page.getByLabel("Delegeringskilde");
  await expect(source.locator("option", { hasText: "Altinn" })).toHaveCount(1);
  await source.selectOption(ALTINN);
  await page.getByLabel("Beskrivelse (engelsk)", { exact: true }).fill("Scope in three languages");
  await page
    .getByLabel("Beskrivelse (nynorsk)", { exact: true })
    .fill("Scope på tre språk (nynorsk)");
  await page.getByLabel("Lang beskrivelse (nordsamisk)").fill("Guhkes čilgehus");
  await page.getByRole("button", { name: "Opprett scope" }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: `digdir:${subscope} er opprettet` }),
  ).toBeVisible();

  // Read back through the BFF: the variants and the source were sent as Digdir's fields.
  const name = `digdir:${subscope}`;
  const read = async () => {
    const response = await page.request.get(
      `/api/envs/demo/scopes/scope?${new URLSearchParams({ scope: name })}`,
      { headers: { "X-CSRF": "1" } },
    );
    expect(response.status()).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  expect(await read()).toMatchObject({
    delegation_source: ALTINN,
    "description#en": "Scope in three languages",
    "description#nn": "Scope på tre språk (nynorsk)",
    "long_description#se": "Guhkes čilgehus",
  });

  // Edit: the form shows what was saved; clearing one variant clears it, the rest stay.
  await page.goto(`/scopes/edit?${new URLSearchParams({ scope: name })}`);
  await expect(page.getByLabel("Delegeringskilde")).toHaveValue(ALTINN);
  await expect(page.getByLabel("Beskrivelse (engelsk)", { exact: true })).toHaveValue(
    "Scope in three languages",
  );
  await page.getByLabel("Beskrivelse (nynorsk)", { exact: true }).fill("");
  await page.getByLabel("Beskrivelse (nordsamisk)", { exact: true }).fill("Čilgehus");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByTestId("toast-success").filter({ hasText: name })).toBeVisible();
  const after = await read();
  expect(after).toMatchObject({
    delegation_source: ALTINN,
    "description#en": "Scope in three languages",
    "description#se": "Čilgehus",
    "long_description#se": "Guhkes čilgehus",
  });
  expect(after["description#nn"] ?? "").toBe("");
});

test("an edit through the form keeps the fields Portvakt does not edit", async ({
  signedIn: page,
}) => {
  // The seeded digdir:demo.read carries protected and supports_european_businesses (seen in
  // Digdir's live catalogue, not in the OpenAPI); saving the form must not drop them.
  await page.goto(`/scopes/edit?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
  await expect(page.getByLabel("Beskrivelse (engelsk)", { exact: true })).toHaveValue(
    "Read demo data from Digdir",
  );
  await page.getByLabel("Lang beskrivelse (engelsk)").fill("Longer English text");
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(
    page.getByTestId("toast-success").filter({ hasText: "digdir:demo.read" }),
  ).toBeVisible();
  const response = await page.request.get(
    `/api/envs/demo/scopes/scope?${new URLSearchParams({ scope: "digdir:demo.read" })}`,
    { headers: { "X-CSRF": "1" } },
  );
  expect(await response.json()).toMatchObject({
    protected: false,
    supports_european_businesses: false,
    "description#nn": "Les demodata frå Digdir",
    "long_description#en": "Longer English text",
  });
});

test("prefix details: owner, name, state and creation date from GET /prefix", async ({
  signedIn: page,
}) => {
  const details = page.getByTestId("prefix-details");
  await expect(details).toContainText("digdir");
  await expect(details).toContainText("991825827");
  await expect(details).toContainText(/DIGITALISERINGSDIREKTORATET/i);
  await expect(details).toContainText("aktivt");
  await expect(details).toContainText("Opprettet");
  await page.getByTestId("language-switch").selectOption("en");
  await expect(details).toContainText("Created");
  await page.getByTestId("language-switch").selectOption("nb");
});

test("the demo shows the legacy key and the sparse scope without an error", async ({
  signedIn: page,
}) => {
  await page.goto("/clients");
  await page.getByRole("link", { name: "Digdir eldre integrasjon" }).click();
  await expect(page.getByText("legacy-2024").first()).toBeVisible();
  await expect(page.getByTestId("legacy-key").first()).toBeVisible();
  await expect(page.locator("main [role=alert]")).toHaveCount(0);

  await page.goto("/catalogue");
  await expect(page.locator("main")).toContainText("brreg:gammel/sparsom");
  await expect(page.locator("main")).toContainText("Eldre scope med få felt");
  await expect(page.locator("main [role=alert]")).toHaveCount(0);
});
