import { generateKeyPairSync } from "node:crypto";
import type { ApplyReport, Plan } from "@portvakt/config-as-code";
import { PROD_CONFIRMATION_HEADER } from "@portvakt/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { AuditEntry } from "./audit/store";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// Issue 18, 3: promotion from test to prod on two simulator environments. The stack's "demo"
// environment plays test; "prod" is a second simulator of its own (seeded alike).
let stack: TestStack;
const TEST = "/api/envs/demo";
const PROD = "/api/envs/prod";
const TEST_ORG = "310000019"; // a test-only organisation (as Tenor's synthetic ones)
const PROD_ORG = "910000004"; // the same organisation's number in prod
const NAV = "889640782";
const NEW_SCOPE = "digdir:promotert/v1";
const CLIENT = "Promotert klient";

/** The README's example mapping ("Promotion from test to prod"). */
const MAPPING = `# demo (test) -> prod
from: demo
to: prod
organizations:
  "${TEST_ORG}": "${PROD_ORG}" # test organisation -> its prod number
  "889640782": "889640782"
  "974760673": "974760673"
  "974761076": "974761076"
prefixes:
  digdir: digdir
  difi: difi
  nav: nav
`;

/** The documented plan of the example, in apply order (every step dangerous: prod). */
const EXAMPLE_PLAN = [
  `scope.create:${NEW_SCOPE}`,
  "scope.update:difi:api3",
  `access.grant:${NEW_SCOPE}@${NAV}`,
  `access.grant:${NEW_SCOPE}@${PROD_ORG}`,
  `access.revoke:digdir:demo/v1/hendelser@${PROD_ORG}`,
  `client.create:${CLIENT}`,
];

function rsaJwk(kid: string) {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
}

async function ok(response: Response | Promise<Response>, status = 200): Promise<unknown> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return text ? JSON.parse(text) : undefined;
}

const post = (path: string, body: unknown, call: ApiCall = stack.api, headers = {}) =>
  call(path, { method: "POST", body: JSON.stringify(body), headers });

async function planOf(mapping = MAPPING, call: ApiCall = stack.api) {
  return (await ok(post(`${PROD}/promotion/plan`, { from: "demo", mapping }, call))) as {
    from: string;
    to: string;
    plan: Plan;
    document: string;
    documentFingerprint: string;
  };
}

type ProblemAnswer = {
  status: number;
  type: string;
  code?: string;
  errors?: { field?: string; code?: string; params?: Record<string, string> }[];
};

beforeAll(async () => {
  stack = await startTestStack({
    withProdEnvironment: true,
    prodSimulator: true,
    mutationsPerMinute: 10_000,
  });
  // Test: a new scope granted to NAV and to a test organisation, a changed description, a new
  // client using the scope with a key of its own.
  const [prefix, subscope] = [NEW_SCOPE.slice(0, 6), NEW_SCOPE.slice(7)];
  await ok(
    post(`${TEST}/scopes`, {
      prefix,
      subscope,
      description: "Promotert API",
      visibility: "PUBLIC",
    }),
  );
  for (const orgno of [NAV, TEST_ORG]) {
    await ok(
      stack.api(`${TEST}/scopes/access/${orgno}?scope=${encodeURIComponent(NEW_SCOPE)}`, {
        method: "PUT",
      }),
    );
  }
  await ok(
    stack.api(`${TEST}/scopes?scope=difi%3Aapi3`, {
      method: "PUT",
      body: JSON.stringify({ description: "Difi-API versjon 3, ny tekst" }),
    }),
  );
  const client = (await ok(
    post(`${TEST}/clients`, {
      client_name: CLIENT,
      description: "Bruker det promoterte API-et",
      scopes: [NEW_SCOPE],
    }),
  )) as { client_id: string };
  await ok(
    post(`${TEST}/clients/${client.client_id}/keys`, { jwk: rsaJwk("promotert-test-2026") }),
  );
  // Prod: a grant test does not have (the plan revokes it unless left out).
  await ok(
    stack.api(`${PROD}/scopes/access/${PROD_ORG}?scope=digdir%3Ademo%2Fv1%2Fhendelser`, {
      method: "PUT",
    }),
  );
}, 120_000);
afterAll(() => stack?.close());

