import { expect, test } from "./support";

// Issue 14: first-load JS ≤ 200 kB gzip. Bokmål is in the first load; nynorsk and English are
// chunks of their own (apps/web/src/lib/i18n.tsx), fetched when chosen: the page switches without
// a reload, shows no other language first, and a chunk gone after a redeploy offers the reload.

const NN_CHUNK = /\/assets\/messages\.nn-[^/]+\.js$/;
const EN_CHUNK = /\/assets\/messages\.en-[^/]+\.js$/;

test("nb → nn → en changes the header and menu in place, fetching each language once, when chosen", async ({
  signedIn: page,
}) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (NN_CHUNK.test(url)) fetched.push("nn");
    if (EN_CHUNK.test(url)) fetched.push("en");
  });
  const menu = page.getByRole("navigation", { name: "Hovedmeny" });
  await expect(menu.getByRole("link", { name: "Klienter" })).toBeVisible();
  await expect(page.getByLabel("Miljø")).toBeVisible();
  // A mark that a reload would wipe.
  await page.evaluate(() => {
    (window as unknown as { __samePage: boolean }).__samePage = true;
  });
  expect(fetched).toEqual([]);

  // Nynorsk, with its chunk held back: the switch shows the choice as busy, the page stays bokmål.
  let release = () => {};
  const held = new Promise<void>((done) => {
    release = done;
  });
  await page.route(NN_CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  const switcher = page.getByTestId("language-switch");
  await switcher.selectOption("nn");
  await expect(page.locator('[aria-busy="true"]').filter({ has: switcher })).toBeVisible();
  await expect(switcher).toHaveValue("nn");
  await expect(menu.getByRole("link", { name: "Klienter" })).toBeVisible();
  release();
  const menuNn = page.getByRole("navigation", { name: "Hovudmeny" });
  await expect(menuNn.getByRole("link", { name: "Klientar" })).toBeVisible();
  await expect(menuNn.getByRole("link", { name: "Tilgangar" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "nn");
  await expect(page.locator('[aria-busy="true"]').filter({ has: switcher })).toHaveCount(0);
  await page.unroute(NN_CHUNK);

  await switcher.selectOption("en");
  const menuEn = page.getByRole("navigation", { name: "Main menu" });
  await expect(menuEn.getByRole("link", { name: "Clients" })).toBeVisible();
  await expect(page.getByLabel("Environment")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // Back to bokmål and nynorsk again: no fetch, at once.
  await switcher.selectOption("nb");
  await expect(menu.getByRole("link", { name: "Klienter" })).toBeVisible();
  await switcher.selectOption("nn");
  await expect(menuNn.getByRole("link", { name: "Klientar" })).toBeVisible();
  expect(await page.evaluate(() => "__samePage" in window)).toBe(true);
  expect(fetched).toEqual(["nn", "en"]);
});

test("a fresh load with English stored paints English first, never bokmål", async ({
  signedIn: page,
}) => {
  // From the first script on: every heading as it appears, and whether bokmål was ever on screen.
  await page.addInitScript(() => {
    localStorage.setItem("portvakt.lang", "en");
    const seen = { headings: [] as string[], bokmal: [] as string[] };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    const bokmal = /\b(Laster|Henter|Revisjonslogg|Hovedmeny|Klienter|Tilganger|Miljø)\b/;
    new MutationObserver(() => {
      for (const h of document.querySelectorAll("h1")) {
        const text = h.textContent?.trim() ?? "";
        if (text && seen.headings.at(-1) !== text) seen.headings.push(text);
      }
      const match = bokmal.exec(document.body?.textContent ?? "");
      if (match) seen.bokmal.push(match[0]);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  // Fetched over the network first, then from the browser's cache (the catalogue may then be in
  // before React's first effect).
  for (const load of [() => page.goto("/audit"), () => page.reload()]) {
    await load();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
    const seen = await page.evaluate(
      () => (window as unknown as { __seen: { headings: string[]; bokmal: string[] } }).__seen,
    );
    // "Portvakt" is the heading while the environments load; the first page heading is English.
    expect(seen.headings.filter((h) => h !== "Portvakt")[0]).toBe("Audit log");
    expect(seen.bokmal).toEqual([]);
  }
});

test("a language whose chunk is gone after a redeploy keeps the page and offers the new version", async ({
  signedIn: page,
}) => {
  await page.route(EN_CHUNK, (route) =>
    route.fulfill({ status: 404, contentType: "text/plain", body: "Not found" }),
  );
  await page.getByTestId("language-switch").selectOption("en");
  const offer = page.getByTestId("new-version");
  await expect(offer).toContainText("Portvakt has been updated since this page was opened");
  await expect(offer).toHaveAttribute("lang", "en");
  // The page is still whole, in bokmål.
  await expect(page.getByRole("link", { name: "Klienter" })).toBeVisible();
  await expect(page.getByTestId("language-switch")).toHaveValue("nb");
  // The reload gets the new version (as a real reload gets the new index.html): English.
  await page.unroute(EN_CHUNK);
  await offer.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByRole("link", { name: "Clients" })).toBeVisible();
  await expect(page.getByTestId("new-version")).toHaveCount(0);
});

test("a language chosen in one tab is followed by the console's other tabs, in place", async ({
  signedIn: page,
  context,
}) => {
  const other = await context.newPage();
  await other.goto("/audit");
  await expect(other.getByRole("heading", { level: 1, name: "Revisjonslogg" })).toBeVisible();
  // A mark that a reload would wipe: the other tab follows without reloading.
  await other.evaluate(() => {
    (window as unknown as { __samePage: boolean }).__samePage = true;
  });

  await page.getByTestId("language-switch").selectOption("nn");
  await expect(other.getByRole("navigation", { name: "Hovudmeny" })).toBeVisible();
  await expect(other.locator("html")).toHaveAttribute("lang", "nn");
  await expect(other.getByTestId("language-switch")).toHaveValue("nn");

  // And back the other way: the second tab's choice reaches the first.
  await other.getByTestId("language-switch").selectOption("en");
  await expect(page.getByRole("navigation", { name: "Main menu" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(other.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  expect(await other.evaluate(() => "__samePage" in window)).toBe(true);
  await other.close();
});
