import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// Issue 18, 2 and 3: where four-eyes is on for the target, a promotion's apply becomes a change
// request; another admin's approval carries it out (re-read, re-planned), the audit names both.
let stack: TestStack;
let approver: ApiCall;
const SCOPE = "digdir:promotert/fireoyne";
const NAV = "889640782";
const MAPPING = `organizations:
  "889640782": "889640782"
  "974760673": "974760673"
  "974761076": "974761076"
prefixes:
  digdir: digdir
  difi: difi
  nav: nav
`;

beforeAll(async () => {
  stack = await startTestStack({
    withProdEnvironment: true,
    prodSimulator: true,
    fourEyes: ["prod"],
    mutationsPerMinute: 1000,
  });
  approver = await stack.as("demo-approver");
  const made = await stack.api("/api/envs/demo/scopes", {
    method: "POST",
    body: JSON.stringify({
      prefix: "digdir",
      subscope: "promotert/fireoyne",
      description: "Fire øyne",
    }),
  });
  expect(made.status).toBe(200);
  const granted = await stack.api(
    `/api/envs/demo/scopes/access/${NAV}?scope=${encodeURIComponent(SCOPE)}`,
    { method: "PUT" },
  );
  expect(granted.status).toBe(200);
}, 120_000);
afterAll(() => stack?.close());

async function planIds(): Promise<{ ids: string[]; fingerprint: string; document: string }> {
  const response = await stack.api("/api/envs/prod/promotion/plan", {
    method: "POST",
    body: JSON.stringify({ from: "demo", mapping: MAPPING }),
  });
  expect(response.status).toBe(200);
  const { plan, documentFingerprint } = (await response.json()) as {
    plan: { fingerprint: string; steps: { id: string }[] };
    documentFingerprint: string;
  };
  return {
    ids: plan.steps.map((step) => step.id),
    fingerprint: plan.fingerprint,
    document: documentFingerprint,
  };
}

describe("promotion to a four-eyes environment", () => {
  it("becomes a change request; the requester cannot approve it; another admin's approval applies it once", async () => {
    const before = await planIds();
    expect(before.ids).toEqual([`scope.create:${SCOPE}`, `access.grant:${SCOPE}@${NAV}`]);

    // A choice that cannot run is refused when asked, not stored for someone to approve.
    const stored = (await stack.bff.changeRequests.list({})).length;
    const grantOnly = [`access.grant:${SCOPE}@${NAV}`];
    const refused = await stack.api("/api/envs/prod/promotion/apply", {
      method: "POST",
      body: JSON.stringify({
        from: "demo",
        mapping: MAPPING,
        planFingerprint: before.fingerprint,
        documentFingerprint: before.document,
        steps: grantOnly,
        confirm: grantOnly,
      }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      "problem.promotion.step-needs",
    );
    expect((await stack.bff.changeRequests.list({})).length).toBe(stored);

    const asked = await stack.api("/api/envs/prod/promotion/apply", {
      method: "POST",
      body: JSON.stringify({
        from: "demo",
        mapping: MAPPING,
        planFingerprint: before.fingerprint,
        documentFingerprint: before.document,
        steps: before.ids,
        confirm: before.ids,
      }),
    });
    expect(asked.status).toBe(202);
    const { changeRequest } = (await asked.json()) as {
      changeRequest: { id: string; action: string; state: string; env: string };
    };
    expect(changeRequest).toMatchObject({
      action: "promotion.apply",
      state: "pending",
      env: "prod",
    });
    // Nothing is made yet.
    expect((await planIds()).ids).toEqual(before.ids);

    const own = await stack.api(`/api/change-requests/${changeRequest.id}/approve`, {
      method: "POST",
    });
    expect(own.status).toBe(403);

    const approved = await approver(`/api/change-requests/${changeRequest.id}/approve`, {
      method: "POST",
    });
    const decided = (await approved.json()) as {
      state: string;
      outcome: string;
      auditId?: string;
      result?: { status: number };
    };
    expect(approved.status, JSON.stringify(decided)).toBe(200);
    expect(decided).toMatchObject({
      state: "executed",
      outcome: "success",
      result: { status: 200 },
    });
    expect((await planIds()).ids).toEqual([]);

    // The audit: the promotion and each step name the requester and the approver.
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    const execution = entries.find((entry) => entry.id === decided.auditId);
    expect(execution).toMatchObject({ action: "promotion.apply", outcome: "success" });
    expect(execution?.detail).toContain("Ada Administrator");
    expect(execution?.detail).toContain("Siri Sjekker");
    const steps = entries.filter(
      (entry) =>
        entry.requestId === execution?.requestId && entry.action.startsWith("config.apply."),
    );
    expect(steps.map((entry) => entry.action).sort()).toEqual([
      "config.apply.access.grant",
      "config.apply.scope.create",
    ]);
    for (const step of steps) expect(step.detail).toContain("Siri Sjekker");

    // Approved once: a second approval runs nothing.
    const again = await approver(`/api/change-requests/${changeRequest.id}/approve`, {
      method: "POST",
    });
    expect(again.status).toBe(409);
  });
});
