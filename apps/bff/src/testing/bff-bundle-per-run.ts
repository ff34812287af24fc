import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * The BFF's production entry point (`src/main.ts`) bundled into one ESM file for this run,
     * with the tests' control of a process kept (absolute path), made by this global setup.
     */
    portvaktBffBundle: string;
  }
}

/** The BFF package's folder (`apps/bff`). */
const bffRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Vitest global setup of the BFF project: bundles `src/main.ts` once per run with esbuild, into
 * a fresh folder under `apps/bff/.cache/` (gitignored; inside the package so that the modules
 * left outside the bundle resolve from its node_modules), and gives the path to the test files
 * (`inject("portvaktBffBundle")`, used by `./bff-process.ts`). Each BFF started as a process of
 * its own then runs `node <bundle>` instead of compiling the whole BFF with tsx at its start
 * (seconds of CPU per process; over 30 s on a busy 2-core machine). The bundle is made as
 * scripts/build-image.sh makes the container image's (same externals: libSQL's native client,
 * pg-native, pkcs11js), except that the tests' control of a process (PORTVAKT_TEST_CONTROL,
 * `./child-control.ts`) stays in. Answers the teardown, which removes the folder.
 * Throws (failing the run before any file) when esbuild cannot bundle the source.
 */
export default async function bffBundlePerRun(project: TestProject) {
  const cache = join(bffRoot, ".cache");
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, "test-bff-"));
  const outfile = join(dir, "main.mjs");
  await build({
    entryPoints: [join(bffRoot, "src", "main.ts")],
    bundle: true,
    platform: "node",
    target: "node20.19",
    format: "esm",
    external: ["@libsql/client", "libsql", "pg-native", "pkcs11js"],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    outfile,
    logLevel: "warning",
  });
  project.provide("portvaktBffBundle", outfile);
  return () => rmSync(dir, { recursive: true, force: true });
}
