import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffProcess, startBffProcess } from "./testing/bff-process";
import { apiCaller, startTestStack, type TestStack } from "./testing/stack";

// Issue 18 #2: a change request approved at once by several admins on two BFF processes sharing
// one PostgreSQL is carried out exactly once (the state change is guarded in the database).
// Runs when DATABASE_URL names a PostgreSQL database (`pnpm test:postgres`).
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const ENV = "/api/envs/prod-review";

describe.skipIf(!postgres)("four-eyes across two instances sharing one PostgreSQL", () => {
  let stack: TestStack;
  let approverCookie: string;
  const instances: BffProcess[] = [];
  type Call = (path: string, init?: RequestInit) => Promise<Response>;
  const on = (url: string, cookie: string): Call => apiCaller(url, cookie, stack.url);

  beforeAll(async () => {
    stack = await startTestStack({ withFourEyesEnvironment: true, mutationsPerMinute: 1000 });
    approverCookie = (await stack.as("demo-approver")).cookie;
    const dir = join(stack.config.auditDatabasePath!, "..");
    for (const name of ["fe-a", "fe-b"]) {
      instances.push(await startBffProcess(stack.config, dir, name));
    }
  }, 90_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await stack?.close();
  });

  it("approvals racing on both instances: one wins, the change is made and audited once", async () => {
    for (let round = 0; round < 3; round++) {
      const subscope = `fe2${Date.now().toString(36)}${round}`;
      const name = `digdir:${subscope}`;
      const asked = await on(instances[0]!.url, stack.api.cookie)(`${ENV}/scopes`, {
        method: "POST",
        body: JSON.stringify({ prefix: "digdir", subscope, description: "to instanser" }),
      });
      expect(asked.status).toBe(202);
      const { changeRequest } = (await asked.json()) as { changeRequest: { id: string } };
      const approvals = await Promise.all(
        [0, 1, 0, 1, 0, 1].map((i) =>
          on(instances[i]!.url, approverCookie)(
            `/api/change-requests/${changeRequest.id}/approve`,
            { method: "POST" },
          ),
        ),
      );
      const statuses = approvals.map((r) => r.status);
      expect(
        statuses.filter((s) => s === 200),
        statuses.join(),
      ).toHaveLength(1);
      expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);

      const stored = await stack.bff.changeRequests.get(changeRequest.id);
      expect(stored).toMatchObject({ state: "executed", outcome: "success" });
      const { entries } = await stack.bff.audit.list({ limit: 1000 });
      const made = entries.filter(
        (e) => e.action === "scope.create" && e.target === name && e.outcome !== "requested",
      );
      expect(made).toHaveLength(1);
      expect(made[0]!.detail).toContain("Siri Sjekker");
      expect(
        entries.filter(
          (e) => e.action === "change-request.approve" && e.target.includes(changeRequest.id),
        ),
      ).toHaveLength(1);
      const scope = await stack.api(`${ENV}/scopes/scope?${new URLSearchParams({ scope: name })}`);
      expect(scope.status).toBe(200);
    }
  });
});
