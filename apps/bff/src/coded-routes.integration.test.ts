import { generateKeyPairSync } from "node:crypto";
import { request as httpRequest } from "node:http";
import {
  type RunningReplayServer,
  recordedAnswers,
  startReplayServer,
} from "@portvakt/maskinporten/replay";
import { keyedClientGrant, signGrant } from "@portvakt/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { englishSentences, uncodedTexts } from "./testing/coded-texts";
import { type ApiCall, startTestStack, type TestStack } from "./testing/stack";

// Issue 14 #13 / defect 2, the sweep: every route of the BFF (read from its own OpenAPI
// document, so a new route is walked without a change here) is driven with bad input, without
// a session, without the CSRF header, with a role too small and under each upstream fault, and
// the answers that carry texts of their own (diagnosis, token test, Altinn validation, config
// plan refusals, row warnings, readiness) are asked for. Every answer must carry its texts as
// codes with nb/nn/en texts beside the English `detail`/`message`, and hold no English sentence
// without a code anywhere else.
let stack: TestStack;
const DEMO = "/api/envs/demo";

type Parameter = { name: string; in: "path" | "query" | "header" | "cookie" };
type Operation = { parameters?: Parameter[]; requestBody?: unknown };
type Route = { template: string; method: string; op: Operation };

// Path parameters that name nothing that exists: no route changes anything when walked.
const PATH_VALUES: Record<string, string> = {
  env: "demo",
  orgno: "974760673",
  id: "00000000-0000-4000-8000-000000000000",
  kid: "no-such-kid",
};
// Path parameters that are wrong in kind: an unknown environment, a short org number, a blank.
const BAD_PATH_VALUES: Record<string, string> = { env: "nope", orgno: "12" };
// Every member a route's body might read, each of the wrong type.
const WRONG_TYPES = Object.fromEntries(
  [
    "name",
    "scope",
    "scopes",
    "description",
    "document",
    "orgno",
    "consumer_orgno",
    "keys",
    "jwk",
    "kid",
    "client_name",
    "rows",
    "input",
    "assertion",
    "from",
    "mapping",
    "planFingerprint",
    "reason",
    "label",
    "metadata",
    "confirm",
  ].map((member, i) => [member, i % 2 ? 1 : { no: true }]),
);

let routes: Route[];

beforeAll(async () => {
  stack = await startTestStack({ mutationsPerMinute: 100_000 });
  const doc = (await (await stack.api("/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  routes = Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ template, method: method.toUpperCase(), op })),
  );
});
afterAll(() => stack?.close());

const pathOf = (template: string, values = PATH_VALUES) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? PATH_VALUES[name] ?? "x");

/** Routes answered without a session: the console's health. */
const PUBLIC = new Set<string>(["/api/health"]);
/**
 * Reads any signed-in person may make without a role: who they are, the environments (those
 * they hold a role in), the config schema, and the change requests they may see (none for an
 * outsider).
 */
const SIGNED_IN_MAY = new Set<string>([
  "GET /api/envs",
  "GET /api/session",
  "GET /api/schema/portvakt-config.json",
  "GET /api/change-requests",
]);

/**
 * POSTs a viewer may send, so an empty body is refused as input (400): they change nothing at
 * Digdir (a check, a plan, a diagnosis, a token test) or check the role per environment named in
 * the body (pipeline tokens: admin there).
 */
const VIEWER_MAY = new Set<string>([
  "POST /api/envs/{env}/altinn/validate",
  "POST /api/envs/{env}/config/plan",
  "POST /api/envs/{env}/promotion/plan",
  "POST /api/envs/{env}/token-test",
  "POST /api/envs/{env}/diagnose",
  "POST /api/tokens",
]);

/** Every text code the walk has met, so a test can say its input reached the rule it aims at. */
const seen = new Set<string>();

/**
 * Calls `path` and returns what is wrong with the texts of its answer: uncoded or English texts,
 * or a refusal that is not a JSON problem (Hono's plain-text 500). A 2xx non-JSON answer is a file.
 */
async function faultsOf(call: ApiCall, path: string, init: RequestInit = {}): Promise<string[]> {
  const response = await call(path, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // A file (CSV, JSON lines) is not a text to code; a failure outside a problem body is a crash.
    return response.ok
      ? []
      : [
          `${init.method ?? "GET"} ${path} → ${response.status}: not a problem body: ${text.slice(0, 80)}`,
        ];
  }
  for (const code of JSON.stringify(body).matchAll(/"(?:code|summaryCode|fixCode)":"([^"]+)"/g)) {
    seen.add(code[1]!);
  }
  const faults = [...uncodedTexts(body), ...englishSentences(body)];
  return faults.map((fault) => `${init.method ?? "GET"} ${path} → ${response.status}: ${fault}`);
}

