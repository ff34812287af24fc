import { expect, expectNoSeriousA11yViolations, test } from "./support";

// Issue 14, defect 8: after a redeploy, a page opened before it asks for a chunk that is gone.
// The BFF answers 404 (apps/bff/src/spa.test.ts); the page offers the new version, in nb, nn, en.
const TEXTS = {
  nb: {
    nav: "Revisjonslogg",
    text: "Portvakt er oppdatert siden siden ble åpnet",
    reload: "Last inn på nytt",
  },
  nn: {
    nav: "Revisjonslogg",
    text: "Portvakt er oppdatert sidan sida vart opna",
    reload: "Last inn på nytt",
  },
  en: {
    nav: "Audit log",
    text: "Portvakt has been updated since this page was opened",
    reload: "Reload",
  },
} as const;

for (const [lang, c] of Object.entries(TEXTS)) {
  test(`a page whose chunk is gone offers the new version (${lang})`, async ({
    signedIn: page,
  }) => {
    await page.getByTestId("language-switch").selectOption(lang);
    // The audit page's chunk as after a redeploy: the server no longer has it.
    await page.route(/\/assets\/audit-page-[^/]+\.js$/, (route) =>
      route.fulfill({ status: 404, contentType: "text/plain", body: "Not found" }),
    );
    await page.goto("/audit");
    const offer = page.getByTestId("new-version");
    await expect(offer).toContainText(c.text);
    await expect(offer.getByRole("button", { name: c.reload })).toBeVisible();
    await expectNoSeriousA11yViolations(page, `new version offer (${lang})`);
    // The reload gets the page (the route is lifted, as a real reload gets the new index.html).
    await page.unroute(/\/assets\/audit-page-[^/]+\.js$/);
    await offer.getByRole("button", { name: c.reload }).click();
    await expect(page.getByTestId("new-version")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
}
