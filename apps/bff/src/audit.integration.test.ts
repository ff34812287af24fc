import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit/store";
import { type ApiCall, auditExport, startTestStack, type TestStack } from "./testing/stack";

let stack: TestStack;
const env = "/api/envs/demo";

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** The entries one request wrote, found by the request id the BFF answered with. */
async function entriesOf(response: Response): Promise<AuditEntry[]> {
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toBeTruthy();
  const { entries } = await stack.bff.audit.list({ limit: 1000 });
  return entries.filter((e) => e.requestId === requestId);
}

function publicJwk(kid: string) {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
}

describe("every change writes exactly one audit entry", () => {
  const sub = `audit/${Date.now().toString(36)}`;
  let scope: string;
  let clientId: string;

  it("scope created", async () => {
    const prefix = (
      (await (await stack.api(`${env}/prefix`)).json()) as Array<{ prefix: string }>
    )[0]!.prefix;
    scope = `${prefix}:${sub}`;
    const response = await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix, subscope: sub, description: "Revidert" }),
    });
    expect(response.status).toBe(200);
    const entries = await entriesOf(response);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { sub: "demo-admin", name: "Ada Administrator" },
      role: "admin",
      env: "demo",
      action: "scope.create",
      target: scope,
      outcome: "success",
      status: 200,
      after: { name: scope, active: true },
    });
    expect(entries[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("scope changed, deactivated and reactivated, with before and after", async () => {
    const q = `?scope=${encodeURIComponent(scope)}`;
    const changed = await stack.api(`${env}/scopes${q}`, {
      method: "PUT",
      body: JSON.stringify({ description: "Ny tekst" }),
    });
    expect(await entriesOf(changed)).toEqual([
      expect.objectContaining({
        action: "scope.update",
        before: expect.objectContaining({ description: "Revidert" }),
        after: expect.objectContaining({ description: "Ny tekst" }),
      }),
    ]);
    const off = await stack.api(`${env}/scopes${q}`, { method: "DELETE" });
    expect(await entriesOf(off)).toEqual([
      expect.objectContaining({
        action: "scope.deactivate",
        after: expect.objectContaining({ active: false }),
      }),
    ]);
    const on = await stack.api(`${env}/scopes${q}`, {
      method: "PUT",
      body: JSON.stringify({ active: true }),
    });
    expect(await entriesOf(on)).toEqual([expect.objectContaining({ action: "scope.reactivate" })]);
  });

  it("access granted and revoked", async () => {
    const q = `?scope=${encodeURIComponent(scope)}`;
    const grant = await stack.api(`${env}/scopes/access/889640782${q}`, { method: "PUT" });
    expect(await entriesOf(grant)).toEqual([
      expect.objectContaining({ action: "access.grant", target: `${scope} → 889640782` }),
    ]);
    const revoke = await stack.api(`${env}/scopes/access/889640782${q}`, { method: "DELETE" });
    expect(await entriesOf(revoke)).toEqual([
      expect.objectContaining({
        action: "access.revoke",
        after: expect.objectContaining({ state: "DENIED" }),
      }),
    ]);
  });

  it("client created, changed, key added and removed, client deleted; no key material kept", async () => {
    const created = await stack.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "Revisjon", description: "audit" }),
    });
    clientId = ((await created.json()) as { client_id: string }).client_id;
    expect(await entriesOf(created)).toEqual([
      expect.objectContaining({ action: "client.create" }),
    ]);

    const changed = await stack.api(`${env}/clients/${clientId}`, {
      method: "PUT",
      body: JSON.stringify({ description: "endret" }),
    });
    expect(await entriesOf(changed)).toEqual([
      expect.objectContaining({ action: "client.update" }),
    ]);

    const etag = (await stack.api(`${env}/clients/${clientId}/jwks`)).headers.get("etag")!;
    const jwk = publicJwk("audit-key");
    const added = await stack.api(`${env}/clients/${clientId}/keys`, {
      method: "POST",
      headers: { "If-Match": etag },
      body: JSON.stringify({ jwk }),
    });
    const [addEntry] = await entriesOf(added);
    expect(addEntry).toMatchObject({
      action: "key.add",
      before: { kids: [] },
      after: { kids: [{ kid: "audit-key" }] },
    });
    expect(JSON.stringify(addEntry)).not.toContain(jwk.n as string);

    const removed = await stack.api(`${env}/clients/${clientId}/keys/audit-key`, {
      method: "DELETE",
      headers: { "If-Match": added.headers.get("etag")! },
    });
    expect(await entriesOf(removed)).toEqual([
      expect.objectContaining({ action: "key.remove", after: { kids: [] } }),
    ]);

    const deleted = await stack.api(`${env}/clients/${clientId}`, { method: "DELETE" });
    expect(await entriesOf(deleted)).toEqual([
      expect.objectContaining({
        action: "client.delete",
        before: expect.objectContaining({ client_id: clientId }),
      }),
    ]);
  });

  it("a change Digdir refuses is audited as a failure with its correlation id", async () => {
    // Nobody holds this grant: Digdir answers 404 to its revoke.
    const refused = await stack.api(
      `${env}/scopes/access/974760673?scope=${encodeURIComponent(scope)}`,
      {
        method: "DELETE",
      },
    );
    expect(refused.status).toBe(404);
    const body = (await refused.json()) as { correlation_id?: string };
    expect(body.correlation_id).toBeTruthy();
    expect(await entriesOf(refused)).toEqual([
      expect.objectContaining({
        action: "access.revoke",
        outcome: "failure",
        status: 404,
        correlationId: body.correlation_id,
      }),
    ]);
  });

  it("a create of a scope that exists is refused before sending, audited as denied", async () => {
    const [prefix, subscope] = [
      scope.slice(0, scope.indexOf(":")),
      scope.slice(scope.indexOf(":") + 1),
    ];
    const creates = async () =>
      ((await (await stack.control("/stats")).json()) as { requests: Record<string, number> })
        .requests["POST /api/v1/scopes"] ?? 0;
    const sentBefore = await creates();
    const duplicate = await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix, subscope, description: "finnes" }),
    });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({ type: "urn:portvakt:problem:scope-exists" });
    expect(await creates()).toBe(sentBefore);
    expect(await entriesOf(duplicate)).toEqual([
      expect.objectContaining({ action: "scope.create", outcome: "denied", status: 409 }),
    ]);
  });

  it("a change Digdir never answers is audited as a failure too", async () => {
    await stack.fault({
      path: "/api/v1/clients",
      method: "POST",
      kind: "status",
      status: 500,
      times: 1,
    });
    const failed = await stack.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "feiler", description: "500" }),
    });
    expect(failed.status).toBe(502);
    expect(await entriesOf(failed)).toEqual([
      expect.objectContaining({ action: "client.create", outcome: "failure", status: 502 }),
    ]);
  });

  it("reads write nothing", async () => {
    expect(await entriesOf(await stack.api(`${env}/scopes`))).toEqual([]);
  });
});

