import type { Plan } from "@portvakt/config-as-code";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { AuditEntry } from "./audit/store";
import { startTestStack, type TestStack } from "./testing/stack";

let stack: TestStack;
const env = "/api/envs/demo";
const NAV = "889640782";
const BRREG = "974760673";
const DEMO_AS = "910000004";
const SKATT = "974761076";

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

type Doc = {
  scopes: Array<{ name: string; description: string; consumers?: string[] }>;
  clients?: unknown[];
};

async function exportYaml(): Promise<string> {
  const response = await stack.api(`${env}/config/export?format=yaml`);
  expect(response.status).toBe(200);
  return response.text();
}

async function postJson(path: string, body: unknown, call = stack.api) {
  return call(path, { method: "POST", body: JSON.stringify(body) });
}

async function planOf(document: string): Promise<Plan> {
  const response = await postJson(`${env}/config/plan`, { document });
  expect(response.status).toBe(200);
  return (await response.json()) as Plan;
}

async function entriesOf(response: Response): Promise<AuditEntry[]> {
  const requestId = response.headers.get("x-request-id");
  const { entries } = await stack.bff.audit.list({ limit: 1000 });
  return entries.filter((entry) => entry.requestId === requestId).reverse();
}

/** The exported document with `edit` applied to its parsed form. */
async function edited(edit: (doc: Doc) => void): Promise<string> {
  const doc = parse(await exportYaml()) as Doc;
  edit(doc);
  return stringify(doc);
}

const scopeOf = (doc: Doc, name: string) => doc.scopes.find((s) => s.name === name)!;

