/**
 * Retakes docs/console.png, the README's screenshot of the console: the Access page of the demo
 * environment for the seeded scope `digdir:demo.read` (two grants, with the organisations' names),
 * signed in as the demo administrator, in bokmål, light theme, 1,280 × 800 CSS px.
 * It starts the same stack as the browser tests (a freshly seeded simulator in test mode, the demo
 * sign-in provider, the BFF serving apps/web/dist) on random ports, so build the web app first:
 *
 *   pnpm --filter @portvakt/web build && pnpm exec tsx scripts/console-screenshot.ts [out.png]
 *
 * Exits non-zero if the page does not show the grants with their names within 30 s,
 * or if the PNG is 250 kB or more (the README's image is kept small).
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "@playwright/test";
import { signIn, startInBokmalLight, startStackProcess } from "../e2e/support";

const MAX_BYTES = 250_000;
const out = resolve(import.meta.dirname, "..", process.argv[2] ?? "docs/console.png");

const stack = await startStackProcess();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const context = await browser.newContext({
    baseURL: stack.url,
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
    viewport: { width: 1280, height: 800 },
    colorScheme: "light",
  });
  const page = await context.newPage();
  await startInBokmalLight(page);
  await signIn(page, "Ada Administrator", "/access?scope=digdir%3Ademo.read");
  // Both seeded grants, each with the name the simulator's organisation register gives it.
  const table = page.getByTestId("grants-table");
  await table.getByText("REGISTERENHETEN I BRØNNØYSUND").waitFor({ timeout: 30_000 });
  await table.getByText("ARBEIDS- OG VELFERDSETATEN").waitFor({ timeout: 30_000 });
  // Neither a focus ring nor the text cursor in the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out, animations: "disabled", caret: "hide" });
  const bytes = statSync(out).size;
  console.log(`${out}: ${bytes} bytes`);
  if (bytes >= MAX_BYTES) throw new Error(`${out} is ${bytes} bytes (at most ${MAX_BYTES})`);
} finally {
  await browser.close();
  await stack.stop();
}
