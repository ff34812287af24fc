import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readdirSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffProcess, freePort, startBffProcess } from "./testing/bff-process";
import { signInOverHttp } from "./testing/sign-in";
import { startTestStack, type TestStack } from "./testing/stack";

// What the container image holds, built by the script its Dockerfile runs, and started as the
// image starts it: `node server.mjs` with the built web app beside it.
const root = resolve(import.meta.dirname, "../../..");
const image = join(root, "dist/image/app");

beforeAll(() => {
  execFileSync(join(root, "scripts/build-image.sh"), { cwd: root, stdio: "pipe" });
}, 120_000);

describe("the container image's contents", () => {
  let stack: TestStack;
  let bff: BffProcess;

  beforeAll(async () => {
    stack = await startTestStack();
    const dir = join(stack.config.auditDatabasePath!, "..");
    bff = await startBffProcess(
      { ...stack.config, webDist: join(image, "web"), auditDatabasePath: join(dir, "image.db") },
      dir,
      "image",
      { entry: join(image, "server.mjs") },
    );
  }, 120_000);
  afterAll(async () => {
    expect(await bff?.stop()).toBe(0);
    await stack?.close();
  });

  it("holds one bundled server, the web app and only the dependency it cannot bundle", async () => {
    const manifest = JSON.parse(await readFile(join(image, "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies)).toEqual(["@libsql/client"]);
    expect(await readFile(join(image, "web/index.html"), "utf8")).toMatch(/<div id="root">/);
    // The tests' control of a BFF process is not in the bundle (scripts/build-image.sh).
    const server = await readFile(join(image, "server.mjs"), "utf8");
    expect(server).toContain("Portvakt BFF listening");
    expect(server).not.toMatch(/PORTVAKT_TEST_CONTROL|child-control|childControl/);
    // The exact versions the lockfile installed, no type packages, no binary for another libc.
    const lock = await readFile(join(root, "pnpm-lock.yaml"), "utf8");
    const packages: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name.startsWith(".")) continue;
        if (name.startsWith("@")) {
          for (const inner of readdirSync(join(dir, name))) packages.push(join(dir, name, inner));
        } else packages.push(join(dir, name));
      }
    };
    walk(join(image, "node_modules"));
    expect(packages.length).toBeGreaterThan(3);
    for (const dir of packages) {
      const { name, version } = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
      expect(name).not.toMatch(/^@types\/|musl/);
      expect(lock, `${name}@${version} in the lockfile`).toContain(`${name}@${version}`);
      if (existsSync(join(dir, "node_modules"))) walk(join(dir, "node_modules"));
    }
  });

  it("starts, is ready, serves the console with its security headers, and signs people in", async () => {
    expect((await fetch(`${bff.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bff.url}/readyz`);
    expect([200, 503]).toContain(ready.status);
    const page = await fetch(`${bff.url}/scopes`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root">/);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await (await fetch(`${bff.url}/`)).text();
    const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeTruthy();
    const script = await fetch(`${bff.url}${asset}`);
    expect(script.headers.get("cache-control")).toMatch(/immutable/);
    // Signed in at the first instance: the sealed cookie is valid here too.
    const cookie = await signInOverHttp(stack.url, "demo-admin");
    const scopes = await fetch(`${bff.url}/api/envs/demo/scopes`, {
      headers: { "X-CSRF": "1", Cookie: cookie },
    });
    expect(scopes.status).toBe(200);
    expect(((await scopes.json()) as unknown[]).length).toBeGreaterThan(0);
  });
});

// As Kubernetes runs the image: an unprivileged user (nobody), the app folder owned by root and
// not writable, the root filesystem read-only, only the volume /var/lib/portvakt writable, and
// the README's configuration (no auditDatabasePath, no databaseUrl). A private mount namespace
// makes that real without a container engine; it needs root to set up, as CI has.
const canIsolate =
  process.getuid?.() === 0 && spawnSync("unshare", ["--mount", "true"]).status === 0;

describe.skipIf(!canIsolate)(
  "the image's contents as an unprivileged user on a read-only root",
  () => {
    let stack: TestStack;
    let dir: string;

    beforeAll(async () => {
      stack = await startTestStack();
      dir = await mkdtemp(join(tmpdir(), "portvakt-image-"));
      await chmod(dir, 0o755);
    }, 60_000);
    afterAll(async () => {
      await stack?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("starts with its defaults, becomes ready, keeps the audit store on the volume, and exits 0 on SIGTERM", async () => {
      // /app: a root-owned copy of the image contents, nothing writable.
      const app = join(dir, "app");
      cpSync(image, app, { recursive: true });
      execFileSync("chown", ["-R", "root:root", app]);
      execFileSync("chmod", ["-R", "a-w,a+rX", app]);
      // The mounted secrets, readable by the process; the volume, writable by it alone.
      const secrets = join(dir, "secrets");
      await mkdir(secrets, { mode: 0o755 });
      const volume = join(dir, "volume");
      await mkdir(volume, { mode: 0o700 });
      execFileSync("chown", ["65534:65534", volume]);
      const env = stack.config.environments[0]!;
      const credential = env.credential as { keyPath: string; certPath: string };
      const auth = stack.config.auth as { clientSecretFile: string; sessionSecretFile: string };
      for (const [from, to] of [
        [credential.keyPath, "admin-key.pem"],
        [credential.certPath, "admin-chain.pem"],
        [auth.clientSecretFile, "oidc-client-secret"],
        [auth.sessionSecretFile, "portvakt-session-secret"],
      ] as const) {
        cpSync(from, join(secrets, to));
        chmodSync(join(secrets, to), 0o444);
      }
      // The README's configuration, pointed at the simulator instead of Digdir.
      const config = {
        port: 7401,
        host: "0.0.0.0",
        webDist: "/app/web",
        auth: {
          ...stack.config.auth,
          clientSecretFile: join(secrets, "oidc-client-secret"),
          sessionSecretFile: join(secrets, "portvakt-session-secret"),
        },
        environments: [
          {
            ...env,
            credential: {
              type: "pem",
              keyPath: join(secrets, "admin-key.pem"),
              certPath: join(secrets, "admin-chain.pem"),
            },
          },
        ],
      };
      const configPath = join(dir, "portvakt.json");
      await writeFile(configPath, JSON.stringify(config), { mode: 0o444 });
      const port = await freePort();

      // In a mount namespace of its own: the volume at /var/lib/portvakt, every other mount
      // read-only, then the server as nobody; exec keeps one process, which gets the SIGTERM.
      const script = `
set -eu
mount -t tmpfs -o mode=0755,size=1m tmpfs /var/lib
mkdir /var/lib/portvakt
mount --bind "$VOLUME" /var/lib/portvakt
for m in $(awk '{print $5}' /proc/self/mountinfo | sort -u); do
  case "$m" in /proc*|/sys*|/dev*|/mnt*|/var/lib/portvakt) continue ;; esac
  mount -o remount,bind,ro "$m"
done
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs -- "$@"; }
for probe in "$PWD/probe" /tmp/probe /var/lib/probe; do
  if as_nobody sh -c "touch $probe" 2>/dev/null; then echo "WRITABLE $probe"; exit 3; fi
done
as_nobody sh -c 'touch /var/lib/portvakt/probe && rm /var/lib/portvakt/probe'
exec setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs -- "$NODE" server.mjs
`;
      const { DATABASE_URL: _unused, ...inherited } = process.env;
      const child = spawn("unshare", ["--mount", "sh", "-c", script], {
        cwd: app,
        env: {
          PATH: inherited.PATH ?? "/usr/bin:/bin",
          VOLUME: volume,
          NODE: process.execPath,
          // The image's environment (Dockerfile ENV), with the test's free port.
          NODE_ENV: "production",
          WEB_DIST: join(app, "web"),
          HOST: "127.0.0.1",
          PORT: String(port),
          PORTVAKT_CONFIG: configPath,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stderr!.on("data", (chunk) => {
        output += chunk;
      });
      const exited = new Promise<number | null>((resolve) =>
        child.on("exit", (code) => resolve(code)),
      );
      try {
        await new Promise<void>((resolve, reject) => {
          createInterface({ input: child.stdout! }).on("line", (line) => {
            output += `${line}\n`;
            if (line.includes("Portvakt BFF listening")) resolve();
          });
          exited.then((code) => reject(new Error(`exited with ${code}:\n${output}`)));
          setTimeout(() => reject(new Error(`did not start:\n${output}`)), 30_000).unref();
        });
        const base = `http://127.0.0.1:${port}`;
        let ready: Response | undefined;
        for (let i = 0; i < 50; i++) {
          ready = await fetch(`${base}/readyz`);
          if (ready.status === 200) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(ready?.status, output).toBe(200);
        expect(await (await fetch(`${base}/`)).text()).toMatch(/<div id="root">/);
        // A change is written to the audit store on the volume.
        const cookie = await signInOverHttp(stack.url, "demo-admin");
        const created = await fetch(`${base}/api/envs/demo/clients`, {
          method: "POST",
          headers: {
            "X-CSRF": "1",
            Cookie: cookie,
            Origin: base,
            "Content-Type": "application/json",
          },
          body: JSON.stringify({ client_name: "fra bildet", description: "skrivebeskyttet rot" }),
        });
        expect(created.status).toBe(200);
      } finally {
        child.kill("SIGTERM");
      }
      expect(await exited, output).toBe(0);
      expect(output).toMatch(/"msg":"stopped"/);
      const db = await stat(join(volume, "portvakt.db"));
      expect(db.uid).toBe(65534);
    }, 60_000);
  },
);