describe("config as code over HTTP", () => {
  it("publishes the document's JSON Schema to signed-in people", async () => {
    const response = await stack.api("/api/schema/portvakt-config.json");
    expect(response.status).toBe(200);
    const schema = (await response.json()) as Record<string, unknown>;
    expect(schema.$schema).toContain("json-schema.org");
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(["version", "environment", "scopes", "clients"]),
    );
    const anonymous = await fetch(`${stack.url}/api/schema/portvakt-config.json`, {
      headers: { "X-CSRF": "1", Origin: stack.url },
    });
    expect(anonymous.status).toBe(401);
    const openapi = (await (await stack.api("/api/openapi.json")).json()) as { paths: object };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        "/api/schema/portvakt-config.json",
        "/api/envs/{env}/config/export",
        "/api/envs/{env}/config/plan",
        "/api/envs/{env}/config/apply",
      ]),
    );
  });

  it("declares config apply's and promotion apply's answers once: the same statuses and schemas", async () => {
    type Responses = Record<string, { content?: Record<string, { schema: unknown }> }>;
    const openapi = (await (await stack.api("/api/openapi.json")).json()) as {
      paths: Record<string, { post?: { responses: Responses } }>;
    };
    const config = openapi.paths["/api/envs/{env}/config/apply"]!.post!.responses;
    const promotion = openapi.paths["/api/envs/{env}/promotion/apply"]!.post!.responses;
    expect(Object.keys(promotion).sort()).toEqual(Object.keys(config).sort());
    expect(Object.keys(config)).toEqual(expect.arrayContaining(["200", "409", "502", "504"]));
    for (const status of ["200", "409", "502", "504"]) {
      expect(promotion[status]!.content, status).toEqual(config[status]!.content);
    }
  });

  it("exports byte-identical documents of the same state, as YAML and JSON", async () => {
    const first = await stack.api(`${env}/config/export`);
    expect(first.headers.get("content-type")).toContain("application/yaml");
    expect(first.headers.get("content-disposition")).toContain("portvakt-demo.yaml");
    expect(await exportYaml()).toBe(await first.text());
    const json = await (await stack.api(`${env}/config/export?format=json`)).text();
    expect(await (await stack.api(`${env}/config/export?format=json`)).text()).toBe(json);
    expect(JSON.parse(json)).toMatchObject({ version: 1, environment: "demo" });
  });

  it("refuses an invalid document before planning, with the path of the bad entry", async () => {
    const document = await edited((doc) => {
      scopeOf(doc, "difi:api3").consumers = [NAV, "123456789"];
      doc.scopes.push({ name: "difi:Ugyldig navn", description: "x" });
    });
    const response = await postJson(`${env}/config/plan`, { document });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual([
      "scopes[0].consumers[1]",
      `scopes[${(parse(document) as Doc).scopes.length - 1}].name`,
    ]);
  });

  it("plans grouped by scope with dangerous steps flagged, and changes nothing", async () => {
    const document = await edited((doc) => {
      scopeOf(doc, "difi:api3").consumers = [NAV, BRREG, DEMO_AS];
      scopeOf(doc, "digdir:intern/statistikk").consumers = [];
    });
    const plan = await planOf(document);
    expect(plan.steps.map((s) => [s.id, s.dangerous])).toEqual([
      [`access.grant:difi:api3@${DEMO_AS}`, false],
      [`access.grant:difi:api3@${BRREG}`, false],
      [`access.revoke:digdir:intern/statistikk@${SKATT}`, true],
    ]);
    expect(plan.groups.scopes.map((g) => [g.name, g.steps.length])).toEqual([
      ["difi:api3", 2],
      ["digdir:intern/statistikk", 1],
    ]);
    expect(plan.steps[0]).toMatchObject({
      kind: "access.grant",
      before: { state: "REQUESTED" },
      after: { state: "APPROVED" },
      reason: expect.any(String),
    });
    expect((await planOf(document)).fingerprint).toBe(plan.fingerprint);
  });

  it("refuses apply to a viewer, and unconfirmed dangerous steps to an admin", async () => {
    const document = await edited((doc) => {
      scopeOf(doc, "difi:api3").consumers = [];
    });
    const plan = await planOf(document);
    const body = { document, planFingerprint: plan.fingerprint, confirm: [] };
    const viewer = await stack.as("demo-viewer");
    const refused = await postJson(`${env}/config/apply`, body, viewer);
    expect(refused.status).toBe(403);
    expect((await entriesOf(refused))[0]).toMatchObject({
      action: "config.apply",
      outcome: "denied",
    });
    const unconfirmed = await postJson(`${env}/config/apply`, body);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.json()).toMatchObject({
      type: "urn:portvakt:problem:unconfirmed-steps",
      errors: [{ field: "confirm", message: `access.revoke:difi:api3@${NAV}` }],
    });
    expect((await planOf(document)).fingerprint).toBe(plan.fingerprint);
  });

  it("applies with every step in the audit log; the same apply again changes nothing", async () => {
    const document = await edited((doc) => {
      doc.scopes.push({
        name: "digdir:config/http",
        description: "Fra HTTP",
        consumers: [NAV, BRREG],
      });
      scopeOf(doc, "digdir:demo.read").consumers = [NAV];
    });
    const plan = await planOf(document);
    const dangerous = plan.steps.filter((s) => s.dangerous).map((s) => s.id);
    expect(dangerous).toEqual([`access.revoke:digdir:demo.read@${BRREG}`]);
    const body = { document, planFingerprint: plan.fingerprint, confirm: dangerous };
    const response = await postJson(`${env}/config/apply`, body);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { status: string; done: number };
    expect(report).toMatchObject({ status: "applied", done: 4 });

    const entries = await entriesOf(response);
    expect(entries.map((e) => [e.action, e.target, e.outcome])).toEqual([
      ["config.apply.scope.create", "digdir:config/http", "success"],
      ["config.apply.access.grant", `digdir:config/http@${NAV}`, "success"],
      ["config.apply.access.grant", `digdir:config/http@${BRREG}`, "success"],
      ["config.apply.access.revoke", `digdir:demo.read@${BRREG}`, "success"],
      ["config.apply", expect.stringContaining("demo"), "success"],
    ]);
    expect(entries[0]).toMatchObject({ actor: { sub: "demo-admin" }, role: "admin", env: "demo" });

    const access = await stack.api(
      `${env}/scopes/access?scope=${encodeURIComponent("digdir:config/http")}`,
    );
    const rows = (await access.json()) as { consumer_orgno: string; state: string }[];
    expect(rows.map((r) => [r.consumer_orgno, r.state]).sort()).toEqual(
      [
        [NAV, "APPROVED"],
        [BRREG, "APPROVED"],
      ].sort(),
    );

    const again = await postJson(`${env}/config/apply`, body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "no-changes", steps: [] });
    expect((await entriesOf(again)).map((e) => e.action)).toEqual(["config.apply"]);
  });

  it("refuses a plan whose state changed since, answering the new plan", async () => {
    const document = await edited((doc) => {
      doc.scopes.push({ name: "digdir:config/stale", description: "Ny" });
    });
    const plan = await planOf(document);
    const grant = await stack.api(`${env}/scopes/access/${DEMO_AS}?scope=difi%3Aapi3`, {
      method: "PUT",
    });
    expect(grant.status).toBe(200);
    const response = await postJson(`${env}/config/apply`, {
      document,
      planFingerprint: plan.fingerprint,
      confirm: [],
    });
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await response.json()) as { type: string; plan: Plan };
    expect(problem.type).toBe("urn:portvakt:problem:stale-plan");
    expect(problem.plan.fingerprint).not.toBe(plan.fingerprint);
    expect(problem.plan.steps.map((s) => s.id)).toContain(`access.revoke:difi:api3@${DEMO_AS}`);
  });

  it("stops at a step Digdir fails, reporting done and not-run steps, each step audited", async () => {
    const document = await edited((doc) => {
      doc.scopes.push({
        name: "digdir:config/feil",
        description: "Feiler",
        consumers: [NAV, BRREG],
      });
    });
    const plan = await planOf(document);
    await stack.fault({
      path: "/api/v1/scopes/access/",
      method: "PUT",
      kind: "status",
      status: 500,
    });
    try {
      const response = await postJson(`${env}/config/apply`, {
        document,
        planFingerprint: plan.fingerprint,
        confirm: [],
      });
      expect(response.status).toBe(502);
      const report = (await response.json()) as { status: string; steps: { outcome: string }[] };
      expect(report.status).toBe("failed");
      expect(report.steps.map((s) => s.outcome)).toEqual(["done", "failed", "not-run"]);
      const entries = await entriesOf(response);
      expect(entries.at(-1)?.after).toEqual({
        status: "failed",
        steps: report.steps.map((s) => ({ id: expect.any(String), outcome: s.outcome })),
      });
      expect(entries.map((e) => [e.action, e.outcome, e.status])).toEqual([
        ["config.apply.scope.create", "success", 200],
        ["config.apply.access.grant", "failure", 502],
        // Partial success is not success: one step was done before the failure.
        ["config.apply", "partial", 502],
      ]);
    } finally {
      await stack.clearFaults();
    }
  });

  it("lets an operator apply grants and revokes only", async () => {
    const operator = await stack.as("demo-operator");
    const grants = await edited((doc) => {
      scopeOf(doc, "digdir:demo/v1/hendelser").consumers = [NAV];
    });
    const grantPlan = await planOf(grants);
    const ok = await postJson(
      `${env}/config/apply`,
      { document: grants, planFingerprint: grantPlan.fingerprint, confirm: [] },
      operator,
    );
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { done: number }).done).toBe(1);

    const scopeChange = await edited((doc) => {
      scopeOf(doc, "difi:api3").description = "Endret av operatør";
    });
    const scopePlan = await planOf(scopeChange);
    const refused = await postJson(
      `${env}/config/apply`,
      { document: scopeChange, planFingerprint: scopePlan.fingerprint, confirm: [] },
      operator,
    );
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain("scope.update");
  });
});
