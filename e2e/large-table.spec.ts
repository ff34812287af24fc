import { orgNumberProblem, type ScopeAccess } from "@portvakt/contracts";
import { expect, test } from "./support";

/** Ten thousand valid org numbers (mod 11), in order. */
function validOrgnos(count: number): string[] {
  const result: string[] = [];
  for (let base = 80_000_000; result.length < count; base++) {
    for (let check = 0; check <= 9; check++) {
      const candidate = `${base}${check}`;
      if (orgNumberProblem(candidate) === null) {
        result.push(candidate);
        break;
      }
    }
  }
  return result;
}

// The BFF limits each person's mutations per minute, so 10,000 real grants cannot be made
// inside a test. This spec measures the table, not the BFF: the one list request is answered
// with 10,000 rows shaped exactly as the BFF answers them; everything else is the real stack.
test("a table of 10,000 grants renders only what is visible and stays responsive", async ({
  signedIn: page,
}) => {
  const scope = "digdir:demo.read";
  const now = new Date().toISOString();
  const rows: ScopeAccess[] = validOrgnos(10_000).map((orgno, i) => ({
    scope,
    state: "APPROVED",
    consumer_orgno: orgno,
    consumer_organization_name: `Organisasjon ${String(i).padStart(5, "0")}`,
    owner_orgno: "991825827",
    owner_organization_name: "DIGITALISERINGSDIREKTORATET",
    created: now,
    last_updated: now,
  }));
  await page.route(
    (url) =>
      url.pathname === "/api/envs/demo/scopes/access" && url.searchParams.get("scope") === scope,
    (route) => route.fulfill({ json: rows }),
  );

  await page.goto(`/access?${new URLSearchParams({ scope })}`);
  const table = page.getByTestId("grants-table");
  await expect(page.getByText("Viser 10 000 av 10 000")).toBeVisible();
  const rendered = await table.locator("tbody tr").count();
  expect(rendered).toBeLessThan(80);

  // Scrolling to the end shows the last row without rendering the rest.
  await table.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(table).toContainText("Organisasjon 09999");
  expect(await table.locator("tbody tr").count()).toBeLessThan(80);

  // Sorting and searching 10,000 rows work on the whole list. How fast is bench/web-access.ts's
  // to say, against 100 rows in the same run; a test times nothing on the clock.
  // The table starts sorted by name, ascending; one press turns it descending.
  await page.getByRole("button", { name: /^Organisasjon\b/ }).click();
  await table.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(table.locator('tbody tr[data-index="0"]')).toContainText("Organisasjon 09999");
  expect(await table.locator("tbody tr").count()).toBeLessThan(80);

  await page.getByLabel("Søk").fill("Organisasjon 04242");
  await expect(page.getByText("Viser 1 av 10 000")).toBeVisible();
  await expect(table).toContainText("Organisasjon 04242");

  // Select all shown, and the bulk revoke counts them without touching the server.
  await page.getByLabel("Søk").fill("");
  await page.getByLabel("Velg alle viste").check();
  await expect(page.getByRole("button", { name: "Trekk tilbake valgte (10 000)" })).toBeEnabled();
});
