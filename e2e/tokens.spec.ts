import { captureBothThemes, expect, test, unique } from "./support";

test("an admin issues a pipeline token shown once, sees its last use, and revokes it", async ({
  signedIn: page,
  request,
}) => {
  const name = unique("ci-e2e-");
  await page.getByRole("link", { name: "API-tokener" }).click();
  await expect(page.getByRole("heading", { name: "API-tokener for pipelines" })).toBeVisible();

  await page.getByLabel("Navn").fill(name);
  await page.getByLabel("Rolle").selectOption("operator");
  await page.getByRole("checkbox", { name: "demo" }).check();
  await page.getByLabel("Gyldig i dager").fill("30");
  await page.getByRole("button", { name: "Utsted token" }).click();

  const issued = page.getByTestId("issued-token");
  await expect(issued).toContainText(`Tokenet «${name}» er utstedt`);
  const token = await issued.getByLabel("Tokenet").inputValue();
  expect(token).toMatch(/^pvt_/);
  const row = page.getByTestId("token-table").getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Aldri");
  await captureBothThemes(page, "tokens");

  // A pipeline's call: the token only, no cookie, no CSRF header.
  const used = await request.get("/api/envs/demo/config/export", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(used.status()).toBe(200);
  await page.reload();
  await expect(row).toContainText("Aktivt");
  await expect(row).not.toContainText("Aldri");
  // The value is shown once: after a reload the page no longer has it.
  await expect(page.getByTestId("issued-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  await row.getByRole("button", { name: `Trekk tilbake ${name}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Trekke tilbake tokenet «${name}»?`);
  await dialog.getByRole("button", { name: "Trekk tilbake", exact: true }).click();
  await expect(row).toContainText("Trukket tilbake");
  const refused = await request.get("/api/envs/demo/config/export", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(refused.status()).toBe(401);
});

test("a person who is not admin is told only admins manage tokens", async ({ page, signInAs }) => {
  await signInAs("Ola Operatør");
  await page.goto("/tokens");
  await expect(page.getByText("Bare administratorer kan utstede")).toBeVisible();
  await expect(page.getByRole("button", { name: "Utsted token" })).toHaveCount(0);
});
