import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./scripts/chromium.mjs";

// The browser tests run the real stack: e2e/global-setup.ts builds the web app once, then each
// worker starts a stack of its own on random ports (e2e/support.ts: a fresh seeded simulator in
// test mode, the BFF configured against it, the demo sign-in provider, the built web app served by
// the BFF), so workers share no simulator state. A spec file runs in one worker, in order.
// E2E_WORKERS sets how many (default 2: this is a 2-core machine, and most of a test's time is
// spent waiting for the browser and the stack, not computing).
const workers = Number(process.env.E2E_WORKERS ?? 2);

// Browser tests drive Debian's Chromium (Playwright cannot download its own browsers here): its
// headless shell when installed, the lighter of the two (scripts/chromium.mjs says why).
export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers,
  // No retries: a test that fails once is a defect to find (keyboard.spec's "does not reopen
  // after Escape" was one: the dialog wrapper waited for Chromium's late `close` event).
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? "list" : "line",
  use: {
    headless: true,
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
    // A failed test keeps its trace: every action with its timing and locator, console and network.
    // Without DOM snapshots and the screencast: those cost a third of the suite's CPU (views-matrix,
    // one worker, the idle machine: 217 s CPU with them, 145 s without, 146 s with no trace at
    // all), and the suite is CPU-bound on this 2-core machine. E2E_TRACE=full records them, for
    // a failure to be read step by step in `playwright show-trace`.
    trace:
      process.env.E2E_TRACE === "full"
        ? "retain-on-failure"
        : { mode: "retain-on-failure", snapshots: false, screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
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
