import { expect, test, unique } from "./support";

// The e2e stack has a second environment of kind prod, on a simulator of its own (PORTVAKT_STACK_PROD=own).
test("in prod the console is marked and a destructive action needs the name typed (checked by the server too)", async ({
  page,
  signInAs,
}) => {
  await signInAs("Ada Administrator", "/clients");
  await page.getByTestId("env-switcher").selectOption("prod");
  await expect(page.getByTestId("prod-banner")).toBeVisible();

  const name = unique("Prod-klient");
  const created = await page.request.post("/api/envs/prod/clients", {
    headers: { "X-CSRF": "1", Origin: new URL(page.url()).origin },
    data: { client_name: name, description: "slettes i prod" },
  });
  expect(created.status()).toBe(200);
  const { client_id } = (await created.json()) as { client_id: string };

  // The server checks it too: the same delete without the console's confirmation is refused.
  const unconfirmed = await page.request.delete(`/api/envs/prod/clients/${client_id}`, {
    headers: { "X-CSRF": "1", Origin: new URL(page.url()).origin },
  });
  expect(unconfirmed.status()).toBe(428);

  await page.goto(`/clients/${client_id}`);
  await expect(page.getByTestId("prod-banner")).toBeVisible();
  await page
    .getByRole("button", { name: /^Slett/ })
    .first()
    .click();
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: /Slett/ });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill(`${name} (feil)`);
  await expect(confirm).toBeDisabled();
  await dialog.getByRole("textbox").fill(name);
  await expect(confirm).toBeEnabled();
  await confirm.click();

  await expect
    .poll(async () => {
      const list = await page.request.get("/api/envs/prod/clients", {
        headers: { "X-CSRF": "1" },
      });
      const clients = (await list.json()) as Array<{ client_id: string }>;
      return clients.some((c) => c.client_id === client_id);
    })
    .toBe(false);
});

test("the token test is refused in prod", async ({ page, signInAs }) => {
  await signInAs("Ada Administrator", "/token-test");
  await page.getByTestId("env-switcher").selectOption("prod");
  const refused = await page.request.post("/api/envs/prod/token-test", {
    headers: { "X-CSRF": "1", Origin: new URL(page.url()).origin },
    data: { assertion: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln" },
  });
  expect(refused.status()).toBe(403);
});
