import { captureBothThemes, expect, test } from "./support";

test("the shell shows the environment, the organisation, and switches language and theme", async ({
  signedIn: page,
}) => {
  await expect(page.getByTestId("acting-org")).toContainText("991825827");
  await expect(page.getByTestId("acting-org")).toContainText(/DIGITALISERINGSDIREKTORATET/i);
  await expect(page.getByLabel("Miljø")).toHaveValue("demo");
  await expect(page.getByRole("heading", { level: 1, name: "Scopes" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Nytt scope" })).toBeVisible();

  await page.getByTestId("language-switch").selectOption("en");
  await expect(page.getByRole("link", { name: "New scope" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("link", { name: "New scope" })).toBeVisible();
  await page.getByTestId("language-switch").selectOption("nn");
  await expect(page.locator("html")).toHaveAttribute("lang", "nn");
  await expect(page.getByRole("heading", { level: 1, name: "Scope" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Klientar" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "Klientar" })).toBeVisible();
  await page.getByTestId("language-switch").selectOption("nb");
  await expect(page.getByRole("link", { name: "Klienter" })).toBeVisible();

  const html = page.locator("html");
  await expect(html).not.toHaveClass(/dark/);
  await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await page.getByTestId("theme-toggle").click();
  await expect(html).not.toHaveClass(/dark/);
});

test("every page passes axe in both themes and is captured", async ({ signedIn: page }) => {
  await expect(page.getByTestId("scopes-table")).toContainText("digdir:demo.read");
  await captureBothThemes(page, "scopes");

  await page.getByRole("link", { name: "Nytt scope" }).click();
  await expect(page.getByRole("heading", { name: "Nytt scope" })).toBeVisible();
  await captureBothThemes(page, "scope-new");

  await page.goto(`/access?${new URLSearchParams({ scope: "digdir:demo.read" })}`);
  await expect(page.getByTestId("grants-table")).toContainText("889640782");
  await captureBothThemes(page, "access");

  await page.getByRole("button", { name: "Gi tilgang", exact: true }).click();
  await page.getByLabel("Organisasjonsnumre").fill("889640782\n123456789");
  await expect(page.getByTestId("grant-entries")).toContainText("Kontrollsifferet");
  await captureBothThemes(page, "access-grant-dialog");
  await page.keyboard.press("Escape");

  await page.getByRole("link", { name: "Klienter" }).click();
  await expect(page.getByTestId("clients-table")).toBeVisible();
  await captureBothThemes(page, "clients");

  await page.getByTestId("clients-table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Nøkler (JWKS)" })).toBeVisible();
  await expect(page.getByTestId("key-count")).toBeVisible();
  await captureBothThemes(page, "client-detail");

  await page.goto("/clients/new");
  await expect(page.getByTestId("scope-options")).toContainText("nav:pensjon/v3/alderspensjon");
  await captureBothThemes(page, "client-new");
});

test("the layout fits a 360 px phone without sideways scrolling", async ({ signedIn: page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  for (const path of ["/scopes", "/access?scope=digdir%3Ademo.read", "/clients", "/scopes/new"]) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
  await page.goto("/scopes");
  await expect(page.getByTestId("scopes-table")).toContainText("digdir:demo.read");
  await page.screenshot({ path: "e2e/screenshots/phone-scopes-light.png", fullPage: true });
});
