import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { derivedAuditId } from "./audit/store";
import type { ChangeExecutor } from "./four-eyes/service";
import { injectAuditFaults } from "./testing/audit-faults";
import { shiftableClock } from "./testing/clock";
import { DatabaseOutage } from "./testing/database-outage";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// Four-eyes decisions and their audit entries (issue 13's kind: no state committed without its
// record, no answer that claims more or less than happened; review 19 #6 and the one-step
// decisions). A decision (approve, reject, withdraw) and the entry that records it are one step,
// and so is a stored change request and its `requested` entry. Over real HTTP, SQLite and
// (DATABASE_URL) PostgreSQL, with the audit store refusing its writes (`injectAuditFaults`) and
// with the whole database refusing (`DatabaseOutage`: change requests, audit, everything): the
// answer is 503, nothing is decided, stored or carried out, and it can be done once the store
// answers. An instance that stopped between the decision and its entry (an older release, or
// SQLite's crash between two statements) is settled as "not carried out", never as "unknown".

const clock = shiftableClock();
const ENV = "prod-review";
const LEASE_MS = 10 * 60_000;
const outage = new DatabaseOutage();
let stack: TestStack;
let approver: ApiCall;
/** Actions whose entries the audit store refuses now. */
const refused = new Set<string>();
let seq = 0;

beforeAll(async () => {
  stack = await startTestStack({
    withFourEyesEnvironment: true,
    now: clock.now,
    mutationsPerMinute: 1000,
    databasePlugins: [outage],
  });
  approver = await stack.as("demo-approver");
  injectAuditFaults(stack.bff.audit, (entry) => (refused.has(entry.action) ? "refuse" : undefined));
}, 60_000);
afterAll(() => stack?.close());
afterEach(async () => {
  outage.end();
  refused.clear();
  await stack.bff.audit.writeKept();
});

interface ChangeRequest {
  id: string;
  state: string;
  outcome?: string;
  auditId?: string;
  result?: { status: number; outcome: string; code?: string; detail?: string };
}

/** An executor that counts its runs and says it made the change. */
function counting() {
  let calls = 0;
  const executor: ChangeExecutor = async () => {
    calls += 1;
    return { outcome: "success", status: 200 };
  };
  return { executor, calls: () => calls };
}

async function submitted(kind: string) {
  seq += 1;
  return stack.bff.changeRequests.submit({
    env: ENV,
    kind,
    action: "scope.update",
    target: `audit-${seq}`,
    summary: `test audit-${seq}`,
    payload: {},
    requester: { sub: "demo-admin", name: "Ada Administrator", role: "admin" },
    requestId: `test-audit-${seq}`,
  });
}

async function get(id: string): Promise<ChangeRequest> {
  return (await (await stack.api(`/api/change-requests/${id}`)).json()) as ChangeRequest;
}

/** The decisions' entries about change request `id` (read at once). */
async function decisionsOf(id: string) {
  return (await stack.auditEntries("action=change-request.")).filter((e) => e.target.includes(id));
}

async function problemOf(response: Response): Promise<{ code?: string; params?: unknown }> {
  return (await response.json()) as { code?: string; params?: unknown };
}

const approve = (id: string) => approver(`/api/change-requests/${id}/approve`, { method: "POST" });

