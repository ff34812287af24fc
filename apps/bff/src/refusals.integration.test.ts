import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit/store";
import { startTestStack, type TestStack } from "./testing/stack";

// Issue 13: a change Portvakt refuses itself, before anything is sent to Digdir, is audited as
// `denied` (like a missing role or a rate limit), never as `failure` (which says Digdir was asked
// and it did not happen). Every refusal path after sign-in: bad input, a missing prod
// confirmation (428), a stale key-set version (412) or missing If-Match (428), a refused key
// edit, a stale or unconfirmed config plan, a config plan beyond the operator's role, an invalid
// Altinn metadata file or a too-deep body. Each case also shows Digdir got no write.
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ withProdEnvironment: true, mutationsPerMinute: 10_000 });
}, 60_000);
afterAll(() => stack?.close());

/** How many writes (not GET) Digdir (the simulator) has had. */
async function digdirWrites(): Promise<number> {
  const stats = (await (await stack.control("/stats")).json()) as {
    requests: Record<string, number>;
  };
  return Object.entries(stats.requests)
    .filter(([route]) => /^(POST|PUT|DELETE|PATCH) \/api\/v1\//.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function entriesOf(response: Response): Promise<AuditEntry[]> {
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toBeTruthy();
  const { entries } = await stack.bff.audit.list({ limit: 1000 });
  return entries.filter((e) => e.requestId === requestId);
}

/** Sends the request, and expects the status, no write at Digdir and one `denied` entry. */
async function expectDenied(
  send: () => Promise<Response>,
  status: number,
  action: string,
): Promise<Response> {
  const before = await digdirWrites();
  const response = await send();
  expect(response.status).toBe(status);
  expect(await digdirWrites()).toBe(before);
  expect(await entriesOf(response)).toEqual([
    expect.objectContaining({ action, outcome: "denied", status }),
  ]);
  return response;
}

function publicJwk(kid: string) {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
}

async function newClient(env: string, name: string): Promise<string> {
  const created = await stack.api(`/api/envs/${env}/clients`, {
    method: "POST",
    body: JSON.stringify({ client_name: name, description: "avvist" }),
  });
  expect(created.status).toBe(200);
  return ((await created.json()) as { client_id: string }).client_id;
}

type Doc = { scopes: Array<{ name: string; description?: string; consumers?: string[] }> };

async function exported(env: string): Promise<Doc> {
  return JSON.parse(
    await (await stack.api(`/api/envs/${env}/config/export?format=json`)).text(),
  ) as Doc;
}

async function planOf(env: string, doc: Doc) {
  const plan = await stack.api(`/api/envs/${env}/config/plan`, {
    method: "POST",
    body: JSON.stringify({ document: JSON.stringify(doc), format: "json" }),
  });
  expect(plan.status).toBe(200);
  return (await plan.json()) as {
    fingerprint: string;
    steps: Array<{ id: string; dangerous: boolean }>;
  };
}

function applyBody(doc: Doc, plan: { fingerprint: string }, confirm: string[]) {
  return JSON.stringify({
    document: JSON.stringify(doc),
    format: "json",
    planFingerprint: plan.fingerprint,
    confirm,
  });
}

describe("a change Portvakt refuses before sending anything is audited as denied", () => {
  it("config apply of a prod plan with a removal, without the confirmation header (428)", async () => {
    const doc = await exported("prod");
    const scope = doc.scopes.find((s) => (s.consumers?.length ?? 0) > 1)!;
    scope.consumers = scope.consumers!.slice(0, -1);
    const plan = await planOf("prod", doc);
    const confirm = plan.steps.filter((s) => s.dangerous).map((s) => s.id);
    expect(confirm.length).toBeGreaterThan(0);
    await expectDenied(
      () =>
        stack.api("/api/envs/prod/config/apply", {
          method: "POST",
          body: applyBody(doc, plan, confirm),
        }),
      428,
      "config.apply",
    );
  });

  it("config apply of a plan whose state changed since (409 stale plan)", async () => {
    const doc = await exported("demo");
    doc.scopes.push({ name: "digdir:avvist/gammel", description: "Ny" });
    const plan = await planOf("demo", doc);
    // Someone else creates the same scope meanwhile: the plan is stale.
    expect(
      (
        await stack.api("/api/envs/demo/scopes", {
          method: "POST",
          body: JSON.stringify({ prefix: "digdir", subscope: "avvist/gammel", description: "X" }),
        })
      ).status,
    ).toBe(200);
    const response = await expectDenied(
      () =>
        stack.api("/api/envs/demo/config/apply", {
          method: "POST",
          body: applyBody(doc, plan, []),
        }),
      409,
      "config.apply",
    );
    expect(await response.json()).toMatchObject({ type: "urn:portvakt:problem:stale-plan" });
  });

  it("config apply with an unconfirmed dangerous step, an invalid document, or beyond the operator's role", async () => {
    const doc = await exported("demo");
    const scope = doc.scopes.find((s) => (s.consumers?.length ?? 0) > 0)!;
    scope.consumers = [];
    const plan = await planOf("demo", doc);
    await expectDenied(
      () =>
        stack.api("/api/envs/demo/config/apply", {
          method: "POST",
          body: applyBody(doc, plan, []),
        }),
      400,
      "config.apply",
    );
    await expectDenied(
      () =>
        stack.api("/api/envs/demo/config/apply", {
          method: "POST",
          body: JSON.stringify({
            document: "scopes: [[[",
            format: "yaml",
            planFingerprint: plan.fingerprint,
          }),
        }),
      400,
      "config.apply",
    );
    const created = await exported("demo");
    created.scopes.push({ name: "digdir:avvist/operator", description: "Ny" });
    const operator = await stack.as("demo-operator");
    await expectDenied(
      async () =>
        operator("/api/envs/demo/config/apply", {
          method: "POST",
          body: applyBody(created, await planOf("demo", created), []),
        }),
      403,
      "config.apply",
    );
  });

  it("a body that fails validation after sign-in (400)", async () => {
    await expectDenied(
      () =>
        stack.api("/api/envs/demo/clients", {
          method: "POST",
          body: JSON.stringify({ description: "uten namn" }),
        }),
      400,
      "client.create",
    );
    await expectDenied(
      () =>
        stack.api("/api/envs/demo/scopes", {
          method: "POST",
          body: JSON.stringify({ prefix: "digdir", subscope: "x".repeat(5_000), description: "d" }),
        }),
      400,
      "scope.create",
    );
  });

  it("key edits: a stale If-Match (412), none where required (428), a kid already there (409)", async () => {
    const id = await newClient("demo", "avviste nokler");
    const path = `/api/envs/demo/clients/${id}`;
    const stale = (await stack.api(`${path}/jwks`)).headers.get("etag")!;
    expect(
      (
        await stack.api(`${path}/keys`, {
          method: "POST",
          headers: { "If-Match": stale },
          body: JSON.stringify({ jwk: publicJwk("avvist-1") }),
        })
      ).status,
    ).toBe(200);
    await expectDenied(
      () =>
        stack.api(`${path}/keys`, {
          method: "POST",
          headers: { "If-Match": stale },
          body: JSON.stringify({ jwk: publicJwk("avvist-2") }),
        }),
      412,
      "key.add",
    );
    await expectDenied(
      () => stack.api(`${path}/jwks`, { method: "DELETE" }),
      428,
      "keys.remove-all",
    );
    await expectDenied(
      () =>
        stack.api(`${path}/keys`, {
          method: "POST",
          body: JSON.stringify({ jwk: publicJwk("avvist-1") }),
        }),
      409,
      "key.add",
    );
  });

  it("an Altinn provisioning of an invalid metadata file, or of a body nested too deep (400)", async () => {
    await expectDenied(
      () =>
        stack.api("/api/envs/demo/altinn/provision", {
          method: "POST",
          body: JSON.stringify({ metadata: '{"id": "digdir/app", "apiScopes": 5}' }),
        }),
      400,
      "altinn.provision",
    );
    await expectDenied(
      () =>
        stack.api("/api/envs/demo/altinn/provision", {
          method: "POST",
          body: `{"metadata":"{}","grantTo":${"[".repeat(40)}${"]".repeat(40)}}`,
        }),
      400,
      "altinn.provision",
    );
  });

  it("a change Digdir itself refuses stays a failure (it was sent)", async () => {
    const before = await digdirWrites();
    const refused = await stack.api(
      `/api/envs/demo/scopes/access/974760673?scope=${encodeURIComponent("digdir:avvist/gammel")}`,
      { method: "DELETE" },
    );
    expect(refused.status).toBe(404);
    expect(await digdirWrites()).toBe(before + 1);
    expect(await entriesOf(refused)).toEqual([
      expect.objectContaining({ action: "access.revoke", outcome: "failure", status: 404 }),
    ]);
  });
});
