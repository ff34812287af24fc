import { generateKeyPairSync } from "node:crypto";
import {
  type AltinnProvisionReport,
  authorize,
  decodeTokenClaims,
  generateApiScopes,
  insertApiScopes,
  resolveApiScopes,
} from "@portvakt/altinn-scopes";
import type { Scope, ScopeAccess } from "@portvakt/contracts";
import {
  loadPem,
  loadPrivateJwk,
  MaskinportenError,
  SelfServiceClient,
  TokenClient,
} from "@portvakt/maskinporten";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit/store";
import { startTestStack, type TestStack } from "./testing/stack";

let stack: TestStack;
const env = "/api/envs/demo";
const CONSUMER = "889640782";
// Fresh per run, so that a stack left over by nothing can make the first run report "exists".
const APP = `soknad${Date.now().toString(36)}`;
const USERS_READ = `digdir:${APP}.instances.read`;
const USERS_WRITE = `digdir:${APP}.instances.write`;
const OWNER_READ = `digdir:${APP}/serviceowner/instances.read`;
const OWNER_WRITE = `digdir:${APP}/serviceowner/instances.write`;

const ORIGINAL_FILE = `{
    "id": "digdir/${APP}",
    "org": "digdir",
    "title": { "nb": "Søknad" },
    "dataTypes": []
}
`;
const metadata = insertApiScopes(ORIGINAL_FILE, generateApiScopes({ prefix: "digdir", app: APP }));

// The answer's shape is the package's, as the BFF declares it (issue 14, item 9).
type ProvisionReport = AltinnProvisionReport;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

function provision(body: Record<string, unknown>, call = stack.api) {
  return call(`${env}/altinn/provision`, { method: "POST", body: JSON.stringify(body) });
}

/** The provider's own scopes and every grant of the app's scopes, as Digdir holds them. */
async function upstreamState() {
  const scopes = await json<Scope[]>(await stack.api(`${env}/scopes?inactive=true`));
  const grants: ScopeAccess[] = [];
  for (const name of [USERS_READ, USERS_WRITE, OWNER_READ, OWNER_WRITE]) {
    const response = await stack.api(`${env}/scopes/access?scope=${encodeURIComponent(name)}`);
    if (response.status === 200) grants.push(...(await json<ScopeAccess[]>(response)));
  }
  return { scopes: scopes.filter((scope) => scope.name.includes(APP)), grants };
}

/** Calls Digdir received that could change something, by route. */
async function upstreamWrites(): Promise<Record<string, number>> {
  const stats = await json<{ requests: Record<string, number> }>(await stack.control("/stats"));
  return Object.fromEntries(
    Object.entries(stats.requests).filter(([route]) => !route.startsWith("GET ")),
  );
}

function statuses(report: ProvisionReport) {
  return report.items.map((item) =>
    [item.kind, item.scope, item.consumer_orgno, item.status].filter(Boolean).join(" "),
  );
}

describe("the API description", () => {
  it("documents both routes with their schemas", async () => {
    const doc = await json<{
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>(await stack.api("/api/openapi.json"));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/envs/{env}/altinn/validate",
        "/api/envs/{env}/altinn/provision",
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        "AltinnValidationReport",
        "AltinnProvisionReport",
        "AltinnTextResourceFile",
      ]),
    );
  });
});

