import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shiftableClock } from "./testing/clock";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// Four-eyes change requests (issue 18 #2) over real HTTP: BFF, simulator, demo sign-in provider.
// The environment `prod-review` (kind prod) has four-eyes on; `demo` has not.

const clock = shiftableClock();
const DAY_MS = 86_400_000;
const ENV = "prod-review";
let stack: TestStack;
let operator: ApiCall;
let approver: ApiCall;
let viewer: ApiCall;
let seq = 0;

beforeAll(async () => {
  stack = await startTestStack({
    withFourEyesEnvironment: true,
    now: clock.now,
    mutationsPerMinute: 1000,
  });
  operator = await stack.as("demo-operator");
  approver = await stack.as("demo-approver");
  viewer = await stack.as("demo-viewer");
});
afterAll(() => stack?.close());

interface ChangeRequest {
  id: string;
  env: string;
  action: string;
  target: string;
  state: string;
  outcome?: string;
  payload: { method: string; path: string; body?: unknown };
  requester: { sub: string; name: string };
  decidedBy?: { sub: string; name: string };
  reason?: string;
  result?: { status: number; outcome: string; auditId?: string; detail?: string };
  auditId?: string;
}

function uniqueScope() {
  seq += 1;
  return { prefix: "digdir", subscope: `fe${Date.now().toString(36)}${seq}` };
}

async function scopeAt(env: string, name: string) {
  return stack.api(`/api/envs/${env}/scopes/scope?${new URLSearchParams({ scope: name })}`);
}

async function requestScope(call: ApiCall = stack.api, env = ENV) {
  const input = uniqueScope();
  const response = await call(`/api/envs/${env}/scopes`, {
    method: "POST",
    body: JSON.stringify({ ...input, description: "Four-eyes test scope" }),
  });
  return { response, name: `${input.prefix}:${input.subscope}` };
}

async function requested(response: Response): Promise<ChangeRequest> {
  expect(response.status).toBe(202);
  const { changeRequest } = (await response.json()) as { changeRequest: ChangeRequest };
  expect(response.headers.get("x-portvakt-change-request")).toBe(changeRequest.id);
  return changeRequest;
}