describe("promotion from test to prod", () => {
  it("runs on two simulators: the environments differ", async () => {
    expect(stack.prodSimulator).toBeDefined();
    expect(stack.prodSimulator!.apiBaseUrl).not.toBe(stack.simulator.apiBaseUrl);
  });

  it("yields the documented plan: the source through the mapping, keys never promoted", async () => {
    const { from, to, plan, document } = await planOf();
    expect([from, to]).toEqual(["demo", "prod"]);
    expect(plan.environment).toBe("prod");
    expect(plan.steps.map((step) => step.id)).toEqual(EXAMPLE_PLAN);
    expect(plan.steps.every((step) => step.dangerous)).toBe(true);
    expect(plan.steps.some((step) => step.kind.startsWith("key."))).toBe(false);
    const update = plan.steps.find((step) => step.id === "scope.update:difi:api3")!;
    expect(update.changes).toEqual([
      {
        field: "description",
        before: "Eldre Difi-API, versjon 3",
        after: "Difi-API versjon 3, ny tekst",
      },
    ]);
    const created = plan.steps.find((step) => step.id === `client.create:${CLIENT}`)!;
    expect(created.after).toMatchObject({ client_name: CLIENT, scopes: [NEW_SCOPE] });
    // The promoted document: for prod, the test org mapped, the client without the test key.
    const promoted = parse(document) as {
      environment: string;
      scopes: { name: string; consumers?: string[] }[];
      clients: { name: string; keys?: unknown[] }[];
    };
    expect(promoted.environment).toBe("prod");
    expect(promoted.scopes.find((s) => s.name === NEW_SCOPE)?.consumers).toEqual([NAV, PROD_ORG]);
    expect(promoted.clients.find((c) => c.name === CLIENT)?.keys ?? []).toEqual([]);
    expect(document).not.toContain(TEST_ORG);
    expect(document).not.toContain("promotert-test-2026");
  });

  it("names every unmapped organisation and prefix with a coded problem at its path", async () => {
    const mapping = MAPPING.replace(/^ {2}"310000019".*\n/m, "").replace(/^ {2}nav: nav\n/m, "");
    const answer = await post(`${PROD}/promotion/plan`, { from: "demo", mapping });
    const problem = (await ok(answer, 400)) as ProblemAnswer;
    expect(problem.type).toBe("urn:portvakt:problem:invalid-promotion");
    expect(problem.code).toBe("problem.promotion.invalid");
    expect(problem.errors?.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
      {
        field: "scopes[7].consumers[0]",
        code: "problem.promotion.unmapped-organization",
        params: { orgno: TEST_ORG, to: "prod" },
      },
      {
        field: "clients[1].scopes[0]",
        code: "problem.promotion.unmapped-prefix",
        params: { prefix: "nav", scope: "nav:pensjon/v3/alderspensjon", to: "prod" },
      },
    ]);
  });

  it("refuses an invalid mapping file, one for other environments, and the same environment", async () => {
    const unquoted = (await ok(
      post(`${PROD}/promotion/plan`, {
        from: "demo",
        mapping: MAPPING.replace(`"${PROD_ORG}"`, PROD_ORG),
      }),
      400,
    )) as ProblemAnswer;
    expect(unquoted.errors).toEqual([
      expect.objectContaining({
        field: `organizations.${TEST_ORG}`,
        // The mapping's own words as a code (nb/nn/en), not `{message}` in English.
        code: "config.mapping.quote-orgno",
      }),
    ]);
    const other = (await ok(
      post(`${PROD}/promotion/plan`, {
        from: "demo",
        mapping: MAPPING.replace("to: prod", "to: prod2"),
      }),
      400,
    )) as ProblemAnswer;
    expect(other.errors?.map((e) => [e.field, e.code])).toEqual([
      ["to", "problem.promotion.environment-mismatch"],
    ]);
    const same = (await ok(
      post(`${TEST}/promotion/plan`, { from: "demo", mapping: MAPPING }),
      400,
    )) as ProblemAnswer;
    expect(same.code).toBe("problem.promotion.same-environment");
    const unknown = (await ok(
      post(`${PROD}/promotion/plan`, { from: "nowhere", mapping: MAPPING }),
      400,
    )) as ProblemAnswer;
    expect(unknown.errors?.[0]?.field).toBe("from");
  });

  it("refuses a choice that leaves out a step a chosen one needs, and nothing changes", async () => {
    const { plan, documentFingerprint } = await planOf();
    const chosen = [`access.grant:${NEW_SCOPE}@${NAV}`];
    const answer = await post(`${PROD}/promotion/apply`, {
      from: "demo",
      mapping: MAPPING,
      planFingerprint: plan.fingerprint,
      documentFingerprint,
      steps: chosen,
      confirm: chosen,
    });
    const problem = (await ok(answer, 400)) as ProblemAnswer;
    expect(problem.errors).toEqual([
      expect.objectContaining({
        field: "steps",
        code: "problem.promotion.step-needs",
        params: { step: chosen[0], needs: `scope.create:${NEW_SCOPE}` },
      }),
    ]);
    expect((await planOf()).plan.fingerprint).toBe(plan.fingerprint);
  });

  it("lets an operator apply no more than grants and revokes, a viewer nothing", async () => {
    const { plan, documentFingerprint } = await planOf();
    const body = {
      from: "demo",
      mapping: MAPPING,
      planFingerprint: plan.fingerprint,
      documentFingerprint,
      steps: [`scope.create:${NEW_SCOPE}`],
      confirm: [`scope.create:${NEW_SCOPE}`],
    };
    const operator = (await ok(
      post(`${PROD}/promotion/apply`, body, await stack.as("demo-operator")),
      403,
    )) as ProblemAnswer;
    expect(operator.code).toBe("problem.config.operator-only");
    const viewer = (await ok(
      post(`${PROD}/promotion/apply`, body, await stack.as("demo-viewer")),
      403,
    )) as ProblemAnswer;
    expect(viewer.code).toBe("problem.role-needed");
  });

  it("needs the prod confirmation for a chosen revoke, and every dangerous step confirmed", async () => {
    const { plan, documentFingerprint } = await planOf();
    const revoke = `access.revoke:digdir:demo/v1/hendelser@${PROD_ORG}`;
    const body = {
      from: "demo",
      mapping: MAPPING,
      planFingerprint: plan.fingerprint,
      documentFingerprint,
      steps: [revoke],
      confirm: [revoke],
    };
    const unconfirmedEnv = (await ok(post(`${PROD}/promotion/apply`, body), 428)) as ProblemAnswer;
    expect(unconfirmedEnv.status).toBe(428);
    const unconfirmedStep = (await ok(
      post(`${PROD}/promotion/apply`, { ...body, confirm: [] }, stack.api, {
        [PROD_CONFIRMATION_HEADER]: "prod",
      }),
      400,
    )) as ProblemAnswer;
    expect(unconfirmedStep.type).toBe("urn:portvakt:problem:unconfirmed-steps");
    expect((await planOf()).plan.steps.map((step) => step.id)).toContain(revoke);
  });

  it("refuses a plan the target no longer matches (409 with the new plan)", async () => {
    const { plan, documentFingerprint } = await planOf();
    await ok(
      stack.api(`${PROD}/scopes?scope=digdir%3Atilsyn%2Fintern`, {
        method: "PUT",
        body: JSON.stringify({ description: "Kun for Digdir (endret i prod)" }),
      }),
    );
    const answer = await post(`${PROD}/promotion/apply`, {
      from: "demo",
      mapping: MAPPING,
      planFingerprint: plan.fingerprint,
      documentFingerprint,
      steps: [`scope.create:${NEW_SCOPE}`],
      confirm: [`scope.create:${NEW_SCOPE}`],
    });
    const stale = (await ok(answer, 409)) as ProblemAnswer & { plan: Plan };
    expect(stale.type).toBe("urn:portvakt:problem:stale-plan");
    expect(stale.plan.fingerprint).not.toBe(plan.fingerprint);
    // Prod's own change is not in test: the new plan sets the description back (a step more).
    expect(stale.plan.steps.map((step) => step.id)).toContain("scope.update:digdir:tilsyn/intern");
  });

  it("refuses a plan whose source changed since (409), though the target did not", async () => {
    const { plan, documentFingerprint } = await planOf();
    const changed = await stack.api(`${TEST}/scopes?scope=${encodeURIComponent(NEW_SCOPE)}`, {
      method: "PUT",
      body: JSON.stringify({ description: "Promotert API, endret i test etter planen" }),
    });
    expect(changed.status).toBe(200);
    try {
      const chosen = [`scope.create:${NEW_SCOPE}`];
      const answer = await post(`${PROD}/promotion/apply`, {
        from: "demo",
        mapping: MAPPING,
        planFingerprint: plan.fingerprint,
        documentFingerprint,
        steps: chosen,
        confirm: chosen,
      });
      const stale = (await ok(answer, 409)) as ProblemAnswer & { detail: string };
      expect(stale.type).toBe("urn:portvakt:problem:stale-plan");
      expect(stale.detail).toContain("source environment demo changed");
      const again = await planOf();
      expect(again.plan.fingerprint).toBe(plan.fingerprint);
      expect(again.documentFingerprint).not.toBe(documentFingerprint);
      expect(again.plan.steps.map((step) => step.id)).toContain(`scope.create:${NEW_SCOPE}`);
    } finally {
      const back = await stack.api(`${TEST}/scopes?scope=${encodeURIComponent(NEW_SCOPE)}`, {
        method: "PUT",
        body: JSON.stringify({ description: "Promotert API" }),
      });
      expect(back.status).toBe(200);
    }
  });

  it("applies the chosen steps only, audited with both environments, once", async () => {
    const { plan, documentFingerprint } = await planOf();
    const chosen = plan.steps
      .map((step) => step.id)
      .filter(
        (id) => !id.startsWith("access.revoke:") && id !== "scope.update:digdir:tilsyn/intern",
      );
    expect(chosen).toEqual(EXAMPLE_PLAN.filter((id) => !id.startsWith("access.revoke:")));
    const body = {
      from: "demo",
      mapping: MAPPING,
      planFingerprint: plan.fingerprint,
      documentFingerprint,
      steps: chosen,
      confirm: chosen,
    };
    const answer = await post(`${PROD}/promotion/apply`, body);
    const report = (await ok(answer)) as ApplyReport;
    expect(report.status).toBe("applied");
    expect(report.steps.map((step) => [step.id, step.outcome])).toEqual(
      chosen.map((id) => [id, "done"]),
    );

    // Prod now has what was chosen, and still what was left out.
    const grants = (await ok(
      stack.api(`${PROD}/scopes/access?scope=${encodeURIComponent(NEW_SCOPE)}`),
    )) as { consumer_orgno: string; state: string }[];
    expect(
      grants
        .filter((g) => g.state === "APPROVED")
        .map((g) => g.consumer_orgno)
        .sort(),
    ).toEqual([NAV, PROD_ORG]);
    const clients = (await ok(stack.api(`${PROD}/clients`))) as {
      client_id: string;
      client_name: string;
      scopes: string[];
    }[];
    const created = clients.find((c) => c.client_name === CLIENT)!;
    expect(created.scopes).toEqual([NEW_SCOPE]);
    const jwks = (await ok(stack.api(`${PROD}/clients/${created.client_id}/jwks`))) as {
      keys?: unknown[];
    };
    expect(jwks.keys ?? []).toEqual([]);
    const after = await planOf();
    expect(after.plan.steps.map((step) => step.id).sort()).toEqual(
      [
        `access.revoke:digdir:demo/v1/hendelser@${PROD_ORG}`,
        "scope.update:digdir:tilsyn/intern",
      ].sort(),
    );

    // The same apply again changes nothing.
    const again = (await ok(post(`${PROD}/promotion/apply`, body))) as ApplyReport;
    expect(again.status).toBe("no-changes");

    // Audit: the promotion entry names both environments; one entry per step.
    const requestId = answer.headers.get("x-request-id");
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    const mine = entries.filter((entry: AuditEntry) => entry.requestId === requestId);
    const main = mine.find((entry) => entry.action === "promotion.apply")!;
    expect(main).toMatchObject({ env: "prod", outcome: "success" });
    expect(main.target).toBe(`prod (promotion from demo, plan ${plan.fingerprint})`);
    // The same target coded, for the audit page in nb/nn/en (issue 14 #13).
    expect(main.targetParts).toEqual([
      {
        code: "audit.target.config",
        params: { env: "prod", what: "promotion", from: "demo", fingerprint: plan.fingerprint },
      },
    ]);
    expect(
      mine
        .filter((entry) => entry.action.startsWith("config.apply."))
        .map((entry) => entry.action)
        .sort(),
    ).toEqual(chosen.map((id) => `config.apply.${id.slice(0, id.indexOf(":"))}`).sort());
    expect(JSON.stringify(mine)).not.toContain("promotert-test-2026");
  });
});
