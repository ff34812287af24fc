import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "@portvakt/config-as-code";
import { type RunningSimulator, startSimulator } from "@portvakt/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack } from "../../bff/src/testing/stack";
import { main } from "./main";
import { CLI_PATH } from "./testing/build-cli";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let sim: RunningSimulator;
let dir: string;
let connection: string[];

/**
 * Runs the built binary with plain node, as an installed `portvakt` runs: for what only a real
 * process shows (its exit code, what reaches stdout and stderr, the bundle itself starting).
 */
function binary(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI_PATH, ...args],
      {
        env: { PATH: process.env.PATH ?? "", ...env },
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

/**
 * Runs the CLI's `main` in this process with the same arguments and environment (nothing of
 * this process's own environment), its output collected as a piped process's would be (not a
 * terminal). A process start costs far more than most commands here; the real process is
 * tested by the `binary` runs.
 */
async function portvakt(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const output = { stdout: "", stderr: "" };
  const sink = (name: "stdout" | "stderr") =>
    ({
      isTTY: false,
      write(chunk: string | Uint8Array) {
        output[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        return true;
      },
    }) as unknown as NodeJS.WriteStream;
  const code = await main(args, {
    stdout: sink("stdout"),
    stderr: sink("stderr"),
    stdin: { isTTY: false } as unknown as NodeJS.ReadStream,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { code, ...output };
}

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
  dir = await mkdtemp(join(tmpdir(), "portvakt-cli-"));
  const org = sim.demo.orgs[sim.demo.providerOrgno]!;
  await writeFile(join(dir, "key.pem"), org.keyPem, { mode: 0o600 });
  await writeFile(join(dir, "chain.pem"), org.chainPem);
  await writeFile(join(dir, "admin.p12"), org.p12);
  connection = [
    "--issuer",
    sim.issuer,
    "--api-base-url",
    sim.apiBaseUrl,
    "--client-id",
    sim.demo.adminClientId,
    "--credential",
    `pem:${join(dir, "key.pem")}:${join(dir, "chain.pem")}`,
  ];
});
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("portvakt (the built binary and its main) against the simulator", () => {
  it("prints help for the CLI and for each command", async () => {
    const help = await binary(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("portvakt export");
    for (const command of ["export", "plan", "apply", "schema"]) {
      const commandHelp = await portvakt([command, "--help"]);
      expect(commandHelp.code).toBe(0);
      expect(commandHelp.stdout).toContain(`Usage: portvakt ${command}`);
    }
    const unknown = await binary(["frobnicate"]);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown command") });
  });

  it("export → edit → plan exits 2 → apply --auto-approve → plan exits 0", async () => {
    const file = join(dir, "demo.yaml");
    const exported = await binary(["export", "--out", file, ...connection]);
    expect(exported).toMatchObject({ code: 0, stderr: "" });
    const again = await portvakt(["export", ...connection]);
    expect(again.stdout).toBe(await readFile(file, "utf8"));

    // Grant two more organisations access, revoke one, and add a scope.
    const text = (await readFile(file, "utf8")).replace(
      '      - "889640782" # ARBEIDS- OG VELFERDSETATEN\n  - name: difi:gammel/v1',
      '      - "974760673"\n      - "910000004"\n  - name: difi:gammel/v1',
    );
    const edited = text.replace(
      "scopes:\n",
      "scopes:\n  - name: digdir:cli/v1\n    description: Fra CLI\n",
    );
    expect(edited).not.toBe(await readFile(file, "utf8"));
    await writeFile(file, edited);

    const plan = await binary(["plan", file, "--detailed-exitcode", ...connection]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("Scope difi:api3");
    expect(plan.stdout).toContain("+ Grant 974760673");
    expect(plan.stdout).toContain("! dangerous:");
    expect(plan.stdout).toContain("--confirm 'access.revoke:difi:api3@889640782'");
    expect(plan.stdout).not.toContain("\x1b[");

    const json = await portvakt(["plan", file, "--json", ...connection]);
    const parsed = JSON.parse(json.stdout) as Plan;
    expect(parsed.steps.map((s) => s.id)).toEqual([
      "scope.create:digdir:cli/v1",
      "access.grant:difi:api3@910000004",
      "access.grant:difi:api3@974760673",
      "access.revoke:difi:api3@889640782",
    ]);

    const refused = await binary(["apply", file, ...connection]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--auto-approve");

    const unconfirmed = await portvakt(["apply", file, "--confirm", "nothing", ...connection]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain("access.revoke:difi:api3@889640782");

    const applied = await portvakt(["apply", file, "--auto-approve", ...connection]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("✓ Revoke 889640782");
    expect(applied.stdout).toContain("Applied 4 step(s) to demo.");

    const after = await portvakt(["plan", file, "--detailed-exitcode", ...connection]);
    expect(after).toMatchObject({ code: 0, stdout: expect.stringContaining("No changes.") });
    const twice = await portvakt(["apply", file, "--auto-approve", ...connection]);
    expect(twice).toMatchObject({ code: 0, stdout: expect.stringContaining("No changes.") });
  });

  it("reads keys by file, colours on request, and takes a PKCS#12 credential", async () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    await writeFile(join(dir, "klient.pub.pem"), publicKey.export({ format: "pem", type: "spki" }));
    const file = join(dir, "klient.yaml");
    const exported = await portvakt(["export", ...connection]);
    await writeFile(
      file,
      exported.stdout.replace(
        "clients:\n",
        [
          "clients:",
          "  - name: CLI-klient",
          "    description: Med nøkkel fra fil",
          "    keys:",
          "      - kid: cli-klient-2025",
          "        file: klient.pub.pem",
          "",
        ].join("\n"),
      ),
    );
    const p12 = [...connection.slice(0, -1), `pkcs12:${join(dir, "admin.p12")}`];
    const password = { PORTVAKT_P12_PASSWORD: sim.demo.orgs[sim.demo.providerOrgno]!.p12Password };
    const coloured = await portvakt(["plan", file, ...p12], { ...password, FORCE_COLOR: "1" });
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toContain("\x1b[32m+ Add key cli-klient-2025");
    const noColour = await portvakt(["plan", file, ...p12], {
      ...password,
      FORCE_COLOR: "1",
      NO_COLOR: "1",
    });
    expect(noColour.stdout).not.toContain("\x1b[");

    const applied = await portvakt(["apply", file, "--auto-approve", "--json", ...p12], password);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).report).toMatchObject({ status: "applied", done: 2 });
    const json = await portvakt(["export", "--format", "json", ...connection]);
    const client = JSON.parse(json.stdout).clients.find(
      (c: { name: string }) => c.name === "CLI-klient",
    );
    expect(client.keys).toEqual([
      { kid: "cli-klient-2025", jwk: expect.objectContaining({ kty: "RSA", use: "sig" }) },
    ]);

    const wrong = await portvakt(["export", ...p12], { PORTVAKT_P12_PASSWORD: "feil" });
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining("password is wrong") });
  });

  it("refuses an invalid document with the path of the bad entry", async () => {
    const file = join(dir, "bad.yaml");
    await writeFile(
      file,
      'version: 1\nscopes:\n  - name: difi:api3\n    description: x\n    consumers: ["123456789"]\n',
    );
    const plan = await binary(["plan", file, "--detailed-exitcode", ...connection]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("scopes[0].consumers[0]: The check digit");
  });
});

describe("portvakt through a BFF", () => {
  it("exports and plans with a browser session's cookie", async () => {
    const stack = await startTestStack();
    try {
      const bff = ["--bff", stack.url, "--env", "demo"];
      const cookie = { PORTVAKT_BFF_COOKIE: stack.api.cookie };
      const exported = await portvakt(["export", ...bff], cookie);
      expect(exported.code).toBe(0);
      const direct = await stack.api("/api/envs/demo/config/export");
      expect(exported.stdout).toBe(await direct.text());

      const file = join(dir, "bff.yaml");
      await writeFile(file, exported.stdout.replace("Eldre Difi-API, versjon 3", "Via BFF"));
      const plan = await portvakt(["plan", file, "--detailed-exitcode", ...bff], cookie);
      expect(plan).toMatchObject({
        code: 2,
        stdout: expect.stringContaining("Change description"),
      });
      const applied = await portvakt(["apply", file, "--auto-approve", ...bff], cookie);
      expect(applied.code).toBe(0);
      const after = await portvakt(["plan", file, "--detailed-exitcode", ...bff], cookie);
      expect(after.code).toBe(0);

      const signedOut = await binary(["export", ...bff], { PORTVAKT_BFF_COOKIE: "x=y" });
      expect(signedOut).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("sign in again"),
      });
    } finally {
      await stack.close();
    }
  });
});

describe("portvakt through a BFF with a pipeline token", () => {
  it("plans and applies with PORTVAKT_BFF_TOKEN; the prod guard and a revoke apply to it", async () => {
    const stack = await startTestStack({ withProdEnvironment: true });
    try {
      const issued = await stack.api("/api/tokens", {
        method: "POST",
        body: JSON.stringify({ name: "cli pipeline", role: "admin", envs: ["prod"], days: 7 }),
      });
      expect(issued.status).toBe(201);
      const { token, info } = (await issued.json()) as { token: string; info: { id: string } };
      const env = { PORTVAKT_BFF_TOKEN: token };
      const bff = ["--bff", stack.url, "--env", "prod"];
      const exported = await portvakt(["export", ...bff], env);
      expect(exported.code).toBe(0);
      const file = join(dir, "token.yaml");
      const revokeOne = exported.stdout.replace(
        '    consumers:\n      - "889640782" # ARBEIDS- OG VELFERDSETATEN\n  - name: difi:gammel/v1',
        "    consumers: []\n  - name: difi:gammel/v1",
      );
      expect(revokeOne).not.toBe(exported.stdout);
      await writeFile(file, revokeOne);
      const plan = await portvakt(["plan", file, "--detailed-exitcode", ...bff], env);
      expect(plan.code).toBe(2);
      const refused = await portvakt(["apply", file, "--auto-approve", ...bff], env);
      expect(refused).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("--confirm-env prod"),
      });
      const applied = await portvakt(
        ["apply", file, "--auto-approve", "--confirm-env", "prod", ...bff],
        env,
      );
      expect(applied.code).toBe(0);
      const { entries } = await stack.bff.audit.list({ action: "config.apply", limit: 100 });
      expect(entries.filter((e) => e.outcome === "success")[0]?.actor.sub).toBe(`token:${info.id}`);

      const both = await portvakt(["export", ...bff], { ...env, PORTVAKT_BFF_COOKIE: "a=b" });
      expect(both).toMatchObject({ code: 1, stderr: expect.stringContaining("only one") });
      expect((await stack.api(`/api/tokens/${info.id}`, { method: "DELETE" })).status).toBe(200);
      const revoked = await portvakt(["export", ...bff], env);
      expect(revoked).toMatchObject({ code: 1, stderr: expect.stringContaining("revoked") });
    } finally {
      await stack.close();
    }
  });
});

