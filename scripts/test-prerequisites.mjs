// First step of `pnpm test`: what the suite needs beyond `pnpm install`, checked before anything
// runs. The browser tests need Chromium (scripts/chromium.mjs: CHROMIUM_PATH, else Debian's
// chromium-headless-shell, else /usr/bin/chromium). As root with apt-get (as .ci/run is), the
// headless shell is installed here when missing; otherwise a run without any Chromium stops at
// once with the one command to run, and one with only the full browser goes on with it (slower).
// (PostgreSQL is needed only by `pnpm test:postgres`; see README.)
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath, FULL_CHROMIUM, HEADLESS_SHELL, runnable } from "./chromium.mjs";

const canInstall =
  !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
if (canInstall && !runnable(HEADLESS_SHELL)) {
  process.stderr.write(
    "pnpm test: Chromium's headless shell is missing; installing it (apt-get install chromium-headless-shell) ...\n",
  );
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium-headless-shell"], {
    stdio: "inherit",
    env,
  });
}

const chromium = chromiumPath();
if (!runnable(chromium)) {
  process.stderr.write(
    [
      `pnpm test needs Chromium for the browser tests, and there is none at ${chromium}${
        chromium === FULL_CHROMIUM ? ` (nor ${HEADLESS_SHELL})` : ""
      }.`,
      "Install it:  sudo apt-get install -y chromium-headless-shell   (Debian, Ubuntu)",
      "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
      "",
    ].join("\n"),
  );
  process.exit(1);
}
