import { defineConfig } from "@playwright/test";

// The browser tests run the real stack: a fresh seeded simulator (test mode), the BFF configured
// against it, the demo sign-in provider, and the built web app served by the BFF.
const port = Number(process.env.E2E_PORT ?? 7480);
const baseURL = `http://127.0.0.1:${port}`;

// Browser tests drive Debian's Chromium: Playwright cannot download its own browsers here.
export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? "list" : "line",
  webServer: {
    command: "pnpm --filter @portvakt/web build && pnpm exec tsx apps/bff/src/stack-main.ts",
    // A second environment of kind prod on a simulator of its own: the prod guards, and
    // promotion from demo to prod between two environments that differ.
    env: {
      PORT: String(port),
      PORTVAKT_MODE: "test",
      WEB_DIST: "apps/web/dist",
      PORTVAKT_STACK_PROD: "own",
      // A third environment, prod-review: kind prod with four-eyes on (change requests).
      PORTVAKT_STACK_FOUR_EYES: "1",
      // A fixed port for the simulator, so specs can slow it down (its /__control routes).
      SIMULATOR_PORT: String(port + 1000),
    },
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
  use: {
    baseURL,
    headless: true,
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