describe("portvakt through a BFF, prod environment", () => {
  it("removals in prod need --confirm-env naming the environment (the BFF's prod guard)", async () => {
    const stack = await startTestStack({ withProdEnvironment: true });
    try {
      const cookie = { PORTVAKT_BFF_COOKIE: stack.api.cookie };
      const bff = ["--bff", stack.url, "--env", "prod"];
      const exported = await portvakt(["export", ...bff], cookie);
      expect(exported.code).toBe(0);
      const file = join(dir, "prod.yaml");
      const revokeOne = exported.stdout.replace(
        '    consumers:\n      - "889640782" # ARBEIDS- OG VELFERDSETATEN\n  - name: difi:gammel/v1',
        "    consumers: []\n  - name: difi:gammel/v1",
      );
      expect(revokeOne).not.toBe(exported.stdout);
      await writeFile(file, revokeOne);

      const refused = await portvakt(["apply", file, "--auto-approve", ...bff], cookie);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("--confirm-env prod");
      const wrongEnv = await portvakt(
        ["apply", file, "--auto-approve", "--confirm-env", "demo", ...bff],
        cookie,
      );
      expect(wrongEnv.code).toBe(1);
      const stillThere = await portvakt(["plan", file, "--detailed-exitcode", ...bff], cookie);
      expect(stillThere.code).toBe(2);

      const applied = await portvakt(
        ["apply", file, "--auto-approve", "--confirm-env", "prod", ...bff],
        cookie,
      );
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain("Revoke 889640782");
      const after = await portvakt(["plan", file, "--detailed-exitcode", ...bff], cookie);
      expect(after.code).toBe(0);
    } finally {
      await stack.close();
    }
  });
});

