import { generateKeyPairSync } from "node:crypto";
import type { Plan } from "@portvakt/config-as-code";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { hasTexts, uncodedTexts } from "./testing/coded-texts";
import { startTestStack, type TestStack } from "./testing/stack";

// Issue 14 #13 / defect 2: what the BFF answers about config apply and promotion reaches a page
// in nb, nn or en, so every text in it travels as a code with parameters beside the English
// `detail`/`message` (the CLI's words). This walks the real answers of the refusal and fault
// paths over HTTP and fails on a text without a code, a code without nb/nn/en texts, or an
// English sentence smuggled in as a parameter (Digdir's own `words` excepted: quoted as theirs).
let stack: TestStack;
const DEMO = "/api/envs/demo";
const PROD = "/api/envs/prod";
const NAV = "889640782";
const BRREG = "974760673";
const DEMO_AS = "910000004";

beforeAll(async () => {
  stack = await startTestStack({
    withProdEnvironment: true,
    prodSimulator: true,
    mutationsPerMinute: 10_000,
    // A lost answer is settled quickly (the walk needs its code, not a real wait).
    outcome: { windowMs: 500, settleMs: 2_000, intervalMs: 200 },
  });
});
afterAll(() => stack?.close());

const post = (path: string, body: unknown, call = stack.api) =>
  call(path, { method: "POST", body: JSON.stringify(body) });

async function answer(response: Promise<Response>, status: number): Promise<unknown> {
  const got = await response;
  const text = await got.text();
  expect(got.status, text).toBe(status);
  return JSON.parse(text);
}

type Doc = {
  scopes: Array<{ name: string; description: string; consumers?: string[] }>;
  clients?: Array<Record<string, unknown>>;
};

async function exported(): Promise<Doc> {
  const response = await stack.api(`${DEMO}/config/export?format=yaml`);
  expect(response.status).toBe(200);
  return parse(await response.text()) as Doc;
}

async function planOf(document: string): Promise<Plan> {
  return (await answer(post(`${DEMO}/config/plan`, { document }), 200)) as Plan;
}

function rsaJwk(kid: string) {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
}

describe("the walk itself", () => {
  it("fails on an uncoded text, an unknown code and an English sentence as a parameter", () => {
    expect(uncodedTexts({ detail: "The thing is in the wrong state" })).toHaveLength(1);
    expect(uncodedTexts({ errors: [{ field: "a", message: "x", code: "no.such.code" }] })).toEqual([
      "$.errors[0]: code no.such.code has no nb/nn/en text",
    ]);
    expect(
      uncodedTexts({
        detail: "d",
        code: "problem.promotion.mapping-invalid",
        params: { path: "a", message: "Invalid input: expected string, received number" },
      }),
    ).toEqual([expect.stringContaining("$.params.message: English sentence")]);
    // Digdir's own words are quoted as theirs, and values are values.
    expect(
      uncodedTexts({
        detail: "d",
        code: "problem.upstream",
        params: { kind: "http", status: 400, words: "The scope is not valid" },
      }),
    ).toEqual([]);
    expect(hasTexts("config.step.scope.create")).toBe(true);
  });
});

