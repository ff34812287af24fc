import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Where the tests find the CLI: the bundle `pnpm --filter @portvakt/cli build` makes. */
export const CLI_PATH = fileURLToPath(new URL("../../dist/portvakt.mjs", import.meta.url));

/** vitest globalSetup: builds dist/portvakt.mjs, so `pnpm test` needs no build beforehand. */
export default function buildCli(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../../build.mjs", import.meta.url))], {
    stdio: "inherit",
  });
}