describe("portvakt promote through a BFF", () => {
  it("plans demo -> prod through a mapping, refuses an unmapped prefix, applies with --apply", async () => {
    const stack = await startTestStack({ withProdEnvironment: true, prodSimulator: true });
    try {
      const issued = await stack.api("/api/tokens", {
        method: "POST",
        body: JSON.stringify({
          name: "cli promote",
          role: "admin",
          envs: ["demo", "prod"],
          days: 1,
        }),
      });
      expect(issued.status).toBe(201);
      const env = { PORTVAKT_BFF_TOKEN: ((await issued.json()) as { token: string }).token };
      // Only demo has this grant; prod is a simulator of its own.
      const granted = await stack.api(
        "/api/envs/demo/scopes/access/974760673?scope=digdir%3Ademo%2Fv1%2Fhendelser",
        { method: "PUT" },
      );
      expect(granted.status).toBe(200);
      const map = join(dir, "map.yaml");
      const mapping = [
        "organizations:",
        '  "889640782": "889640782"',
        '  "974760673": "974760673"',
        '  "974761076": "974761076"',
        "prefixes:",
        "  digdir: digdir",
        "  difi: difi",
        "  nav: nav",
        "",
      ].join("\n");
      await writeFile(map, mapping.replace("  nav: nav\n", ""));
      const args = ["promote", "--from", "demo", "--to", "prod", "--map", map, "--bff", stack.url];
      const unmapped = await portvakt(args, env);
      expect(unmapped.code).toBe(1);
      expect(unmapped.stderr).toContain('The scope prefix "nav"');

      await writeFile(map, mapping);
      const plan = await portvakt([...args, "--json", "--detailed-exitcode"], env);
      expect(plan.code, plan.stderr).toBe(2);
      expect((JSON.parse(plan.stdout) as Plan).steps.map((step) => step.id)).toEqual([
        "access.grant:digdir:demo/v1/hendelser@974760673",
      ]);
      const applied = await portvakt([...args, "--apply", "--auto-approve"], env);
      expect(applied.code, applied.stderr).toBe(0);
      const after = await portvakt([...args, "--detailed-exitcode"], env);
      expect(after.code, after.stderr).toBe(0);
    } finally {
      await stack.close();
    }
  });
});