/**
 * A body larger than the BFF's limit, on a connection of its own: the BFF answers 413 before
 * reading it all and closes the connection, which must not be one a later call reuses.
 */
function tooLarge(path: string): Promise<string[]> {
  const url = new URL(`${stack.url}${path}`);
  const body = JSON.stringify({ document: "x".repeat(300 * 1024) });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          Cookie: stack.api.cookie,
          "X-CSRF": "1",
          Origin: stack.url,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => {
          expect(response.statusCode).toBe(413);
          resolve(uncodedTexts(JSON.parse(text)).map((f) => `POST ${path} → 413: ${f}`));
        });
      },
    );
    // The BFF may close its side before the whole body is written: that is the point.
    request.on("error", (error) => (request.writableEnded ? undefined : reject(error)));
    request.end(body);
  });
}

describe("the sentence check itself", () => {
  it("finds English outside detail/message, and leaves data and coded texts alone", () => {
    expect(englishSentences({ checks: [{ name: "a", detail: "the store is gone" }] })).toEqual([
      '$.checks[0].detail: "the store is gone"',
    ]);
    expect(englishSentences({ note: "The row has no name" })).toHaveLength(1);
    expect(
      englishSentences({
        description: "The API of the tax office",
        summary: "The grant is fine",
        summaryCode: "diagnosis.summary.grant.ok",
        detail: "It is coded",
        code: "problem.internal",
      }),
    ).toEqual([]);
    expect(uncodedTexts({ summary: "x", summaryCode: "no.such.code" })).toEqual([
      "$.summary: code no.such.code has no nb/nn/en text",
    ]);
  });
});