describe("a four-eyes approval's audit entry", () => {
  it("cannot be written: nothing is decided or carried out (503); approved once the store answers", async () => {
    const run = counting();
    stack.bff.changeRequests.register("test-audit-down", run.executor);
    const request = await submitted("test-audit-down");
    refused.add("change-request.approve");
    const answer = await approve(request.id);
    expect(answer.status).toBe(503);
    expect((await problemOf(answer)).code).toBe("problem.audit-store-down");
    expect(run.calls()).toBe(0);
    expect((await get(request.id)).state).toBe("pending");
    expect(stack.bff.audit.kept()).toHaveLength(0);
    expect(await decisionsOf(request.id)).toHaveLength(0);

    refused.clear();
    const again = await approve(request.id);
    expect(again.status).toBe(200);
    expect(await get(request.id)).toMatchObject({ state: "executed", outcome: "success" });
    expect(run.calls()).toBe(1);
    const entries = await decisionsOf(request.id);
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([
      ["change-request.approve", "success"],
    ]);
  });

  it("the whole database refuses as the approval is recorded: 503, nothing decided, kept or run", async () => {
    const run = counting();
    stack.bff.changeRequests.register("test-db-down", run.executor);
    const request = await submitted("test-db-down");
    // The request is read (who may decide it), then the database goes down.
    outage.downFrom(["audit_chain"]);
    const answer = await approve(request.id);
    expect(outage.isDown).toBe(true);
    expect(answer.status).toBe(503);
    expect((await problemOf(answer)).code).toBe("problem.audit-store-down");
    expect(stack.bff.audit.kept()).toHaveLength(0);
    outage.end();
    expect(run.calls()).toBe(0);
    expect((await get(request.id)).state).toBe("pending");
    expect(await decisionsOf(request.id)).toHaveLength(0);
    // Later a pass settles nothing (it was never approved), and an approval runs it once.
    clock.shift(LEASE_MS + 1000);
    expect((await stack.bff.changeRequests.settleUnfinished()).map((r) => r.id)).not.toContain(
      request.id,
    );
    expect((await approve(request.id)).status).toBe(200);
    expect(run.calls()).toBe(1);
    expect(await get(request.id)).toMatchObject({ state: "executed", outcome: "success" });
  });

  it("the database fails while it is carried out: the answer says so, the request is settled from its entry", async () => {
    let calls = 0;
    stack.bff.changeRequests.register("test-db-during", async (_request, _person, run) => {
      calls += 1;
      // Carried out; then the database goes down before the outcome is recorded (the entry is
      // kept in this process, as audited() keeps a replay's).
      outage.down();
      await stack.bff.audit.appendKept({
        id: run.auditId,
        actor: { sub: "demo-admin", name: "Ada Administrator" },
        role: "admin",
        env: ENV,
        action: "scope.update",
        target: `during-${seq}`,
        outcome: "success",
        status: 200,
        requestId: `test-during-${seq}`,
      });
      return { outcome: "success", status: 200 };
    });
    const request = await submitted("test-db-during");
    const answer = await approve(request.id);
    expect(calls).toBe(1);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("portvakt-audit")).toBe("kept");
    expect(await problemOf(answer)).toMatchObject({
      code: "problem.change-request.result-unsaved",
      params: { outcome: "success", status: 200 },
    });
    outage.end();
    expect(await stack.bff.audit.writeKept()).toBe(0);
    expect((await get(request.id)).state).toBe("executing");
    clock.shift(LEASE_MS + 1000);
    await stack.bff.changeRequests.settleUnfinished();
    const now = await get(request.id);
    expect(now).toMatchObject({ state: "executed", outcome: "success" });
    expect(now.result).toMatchObject({ code: "change-request.result.settled" });
    expect(calls).toBe(1);
  });

  it("an instance stopped between the decision and its entry: settled as not carried out", async () => {
    const run = counting();
    stack.bff.changeRequests.register("test-audit-stop", run.executor);
    const request = await submitted("test-audit-stop");
    // As the stopped instance left it: approved and claimed, the claim run out, no entry.
    const auditId = randomUUID();
    const claim = {
      instance: "stopped-instance",
      until: clock.now() - 1,
      auditId,
      approvalId: derivedAuditId("approval", auditId),
    };
    const decided = await stack.bff.changeRequests.store.decide(
      request.id,
      "executing",
      { sub: "demo-approver", name: "Arne Approver" },
      undefined,
      claim,
    );
    expect(decided?.state).toBe("executing");
    expect(await stack.bff.audit.get(claim.approvalId)).toBeUndefined();

    const settled = await stack.bff.changeRequests.settleUnfinished();
    expect(settled.map((r) => r.id)).toContain(request.id);
    const now = await get(request.id);
    expect(now).toMatchObject({ state: "executed", outcome: "failure" });
    expect(now.result).toMatchObject({ code: "change-request.result.not-started" });
    expect(run.calls()).toBe(0);
    const approval = await stack.bff.audit.get(claim.approvalId);
    expect(approval).toMatchObject({
      action: "change-request.approve",
      actor: { sub: "demo-approver" },
      outcome: "success",
    });
    // A second pass finds nothing more to do and writes nothing twice.
    expect((await stack.bff.changeRequests.settleUnfinished()).map((r) => r.id)).not.toContain(
      request.id,
    );
  });
});

describe("a rejection, a withdrawal and a stored request with their entries", () => {
  for (const fault of ["audit", "database"] as const) {
    it(`are one step: with the ${fault === "audit" ? "audit store" : "whole database"} refusing, 503 and nothing changed`, async () => {
      const request = await submitted("test-decisions");
      const down = () => {
        if (fault === "audit") {
          refused.add("change-request.reject");
          refused.add("change-request.withdraw");
        } else outage.downFrom(["audit_chain"]);
      };
      const up = () => {
        refused.clear();
        outage.end();
      };
      down();
      const rejected = await approver(`/api/change-requests/${request.id}/reject`, {
        method: "POST",
        body: JSON.stringify({ reason: "not now" }),
      });
      up();
      expect(rejected.status).toBe(503);
      expect((await problemOf(rejected)).code).toBe("problem.audit-store-down");
      expect((await get(request.id)).state).toBe("pending");
      down();
      const withdrawn = await stack.api(`/api/change-requests/${request.id}/withdraw`, {
        method: "POST",
      });
      up();
      expect(withdrawn.status).toBe(503);
      expect((await get(request.id)).state).toBe("pending");
      expect(stack.bff.audit.kept()).toHaveLength(0);
      expect(await decisionsOf(request.id)).toHaveLength(0);

      // A bulk job asked for under four-eyes (its route writes no entry of its own until it
      // runs): not stored when its `requested` entry cannot be written.
      if (fault === "audit") refused.add("access.grant-many");
      else outage.downFrom(["audit_chain"]);
      const asked = await stack.api(`/api/envs/${ENV}/access-jobs`, {
        method: "POST",
        body: JSON.stringify({
          action: "grant",
          scope: "digdir:demo/v1/hendelser",
          orgnos: ["889640782"],
        }),
      });
      up();
      expect(asked.status).toBe(503);
      expect(asked.headers.get("x-portvakt-change-request")).toBeNull();
      const requestId = asked.headers.get("x-request-id");
      expect(requestId).toBeTruthy();
      // Newest first: one stored by this call would be among them.
      const stored = await stack.bff.changeRequests.list({ envs: [ENV], limit: 500 });
      expect(stored.filter((r) => r.requestId === requestId)).toEqual([]);

      // The store answers: the same decisions are made, each with its one entry.
      const done = await stack.api(`/api/change-requests/${request.id}/withdraw`, {
        method: "POST",
      });
      expect(done.status).toBe(200);
      expect((await get(request.id)).state).toBe("withdrawn");
      expect((await decisionsOf(request.id)).map((e) => e.action)).toEqual([
        "change-request.withdraw",
      ]);
    });
  }
});
