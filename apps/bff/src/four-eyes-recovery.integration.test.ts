import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeExecutor } from "./four-eyes/service";
import { shiftableClock } from "./testing/clock";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// Four-eyes (issue 18 #2): an approved request whose BFF instance stops while carrying it out is
// not left "being carried out" forever. Once its claim (10 minutes) has run out it is settled
// from its execution's audit entry, or as unknown when there is none, and never run twice.
// The instance's stop is played by an executor that does not return until the test lets it.

const clock = shiftableClock();
const ENV = "prod-review";
const LEASE_MS = 10 * 60_000;
let stack: TestStack;
let approver: ApiCall;
let seq = 0;

beforeAll(async () => {
  stack = await startTestStack({
    withFourEyesEnvironment: true,
    now: clock.now,
    mutationsPerMinute: 1000,
  });
  approver = await stack.as("demo-approver");
});
afterAll(() => stack?.close());

interface ChangeRequest {
  id: string;
  state: string;
  outcome?: string;
  auditId?: string;
  result?: { status: number; outcome: string; detail?: string; auditId?: string };
}

/** An executor wrapper that runs `inner` (if any) and then stops, as a process that died. */
function stalled(inner?: ChangeExecutor) {
  let calls = 0;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const executor: ChangeExecutor = async (request, person, run) => {
    calls += 1;
    const result = inner ? await inner(request, person, run) : undefined;
    await released;
    return result ?? { outcome: "success", status: 200 };
  };
  return { executor, calls: () => calls, release: () => release() };
}

async function get(id: string): Promise<ChangeRequest> {
  return (await (await stack.api(`/api/change-requests/${id}`)).json()) as ChangeRequest;
}

/** Approves over HTTP without waiting for the answer; resolves once the request is executing. */
async function approveAndStall(id: string): Promise<{ answer: Promise<Response> }> {
  const answer = approver(`/api/change-requests/${id}/approve`, { method: "POST" });
  let answered: Response | undefined;
  void answer.then((response) => {
    answered = response;
  });
  for (;;) {
    const now = await get(id);
    if (now.state === "executing") return { answer };
    if (answered) throw new Error(`approve answered ${answered.status}: ${await answered.text()}`);
    if (now.state !== "pending") throw new Error(`unexpected state ${now.state}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function submitted(kind: string, target: string) {
  return stack.bff.changeRequests.submit({
    env: ENV,
    kind,
    action: "scope.update",
    target,
    summary: `test ${target}`,
    payload: {},
    requester: { sub: "demo-admin", name: "Ada Administrator", role: "admin" },
    requestId: `test-${target}`,
  });
}

describe("an approval whose instance stopped while carrying it out", () => {
  it("is settled as unknown once its claim ran out, and never run again", async () => {
    const stall = stalled();
    stack.bff.changeRequests.register("test-stall", stall.executor);
    seq += 1;
    const request = await submitted("test-stall", `stall-${seq}`);
    const { answer } = await approveAndStall(request.id);

    // Within the claim: left to the instance carrying it out.
    clock.shift(LEASE_MS - 60_000);
    expect(await stack.bff.changeRequests.settleUnfinished()).toEqual([]);
    expect((await get(request.id)).state).toBe("executing");
    clock.shift(2 * 60_000);
    // Settled by this pass (or by the instance's own minutely pass, had it come first).
    await stack.bff.changeRequests.settleUnfinished();
    const now = await get(request.id);
    expect(now).toMatchObject({ state: "executed", outcome: "unknown" });
    expect(now.result?.detail).toMatch(/stopped before recording what happened/);
    // Coded beside the English (issue 14 #13): the page says it in its language.
    expect(now.result).toMatchObject({ code: "change-request.result.lost" });
    // A second pass (another instance) finds nothing; a second approval is refused.
    expect(await stack.bff.changeRequests.settleUnfinished()).toEqual([]);
    const again = await approver(`/api/change-requests/${request.id}/approve`, { method: "POST" });
    expect(again.status).toBe(409);

    // The stalled instance coming back cannot overwrite the settled result.
    stall.release();
    expect((await answer).status).toBe(200);
    expect(await get(request.id)).toMatchObject({ state: "executed", outcome: "unknown" });
    expect(stall.calls()).toBe(1);
  });

  it("is settled from its execution's audit entry when the change was made and recorded", async () => {
    const http = stack.bff.changeRequests.executorOf("http")!;
    const stall = stalled(http);
    stack.bff.changeRequests.register("http", stall.executor);
    try {
      seq += 1;
      const name = `digdir:rec${Date.now().toString(36)}${seq}`;
      const asked = await stack.api(`/api/envs/${ENV}/scopes`, {
        method: "POST",
        body: JSON.stringify({
          prefix: "digdir",
          subscope: name.slice("digdir:".length),
          description: "Settled from the audit log",
        }),
      });
      expect(asked.status).toBe(202);
      const { changeRequest } = (await asked.json()) as { changeRequest: ChangeRequest };
      const { answer } = await approveAndStall(changeRequest.id);
      // The replay ran (the scope was made at Digdir) and wrote its entry; then the instance
      // stopped. Wait for that entry (a condition, not a time), then let the claim run out.
      for (;;) {
        const { entries } = await stack.bff.audit.list({ action: "scope.create", limit: 1000 });
        if (entries.some((e) => e.target === name && e.outcome === "success")) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(
        (await stack.api(`/api/envs/${ENV}/scopes/scope?${new URLSearchParams({ scope: name })}`))
          .status,
      ).toBe(200);
      clock.shift(LEASE_MS + 1000);
      await stack.bff.changeRequests.settleUnfinished();
      const now = await get(changeRequest.id);
      expect(now).toMatchObject({ state: "executed", outcome: "success" });
      expect(now.result?.detail).toMatch(/^Settled from its audit entry/);
      // Coded: the first sentence Portvakt's, then the entry's own coded detail (who asked and
      // who approved), so the page shows all of it in its language.
      expect(now.result).toMatchObject({
        code: "change-request.result.settled",
        more: [{ code: "audit.change-request.execution" }],
      });
      const entry = await stack.bff.audit.get(now.auditId!);
      expect(entry).toMatchObject({ action: "scope.create", outcome: "success", target: name });
      expect(entry?.detail).toContain("Siri Sjekker");
      stall.release();
      await answer;
      expect(stall.calls()).toBe(1);
      const creates = (await stack.bff.audit.list({ limit: 1000 })).entries.filter(
        (e) => e.action === "scope.create" && e.target === name,
      );
      expect(creates.map((e) => e.outcome).sort()).toEqual(["requested", "success"]);
    } finally {
      stack.bff.changeRequests.register("http", http);
    }
  });
});
