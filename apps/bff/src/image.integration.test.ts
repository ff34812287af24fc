import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffProcess, startBffProcess } from "./testing/bff-process";
import { signInOverHttp } from "./testing/sign-in";
import { startTestStack, type TestStack } from "./testing/stack";

// What the container image holds, built by the script its Dockerfile runs, and started as the
// image starts it: `node server.mjs` with the built web app beside it.
const root = resolve(import.meta.dirname, "../../..");
const image = join(root, "dist/image/app");

describe("the container image's contents", () => {
  let stack: TestStack;
  let bff: BffProcess;

  beforeAll(async () => {
    execFileSync(join(root, "scripts/build-image.sh"), { cwd: root, stdio: "pipe" });
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