async function act(call: ApiCall, id: string, verb: string, body?: unknown) {
  return call(`/api/change-requests/${id}/${verb}`, {
    method: "POST",
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

describe("a change in a four-eyes environment", () => {
  it("is not made but stored with its validated request, answered 202 and audited as requested", async () => {
    const { response, name } = await requestScope();
    const request = await requested(response);
    expect(request).toMatchObject({
      env: ENV,
      action: "scope.create",
      target: name,
      state: "pending",
      requester: { sub: "demo-admin", name: "Ada Administrator" },
      payload: { method: "POST", path: `/api/envs/${ENV}/scopes` },
    });
    expect((await scopeAt(ENV, name)).status).toBe(404);
    const entries = (await stack.bff.audit.list({ limit: 1000 })).entries.filter(
      (e) => e.requestId === response.headers.get("x-request-id"),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "scope.create", outcome: "requested", status: 202 });
  });

  it("in an environment without four-eyes is made at once", async () => {
    const { response, name } = await requestScope(stack.api, "demo");
    expect(response.status).toBe(200);
    expect((await scopeAt("demo", name)).status).toBe(200);
  });

  it("is refused (400, nothing stored) when invalid, as without four-eyes", async () => {
    const before = (await stack.bff.changeRequests.list({})).length;
    const response = await stack.api(`/api/envs/${ENV}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix: "digdir", subscope: "" }),
    });
    expect(response.status).toBe(400);
    expect((await stack.bff.changeRequests.list({})).length).toBe(before);
  });

  it("never stores private key material: a private JWK is refused", async () => {
    const before = (await stack.bff.changeRequests.list({})).length;
    const response = await stack.api(`/api/envs/${ENV}/clients/some-client/keys`, {
      method: "POST",
      body: JSON.stringify({
        kty: "RSA",
        kid: "k1",
        use: "sig",
        alg: "RS256",
        n: "sXch",
        e: "AQAB",
        d: "secret-private-exponent",
      }),
    });
    expect([400]).toContain(response.status);
    const text = await response.text();
    expect(text).not.toContain("secret-private-exponent");
    expect((await stack.bff.changeRequests.list({})).length).toBe(before);
  });

  it("by a viewer is refused (403), not stored", async () => {
    const before = (await stack.bff.changeRequests.list({})).length;
    const { response } = await requestScope(viewer);
    expect(response.status).toBe(403);
    expect((await stack.bff.changeRequests.list({})).length).toBe(before);
  });
});

describe("deciding a change request", () => {
  it("cannot be approved or rejected by its requester (403 with a code)", async () => {
    const request = await requested((await requestScope()).response);
    for (const verb of ["approve", "reject"]) {
      const refused = await act(stack.api, request.id, verb);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe("problem.change-request.own");
    }
    expect((await stack.bff.changeRequests.get(request.id))?.state).toBe("pending");
  });

  it("is approved by another admin: made once, outcome stored, the audit names both people", async () => {
    const { response, name } = await requestScope(operator);
    // An operator may not create scopes: refused before anything is stored.
    expect(response.status).toBe(403);

    const asked = await requestScope();
    const request = await requested(asked.response);
    const approved = await act(approver, request.id, "approve");
    expect(approved.status).toBe(200);
    const done = (await approved.json()) as ChangeRequest;
    expect(done).toMatchObject({
      state: "executed",
      outcome: "success",
      decidedBy: { sub: "demo-approver", name: "Siri Sjekker" },
      result: { status: 200, outcome: "success" },
    });
    expect((await scopeAt(ENV, asked.name)).status).toBe(200);
    expect(name).not.toBe(asked.name);

    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    const execution = entries.find((e) => e.id === done.auditId);
    expect(execution).toMatchObject({
      action: "scope.create",
      outcome: "success",
      actor: { sub: "demo-admin", name: "Ada Administrator" },
      target: asked.name,
    });
    expect(execution?.detail).toContain("Ada Administrator");
    expect(execution?.detail).toContain("Siri Sjekker");
    const approval = entries.find(
      (e) => e.action === "change-request.approve" && e.target.includes(request.id),
    );
    expect(approval?.actor.name).toBe("Siri Sjekker");
    expect(approval?.detail).toContain("Ada Administrator");

    // Approved once: a second approval is refused, nothing runs again.
    const again = await act(approver, request.id, "approve");
    expect(again.status).toBe(409);
    const creates = (await stack.bff.audit.list({ limit: 1000 })).entries.filter(
      (e) => e.action === "scope.create" && e.target === asked.name,
    );
    expect(creates.map((e) => e.outcome).sort()).toEqual(["requested", "success"]);
  });

  it("an operator's grant is approved by an admin and made", async () => {
    const grant = await operator(
      `/api/envs/${ENV}/scopes/access/974760673?${new URLSearchParams({ scope: "digdir:demo/v1/hendelser" })}`,
      { method: "PUT" },
    );
    const request = await requested(grant);
    expect(request.requester.sub).toBe("demo-operator");
    const self = await act(operator, request.id, "approve");
    expect(self.status).toBe(403);
    expect(((await self.json()) as { code: string }).code).toBe("problem.change-request.own");
    const approved = await act(stack.api, request.id, "approve");
    expect(approved.status).toBe(200);
    const done = (await approved.json()) as ChangeRequest;
    expect(done.state).toBe("executed");
    expect(["success"]).toContain(done.outcome);
  });

  it("is rejected with a reason and never made; rejected once", async () => {
    const asked = await requestScope();
    const request = await requested(asked.response);
    const rejected = await act(approver, request.id, "reject", { reason: "Wrong prefix" });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ state: "rejected", reason: "Wrong prefix" });
    expect((await act(approver, request.id, "approve")).status).toBe(409);
    expect((await scopeAt(ENV, asked.name)).status).toBe(404);
  });

  it("is withdrawn by its requester only", async () => {
    const asked = await requestScope();
    const request = await requested(asked.response);
    const notYours = await act(approver, request.id, "withdraw");
    expect(notYours.status).toBe(403);
    const withdrawn = await act(stack.api, request.id, "withdraw");
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as ChangeRequest).state).toBe("withdrawn");
    expect((await act(approver, request.id, "approve")).status).toBe(409);
  });

  it("expires after the configured days and can no longer be approved", async () => {
    const asked = await requestScope();
    const request = await requested(asked.response);
    // Sessions end long before 7 days: the approval is asked of the service directly.
    clock.shift(7 * DAY_MS + 1000);
    try {
      await expect(
        stack.bff.changeRequests.approve(request.id, {
          sub: "demo-approver",
          name: "Siri Sjekker",
          role: "admin",
          viaToken: false,
          requestId: "test",
        }),
      ).rejects.toMatchObject({ status: 409 });
      expect((await stack.bff.changeRequests.get(request.id))?.state).toBe("expired");
    } finally {
      clock.shift(-(7 * DAY_MS + 1000));
    }
    expect((await scopeAt(ENV, asked.name)).status).toBe(404);
  });

  it("lists by state for people with a role; a viewer cannot approve", async () => {
    const request = await requested((await requestScope()).response);
    const list = await viewer(`/api/change-requests?state=pending&env=${ENV}`);
    expect(list.status).toBe(200);
    const { changeRequests } = (await list.json()) as { changeRequests: ChangeRequest[] };
    expect(changeRequests.map((r) => r.id)).toContain(request.id);
    expect(changeRequests.every((r) => r.state === "pending")).toBe(true);
    const refused = await act(viewer, request.id, "approve");
    expect(refused.status).toBe(403);
  });

  it("two approvers racing: executed exactly once", async () => {
    const asked = await requestScope();
    const request = await requested(asked.response);
    const answers = await Promise.all([
      act(approver, request.id, "approve"),
      act(operator, request.id, "approve"),
      act(approver, request.id, "approve"),
      act(approver, request.id, "approve"),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    const made = entries.filter(
      (e) => e.action === "scope.create" && e.target === asked.name && e.outcome !== "requested",
    );
    expect(made).toHaveLength(1);
    expect(
      entries.filter((e) => e.action === "change-request.approve" && e.target.includes(request.id)),
    ).toHaveLength(1);
  });

  it("eight approvals at once in one process (each past the checks before any decides): executed exactly once", async () => {
    const asked = await requestScope();
    const request = await requested(asked.response);
    const approver = (n: number) => ({
      sub: "demo-approver",
      name: "Siri Sjekker",
      role: "admin",
      viaToken: false,
      requestId: `race-${n}`,
    });
    const settled = await Promise.allSettled(
      Array.from({ length: 8 }, (_, n) =>
        stack.bff.changeRequests.approve(request.id, approver(n)),
      ),
    );
    const won = settled.filter((s) => s.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const lost of settled.filter((s) => s.status === "rejected")) {
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    }
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    expect(
      entries.filter(
        (e) => e.action === "scope.create" && e.target === asked.name && e.outcome !== "requested",
      ),
    ).toHaveLength(1);
  });

  it("a bulk grant job becomes one change request; approved, the job runs and its entry names both", async () => {
    const orgnos = ["889640782", "974760673"];
    const asked = await operator(`/api/envs/${ENV}/access-jobs`, {
      method: "POST",
      body: JSON.stringify({ action: "grant", scope: "digdir:demo/v1/hendelser", orgnos }),
    });
    const request = await requested(asked);
    expect(request.action).toBe("access.grant-many");
    const approved = await act(stack.api, request.id, "approve");
    expect(approved.status).toBe(200);
    const done = (await approved.json()) as ChangeRequest & { result: { body: { id: string } } };
    expect(done).toMatchObject({ state: "executed", outcome: "success", result: { status: 202 } });
    const jobId = done.result.body.id;
    expect(done.auditId).toBe(jobId);
    // Until the job has ended here: its status and then its audit entry are written (a poll of
    // the status alone, bounded by a count of polls, raced both under load).
    await stack.bff.bulkJobs.settled(jobId);
    const job = (await (await stack.api(`/api/envs/${ENV}/access-jobs/${jobId}`)).json()) as {
      status: string;
    };
    expect(job.status).toBe("done");
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    const entry = entries.find((e) => e.id === jobId);
    expect(entry).toMatchObject({ actor: { name: "Ola Operatør" }, outcome: "success" });
    expect(entry?.detail).toContain("approved by Ada Administrator");
  });

  it("a pipeline token's change becomes a request too; a token cannot approve, a person can", async () => {
    const issue = async (role: string) => {
      const response = await stack.api("/api/tokens", {
        method: "POST",
        body: JSON.stringify({ name: `fe ${role} ${seq++}`, role, envs: [ENV], days: 1 }),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { token: string; info: { id: string } };
    };
    const withToken = (token: string, path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set("Authorization", `Bearer ${token}`);
      if (init.body) headers.set("Content-Type", "application/json");
      return fetch(`${stack.url}${path}`, { ...init, headers });
    };
    const pipeline = await issue("operator");
    const adminToken = await issue("admin");
    const asked = await withToken(
      pipeline.token,
      `/api/envs/${ENV}/scopes/access/889640782?${new URLSearchParams({ scope: "digdir:demo.read" })}`,
      { method: "PUT" },
    );
    const request = await requested(asked);
    expect(request.requester.sub).toBe(`token:${pipeline.info.id}`);
    const byToken = await withToken(
      adminToken.token,
      `/api/change-requests/${request.id}/approve`,
      { method: "POST" },
    );
    expect(byToken.status).toBe(403);
    expect(((await byToken.json()) as { code: string }).code).toBe(
      "problem.change-request.person-needed",
    );
    const approved = await act(approver, request.id, "approve");
    expect(approved.status).toBe(200);
    const done = (await approved.json()) as ChangeRequest;
    expect(done).toMatchObject({ state: "executed", outcome: "success" });
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    const made = entries.find((e) => e.id === done.auditId);
    expect(made?.actor.sub).toBe(`token:${pipeline.info.id}`);
    expect(made?.detail).toContain("Siri Sjekker");
  });

  it("a request a pipeline token made is its issuer's own: they cannot approve or reject it, another admin can", async () => {
    // The approver issues a token and asks through it: approving that would be four-eyes by one
    // person (issue 18 #2: the requester cannot approve their own request).
    const issued = await approver("/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: `fe own ${seq++}`, role: "operator", envs: [ENV], days: 1 }),
    });
    expect(issued.status).toBe(201);
    const pipeline = (await issued.json()) as { token: string; info: { id: string } };
    const asked = await fetch(
      `${stack.url}/api/envs/${ENV}/scopes/access/889640782?${new URLSearchParams({ scope: "digdir:demo.read" })}`,
      { method: "PUT", headers: { Authorization: `Bearer ${pipeline.token}` } },
    );
    const request = await requested(asked);
    for (const verb of ["approve", "reject"]) {
      const own = await act(approver, request.id, verb);
      expect(own.status).toBe(403);
      expect(((await own.json()) as { code: string }).code).toBe("problem.change-request.own");
    }
    const pending = (await (
      await stack.api(`/api/change-requests/${request.id}`)
    ).json()) as ChangeRequest;
    expect(pending.state).toBe("pending");
    // Revoking the token does not make its request anyone's: its issuer still may not decide.
    expect((await approver(`/api/tokens/${pipeline.info.id}`, { method: "DELETE" })).status).toBe(
      200,
    );
    expect((await act(approver, request.id, "approve")).status).toBe(403);
    const byOther = await act(stack.api, request.id, "approve");
    expect(byOther.status).toBe(200);
    expect(((await byOther.json()) as ChangeRequest).state).toBe("executed");
  });

  it("an update's request shows what the scope has now beside what it asks for", async () => {
    // Made without four-eyes in `demo` (the same simulator), changed in `prod-review`.
    const { response, name } = await requestScope(stack.api, "demo");
    expect(response.status).toBe(200);
    const asked = await stack.api(
      `/api/envs/${ENV}/scopes?${new URLSearchParams({ scope: name })}`,
      { method: "PUT", body: JSON.stringify({ description: "Ny beskrivelse" }) },
    );
    const request = await requested(asked);
    expect(request.payload).toMatchObject({
      method: "PUT",
      body: { description: "Ny beskrivelse" },
      before: { name, description: "Four-eyes test scope" },
    });
    expect(((await (await scopeAt(ENV, name)).json()) as { description: string }).description).toBe(
      "Four-eyes test scope",
    );
  });
});
