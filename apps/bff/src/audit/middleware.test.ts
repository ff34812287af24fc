import { MaskinportenError } from "@portvakt/maskinporten";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changes } from "../auth/guard";
import { RateLimiter } from "../auth/rate-limit";
import type { Environments } from "../context";
import { openDatabase, type PortvaktDatabase } from "../database";
import { OUTCOME_UNKNOWN, ProblemError } from "../problem";
import { knownEnvironment } from "../security/known-environment";
import { middlewareTestApp, testEnvironments, testSession } from "../testing/middleware-app";
import { audited, recordChange } from "./middleware";
import { AuditStore } from "./store";

let environments: Environments;
let db: Kysely<PortvaktDatabase>;
let audit: AuditStore;
beforeAll(async () => {
  environments = await testEnvironments([
    { id: "test", kind: "test" },
    { id: "prod", kind: "prod" },
  ]);
  db = await openDatabase({ kind: "sqlite", path: ":memory:" });
  audit = new AuditStore(db);
});
afterAll(async () => {
  await db.destroy();
});

/** The entry of one request, by its request id. */
async function entryOf(response: Response) {
  const requestId = JSON.parse(response.headers.get("X-Test-Request") ?? '""');
  const { entries } = await audit.list({ limit: 1000 });
  return entries.filter((entry) => entry.requestId === requestId);
}

function app(sub: string, role: "viewer" | "admin", limiter = new RateLimiter(100, 60_000)) {
  const app = middlewareTestApp({
    environments,
    audit,
    session: testSession(sub, { test: role, prod: role }),
    mutationLimiter: limiter,
  });
  app.use(async (c, next) => {
    await next();
    c.res.headers.set("X-Test-Request", JSON.stringify(c.get("requestId")));
  });
  app.post("/api/envs/:env/clients/:id", knownEnvironment(), audited("client.update"), (c) => {
    recordChange(c, { before: { name: "old" }, after: { name: "new" } });
    return c.json({ done: true });
  });
  app.post("/api/envs/:env/refused", knownEnvironment(), audited("scope.update"), () => {
    throw new MaskinportenError({
      kind: "http",
      status: 409,
      message: "HTTP 409",
      explanation: "Digdir said no",
    });
  });
  // Portvakt's own refusal in the route (input, confirmation, version): nothing was sent.
  app.post("/api/envs/:env/invalid", knownEnvironment(), audited("scope.update"), () => {
    throw new ProblemError(412, { detail: "Stale version", code: "problem.keys.changed" });
  });
  // The same refusal after a write was sent (e.g. a later step): not `denied`.
  app.post("/api/envs/:env/sent-then-refused", knownEnvironment(), audited("scope.update"), (c) => {
    c.set("changeSent", true);
    throw new ProblemError(400, { detail: "Refused after a write", code: "problem.http" });
  });
  app.post("/api/envs/:env/lost", knownEnvironment(), audited("scope.update"), () => {
    throw new ProblemError(504, {
      type: OUTCOME_UNKNOWN,
      detail: "The answer was lost",
      code: "problem.outcome-unknown",
    });
  });
  app.post("/api/envs/:env/made-then-failed", knownEnvironment(), audited("scope.update"), (c) => {
    c.set("changeMade", true);
    throw new ProblemError(503, { detail: "Reading the result failed", code: "problem.http" });
  });
  app.post("/api/envs/:env/guarded/:id", changes("admin", "client.delete"), (c) =>
    c.json({ done: true }),
  );
  return app;
}

const post = (path: string) => ({ path, init: { method: "POST" } });

