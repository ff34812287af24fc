import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ApiTokenStore } from "./auth/api-tokens";
import { openDatabase } from "./database";
import { shiftableClock } from "./testing/clock";
import { startTestStack, type TestStack } from "./testing/stack";

// Pipeline tokens (issue 18 #4) over real HTTP: BFF, simulator and demo sign-in provider.

const clock = shiftableClock();
let stack: TestStack;
const CONFIRM = "X-Portvakt-Confirm-Env";
const DAY_MS = 86_400_000;

beforeAll(async () => {
  stack = await startTestStack({ withProdEnvironment: true, now: clock.now });
});
afterAll(() => stack?.close());

interface Issued {
  token: string;
  info: { id: string; name: string; role: string; envs: string[]; lastUsedAt?: string };
}

async function issue(
  body: Record<string, unknown>,
  call = stack.api,
): Promise<{ response: Response; issued?: Issued }> {
  const response = await call("/api/tokens", { method: "POST", body: JSON.stringify(body) });
  return {
    response,
    ...(response.status === 201 ? { issued: (await response.json()) as Issued } : {}),
  };
}

async function issued(name: string, role: string, envs: string[], days = 30): Promise<Issued> {
  const { response, issued: result } = await issue({ name, role, envs, days });
  expect(response.status).toBe(201);
  return result!;
}

/** A call as a pipeline makes it: the bearer token, no cookie, no CSRF header, no Origin. */
function withToken(token: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  if (init.body) headers.set("Content-Type", "application/json");
  return fetch(`${stack.url}${path}`, { ...init, headers });
}

async function auditOf(response: Response) {
  const requestId = response.headers.get("x-request-id");
  const { entries } = await stack.bff.audit.list({ limit: 1000 });
  return entries.filter((e) => e.requestId === requestId).reverse();
}

async function listed(call = stack.api) {
  const response = await call("/api/tokens");
  expect(response.status).toBe(200);
  return ((await response.json()) as { tokens: Issued["info"][] }).tokens;
}