describe("POST /altinn/validate", () => {
  it("reports mistakes with their JSON paths and positions", async () => {
    const broken = metadata
      .replace(`"digdir:[app].instances.write"`, `"digdir:[app].instances.read"`)
      .replace(
        `"digdir:[app]/serviceowner/instances.read"`,
        `"nav:[app]/serviceowner/instances.read"`,
      )
      .replace(`"users": {`, `"users": {\n            "Read": "",`);
    const response = await stack.api(`${env}/altinn/validate`, {
      method: "POST",
      body: JSON.stringify({
        metadata: broken,
        textResources: { nb: { resources: [{ id: "other", value: "x" }] } },
      }),
    });
    expect(response.status).toBe(200);
    const report = await json<{
      valid: boolean;
      problems: Array<{ code: string; severity: string; path: string; line?: number }>;
      scopes: Array<{ name: string; maskinporten: string }>;
    }>(response);
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => [p.code, p.severity, p.path])).toEqual(
      expect.arrayContaining([
        // The app reads "Read" as "read" (names ignore case); the schema does not allow it.
        ["altinn.metadata.property-case", "warning", "$.apiScopes.users.Read"],
        ["altinn.metadata.write-equals-read", "warning", "$.apiScopes.users.write"],
        ["altinn.metadata.prefix-not-held", "error", "$.apiScopes.serviceOwners.read"],
        ["altinn.metadata.not-in-maskinporten", "warning", "$.apiScopes.users.write"],
      ]),
    );
    // Every problem travels as a code with params and an English detail.
    for (const problem of report.problems as Array<Record<string, unknown>>) {
      expect(problem).toMatchObject({
        code: expect.stringMatching(/^altinn\.metadata\./),
        params: expect.any(Object),
        detail: expect.any(String),
      });
    }
    expect(report.problems.every((p) => typeof p.line === "number")).toBe(true);
    expect(report.scopes.map((s) => [s.name, s.maskinporten])).toContainEqual([
      USERS_READ,
      "missing",
    ]);
  });

  it("reports a file that is not JSON as a problem, and refuses a body without metadata", async () => {
    const response = await stack.api(`${env}/altinn/validate`, {
      method: "POST",
      body: JSON.stringify({ metadata: `{"id": "digdir/x",}` }),
    });
    expect(response.status).toBe(200);
    // A trailing comma is read by the app; a missing value is not JSON anywhere.
    expect(await json(response)).toMatchObject({
      valid: true,
      problems: [{ code: "altinn.metadata.trailing-comma", path: "$", line: 1, column: 18 }],
    });
    const broken = await stack.api(`${env}/altinn/validate`, {
      method: "POST",
      body: JSON.stringify({ metadata: `{"id": }` }),
    });
    expect(await json(broken)).toMatchObject({
      valid: false,
      resolved: null,
      problems: [{ code: "altinn.metadata.invalid-json", path: "$", line: 1, column: 8 }],
    });
    const empty = await stack.api(`${env}/altinn/validate`, {
      method: "POST",
      body: JSON.stringify({ textResources: {} }),
    });
    expect(empty.status).toBe(400);
  });
});

describe("deep JSON (issue 13 item 8)", () => {
  const deep = `${"[".repeat(4000)}${"]".repeat(4000)}`;
  for (const route of ["validate", "provision"]) {
    it(`answers 400 problem+json, not 500, to metadata nested 4,000 deep (/altinn/${route})`, async () => {
      const body = JSON.stringify({ metadata: deep });
      expect(body.length).toBeGreaterThan(8000);
      const response = await stack.api(`${env}/altinn/${route}`, { method: "POST", body });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
      const problem = await json<{ errors: Array<{ field: string; message: string }> }>(response);
      // Coded, so the page words it in nb, nn or en (the schema is the package's: issue 14, 9).
      expect(problem.errors).toEqual([
        {
          field: "metadata",
          message: expect.stringContaining("deeper than 64"),
          code: "altinn.request.metadata-too-deep",
          params: { max: 64 },
        },
      ]);
    });

    it(`answers 400 problem+json to a request body nested 4,000 deep (/altinn/${route})`, async () => {
      for (const body of [
        `{"metadata": "{}", "textResources": ${deep}}`,
        `{"metadata": "{}", "grantTo": ${deep}}`,
        deep,
      ]) {
        const response = await stack.api(`${env}/altinn/${route}`, { method: "POST", body });
        expect(response.status).toBe(400);
        expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
        expect(await json(response)).toMatchObject({
          status: 400,
          detail: expect.stringContaining("deeper than 32 levels"),
          errors: [{ code: "altinn.request.too-deep", params: { max: 32 } }],
        });
      }
    });
  }

  it("still reads metadata nested as deep as the app allows", async () => {
    const nested = `{"id": "digdir/x", "x": ${"[".repeat(63)}${"]".repeat(63)}}`;
    const response = await stack.api(`${env}/altinn/validate`, {
      method: "POST",
      body: JSON.stringify({ metadata: nested }),
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ valid: true });
  });
});