describe("every route of the BFF answers in codes", () => {
  it("is walked from the BFF's own OpenAPI document", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => `${r.method} ${r.template}`)).toEqual(
      expect.arrayContaining(["POST /api/envs/{env}/diagnose", "PUT /api/envs/{env}/clients/{id}"]),
    );
  });

  it("bad input of every kind: an empty body, wrong types, malformed JSON, another content type, bad query and path values", async () => {
    const found: string[] = [];
    for (const { template, method, op } of routes) {
      const path = pathOf(template);
      const write = method !== "GET";
      const body = write ? { body: "{}" } : {};
      found.push(...(await faultsOf(stack.api, path, { method, ...body })));
      const query = (op.parameters ?? []).filter((p) => p.in === "query");
      if (query.length > 0) {
        const bad = query.map((q) => `${q.name}=%C2%A7-1`).join("&");
        found.push(...(await faultsOf(stack.api, `${path}?${bad}`, { method, ...body })));
      }
      if (template.includes("{")) {
        const bad = pathOf(template, BAD_PATH_VALUES).replace(/\/x(?=\/|$)/g, "/%20");
        found.push(...(await faultsOf(stack.api, bad, { method, ...body })));
      }
      if (write) {
        const wrong = JSON.stringify(WRONG_TYPES);
        found.push(...(await faultsOf(stack.api, path, { method, body: wrong })));
        found.push(...(await faultsOf(stack.api, path, { method, body: "{" })));
        found.push(
          ...(await faultsOf(stack.api, path, {
            method,
            body: "a",
            headers: { "Content-Type": "text/plain" },
          })),
        );
      }
    }
    found.push(...(await tooLarge(`${DEMO}/config/plan`)));
    found.push(...(await faultsOf(stack.api, "/api/no/such/route")));
    expect(found).toEqual([]);
  });

  it("input each rule refuses: keys, key sets, scope names, org numbers, token names, bearer tokens, sign-in", async () => {
    const clients = (await (await stack.api(`${DEMO}/clients`)).json()) as Array<{
      client_id: string;
    }>;
    const keys = `${DEMO}/clients/${clients[0]!.client_id}`;
    const etag = (await stack.api(`${keys}/jwks`)).headers.get("ETag") ?? '"x"';
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pub = { ...publicKey.export({ format: "jwk" }), kid: "k1", use: "sig", alg: "RS256" };
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey;
    const badKeys = [
      { ...privateKey.export({ format: "jwk" }), kid: "k1", use: "sig", alg: "RS256" },
      { ...pub, kty: "EC" },
      { ...pub, alg: "HS256" },
      { ...pub, use: "enc" },
      { ...pub, kid: "blank kid!" },
      { ...small.export({ format: "jwk" }), kid: "small", use: "sig", alg: "RS256" },
      { ...pub, n: "not*base64" },
    ];
    const found: string[] = [];
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      faultsOf(stack.api, path, { method: "POST", body: JSON.stringify(body), headers });
    for (const jwk of badKeys) {
      found.push(...(await post(`${keys}/keys`, { jwk }, { "If-Match": etag })));
    }
    found.push(...(await post(`${keys}/keys`, { jwk: pub })));
    const six = Array.from({ length: 6 }, (_, i) => ({ ...pub, kid: `k${i}` }));
    for (const set of [[pub, pub], six]) {
      found.push(...(await post(`${keys}/jwks`, { keys: set }, { "If-Match": etag })));
    }
    for (const subscope of ["Stor", "a..b", "x", "/start", `${"a".repeat(200)}`, "a:b/c"]) {
      found.push(
        ...(await post(`${DEMO}/scopes`, { prefix: "digdir", subscope, description: "x" })),
      );
    }
    for (const orgno of ["123456789", "12345678a"]) {
      const path = `${DEMO}/scopes/access/${orgno}?scope=digdir%3Ademo.read`;
      found.push(...(await faultsOf(stack.api, path, { method: "PUT" })));
    }
    found.push(...(await post("/api/tokens", { name: "<script>", role: "admin", env: "demo" })));
    for (const authorization of ["Bearer", "Bearer pv_nope", "Basic eDp4"]) {
      found.push(
        ...(await faultsOf(stack.api, "/api/envs", { headers: { Authorization: authorization } })),
      );
      found.push(
        ...(await faultsOf(stack.api, "/api/envs", {
          headers: { Authorization: authorization, Cookie: "" },
        })),
      );
    }
    for (const callback of ["/auth/callback", "/auth/callback?state=x&code=y"]) {
      found.push(...(await faultsOf(stack.api, callback, { headers: { Cookie: "" } })));
    }
    // The input reached the rules it aims at (not only a generic refusal before them).
    expect([...seen]).toEqual(
      expect.arrayContaining([
        "jwk.private-member",
        "jwk.kty",
        "jwk.alg",
        "jwk.use",
        "jwk.kid.chars",
        "jwk.rsa.too-small",
        "jwk.n.base64url",
        "jwks.kid.duplicate",
        "jwks.too-many",
        "scope.subscope.uppercase",
        "orgno.check-digit",
        "token.name.chars",
        "problem.tokens.refused",
        "problem.tokens.with-cookie",
        "problem.sign-in.expired",
      ]),
    );
    expect(found).toEqual([]);
  });

  it("refusals: no session, no CSRF header, a viewer changing, an outsider reading", async () => {
    const viewer = await stack.as("demo-viewer");
    const outsider = await stack.as("demo-outsider");
    const found: string[] = [];
    /**
     * Calls `path` as `who` and checks the answer is a refusal: a JSON problem with one of
     * `statuses` (never a 2xx that did the work, a 5xx or Hono's plain-text answer), in codes.
     */
    const refused = async (
      who: string,
      call: ApiCall,
      path: string,
      init: RequestInit,
      statuses: readonly number[],
    ) => {
      const response = await call(path, init);
      const text = await response.text();
      const at = `${init.method} ${path} (${who}) → ${response.status}`;
      if (!statuses.includes(response.status)) found.push(`${at}: not one of ${statuses}`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        found.push(`${at}: not JSON: ${text.slice(0, 80)}`);
        return;
      }
      found.push(...[...uncodedTexts(body), ...englishSentences(body)].map((f) => `${at}: ${f}`));
    };
    for (const { template, method } of routes) {
      const path = pathOf(template);
      const init = method === "GET" ? { method } : { method, body: "{}" };
      if (PUBLIC.has(template)) continue;
      await refused("no session", stack.api, path, { ...init, headers: { Cookie: "" } }, [401]);
      // A change request is found before its environment's role is known: an unknown id is 404.
      const unknown = template.startsWith("/api/change-requests/{") ? [404] : [];
      // An outsider holds no role anywhere: refused, or (a change's input) refused before it.
      if (!SIGNED_IN_MAY.has(`${method} ${template}`)) {
        const statuses = [403, ...unknown, ...(method === "GET" ? [] : [400])];
        await refused("outsider", outsider, path, init, statuses);
      }
      if (method !== "GET") {
        await refused("no CSRF", stack.api, path, { ...init, headers: { "X-CSRF": "" } }, [403]);
        const mayTry = VIEWER_MAY.has(`${method} ${template}`) ? [400] : [];
        await refused("viewer", viewer, path, init, [403, ...unknown, ...mayTry]);
      }
    }
    expect(found).toEqual([]);
  });

  const FAULTS: Array<{
    kind: "status" | "token-outage" | "drop";
    status?: number;
    retryAfter?: number;
  }> = [
    { kind: "status", status: 500 },
    { kind: "status", status: 400 },
    { kind: "status", status: 403 },
    { kind: "status", status: 404 },
    { kind: "status", status: 429, retryAfter: 1 },
    { kind: "status", status: 503 },
    { kind: "token-outage" },
    { kind: "drop" },
  ];
  for (const fault of FAULTS) {
    it(`every read route when Digdir answers ${fault.status ?? fault.kind}`, async () => {
      const found: string[] = [];
      // A fresh token for each environment first, so the token outage hits only its own case.
      for (const environment of stack.bff.environments) environment.tokens.invalidate();
      await stack.fault({ path: "/", ...fault });
      try {
        for (const { template, method } of routes.filter((r) => r.method === "GET")) {
          found.push(...(await faultsOf(stack.api, pathOf(template), { method })));
        }
        const client = stack.simulator.demo.keyedClients[0]!;
        const grant = await signGrant(
          keyedClientGrant(stack.simulator, client.clientId, "digdir:demo.read"),
        );
        const writes: Array<[string, string, unknown]> = [
          [
            "POST",
            `${DEMO}/scopes`,
            { prefix: "digdir", subscope: "coded.walk", description: "Gå" },
          ],
          ["PUT", `${DEMO}/scopes/access/974760673?scope=digdir%3Ademo.read`, undefined],
          ["POST", `${DEMO}/clients`, { client_name: "Gå", description: "Gå", scopes: [] }],
          ["POST", `${DEMO}/diagnose`, { input: grant }],
          ["POST", `${DEMO}/token-test`, { assertion: grant }],
        ];
        // A change whose answer is lost is settled by the change guard (coded-answers walks it).
        for (const [method, path, body] of fault.kind === "drop" ? [] : writes) {
          found.push(
            ...(await faultsOf(stack.api, path, {
              method,
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            })),
          );
        }
      } finally {
        await stack.clearFaults();
      }
      expect(found).toEqual([]);
    });
  }
});

