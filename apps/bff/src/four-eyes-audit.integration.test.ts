import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derivedAuditId } from "./audit/store";
import type { ChangeExecutor } from "./four-eyes/service";
import { injectAuditFaults } from "./testing/audit-faults";
import { shiftableClock } from "./testing/clock";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// Four-eyes approval and its audit entry (issue 13's kind: nothing carried out without its
// record). The approval's entry is written before the change is carried out, under an id the
// claim names. Over real HTTP, SQLite and (DATABASE_URL) PostgreSQL: a store that cannot write
// the approval stops the execution (nothing is sent, the request says so, the entry is kept and
// written later); an instance that stopped between the decision and its entry is settled as
// "not carried out" with the approval recorded, never as "unknown".

const clock = shiftableClock();
const ENV = "prod-review";
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
  });
  approver = await stack.as("demo-approver");
  injectAuditFaults(stack.bff.audit, (entry) => (refused.has(entry.action) ? "refuse" : undefined));
}, 60_000);
afterAll(() => stack?.close());

interface ChangeRequest {
  id: string;
  state: string;
  outcome?: string;
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

describe("a four-eyes approval's audit entry", () => {
  it("cannot be written: nothing is carried out, the request says so, the entry comes later", async () => {
    const run = counting();
    stack.bff.changeRequests.register("test-audit-down", run.executor);
    const request = await submitted("test-audit-down");
    refused.add("change-request.approve");
    try {
      const answer = await approver(`/api/change-requests/${request.id}/approve`, {
        method: "POST",
      });
      expect(answer.status).toBe(200);
    } finally {
      refused.clear();
    }
    expect(run.calls()).toBe(0);
    const now = await get(request.id);
    expect(now).toMatchObject({ state: "executed", outcome: "failure" });
    expect(now.result).toMatchObject({ code: "change-request.result.not-run", status: 503 });
    // The approval happened: its entry was kept and is written once the store answers.
    expect(await stack.bff.audit.writeKept()).toBe(0);
    const { entries } = await stack.bff.audit.list({ action: "change-request.approve" });
    expect(entries.filter((e) => e.target.includes(request.id))).toHaveLength(1);
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
