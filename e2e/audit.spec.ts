import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { orgNumberProblem } from "@portvakt/contracts";
import { captureBothThemes, expect, test } from "./support";

const SCOPE = "digdir:demo.read";
const CSV_HEADER =
  "time,person,sub,role,env,action,target,outcome,status,request_id,correlation_id,detail,id,follows";

function freshOrgno(): string {
  for (;;) {
    const base = String(60_000_000 + Math.floor(Math.random() * 9_000_000));
    for (let check = 0; check <= 9; check++) {
      if (orgNumberProblem(`${base}${check}`) === null) return `${base}${check}`;
    }
  }
}

/** A change made as the signed-in person, the way the web app sends it. */
async function change(page: Page, baseURL: string, method: "put" | "delete", orgno: string) {
  const url = `/api/envs/demo/scopes/access/${orgno}?${new URLSearchParams({ scope: SCOPE })}`;
  const response = await page.request[method](url, {
    headers: { "X-CSRF": "1", Origin: baseURL },
  });
  return response.status();
}

test("the audit log lists earlier changes, filters by person and action, shows details and exports CSV", async ({
  page,
  browser,
  baseURL,
  signInAs,
}) => {
  // Changes to find afterwards: the operator grants one organisation, the administrator grants
  // and revokes another, and the viewer's attempt is refused (and logged as refused).
  const byOperator = freshOrgno();
  const byAdmin = freshOrgno();
  const operatorContext = await browser.newContext({ baseURL, locale: "nb-NO" });
  const operator = await operatorContext.newPage();
  await signInAs("Ola Operatør", "/scopes", operator);
  expect(await change(operator, baseURL!, "put", byOperator)).toBe(200);
  await operatorContext.close();

  const viewerContext = await browser.newContext({ baseURL, locale: "nb-NO" });
  const viewer = await viewerContext.newPage();
  await signInAs("Vera Viewer", "/scopes", viewer);
  expect(await change(viewer, baseURL!, "put", byOperator)).toBe(403);
  await viewerContext.close();

  await page.addInitScript(() => localStorage.setItem("portvakt.theme", "light"));
  await signInAs("Ada Administrator");
  // An earlier revoke of its own, so the revokes-only list has a row under the one opened below
  // whatever else ran on this worker's stack before.
  const earlier = freshOrgno();
  expect(await change(page, baseURL!, "put", earlier)).toBe(200);
  expect(await change(page, baseURL!, "delete", earlier)).toBe(200);
  expect(await change(page, baseURL!, "put", byAdmin)).toBe(200);
  expect(await change(page, baseURL!, "delete", byAdmin)).toBe(200);

  await page.getByRole("link", { name: "Revisjonslogg" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Revisjonslogg" })).toBeVisible();
  const table = page.getByTestId("audit-table");
  // Newest first: the administrator's revoke, then the grant, the viewer's refusal, the operator.
  const first = table.locator('tbody tr[data-index="0"]');
  await expect(first).toContainText("Trakk tilbake tilgang");
  await expect(first).toContainText(`${SCOPE} → ${byAdmin}`);
  await expect(first).toContainText("Ada Administrator");
  // The organisation in the target is named (issue 14 #16).
  await expect(first.getByTestId("target-names")).toHaveText(
    `Organisasjon ${byAdmin} (${byAdmin})`,
  );
  await expect(first).toContainText("Utført");
  await expect(table.locator("tbody tr").filter({ hasText: byOperator })).toHaveCount(2);
  await expect(
    table.locator("tbody tr").filter({ hasText: "Vera Viewer" }).filter({ hasText: byOperator }),
  ).toContainText("Avvist");

  // Filter by person: only the operator's entries.
  await page.getByLabel("Person").fill("Ola");
  await expect(table.locator("tbody tr").filter({ hasText: byOperator })).toHaveCount(1);
  await expect(table).not.toContainText("Ada Administrator");
  await expect(table).not.toContainText("Vera Viewer");
  await expect(table.locator("tbody tr").first()).toContainText("Operatør");

  // Filter by action: revokes only.
  await page.getByLabel("Person").fill("");
  await page.getByLabel("Handling").selectOption("access.revoke");
  await expect(first).toContainText(byAdmin);
  await expect(table).not.toContainText("Ga tilgang");
  await expect(table).not.toContainText(byOperator);

  // The row opens by keyboard (a button with aria-expanded) and shows what the change left
  // behind, with the ids to quote, in a row under it; the same key closes it.
  const toggle = first.getByRole("button", { name: /^Detaljer for Trakk tilbake tilgang/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(toggle).toBeFocused();
  const details = page.locator(`#${await toggle.getAttribute("aria-controls")}`);
  await expect(details.getByTestId("audit-details")).toContainText("demo-admin");
  await expect(details.getByTestId("audit-details")).toContainText("Korrelasjons");
  await expect(details.getByTestId("audit-diff")).toContainText("state");
  await expect(details.getByTestId("audit-diff")).toContainText("DENIED");
  // The next row stays below the open one (measured with it), not under it.
  const second = table.locator('tbody tr[data-index="1"]');
  const detailsBox = (await details.boundingBox())!;
  const secondBox = (await second.boundingBox())!;
  expect(secondBox.y).toBeGreaterThanOrEqual(detailsBox.y + detailsBox.height - 1);
  await captureBothThemes(page, "audit-details");
  await toggle.focus();
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(details).toHaveCount(0);

  // The CSV export downloads with the current filter and the documented header row.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Last ned CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^portvakt-audit-.*\.csv$/);
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe(CSV_HEADER);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.includes(",access.revoke,"))).toBe(true);
  expect(csv).toContain(byAdmin);

  await page.getByRole("button", { name: "Nullstill filtre" }).click();
  await expect(table).toContainText(byOperator);
  await captureBothThemes(page, "audit");
});

test("the audit page pages with Load more and follows the chosen language", async ({
  page,
  baseURL,
  signInAs,
}) => {
  await signInAs("Ada Administrator");
  // More than one page (50) of entries.
  const orgno = freshOrgno();
  const statuses = await Promise.all(
    Array.from({ length: 52 }, (_, i) => change(page, baseURL!, i % 2 ? "delete" : "put", orgno)),
  );
  expect(statuses.every((s) => s === 200)).toBe(true);
  await page.goto("/audit");
  const table = page.getByTestId("audit-table");
  await page.getByLabel("Handling").selectOption("access.");
  await expect(page.getByText(/^Viser 50 av 50$/)).toBeVisible();
  await page.getByTestId("audit-load-more").click();
  await expect(page.getByText(/^Viser \d+ av \d+$/)).not.toHaveText("Viser 50 av 50");
  await expect(table).toBeVisible();

  await page.getByTestId("language-switch").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Download JSON lines" })).toBeVisible();
  const time = await table.locator("tbody tr time").first().textContent();
  // en-GB: day/month/year with a 24-hour clock and seconds.
  expect(time).toMatch(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}$/);
});