describe("audited", () => {
  it("writes one success entry with the person, role, target, before and after", async () => {
    const { path, init } = post("/api/envs/test/clients/c-1");
    const response = await app("ada", "admin").request(path, init);
    expect(response.status).toBe(200);
    const entries = await entryOf(response);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { sub: "ada", name: "Person ada" },
      role: "admin",
      env: "test",
      action: "client.update",
      target: "client c-1",
      outcome: "success",
      status: 200,
      before: { name: "old" },
      after: { name: "new" },
    });
  });

  it("writes a failure with the problem's status and detail", async () => {
    const response = await app("ada", "admin").request("/api/envs/test/refused", {
      method: "POST",
    });
    expect(response.status).toBe(409);
    expect(await entryOf(response)).toMatchObject([
      { outcome: "failure", status: 409, detail: "Digdir said no" },
    ]);
  });

  it("writes denied for a refusal of the route itself before anything was sent, else failure", async () => {
    const refused = await app("ada", "admin").request("/api/envs/test/invalid", { method: "POST" });
    expect(refused.status).toBe(412);
    expect(await entryOf(refused)).toMatchObject([
      { outcome: "denied", status: 412, detail: "Stale version" },
    ]);
    const sent = await app("ada", "admin").request("/api/envs/test/sent-then-refused", {
      method: "POST",
    });
    expect(sent.status).toBe(400);
    expect(await entryOf(sent)).toMatchObject([{ outcome: "failure", status: 400 }]);
  });

  it("writes unknown for an outcome-unknown problem", async () => {
    const response = await app("ada", "admin").request("/api/envs/test/lost", { method: "POST" });
    expect(response.status).toBe(504);
    expect(await entryOf(response)).toMatchObject([{ outcome: "unknown", status: 504 }]);
  });

  it("a change made at Digdir whose request failed after it: success, answered 502 made-but-unread", async () => {
    const response = await app("ada", "admin").request("/api/envs/test/made-then-failed", {
      method: "POST",
    });
    expect(response.status).toBe(502);
    expect((await response.json()).type).toBe("urn:portvakt:problem:made-but-unread");
    const [entry] = await entryOf(response);
    expect(entry).toMatchObject({ outcome: "success", status: 502 });
    expect(entry?.detail).toContain("Reading the result failed");
    // The detail as codes too (issue 14 #13): what was made, then what failed after it.
    expect(entry).toMatchObject({
      code: "audit.made-then-failed",
      more: [{ code: "problem.http" }],
    });
    expect(entry?.detail).toMatch(/^The change was made; the request failed after it: /);
  });

  it("a refusal by the role check composed after it (changes): denied with its status", async () => {
    const response = await app("vera", "viewer").request("/api/envs/test/guarded/c-2", {
      method: "POST",
    });
    expect(response.status).toBe(403);
    expect(await entryOf(response)).toMatchObject([
      {
        outcome: "denied",
        status: 403,
        role: "viewer",
        action: "client.delete",
        target: "client c-2",
        detail: expect.stringContaining('needs the role "admin"'),
        code: "problem.role-needed",
        params: { role: "admin", env: "test" },
      },
    ]);
  });

  it("a refusal by the rate limit: denied 429, said as too many changes", async () => {
    const limiter = new RateLimiter(1, 60_000);
    const a = app("rita", "admin", limiter);
    expect((await a.request("/api/envs/test/guarded/c-3", { method: "POST" })).status).toBe(200);
    const response = await a.request("/api/envs/test/guarded/c-3", { method: "POST" });
    expect(response.status).toBe(429);
    expect(await entryOf(response)).toMatchObject([
      {
        outcome: "denied",
        status: 429,
        detail: "Too many changes in a minute",
        code: "audit.rate-limited",
      },
    ]);
  });

  it("a destructive change in prod without confirmation: denied 428", async () => {
    const response = await app("ada", "admin").request("/api/envs/prod/guarded/c-4", {
      method: "POST",
    });
    expect(response.status).toBe(428);
    expect(await entryOf(response)).toMatchObject([
      { outcome: "denied", status: 428, env: "prod" },
    ]);
  });

  it("an unknown environment is refused before the audit (no entry)", async () => {
    const response = await app("ada", "admin").request("/api/envs/nope/guarded/c-5", {
      method: "POST",
    });
    expect(response.status).toBe(400);
    expect(await entryOf(response)).toEqual([]);
  });
});