describe("POST /altinn/provision", () => {
  it("is refused to a viewer, and audited as denied", async () => {
    const viewer = await stack.as("demo-viewer");
    const response = await provision({ metadata }, viewer);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await upstreamState()).scopes).toEqual([]);
    const requestId = response.headers.get("x-request-id");
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    expect(entries.filter((entry: AuditEntry) => entry.requestId === requestId)).toEqual([
      expect.objectContaining({ action: "altinn.provision", outcome: "denied", status: 403 }),
    ]);
  });

  it("refuses metadata with errors before anything goes upstream, naming the paths", async () => {
    const response = await provision({
      metadata: metadata.replace(`"digdir:[app].instances.read"`, `"digdir:[App].read"`),
    });
    expect(response.status).toBe(400);
    const problem = await json<{ errors: Array<{ field: string; message: string }> }>(response);
    expect(problem.errors).toEqual([
      {
        field: "$.apiScopes.users.read",
        message: expect.stringContaining("lowercase"),
        code: "altinn.metadata.invalid-scope",
        params: expect.objectContaining({ scope: "digdir:[App].read", hint: "placeholderCase" }),
      },
    ]);
    const badOrg = await provision({ metadata, grantTo: [CONSUMER, "123456789"] });
    expect(badOrg.status).toBe(400);
    // On the field the web's form has (grantTo), coded for nb, nn and en.
    expect((await json<{ errors: unknown[] }>(badOrg)).errors).toEqual([
      expect.objectContaining({ field: "grantTo.1", code: "orgno.check-digit" }),
    ]);
    const empty = await provision({ metadata: "  \n" });
    expect(empty.status).toBe(400);
    expect((await json<{ errors: unknown[] }>(empty)).errors).toEqual([
      expect.objectContaining({ field: "metadata", code: "altinn.request.metadata-empty" }),
    ]);
    expect((await upstreamState()).scopes).toEqual([]);
  });

  it("a dry run tells what would be done and changes nothing", async () => {
    const before = await upstreamState();
    const response = await provision({ metadata, grantTo: [CONSUMER], dryRun: true });
    expect(response.status).toBe(200);
    const report = await json<ProvisionReport>(response);
    expect(report).toMatchObject({ app: `digdir/${APP}`, dryRun: true, ok: true });
    expect(statuses(report)).toEqual([
      `scope ${USERS_READ} will-create`,
      `grant ${USERS_READ} ${CONSUMER} will-grant`,
      `scope ${USERS_WRITE} will-create`,
      `grant ${USERS_WRITE} ${CONSUMER} will-grant`,
      `scope ${OWNER_READ} will-create`,
      `scope ${OWNER_WRITE} will-create`,
    ]);
    expect(await upstreamState()).toEqual(before);
  });

  it("creates the scopes with fitting integration types and grants the users' scopes, in one audit entry", async () => {
    // Asked from a nynorsk page: the scopes made are described in nynorsk (issue 14 defect 2).
    const response = await provision({ metadata, grantTo: [CONSUMER], language: "nn" });
    expect(response.status).toBe(200);
    const report = await json<ProvisionReport>(response);
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(statuses(report)).toEqual([
      `scope ${USERS_READ} created`,
      `grant ${USERS_READ} ${CONSUMER} granted`,
      `scope ${USERS_WRITE} created`,
      `grant ${USERS_WRITE} ${CONSUMER} granted`,
      `scope ${OWNER_READ} created`,
      `scope ${OWNER_WRITE} created`,
    ]);

    const state = await upstreamState();
    const byName = new Map(state.scopes.map((scope) => [scope.name, scope]));
    expect(byName.get(USERS_READ)).toMatchObject({
      active: true,
      allowed_integration_types: ["idporten", "maskinporten"],
      description: `Altinn-appen digdir/${APP}: lese instansar som brukar eller system`,
    });
    expect(byName.get(OWNER_WRITE)).toMatchObject({
      allowed_integration_types: ["maskinporten"],
      description: `Altinn-appen digdir/${APP}: endre instansar som tenesteeigar`,
    });
    expect(state.grants.map((g) => [g.scope, g.consumer_orgno, g.state])).toEqual([
      [USERS_READ, CONSUMER, "APPROVED"],
      [USERS_WRITE, CONSUMER, "APPROVED"],
    ]);

    const requestId = response.headers.get("x-request-id");
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    const mine = entries.filter((entry: AuditEntry) => entry.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      action: "altinn.provision",
      target: `altinn app digdir/${APP}`,
      outcome: "success",
      after: report.items,
    });
  });

  it("a second run changes nothing", async () => {
    const before = await upstreamState();
    const writesBefore = await upstreamWrites();
    const response = await provision({ metadata, grantTo: [CONSUMER] });
    const report = await json<ProvisionReport>(response);
    expect(await upstreamWrites()).toEqual(writesBefore);
    expect(report.ok).toBe(true);
    expect(
      report.items.every((item) => item.status === "exists" || item.status === "already-granted"),
    ).toBe(true);
    expect(report.items).toHaveLength(6);
    expect(await upstreamState()).toEqual(before);
  });

  it("reports an item Digdir's naming rule refuses as failed, with the reason, and goes on", async () => {
    const hyphenated = insertApiScopes(
      `{"id": "digdir/mitt-${APP}"}`,
      generateApiScopes({ prefix: "digdir", app: "x", groups: ["users"] }),
    );
    const response = await provision({ metadata: hyphenated, grantTo: [CONSUMER] });
    expect(response.status).toBe(200);
    const report = await json<ProvisionReport>(response);
    expect(report.ok).toBe(false);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: "altinn.metadata.app-name-subscope",
        path: "$.apiScopes.users.read",
      }),
      expect.objectContaining({
        code: "altinn.metadata.app-name-subscope",
        path: "$.apiScopes.users.write",
      }),
    ]);
    expect(report.items).toEqual([
      expect.objectContaining({
        kind: "scope",
        status: "failed",
        detail: expect.stringMatching(/subscope/i),
        // The English detail has its code beside it, so the page words it in nb, nn or en.
        code: "scope.subscope.chars",
        params: { found: "-" },
      }),
      expect.objectContaining({ kind: "scope", status: "failed", code: "scope.subscope.chars" }),
    ]);
  });

  it("partial success is not success: two failed grants are audited as partial, per item (issue 13, 3)", async () => {
    const app = `delvis${Date.now().toString(36)}`;
    const partial = insertApiScopes(
      `{"id": "digdir/${app}"}`,
      generateApiScopes({ prefix: "digdir", app, groups: ["users"] }),
    );
    // The scopes are created; Digdir fails the grants (nothing applied).
    await stack.fault({
      path: `/api/v1/scopes/access/${CONSUMER}`,
      method: "PUT",
      kind: "status",
      status: 500,
      times: 2,
    });
    try {
      const response = await provision({ metadata: partial, grantTo: [CONSUMER] });
      expect(response.status).toBe(200);
      const report = await json<ProvisionReport>(response);
      expect(report.ok).toBe(false);
      expect(statuses(report)).toEqual([
        `scope digdir:${app}.instances.read created`,
        `grant digdir:${app}.instances.read ${CONSUMER} failed`,
        `scope digdir:${app}.instances.write created`,
        `grant digdir:${app}.instances.write ${CONSUMER} failed`,
      ]);
      // Digdir's 500 is coded (the self-service table's text), the English detail beside it.
      for (const item of report.items.filter((x) => x.status === "failed")) {
        expect(item.code).toBe("upstream.5xx");
        expect(item.detail).toBeTruthy();
      }
      const requestId = response.headers.get("x-request-id");
      const { entries } = await stack.bff.audit.list({ limit: 1000 });
      const mine = entries.filter((entry: AuditEntry) => entry.requestId === requestId);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ action: "altinn.provision", outcome: "partial" });
      expect(mine[0]?.after).toEqual(report.items);
    } finally {
      await stack.clearFaults();
    }
  });

  it("reactivates a deactivated scope", async () => {
    const q = `?scope=${encodeURIComponent(OWNER_READ)}`;
    expect((await stack.api(`${env}/scopes${q}`, { method: "DELETE" })).status).toBe(200);
    const report = await json<ProvisionReport>(await provision({ metadata }));
    expect(statuses(report)).toContain(`scope ${OWNER_READ} reactivated`);
    const scope = await json<Scope>(await stack.api(`${env}/scopes/scope${q}`));
    expect(scope.active).toBe(true);
  });
});

