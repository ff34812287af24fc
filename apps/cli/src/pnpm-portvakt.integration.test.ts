import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type RunningSimulator, startSimulator } from "@portvakt/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The README's `pnpm portvakt …`: the CLI from its sources right after `pnpm install` (no build),
// started from another folder, which relative file arguments are taken from; direct mode with
// the admin client's credential files, as against `pnpm demo`.
const root = resolve(import.meta.dirname, "../../..");
let sim: RunningSimulator;
let dir: string;

function pnpmPortvakt(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      "pnpm",
      ["--silent", "--dir", root, "portvakt", ...args],
      { cwd, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "portvakt-pnpm-"));
  sim = await startSimulator({ mode: "demo", dataDir: join(dir, "simulator") });
});
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("pnpm portvakt", () => {
  it("exports and plans against the demo with its credential files, relative to the caller's folder", async () => {
    const org = sim.demo.orgs[sim.demo.providerOrgno]!;
    expect(org.dir).toBeTruthy();
    const env = {
      PORTVAKT_ISSUER: sim.issuer,
      PORTVAKT_API_BASE_URL: sim.apiBaseUrl,
      PORTVAKT_CLIENT_ID: sim.demo.adminClientId,
      PORTVAKT_CREDENTIAL: `pem:${join(org.dir!, "key.pem")}:${join(org.dir!, "chain.pem")}`,
    };
    const exported = await pnpmPortvakt(["export", "--out", "demo.yaml"], dir, env);
    expect(exported.stderr).not.toMatch(/error|failed/i);
    expect(exported.code).toBe(0);
    expect(await readFile(join(dir, "demo.yaml"), "utf8")).toMatch(/^version: 1$/m);
    const planned = await pnpmPortvakt(["plan", "demo.yaml", "--detailed-exitcode"], dir, env);
    expect(planned.stdout).toMatch(/No changes/);
    expect(planned.code).toBe(0);
  }, 120_000);
});
