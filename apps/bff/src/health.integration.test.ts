import { join } from "node:path";
import type pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditStore } from "./audit/store";
import { openDatabase } from "./database";
import { Readiness } from "./health";
import { createLogger } from "./logger";
import { startBffProcess } from "./testing/bff-process";
import { shiftableClock } from "./testing/clock";
import { signInOverHttp } from "./testing/sign-in";
import { CapturedLog, startTestStack, type TestStack } from "./testing/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.bff.readiness.check();
});
afterAll(() => stack?.close());

const quiet = createLogger("silent");
const DAY = 86_400_000;

describe("probes", () => {
  it("/healthz answers that the process is up, without a session", async () => {
    const response = await fetch(`${stack.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "up" });
  });

  it("/readyz is ready when config, credential, token and audit store are fine", async () => {
    const response = await fetch(`${stack.url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ready: boolean;
      checks: Array<{ name: string; ok: boolean }>;
    };
    expect(body.ready).toBe(true);
    expect(body.checks.map((c) => c.name)).toEqual([
      "audit",
      "config",
      "demo.credential",
      "demo.token",
    ]);
  });

  it("/readyz answers from the last check: probes never reach Maskinporten", async () => {
    const before = (
      (await (await stack.control("/stats")).json()) as { tokenRequests: { total: number } }
    ).tokenRequests.total;
    for (let i = 0; i < 20; i++) expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
    const after = (
      (await (await stack.control("/stats")).json()) as { tokenRequests: { total: number } }
    ).tokenRequests.total;
    expect(after).toBe(before);
  });

  it("is not ready when no token can be had", async () => {
    const [env] = stack.bff.environments;
    await stack.fault({ path: "/token", kind: "token-outage", times: 5 });
    env!.tokens.invalidate();
    const snapshot = await stack.bff.readiness.check();
    expect(snapshot.ready).toBe(false);
    expect(snapshot.checks.find((c) => c.name === "demo.token")).toMatchObject({ ok: false });
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(503);
    await stack.clearFaults();
    expect((await stack.bff.readiness.check()).ready).toBe(true);
  });

  it("stays ready, with a warning logged once a day, when the certificate expires within the warning period", async () => {
    // The demo certificate is valid for a year: a 400-day warning period makes it too short.
    const log = new CapturedLog();
    const clock = shiftableClock({ frozen: true });
    const readiness = new Readiness({
      environments: stack.bff.environments,
      audit: stack.bff.audit,
      logger: createLogger("info", log.stream as unknown as pino.DestinationStream),
      expiryWarningDays: 400,
      now: clock.now,
    });
    const snapshot = await readiness.check();
    expect(snapshot.ready).toBe(true);
    expect(snapshot.checks.find((c) => c.name === "demo.credential")).toMatchObject({
      ok: true,
      warning: true,
      detail: expect.stringMatching(/expires in \d+ days/),
    });
    await readiness.check();
    const warnings = () => log.lines.filter((l) => l.includes("readiness warning"));
    expect(warnings()).toHaveLength(1);
    expect(JSON.parse(warnings()[0]!)).toMatchObject({ level: 40, check: "demo.credential" });
    clock.shift(DAY - 1_000);
    await readiness.check();
    expect(warnings()).toHaveLength(1);
    clock.shift(1_000);
    await readiness.check();
    expect(warnings()).toHaveLength(2);
  });

  it("is not ready when the certificate has expired, or is not valid yet", async () => {
    const [env] = stack.bff.environments;
    if (env!.credential.kind !== "certificate") throw new Error("the demo uses a certificate");
    for (const [notBefore, notAfter, pattern] of [
      [new Date(Date.now() - 400 * DAY), new Date(Date.now() - 1000), /expired on/],
      [new Date(Date.now() + DAY), new Date(Date.now() + 400 * DAY), /not valid before/],
    ] as const) {
      const readiness = new Readiness({
        environments: [{ ...env!, credential: { ...env!.credential, notBefore, notAfter } }],
        audit: stack.bff.audit,
        logger: quiet,
      });
      const snapshot = await readiness.check();
      expect(snapshot.ready).toBe(false);
      expect(snapshot.checks.find((c) => c.name === "demo.credential")).toMatchObject({
        ok: false,
        detail: expect.stringMatching(pattern),
      });
    }
  });

  it("is not ready when the audit store cannot be reached", async () => {
    const db = await openDatabase({ kind: "sqlite", path: ":memory:" });
    await db.destroy();
    const readiness = new Readiness({
      environments: stack.bff.environments,
      audit: new AuditStore(db),
      logger: quiet,
    });
    const snapshot = await readiness.check();
    expect(snapshot.checks.find((c) => c.name === "audit")).toMatchObject({ ok: false });
  });
});

describe("/metrics", () => {
  async function metric(name: string, labels: string): Promise<number> {
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
    return line ? Number(line.split(" ").at(-1)) : 0;
  }

  it("counts requests per route and calls to Digdir, and shows the certificate's days left", async () => {
    const route = 'route="/api/envs/:env/scopes"';
    const requestsBefore = await metric("portvakt_http_requests_total", route);
    const upstreamBefore = await metric(
      "portvakt_upstream_calls_total",
      'operation="GET /api/v1/scopes"',
    );
    for (let i = 0; i < 3; i++) await stack.api("/api/envs/demo/scopes");
    expect(await metric("portvakt_http_requests_total", route)).toBe(requestsBefore + 3);
    expect(await metric("portvakt_upstream_calls_total", 'operation="GET /api/v1/scopes"')).toBe(
      upstreamBefore + 3,
    );
    expect(
      await metric("portvakt_http_request_duration_seconds_count", route),
    ).toBeGreaterThanOrEqual(3);
    expect(await metric("portvakt_credential_days_to_expiry", 'env="demo"')).toBeGreaterThan(300);
    expect(await metric("portvakt_token_requests_total", 'env="demo"')).toBeGreaterThanOrEqual(1);
    const hits = await metric("portvakt_token_cache_hits_total", 'env="demo"');
    await stack.api("/api/envs/demo/prefix");
    expect(await metric("portvakt_token_cache_hits_total", 'env="demo"')).toBeGreaterThan(hits);
  });
});

describe("graceful shutdown", () => {
  it("on SIGTERM finishes every request under way and exits 0", async () => {
    // A BFF process of its own (the production entry point) against this test's simulator. The
    // demo provider only knows the first BFF's callback: sign in there; the cookie is sealed with
    // the same secret and so valid here too.
    const dir = join(stack.config.auditDatabasePath!, "..");
    const bff = await startBffProcess(
      { ...stack.config, auditDatabasePath: join(dir, "shutdown.db") },
      dir,
      "shutdown",
    );
    const port = Number(new URL(bff.url).port);
    const child = bff.child;
    const exited = bff.exited;
    const cookie = await signInOverHttp(stack.url, "demo-viewer");
    await stack.fault({
      path: "/api/v1/clients",
      method: "GET",
      kind: "latency",
      ms: 1500,
      times: 5,
    });
    const inFlight = Array.from({ length: 5 }, () =>
      fetch(`http://127.0.0.1:${port}/api/envs/demo/clients`, {
        headers: { "X-CSRF": "1", Cookie: cookie },
      }),
    );
    // All five are under way at Digdir (held by the latency) before the BFF is told to stop.
    const until = Date.now() + 30_000;
    for (;;) {
      const held = (await (await stack.control("/unfinished")).json()) as { unfinished: number };
      if (held.unfinished >= 5) break;
      if (Date.now() > until) throw new Error(`only ${held.unfinished} requests reached Digdir`);
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill("SIGTERM");
    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
