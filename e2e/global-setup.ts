import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

/** Builds the web app once, before any worker starts its stack (each BFF serves apps/web/dist). */
export default function globalSetup() {
  execFileSync("pnpm", ["--filter", "@portvakt/web", "build"], {
    cwd: resolve(import.meta.dirname, ".."),
    stdio: ["ignore", "ignore", "inherit"],
  });
}
