import {
  captureBothThemes,
  expect,
  expectNoSeriousA11yViolations,
  headersOf,
  mappingFor,
  test,
  unique,
} from "./support";

// Issue 18, 3: promotion from "demo" (plays test) to "prod", which the e2e stack runs on a
// simulator of its own (PORTVAKT_STACK_PROD=own), so the two environments really differ.

for (const viewport of [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`${viewport.name}: plan demo -> prod through a mapping, choose two steps, apply them to prod`, async ({
    signedIn: page,
  }) => {
    await page.setViewportSize(viewport);
    // In demo (test): a new scope granted to a test organisation that has another number in prod.
    const scope = `digdir:${unique("promo")}`;
    const [prefix, subscope] = scope.split(":") as [string, string];
    const created = await page.request.post("/api/envs/demo/scopes", {
      headers: headersOf(page),
      data: { prefix, subscope, description: "Promotert i e2e" },
    });
    expect(created.status()).toBe(200);
    const granted = await page.request.put(
      `/api/envs/demo/scopes/access/310000019?scope=${encodeURIComponent(scope)}`,
      { headers: headersOf(page) },
    );
    expect(granted.status()).toBe(200);

    await page.goto("/promotion");
    await expect(
      page.getByRole("heading", { name: "Promotering fra test til prod" }),
    ).toBeVisible();
    await expect(page.getByTestId("promotion-from")).toHaveValue("demo");
    await expect(page.getByTestId("promotion-to")).toHaveValue("prod");

    // Issue 14, 11: the form's client errors on their fields before sending (the first focused),
    // the BFF's refusal on its field, nothing typed lost; axe on both.
    const editor = page.getByLabel("Koblingsfilen", { exact: true });
    const to = page.getByTestId("promotion-to");
    await to.selectOption("demo");
    await page.getByRole("button", { name: "Lag plan" }).click();
    await expect(to).toBeFocused();
    await expect(to).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#promotion-to-error")).toHaveText("Velg to ulike miljøer.");
    await expect(editor).toHaveAttribute("aria-invalid", "true");
    await to.selectOption("prod");
    await expect(to).not.toHaveAttribute("aria-invalid", "true");
    await editor.fill('{"organizations": ');
    await page.getByRole("button", { name: "Lag plan" }).click();
    await expect(editor).toBeFocused();
    await expect(page.locator("#promotion-mapping-error")).toHaveText(
      "Koblingsfilen ser ut som JSON, men er ikke gyldig JSON.",
    );
    await expectNoSeriousA11yViolations(page, `promotion form, client errors (${viewport.name})`);
    await editor.fill("organizations: [\n");
    await page.getByRole("button", { name: "Lag plan" }).click();
    await expect(page.locator("#promotion-mapping-error")).toContainText(
      "Koblingsfilen kan ikke leses som YAML",
    );
    await expect(editor).toBeFocused();
    await expect(editor).toHaveValue("organizations: [\n");
    await expectNoSeriousA11yViolations(page, `promotion form, server error (${viewport.name})`);

    // A mapping without the test organisation: the coded problem names it, in bokmål.
    const full = await mappingFor(page, { "310000019": "910000004" });
    await editor.fill(full.replace(/^ {2}"310000019".*\n/m, ""));
    await page.getByRole("button", { name: "Lag plan" }).click();
    const failed = page.getByRole("alert").filter({ hasText: "Kunne ikke lage planen" });
    await expect(failed).toContainText("Organisasjonen 310000019 mangler under organizations");

    // The whole mapping: the plan, every step with a box to include it.
    await editor.fill(full);
    await page.getByRole("button", { name: "Lag plan" }).click();
    const plan = page.getByTestId("config-plan");
    const create = plan.locator(`li[data-step-id="scope.create:${scope}"]`);
    const grant = plan.locator(`li[data-step-id="access.grant:${scope}@910000004"]`);
    await expect(create).toBeVisible();
    await expect(grant).toBeVisible();
    await expect(page.getByTestId("promotion-document")).toContainText(scope);
    await expect(page.getByTestId("promotion-document")).not.toContainText("310000019");

    const apply = page.getByTestId("promotion-apply");
    await expect(apply).toHaveText("Velg steg å bruke");
    await expect(apply).toBeDisabled();
    // The grant alone is refused: it needs the scope's creation.
    await grant.getByRole("checkbox").check();
    await expect(page.getByTestId("promotion-chosen")).toContainText("1 av");
    await expect(apply).toHaveText("Bruk 1 valgt steg i Prod (simulator)");
    await apply.click();
    const refused = page.getByRole("alert").filter({ hasText: "Promoteringen ble ikke utført" });
    await expect(refused).toContainText(`trenger scope.create:${scope}`);

    await create.getByRole("checkbox").check();
    await expect(refused).toHaveCount(0);
    await expect(page.getByTestId("promotion-chosen")).toContainText("2 av");
    await captureBothThemes(page, `promotion-plan-${viewport.name}`);
    await page.getByRole("button", { name: "Bruk 2 valgte steg i Prod (simulator)" }).click();
    const result = page.getByTestId("apply-result");
    await expect(result).toContainText("2 steg utført");
    await expect(result.locator("tr[data-step-id]")).toHaveCount(2);
    await captureBothThemes(page, `promotion-applied-${viewport.name}`);

    // Prod has the scope, granted to the prod number; demo's test number is not there.
    const grants = await page.request.get(
      `/api/envs/prod/scopes/access?scope=${encodeURIComponent(scope)}`,
      { headers: headersOf(page) },
    );
    expect(grants.status()).toBe(200);
    const rows = (await grants.json()) as { consumer_orgno: string; state: string }[];
    expect(rows.map((r) => [r.consumer_orgno, r.state])).toEqual([["910000004", "APPROVED"]]);
  });
}
