import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { loadOrCreateDemoMaterial } from "../demo-data-folder";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder of this run's demo material (`demoPaths` layout), made by the global setup. */
    portvaktDemoMaterialDir: string;
  }
}

/**
 * Vitest global setup: makes the simulator's demo material (a CA, four business certificates,
 * two client keys, the token-signing key: eight 2048-bit RSA keys) once for the whole run, in a
 * fresh private temporary folder (mode 0700), and gives the folder to the test files
 * (`inject("portvaktDemoMaterialDir")`; `./demo-material-setup.ts` reads it). Without it each
 * test file, isolated in its own module graph, made the eight keys again: about a second of CPU
 * per file on an idle 2-core machine, many on a loaded one. The keys are made per run, never
 * committed. Answers the teardown, which removes the folder.
 */
export default async function demoMaterialPerRun(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "portvakt-test-material-"));
  await loadOrCreateDemoMaterial(dir);
  project.provide("portvaktDemoMaterialDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