describe("pipeline tokens", () => {
  it("an admin issues a token shown once; the list never holds its value; issuing is audited", async () => {
    const { token, info } = await issued("ci deploy", "operator", ["demo"]);
    expect(token).toMatch(/^pvt_[A-Za-z0-9_-]{43}$/);
    const list = await listed();
    const row = list.find((t) => t.id === info.id);
    expect(row).toMatchObject({ name: "ci deploy", role: "operator", envs: ["demo"] });
    expect(row?.lastUsedAt).toBeUndefined();
    expect(JSON.stringify(list)).not.toContain(token);
    const { entries } = await stack.bff.audit.list({ action: "token.issue", limit: 1000 });
    const entry = entries.find((e) => e.target.includes(info.id));
    expect(entry).toMatchObject({ actor: { sub: "demo-admin" }, env: "demo", outcome: "success" });
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it("plan and apply with a token: no CSRF header needed, last use listed, audit names the token", async () => {
    const { token, info } = await issued("pipeline apply", "admin", ["demo"]);
    const exported = await withToken(token, "/api/envs/demo/config/export?format=yaml");
    expect(exported.status).toBe(200);
    const doc = parse(await exported.text()) as { scopes: { name: string; description: string }[] };
    doc.scopes.push({ name: "digdir:token/pipeline", description: "Fra pipeline" });
    const document = stringify(doc);
    const planned = await withToken(token, "/api/envs/demo/config/plan", {
      method: "POST",
      body: JSON.stringify({ document }),
    });
    expect(planned.status).toBe(200);
    const plan = (await planned.json()) as { fingerprint: string };
    const applied = await withToken(token, "/api/envs/demo/config/apply", {
      method: "POST",
      body: JSON.stringify({ document, planFingerprint: plan.fingerprint, confirm: [] }),
    });
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ status: "applied" });
    const entries = await auditOf(applied);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.actor.sub).toBe(`token:${info.id}`);
      expect(entry.actor.name).toContain('token "pipeline apply"');
      expect(entry.role).toBe("admin");
      expect(JSON.stringify(entry)).not.toContain(token);
    }
    const row = (await listed()).find((t) => t.id === info.id);
    expect(row?.lastUsedAt).toBeDefined();
    expect(stack.log.text()).not.toContain(token);
  });

  it("takes the scheme in any case and spaces around the token (RFC 9110 §11.1: case-insensitive)", async () => {
    const { token } = await issued("scheme case", "viewer", ["demo"]);
    for (const authorization of [`bearer ${token}`, `BEARER ${token}`, `Bearer  ${token} `]) {
      const response = await fetch(`${stack.url}/api/envs/demo/scopes`, {
        headers: { Authorization: authorization },
      });
      expect(response.status, authorization.slice(0, 8)).toBe(200);
    }
  });

  it("a revoked token gets 401 at once; revoking is audited", async () => {
    const { token, info } = await issued("to revoke", "viewer", ["demo"]);
    expect((await withToken(token, "/api/envs/demo/config/export")).status).toBe(200);
    const revoked = await stack.api(`/api/tokens/${info.id}`, { method: "DELETE" });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id: info.id, revokedBy: "Ada Administrator" });
    const refused = await withToken(token, "/api/envs/demo/config/export");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      type: "urn:portvakt:problem:token-refused",
      detail: "The API token has been revoked",
    });
    expect((await auditOf(revoked)).map((e) => [e.action, e.env])).toEqual([
      ["token.revoke", "demo"],
    ]);
  });

  it("an unknown or malformed token gets 401", async () => {
    const unknown = await withToken(`pvt_${"A".repeat(43)}`, "/api/envs/demo/config/export");
    expect(unknown.status).toBe(401);
    const basic = await fetch(`${stack.url}/api/envs/demo/config/export`, {
      headers: { Authorization: "Basic ZGVtbzpkZW1v" },
    });
    expect(basic.status).toBe(401);
  });

  it("the wrong role or environment gets 403 (audited as denied)", async () => {
    const { token } = await issued("read only", "viewer", ["demo"]);
    const doc = await (await withToken(token, "/api/envs/demo/config/export?format=yaml")).text();
    const planned = await withToken(token, "/api/envs/demo/config/plan", {
      method: "POST",
      body: JSON.stringify({ document: doc }),
    });
    const plan = (await planned.json()) as { fingerprint: string };
    const apply = await withToken(token, "/api/envs/demo/config/apply", {
      method: "POST",
      body: JSON.stringify({ document: doc, planFingerprint: plan.fingerprint, confirm: [] }),
    });
    expect(apply.status).toBe(403);
    expect((await auditOf(apply))[0]).toMatchObject({ outcome: "denied", role: "viewer" });
    const otherEnv = await withToken(token, "/api/envs/prod/config/export");
    expect(otherEnv.status).toBe(403);
  });

  it("a token with a session cookie is refused (400), whatever the cookie", async () => {
    const { token } = await issued("with cookie", "admin", ["demo"]);
    const both = await fetch(`${stack.url}/api/envs/demo/config/export`, {
      headers: { Authorization: `Bearer ${token}`, Cookie: stack.api.cookie },
    });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ type: "urn:portvakt:problem:token-with-cookie" });
    const bothViaBrowser = await stack.api("/api/envs/demo/config/export", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(bothViaBrowser.status).toBe(400);
  });

  it("prod confirmations apply to tokens: deleting a prod client needs the header", async () => {
    const { token, info } = await issued("prod admin", "admin", ["prod"]);
    const created = await withToken(token, "/api/envs/prod/clients", {
      method: "POST",
      body: JSON.stringify({ client_name: "token-prod", description: "pipeline token test" }),
    });
    expect(created.status).toBe(200);
    const id = ((await created.json()) as { client_id: string }).client_id;
    const path = `/api/envs/prod/clients/${id}`;
    const refused = await withToken(token, path, { method: "DELETE" });
    expect(refused.status).toBe(428);
    expect((await auditOf(refused))[0]).toMatchObject({
      outcome: "denied",
      actor: { sub: `token:${info.id}` },
    });
    const done = await withToken(token, path, { method: "DELETE", headers: { [CONFIRM]: "prod" } });
    expect(done.status).toBe(204);
    expect((await auditOf(done))[0]).toMatchObject({
      action: "client.delete",
      outcome: "success",
      actor: { sub: `token:${info.id}`, name: expect.stringContaining("prod admin") },
    });
  });

  it("tokens cannot manage tokens; an operator cannot issue; an admin only where admin", async () => {
    const { token } = await issued("no manager", "admin", ["demo", "prod"]);
    expect((await withToken(token, "/api/tokens")).status).toBe(403);
    const byToken = await withToken(token, "/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: "child", role: "viewer", envs: ["demo"], days: 1 }),
    });
    expect(byToken.status).toBe(403);
    const operator = await stack.as("demo-operator");
    const byOperator = await issue(
      { name: "x", role: "viewer", envs: ["demo"], days: 1 },
      operator,
    );
    expect(byOperator.response.status).toBe(403);
    expect((await operator("/api/tokens")).status).toBe(403);
    for (const bad of [
      { name: "x", role: "root", envs: ["demo"], days: 1 },
      { name: "x", role: "viewer", envs: ["nowhere"], days: 1 },
      { name: "x", role: "viewer", envs: [], days: 1 },
      { name: "x", role: "viewer", envs: ["demo"], days: 0 },
      { name: "x", role: "viewer", envs: ["demo"], days: 367 },
      { name: "", role: "viewer", envs: ["demo"], days: 1 },
      { name: "a\u0000b", role: "viewer", envs: ["demo"], days: 1 },
      { name: "x", role: "viewer", envs: ["demo"], days: 1, extra: true },
    ]) {
      expect((await issue(bad)).response.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it("an expired token gets 401 (the BFF's clock moved past its end)", async () => {
    const { token } = await issued("short lived", "viewer", ["demo"], 1);
    expect((await withToken(token, "/api/envs/demo/config/export")).status).toBe(200);
    clock.shift(DAY_MS + 1000);
    try {
      const expired = await withToken(token, "/api/envs/demo/config/export");
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ detail: "The API token has expired" });
    } finally {
      clock.shift(-(DAY_MS + 1000));
    }
  });
});

describe("the token store", () => {
  it("keeps only the SHA-256 of a token, never the token", async () => {
    const db = await openDatabase({ kind: "sqlite", path: ":memory:" });
    try {
      const store = new ApiTokenStore(db);
      const { token, info } = await store.issue({
        name: "hash check",
        role: "viewer",
        envs: ["demo"],
        days: 1,
        by: { sub: "s", name: "n" },
      });
      const row = await db.selectFrom("api_token").selectAll().executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
      expect(Object.values(row).map(String)).not.toContain(token);
      expect(JSON.stringify(row)).not.toContain(token.slice(4));
      expect(await store.verify(token)).toMatchObject({ id: info.id, role: "viewer" });
      expect(await store.verify(`${token}x`)).toBe("unknown");
    } finally {
      await db.destroy();
    }
  });
});
