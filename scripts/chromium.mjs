// Which Chromium the browser tests drive (playwright.config.ts) and `pnpm test` checks for
// (scripts/test-prerequisites.mjs): one rule, in one place.
import { accessSync, constants } from "node:fs";

/** Debian's `chromium-headless-shell` package: the binary itself (its /usr/bin entry is a sh wrapper). */
export const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
/** Debian's `chromium` package: the full browser, run by Playwright in its new headless mode. */
export const FULL_CHROMIUM = "/usr/bin/chromium";

/** Whether `path` is an executable file. */
export function runnable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium binary for the browser tests: `env.CHROMIUM_PATH` when set (any Chromium or Chrome
 * binary); else Debian's headless shell when it is installed; else the full browser's path
 * (`FULL_CHROMIUM`, which may not exist: test-prerequisites.mjs says so and how to install).
 *
 * Why the headless shell first: it is the same Chromium (same version, Blink and V8: Debian builds
 * both from one source) without the full browser's UI and compositing layers, and what Playwright
 * itself drives for headless Chromium. The e2e suite is CPU-bound on a 2-core machine; measured
 * per operation on this machine (CPU of Chromium + Playwright worker + stack): a cold page load
 * 855 → 680 ms, an in-app navigation 244 → 177 ms, a language switch 164 → 134 ms; axe scans and
 * screenshots cost the same in both.
 */
export function chromiumPath(env = process.env) {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return runnable(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM;
}
