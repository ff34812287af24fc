import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit/store";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// A four-eyes change approved after its target changed (issue 13's kind: no change that lies).
// Over real HTTP against the simulator: an update is asked for while the scope (or client) has
// value A; someone else then sets C; approving the request for B must not silently overwrite C.
// The replay is refused (409 `problem.change-request.target-changed`, naming each field with the
// value asked against, the current one and the requested one), nothing is sent, the execution is
// audited, and C stays.
const ENV = "prod-review";
let stack: TestStack;
let approver: ApiCall;

beforeAll(async () => {
  stack = await startTestStack({ withFourEyesEnvironment: true, mutationsPerMinute: 1000 });
  approver = await stack.as("demo-approver");
}, 60_000);
afterAll(() => stack?.close());

interface ChangeRequest {
  id: string;
  state: string;
  outcome?: string;
  result?: { status: number; outcome: string; code?: string; body?: unknown };
  auditId?: string;
}

async function requested(response: Response): Promise<ChangeRequest> {
  expect(response.status).toBe(202);
  return ((await response.json()) as { changeRequest: ChangeRequest }).changeRequest;
}

async function approve(id: string): Promise<ChangeRequest> {
  const answer = await approver(`/api/change-requests/${id}/approve`, { method: "POST" });
  expect(answer.status).toBe(200);
  return (await answer.json()) as ChangeRequest;
}

async function auditEntry(id: string | undefined): Promise<AuditEntry | undefined> {
  const { entries } = await stack.bff.audit.list({ limit: 1000 });
  return entries.find((e) => e.id === id);
}

/** Made in the four-eyes environment the way it must be: asked for, then approved. */
async function madeScope(description: string): Promise<string> {
  const subscope = `stale${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const asked = await stack.api(`/api/envs/${ENV}/scopes`, {
    method: "POST",
    body: JSON.stringify({ prefix: "digdir", subscope, description }),
  });
  expect((await approve((await requested(asked)).id)).outcome).toBe("success");
  return `digdir:${subscope}`;
}

async function madeClient(description: string): Promise<string> {
  const asked = await stack.api(`/api/envs/${ENV}/clients`, {
    method: "POST",
    body: JSON.stringify({ client_name: `stale ${Date.now().toString(36)}`, description }),
  });
  const done = await approve((await requested(asked)).id);
  expect(done.outcome).toBe("success");
  return (done.result!.body as { client_id: string }).client_id;
}

describe("a four-eyes update approved after its target changed", () => {
  it("a scope's description: refused with current vs requested, audited, the newer value stays", async () => {
    const scope = await madeScope("A");
    const asked = await stack.api(`/api/envs/${ENV}/scopes?${new URLSearchParams({ scope })}`, {
      method: "PUT",
      body: JSON.stringify({ description: "B" }),
    });
    const request = await requested(asked);
    // Someone else changes it meanwhile (at Digdir, or through another route).
    const now = stack.simulator.store.getScope(scope)!;
    stack.simulator.store.putScope({ ...now, description: "C" });

    const done = await approve(request.id);
    expect(done.outcome).not.toBe("success");
    expect(done.result).toMatchObject({
      status: 409,
      code: "problem.change-request.target-changed",
      body: {
        code: "problem.change-request.target-changed",
        changed: [{ field: "description", asked: "A", current: "C", requested: "B" }],
      },
    });
    expect(stack.simulator.store.getScope(scope)?.description).toBe("C");
    const entry = await auditEntry(done.auditId);
    expect(entry).toMatchObject({ action: "scope.update", outcome: "denied" });
    expect(JSON.stringify(entry)).toContain("problem.change-request.target-changed");
  });

  it("a client's description: the same", async () => {
    const clientId = await madeClient("A");
    const asked = await stack.api(`/api/envs/${ENV}/clients/${clientId}`, {
      method: "PUT",
      body: JSON.stringify({ description: "B" }),
    });
    const request = await requested(asked);
    const now = stack.simulator.store.getClient(clientId)!;
    stack.simulator.store.putClient({ ...now, description: "C" });

    const done = await approve(request.id);
    expect(done.result).toMatchObject({
      status: 409,
      code: "problem.change-request.target-changed",
    });
    expect(stack.simulator.store.getClient(clientId)?.description).toBe("C");
  });

  it("a field someone else changed to what was requested, or one not changed: carried out", async () => {
    const scope = await madeScope("A");
    const asked = await stack.api(`/api/envs/${ENV}/scopes?${new URLSearchParams({ scope })}`, {
      method: "PUT",
      body: JSON.stringify({ description: "B" }),
    });
    const request = await requested(asked);
    const now = stack.simulator.store.getScope(scope)!;
    // A field the request does not touch changes: no conflict.
    stack.simulator.store.putScope({ ...now, long_description: "annen tekst" });
    const done = await approve(request.id);
    expect(done.outcome).toBe("success");
    expect(stack.simulator.store.getScope(scope)?.description).toBe("B");
  });
});
