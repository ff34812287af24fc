import { generateKeyPairSync } from "node:crypto";
import type { Page } from "@playwright/test";
import { captureBothThemes, expect, headersOf, test, unique } from "./support";

// Issue 14 #18: a client's whole key set replaced from a pasted JWKS (keys made in an HSM or a
// key vault), with the diff shown and the 5-key limit and private parts refused before anything
// is sent; nb, nn and en at 1,280 and 390 px, axe in both themes.

function rsaJwk(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    pub: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
    priv: { ...privateKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
  };
}

/**
 * A new client of the demo environment, made through the BFF's API (the new-client form is
 * tested in forms.spec and clients-keys.spec); answers its page's path.
 */
async function newClient(page: Page): Promise<string> {
  const created = await page.request.post("/api/envs/demo/clients", {
    headers: headersOf(page),
    data: { client_name: unique("E2E-jwks "), description: "Nøkler fra HSM" },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { client_id } = (await created.json()) as { client_id: string };
  return `/demo/clients/${client_id}`;
}

/** Adds a public key to a client through the BFF's API (the add-key dialog is tested elsewhere). */
async function addKey(page: Page, clientPath: string, jwk: object) {
  const api = `/api/envs/demo/clients/${clientPath.split("/").pop()}`;
  const jwks = await page.request.get(`${api}/jwks`, { headers: headersOf(page) });
  const added = await page.request.post(`${api}/keys`, {
    headers: { ...headersOf(page), "If-Match": jwks.headers().etag! },
    data: { jwk },
  });
  expect(added.status(), await added.text()).toBe(200);
}

const CASES = [
  {
    lang: "nb",
    open: "Erstatt nøkkelsettet",
    title: "Erstatt hele nøkkelsettet",
    added: "Legges til (2)",
    confirm: "Erstatte nøkkelsettet?",
    done: "Nøkkelsettet er erstattet: 2 nøkler",
    count: "2 av 5 nøkler",
  },
  {
    lang: "nn",
    open: "Erstatt nøkkelsettet",
    title: "Erstatt heile nøkkelsettet",
    added: "Blir lagde til (2)",
    confirm: "Erstatte nøkkelsettet?",
    done: "Nøkkelsettet er erstatta: 2 nøklar",
    count: "2 av 5 nøklar",
  },
  {
    lang: "en",
    open: "Replace the key set",
    title: "Replace the whole key set",
    added: "Added (2)",
    confirm: "Replace the key set?",
    done: "The key set was replaced: 2 keys",
    count: "2 of 5 keys",
  },
] as const;

for (const c of CASES) {
  for (const width of [1280, 390]) {
    test(`a pasted JWKS replaces the key set after its diff (${c.lang}, ${width} px)`, async ({
      signedIn: page,
    }) => {
      const clientPath = await newClient(page);
      await page.evaluate((value) => localStorage.setItem("portvakt.lang", value), c.lang);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(clientPath);
      await page.getByRole("button", { name: c.open }).click();
      const dialog = page.getByRole("dialog", { name: c.title });
      // Digdir wants kids unique across all clients.
      const kids = [unique("hsm-"), unique("hsm-")];
      const keys = kids.map((kid) => rsaJwk(kid).pub);
      await dialog.getByLabel("JWKS").fill(JSON.stringify({ keys }, null, 2));
      await expect(dialog.getByTestId("diff-added")).toContainText(c.added);
      await expect(dialog.getByTestId("diff-added")).toContainText(kids[1]!);
      await captureBothThemes(page, `replace-keys-${c.lang}-${width}`);
      await dialog.getByRole("button", { name: c.open }).click();
      const confirm = dialog.getByTestId("replace-confirm");
      await expect(confirm).toContainText(c.confirm);
      await confirm.getByRole("button", { name: c.open }).click();
      await expect(page.getByTestId("toast-success").filter({ hasText: c.done })).toBeVisible();
      await expect(page.getByTestId("key-count")).toHaveText(c.count);
    });
  }
}

test("the diff names kept and removed keys; six keys, a private key and a reused kid are refused before sending", async ({
  signedIn: page,
}) => {
  await page.goto(await newClient(page));
  const [ka, kb, kc] = [unique("a-"), unique("b-"), unique("c-")];
  const a = rsaJwk(ka);
  const b = rsaJwk(kb);
  const c = rsaJwk(kc);
  const open = async () => {
    await page.getByRole("button", { name: "Erstatt nøkkelsettet" }).click();
    return page.getByRole("dialog", { name: "Erstatt hele nøkkelsettet" });
  };
  let dialog = await open();
  await dialog.getByLabel("JWKS").fill(JSON.stringify({ keys: [a.pub, b.pub] }));
  await dialog.getByRole("button", { name: "Erstatt nøkkelsettet" }).click();
  await dialog
    .getByTestId("replace-confirm")
    .getByRole("button", { name: "Erstatt nøkkelsettet" })
    .click();
  await expect(page.getByTestId("key-count")).toHaveText("2 av 5 nøkler");

  dialog = await open();
  const field = dialog.getByLabel("JWKS");
  const submit = dialog.getByRole("button", { name: "Erstatt nøkkelsettet" });
  const six = Array.from({ length: 6 }, (_, i) => rsaJwk(`six-${i}`).pub);
  await field.fill(JSON.stringify({ keys: six }));
  await expect(dialog).toContainText(
    "Settet har 6 nøkler; Maskinporten tillater høyst 5 per klient.",
  );
  await expect(submit).toBeDisabled();
  await field.fill(JSON.stringify({ keys: [a.pub, c.priv] }));
  await expect(dialog).toContainText("Nøkkel nr. 2:");
  await expect(submit).toBeDisabled();
  await field.fill(JSON.stringify({ keys: [{ ...c.pub, kid: ka }] }));
  await expect(dialog).toContainText(`Kid ${ka} finnes allerede for en annen nøkkel`);
  await expect(submit).toBeDisabled();

  await field.fill(JSON.stringify({ keys: [a.pub, c.pub] }));
  await expect(dialog.getByTestId("diff-added")).toContainText(kc);
  await expect(dialog.getByTestId("diff-removed")).toContainText("Fjernes (1)");
  await expect(dialog.getByTestId("diff-removed")).toContainText(kb);
  await expect(dialog.getByTestId("diff-kept")).toContainText("Beholdes (1)");
  await submit.click();
  await expect(dialog.getByTestId("replace-confirm")).toContainText(
    "1 nøkkel legges til og 1 nøkkel fjernes",
  );
  await dialog
    .getByTestId("replace-confirm")
    .getByRole("button", { name: "Erstatt nøkkelsettet" })
    .click();
  const table = page.getByTestId("keys-table");
  await expect(table).toContainText(kc);
  await expect(page.getByRole("button", { name: `Fjern nøkkel ${kb}` })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Fjern nøkkel ${ka}` })).toBeVisible();
});

const ROTATE = [
  {
    lang: "nb",
    rotate: "Roter nøkkel",
    external: "Lim inn eller last opp en offentlig nøkkel (HSM, nøkkelhvelv)",
    paste: "Lim inn nøkkel",
    add: "Legg til",
    newKey: "Ny nøkkel:",
  },
  {
    lang: "nn",
    rotate: "Roter nøkkel",
    external: "Lim inn eller last opp ein offentleg nøkkel (HSM, nøkkelkvelv)",
    paste: "Lim inn nøkkel",
    add: "Legg til",
    newKey: "Ny nøkkel:",
  },
  {
    lang: "en",
    rotate: "Rotate key",
    external: "Paste or upload a public key (HSM, key vault)",
    paste: "Paste a key",
    add: "Add",
    newKey: "New key:",
  },
] as const;

for (const r of ROTATE) {
  for (const width of [1280, 390]) {
    test(`rotation with a key made elsewhere: its public key pasted, a private one refused (${r.lang}, ${width} px)`, async ({
      signedIn: page,
    }) => {
      const clientPath = await newClient(page);
      // Rotation is offered once the client has a key to rotate.
      await addKey(page, clientPath, rsaJwk(unique("old-")).pub);
      await page.evaluate((value) => localStorage.setItem("portvakt.lang", value), r.lang);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(clientPath);
      await page.getByRole("button", { name: r.rotate }).click();
      const wizard = page.getByTestId("rotation-wizard");
      await wizard.getByLabel(r.external).check();
      const kid = unique("vault-");
      const key = rsaJwk(kid);
      const field = wizard.getByLabel(r.paste);
      const add = wizard.getByRole("button", { name: r.add, exact: true });
      await field.fill(JSON.stringify(key.priv));
      await expect(add).toBeDisabled();
      await field.fill(JSON.stringify(key.pub));
      await expect(add).toBeEnabled();
      await captureBothThemes(page, `rotate-external-${r.lang}-${width}`);
      await add.click();
      await expect(wizard).toContainText(`${r.newKey} ${kid}`);
      await expect(page).toHaveURL(new RegExp(`newKid=${kid}`));
    });
  }
}
