// First step of `pnpm test`: what the suite needs beyond `pnpm install`, checked before anything
// runs. The browser tests need Chromium (CHROMIUM_PATH, default /usr/bin/chromium): installed
// here when it can be (root with apt-get, as .ci/run does), otherwise the run stops at once with
// the one command to run. (PostgreSQL is needed only by `pnpm test:postgres`; see README.)
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const runnable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

if (!runnable(chromium)) {
  const canInstall =
    !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (canInstall) {
    process.stderr.write(
      "pnpm test: Chromium is missing; installing it (apt-get install chromium) ...\n",
    );
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  }
  if (!runnable(chromium)) {
    process.stderr.write(
      [
        `pnpm test needs Chromium for the browser tests, and there is none at ${chromium}.`,
        "Install it:  sudo apt-get install -y chromium   (Debian, Ubuntu)",
        "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
        "",
      ].join("\n"),
    );
    process.exit(1);
  }
}