describe("a granted consumer's client gets a token with the new scope", () => {
  it("registers a client as the consumer, adds a key, and Maskinporten issues the scope", async () => {
    const { simulator } = stack;
    const consumerOrg = simulator.demo.orgs[CONSUMER]!;
    const consumerApi = new SelfServiceClient({
      baseUrl: simulator.apiBaseUrl,
      tokens: new TokenClient({
        issuer: simulator.issuer,
        clientId: simulator.demo.consumerAdminClientId,
        credential: await loadPem({
          keyPem: consumerOrg.keyPem,
          certChainPem: consumerOrg.chainPem,
        }),
      }),
      adminScopes: ["idporten:dcr.read", "idporten:dcr.write", "idporten:dcr.modify"],
    });

    const client = await consumerApi.createClient({
      client_name: `Fagsystem for ${APP}`,
      description: "Leser instanser i Altinn-appen",
      scopes: [USERS_READ],
    });
    expect(client.scopes).toEqual([USERS_READ]);
    // The service owner's scope was not granted, so it cannot go on the consumer's client.
    await expect(
      consumerApi.updateClient(client.client_id, { scopes: [USERS_READ, OWNER_READ] }),
    ).rejects.toBeInstanceOf(MaskinportenError);

    const kid = `altinn-${APP}`;
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const { n, e } = publicKey.export({ format: "jwk" });
    await consumerApi.replaceJwks(client.client_id, {
      keys: [{ kty: "RSA", n: n!, e: e!, kid, use: "sig", alg: "RS256" }],
    });

    const tokens = new TokenClient({
      issuer: simulator.issuer,
      clientId: client.client_id,
      credential: await loadPrivateJwk({
        ...privateKey.export({ format: "jwk" }),
        kid,
        alg: "RS256",
      }),
    });
    const token = await tokens.getToken([USERS_READ]);
    expect(token.scope.split(" ")).toContain(USERS_READ);

    // What the Altinn app would decide with that token. Sent raw, it carries no Altinn claims:
    // the app cannot place the caller and checks nothing (Authenticated.cs lines 898-911).
    const claims = decodeTokenClaims(token.accessToken);
    expect(claims.consumer).toMatchObject({ ID: `0192:${CONSUMER}` });
    const config = resolveApiScopes(metadata);
    const path = `/digdir/${APP}/instances/50001337/0fc98a23-fe80-4d7b-b4e6-9f4a1b3c2d10`;
    expect(authorize({ method: "GET", path, claims, config })).toMatchObject({
      code: "unknown-caller",
      checked: false,
    });
    // Exchanged through Altinn Authentication it is an organisation's token, with the scope kept.
    const exchanged = {
      ...claims,
      "urn:altinn:orgNumber": CONSUMER,
      "urn:altinn:authlevel": 3,
      "urn:altinn:authenticatemethod": "maskinporten",
    };
    expect(authorize({ method: "GET", path, claims: exchanged, config })).toMatchObject({
      caller: "org",
      allowed: true,
      matchedScope: USERS_READ,
    });
    expect(authorize({ method: "DELETE", path, claims: exchanged, config })).toMatchObject({
      allowed: false,
      response: {
        status: 403,
        contentType: "application/json; charset=utf-8",
        body: { title: "Forbidden", status: 403, detail: "Insufficient scope", instance: path },
      },
    });
  });
});