describe("the audit API", () => {
  it("filters by person, action and environment, newest first, with paging", async () => {
    const page = (await (await stack.api("/api/audit?action=scope.&limit=2")).json()) as {
      entries: AuditEntry[];
      next?: string;
    };
    expect(page.entries).toHaveLength(2);
    expect(page.entries.every((e) => e.action.startsWith("scope."))).toBe(true);
    expect(page.entries[0]!.time >= page.entries[1]!.time).toBe(true);
    expect(page.next).toBeTruthy();
    const next = (await (
      await stack.api(`/api/audit?action=scope.&limit=2&after=${page.next}`)
    ).json()) as {
      entries: AuditEntry[];
    };
    expect(next.entries[0]?.id).not.toBe(page.entries[0]?.id);
    const byPerson = (await (await stack.api("/api/audit?person=ada")).json()) as {
      entries: AuditEntry[];
    };
    expect(byPerson.entries.length).toBeGreaterThan(0);
    expect(byPerson.entries.every((e) => e.actor.name === "Ada Administrator")).toBe(true);
  });

  it("refuses a time range that ends before it starts, and a malformed time, on their fields", async () => {
    const range = new URLSearchParams({
      from: "2026-01-02T00:00:00.000Z",
      to: "2026-01-01T23:59:59.999Z",
    });
    for (const path of ["/api/audit", "/api/audit/export"]) {
      const refused = await stack.api(`${path}?${range}`);
      expect(refused.status).toBe(400);
      const problem = (await refused.json()) as { errors: { field?: string; code?: string }[] };
      expect(problem.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: "audit.range.to-before-from" })]),
      );
      expect(problem.errors.some((e) => e.field?.split(".").at(-1) === "to")).toBe(true);
    }
    const malformed = await stack.api("/api/audit?from=yesterday");
    expect(malformed.status).toBe(400);
    const problem = (await malformed.json()) as { errors: { field?: string }[] };
    expect(problem.errors.some((e) => e.field?.split(".").at(-1) === "from")).toBe(true);
    // A range of one instant is a range.
    const same = "2026-01-01T00:00:00.000Z";
    expect((await stack.api(`/api/audit?from=${same}&to=${same}`)).status).toBe(200);
  });

  it("exports CSV and JSON lines", async () => {
    const csv = await stack.api("/api/audit/export?format=csv&action=access.");
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="portvakt-audit-/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "time,person,sub,role,env,action,target,outcome,status,request_id,correlation_id,detail,id,follows",
    );
    expect(lines.slice(1).every((l) => l.includes(",access."))).toBe(true);
    const jsonl = await stack.api("/api/audit/export?format=jsonl");
    const rows = (await jsonl.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(rows.length).toBeGreaterThan(5);
  });

  it("exports every matching entry, past the store's page of 1,000, newest first", async () => {
    // The export stopped at the newest 1,000 entries without a word (an auditor's export of a
    // year lost the rest; under PostgreSQL, where a worker's database outlives a file, tests
    // reading the export missed their own entries). It streams page after page now.
    const action = `test.export-${Date.now().toString(36)}`;
    const base = Date.now() - 60_000;
    const count = 1_001;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        stack.bff.audit.append({
          actor: { sub: "demo-admin", name: "Ada Admin" },
          role: "admin",
          env: "demo",
          action,
          target: `row ${i}`,
          outcome: "success",
          status: 200,
          requestId: `export-${i}`,
          time: new Date(base + i).toISOString(),
        }),
      ),
    );
    // New connections: the appends (in this process) outlast the BFF's idle keep-alive.
    const agent = new Agent();
    const fresh: ApiCall = Object.assign(
      (path: string, init: RequestInit = {}) =>
        stack.api(path, { ...init, dispatcher: agent } as RequestInit),
      { cookie: stack.api.cookie },
    );
    const rows = await auditExport(fresh, `action=${action}`);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.id)).size).toBe(count);
    expect(rows[0]!.target).toBe(`row ${count - 1}`);
    expect(rows.at(-1)!.target).toBe("row 0");
    const csv = (await (await fresh(`/api/audit/export?format=csv&action=${action}`)).text())
      .trim()
      .split("\r\n");
    expect(csv.filter((line) => line.startsWith("time,"))).toHaveLength(1);
    expect(csv).toHaveLength(1 + count);
    await agent.close();
  }, 90_000);

  it("shows a person without any role nothing", async () => {
    const outsider = await stack.as("demo-outsider");
    expect((await outsider("/api/audit")).status).toBe(403);
  });
});

describe("the audit store", () => {
  it("survives a restart of the BFF", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portvakt-audit-"));
    try {
      const first = await startTestStack({ dataDir: dir });
      const response = await first.api(`${env}/clients`, {
        method: "POST",
        body: JSON.stringify({ client_name: "varig", description: "restart" }),
      });
      const requestId = response.headers.get("x-request-id");
      await first.close();
      const second = await startTestStack({ dataDir: dir });
      try {
        const { entries } = await second.bff.audit.list({ limit: 1000 });
        expect(entries.filter((e) => e.requestId === requestId)).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("holds no secret: no session secret, token or private key", async () => {
    const secret = await readFile(
      join(stack.config.auditDatabasePath!, "..", "session-secret"),
      "utf8",
    );
    const all = JSON.stringify((await stack.bff.audit.list({ limit: 1000 })).entries);
    expect(all).not.toContain(secret);
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./);
    expect(all).not.toMatch(/PRIVATE KEY|"d":/);
  });
});