describe("config apply and promotion answer in codes", () => {
  it("an invalid document: every issue coded (duplicates, jwk and file, kid differs, bad JWK)", async () => {
    const doc = await exported();
    const first = doc.scopes[0]!;
    doc.scopes.push({ ...first, consumers: [NAV, NAV] });
    const jwk = rsaJwk("kid-a");
    doc.clients = [
      ...(doc.clients ?? []),
      {
        name: "Dobbel",
        description: "To ganger",
        scopes: [first.name, first.name],
        keys: [
          { kid: "kid-a", jwk: { ...jwk, kid: "kid-b" }, file: "a.json" },
          { kid: "kid-c", jwk: { ...jwk, kid: "kid-c", n: "kort" } },
        ],
      },
      { name: "Dobbel", description: "Igjen" },
    ];
    const problem = (await answer(
      post(`${DEMO}/config/plan`, { document: stringify(doc) }),
      400,
    )) as { errors: { code?: string }[] };
    expect(problem.errors.map((e) => e.code)).toEqual(
      expect.arrayContaining([
        "config.document.scope-twice",
        "config.document.listed-twice",
        "config.document.client-twice",
        "config.document.jwk-and-file",
        "config.document.kid-differs",
      ]),
    );
    expect(uncodedTexts(problem)).toEqual([]);
    const unreadable = await answer(post(`${DEMO}/config/plan`, { document: "scopes: [" }), 400);
    expect(uncodedTexts(unreadable)).toEqual([]);
  });

  it("a stale plan, unconfirmed steps and an operator beyond grants", async () => {
    const doc = await exported();
    doc.scopes.push({ name: "digdir:coded/stale", description: "Ny", consumers: [NAV] });
    const document = stringify(doc);
    const plan = await planOf(document);
    expect(
      (await stack.api(`${DEMO}/scopes/access/${DEMO_AS}?scope=difi%3Aapi3`, { method: "PUT" }))
        .status,
    ).toBe(200);
    const stale = await answer(
      post(`${DEMO}/config/apply`, { document, planFingerprint: plan.fingerprint }),
      409,
    );
    expect(stale).toMatchObject({ code: "problem.config.stale-plan" });
    expect(uncodedTexts(stale)).toEqual([]);

    const fresh = await planOf(document);
    expect(fresh.steps.some((s) => s.dangerous)).toBe(true);
    const unconfirmed = await answer(
      post(`${DEMO}/config/apply`, { document, planFingerprint: fresh.fingerprint }),
      400,
    );
    expect(uncodedTexts(unconfirmed)).toEqual([]);

    const operator = await stack.as("demo-operator");
    const beyond = await answer(
      post(
        `${DEMO}/config/apply`,
        {
          document,
          planFingerprint: fresh.fingerprint,
          confirm: fresh.steps.map((s) => s.id),
        },
        operator,
      ),
      403,
    );
    expect(uncodedTexts(beyond)).toEqual([]);
  });

  for (const status of [500, 400]) {
    it(`a step Digdir answers ${status}: the report's error is coded, Digdir's words a parameter`, async () => {
      const doc = await exported();
      const name = `digdir:coded/feil${status}`;
      doc.scopes.push({ name, description: "Feiler", consumers: [BRREG] });
      const document = stringify(doc);
      const plan = await planOf(document);
      await stack.fault({
        path: "/api/v1/scopes/access/",
        method: "PUT",
        kind: "status",
        status,
      });
      try {
        const report = (await answer(
          post(`${DEMO}/config/apply`, {
            document,
            planFingerprint: plan.fingerprint,
            confirm: plan.steps.filter((s) => s.dangerous).map((s) => s.id),
          }),
          status === 500 ? 502 : 409,
        )) as { failed?: { error?: { code?: string; message: string } } };
        expect(report.failed?.error?.code).toEqual(expect.any(String));
        expect(uncodedTexts(report)).toEqual([]);
      } finally {
        await stack.clearFaults();
      }
    });
  }

  it("a step whose answer is lost: the report's error has the change guard's code", async () => {
    const doc = await exported();
    doc.scopes.push({ name: "digdir:coded/tapt", description: "Tapt", consumers: [BRREG] });
    const document = stringify(doc);
    const plan = await planOf(document);
    await stack.fault({ path: "/api/v1/scopes/access/", method: "PUT", kind: "drop" });
    try {
      const response = await post(`${DEMO}/config/apply`, {
        document,
        planFingerprint: plan.fingerprint,
        confirm: plan.steps.filter((s) => s.dangerous).map((s) => s.id),
      });
      const report = (await response.json()) as { failed?: { error?: { code?: string } } };
      expect([502, 504]).toContain(response.status);
      expect(report.failed?.error?.code).not.toBe("config.error.unexpected");
      expect(uncodedTexts(report)).toEqual([]);
    } finally {
      await stack.clearFaults();
    }
  });

  it("a promotion's mapping: unreadable, unquoted numbers, unknown keys, unmapped organisations", async () => {
    const mappings = [
      "organizations: [",
      `organizations:\n  "${NAV}": ${NAV}\ncolour: blue\n`,
      "prefixes:\n  digdir: digdir\n",
    ];
    for (const mapping of mappings) {
      const problem = await answer(post(`${PROD}/promotion/plan`, { from: "demo", mapping }), 400);
      expect(uncodedTexts(problem), mapping).toEqual([]);
    }
  });
});