describe("answers with texts of their own", () => {
  it("diagnosis and token test of a bad grant, a Digdir error, an unknown text", async () => {
    const client = stack.simulator.demo.keyedClients[0]!;
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = await signGrant({
      ...keyedClientGrant(stack.simulator, client.clientId, "digdir:no.such.scope"),
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    });
    const inputs = [
      forged,
      `${forged.slice(0, 40)}\n${forged.slice(40)}`,
      JSON.stringify({ error: "invalid_grant", error_description: "Invalid assertion. MP-124" }),
      JSON.stringify({ error: "invalid_client", error_description: "Client not found" }),
      "not a token at all, just words",
    ];
    const found: string[] = [];
    for (const input of inputs) {
      const body = JSON.stringify({ input });
      found.push(...(await faultsOf(stack.api, `${DEMO}/diagnose`, { method: "POST", body })));
      const assertion = JSON.stringify({ assertion: input });
      found.push(
        ...(await faultsOf(stack.api, `${DEMO}/token-test`, { method: "POST", body: assertion })),
      );
    }
    expect(found).toEqual([]);
  });

  it("Altinn validation, config plan refusals, row warnings and readiness", async () => {
    const found: string[] = [];
    for (const metadata of ["{", '{"apiScopes": {"users": {"read": "nav:[app].x", "Read": ""}}}']) {
      found.push(
        ...(await faultsOf(stack.api, `${DEMO}/altinn/validate`, {
          method: "POST",
          body: JSON.stringify({ metadata }),
        })),
      );
    }
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = {
      ...publicKey.export({ format: "jwk" }),
      kid: "coded-walk",
      use: "sig",
      alg: "RS256",
    };
    const clients = (await (await stack.api(`${DEMO}/clients`)).json()) as Array<{
      client_id: string;
      client_name: string;
    }>;
    const base = parse(await (await stack.api(`${DEMO}/config/export?format=yaml`)).text()) as {
      version: number;
      scopes: unknown[];
    };
    const documents = [
      { ...base, environment: "prod" },
      { ...base, scopes: [...base.scopes, { name: "nope:not.held", description: "Ikke vår" }] },
      {
        ...base,
        clients: [
          { name: "Ukjent", description: "x", client_id: "00000000-0000-4000-8000-000000000000" },
          { name: "Fil", description: "x", keys: [{ kid: "fil", file: "a.json" }] },
          { name: "Uten nøkkel", description: "x", keys: [{ kid: "no-such-kid-anywhere" }] },
          {
            ...{ name: clients[0]!.client_name, client_id: clients[0]!.client_id },
            description: "x",
            client_orgno: "974760673",
            keys: [{ kid: "coded-walk", jwk }],
          },
        ],
      },
    ];
    const codes: string[] = [];
    for (const document of documents) {
      const init = { method: "POST", body: JSON.stringify({ document: stringify(document) }) };
      found.push(...(await faultsOf(stack.api, `${DEMO}/config/plan`, init)));
      const problem = (await (await stack.api(`${DEMO}/config/plan`, init)).json()) as {
        errors?: Array<{ code?: string }>;
      };
      codes.push(...(problem.errors ?? []).map((e) => e.code ?? "(none)"));
    }
    expect(codes).toEqual(
      expect.arrayContaining([
        "config.document.other-environment",
        "config.document.prefix-not-held",
        "config.document.client-id-unknown",
        "config.document.key-file-here",
        "config.document.kid-unregistered",
        "config.document.client-orgno-fixed",
      ]),
    );
    // The simulator's demo data holds rows Digdir answered oddly (a number sent as "").
    found.push(...(await faultsOf(stack.api, `${DEMO}/scopes/all`)));
    for (const probe of ["/readyz", "/healthz", "/api/health", "/api/envs", "/api/session"]) {
      found.push(...(await faultsOf(stack.api, probe)));
    }
    expect(found).toEqual([]);
  });
});

