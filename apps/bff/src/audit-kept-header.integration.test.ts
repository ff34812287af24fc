import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { injectAuditFaults } from "./testing/audit-faults";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// `Portvakt-Audit: kept` on every answer whose request kept an audit entry for later (review 19
// #11): not only the routes under `audited()`, but each route family that writes its entries
// itself (a token's revocation, config apply's steps) and the approval of a four-eyes request
// whose replay kept its entry. Over real HTTP against the simulator, SQLite and (DATABASE_URL)
// PostgreSQL; the audit store refuses the entries of the actions the test names.
let stack: TestStack;
let approver: ApiCall;
const refused = new Set<string>();
const refuses = (action: string) =>
  [...refused].some((a) => (a.endsWith(".") ? action.startsWith(a) : action === a));

beforeAll(async () => {
  stack = await startTestStack({ withFourEyesEnvironment: true, mutationsPerMinute: 1000 });
  approver = await stack.as("demo-approver");
  injectAuditFaults(stack.bff.audit, (entry) => (refuses(entry.action) ? "refuse" : undefined));
}, 60_000);
afterAll(() => stack?.close());
afterEach(async () => {
  refused.clear();
  expect(await stack.bff.audit.writeKept()).toBe(0);
});

const KEPT = "portvakt-audit";

describe("an answer whose request kept an audit entry says so", () => {
  it("a pipeline token revoked while the store refuses its entry: revoked, kept, said", async () => {
    const issued = await stack.api("/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: "kept revoke", role: "viewer", envs: ["demo"], days: 1 }),
    });
    expect(issued.status).toBe(201);
    const { token, info } = (await issued.json()) as { token: string; info: { id: string } };
    refused.add("token.revoke");
    const revoked = await stack.api(`/api/tokens/${info.id}`, { method: "DELETE" });
    expect(revoked.status).toBe(200);
    expect(revoked.headers.get(KEPT)).toBe("kept");
    // Revoked at once though its entry waits: a leaked token does not keep working.
    const used = await fetch(`${stack.url}/api/envs`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(used.status).toBe(401);
    refused.clear();
    expect(await stack.bff.audit.writeKept()).toBe(0);
    const entries = (await stack.auditEntries("action=token.revoke")).filter((e) =>
      e.target.includes(info.id),
    );
    expect(entries).toHaveLength(1);
  });

  it("config apply whose step entries are kept", async () => {
    const exported = await stack.api("/api/envs/demo/config/export?format=yaml");
    const doc = parse(await exported.text()) as { scopes: { name: string; description: string }[] };
    const name = `digdir:kept/${Date.now().toString(36)}`;
    doc.scopes.push({ name, description: "Kept step entry" });
    const document = stringify(doc);
    const planned = await stack.api("/api/envs/demo/config/plan", {
      method: "POST",
      body: JSON.stringify({ document }),
    });
    const plan = (await planned.json()) as { fingerprint: string };
    refused.add("config.apply.");
    const applied = await stack.api("/api/envs/demo/config/apply", {
      method: "POST",
      body: JSON.stringify({ document, planFingerprint: plan.fingerprint, confirm: [] }),
    });
    expect(applied.status).toBe(200);
    expect(applied.headers.get(KEPT)).toBe("kept");
    expect(stack.bff.audit.kept().map((e) => e.action)).toContain("config.apply.scope.create");
  });

  it("a four-eyes approval whose replayed change kept its entry", async () => {
    const subscope = `kept${Date.now().toString(36)}`;
    const asked = await stack.api("/api/envs/prod-review/scopes", {
      method: "POST",
      body: JSON.stringify({ prefix: "digdir", subscope, description: "Kept replay entry" }),
    });
    expect(asked.status).toBe(202);
    const { changeRequest } = (await asked.json()) as { changeRequest: { id: string } };
    refused.add("scope.create");
    const approved = await approver(`/api/change-requests/${changeRequest.id}/approve`, {
      method: "POST",
    });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ state: "executed", outcome: "success" });
    expect(approved.headers.get(KEPT)).toBe("kept");
  });

  it("an answer that kept nothing does not say so", async () => {
    const read = await stack.api("/api/envs/demo/scopes");
    expect(read.status).toBe(200);
    expect(read.headers.get(KEPT)).toBeNull();
  });
});