describe("Digdir's field errors in words no table knows", () => {
  let replay: RunningReplayServer;
  let replayed: TestStack;

  beforeAll(async () => {
    replay = await startReplayServer({
      answers: [
        ...recordedAnswers().filter((answer) => answer.path === "/token"),
        // The BFF reads the clients first (a create is refused when the name is taken).
        { method: "GET", path: "/api/v1/clients", status: 200, body: [] },
        {
          method: "POST",
          path: "/api/v1/clients",
          status: 400,
          body: {
            error: "invalid_request",
            error_description: "Validation failed",
            errors: [
              { fieldIdentifier: "client_name", errorMessage: "must not contain the sign <" },
              { fieldIdentifier: "description", errorMessage: "size must be between 1 and 100" },
            ],
          },
        },
      ],
    });
    replayed = await startTestStack({
      upstream: { issuer: `${replay.url}/`, apiBaseUrl: replay.url },
    });
  }, 60_000);
  afterAll(async () => {
    await replayed?.close();
    await replay?.close();
  });

  it("are quoted as Digdir's, each with a code, beside the English message", async () => {
    const response = await replayed.api(`${DEMO}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "Gå", description: "Gå", scopes: [] }),
    });
    const problem = (await response.json()) as {
      errors?: Array<{ field: string; message: string; code?: string; params?: object }>;
    };
    expect(response.status, `${JSON.stringify(problem)} ${replay.requests.join(", ")}`).toBe(400);
    expect(problem.errors).toEqual([
      {
        field: "client_name",
        message: "must not contain the sign <",
        code: "problem.upstream.field",
        params: { digdir: "must not contain the sign <" },
      },
      {
        field: "description",
        message: "size must be between 1 and 100",
        code: "problem.upstream.field",
        params: { digdir: "size must be between 1 and 100" },
      },
    ]);
    expect(uncodedTexts(problem)).toEqual([]);
  });
});

describe("the change limit", () => {
  let limited: TestStack;
  beforeAll(async () => {
    limited = await startTestStack({ mutationsPerMinute: 1 });
  }, 60_000);
  afterAll(() => limited?.close());

  it("refuses the second change in a minute with a coded 429", async () => {
    const grant = () =>
      limited.api(`${DEMO}/scopes/access/974760673?scope=digdir%3Ademo.read`, { method: "PUT" });
    expect((await grant()).status).toBe(200);
    const refused = await grant();
    const problem = (await refused.json()) as { code?: string };
    expect(refused.status).toBe(429);
    expect(problem.code).toBe("problem.rate-limited");
    expect([...uncodedTexts(problem), ...englishSentences(problem)]).toEqual([]);
  });
});
