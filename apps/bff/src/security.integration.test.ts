import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_GROUPS } from "@portvakt/simulator/idp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { startStack } from "./stack";
import { shiftableClock } from "./testing/clock";
import { signInFlow } from "./testing/sign-in";
import { startTestStack, type TestStack } from "./testing/stack";

// The holes of the security review (issue 13, items 6, 7, 9-12), each input kept as a test,
// over real HTTP against the BFF, the simulator and the demo sign-in provider.

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ withProdEnvironment: true });
});
afterAll(() => stack?.close());

describe("returnTo after sign-in (no open redirect)", () => {
  // Each raw query ends, after a real sign-in, on this origin: never another host, never a 500.
  const hostile = [
    ["tab between slashes", "returnTo=%2F%09%2Fevil.example%2Fphish"],
    ["CR LF header injection", "returnTo=%2F%0D%0ASet-Cookie%3A%20x%3D1"],
    ["NUL", "returnTo=%2Fscopes%00"],
    ["newline between slashes", "returnTo=%2F%0A%2Fevil.example"],
    ["protocol-relative", "returnTo=%2F%2Fevil.example%2F"],
    ["three slashes", "returnTo=%2F%2F%2Fevil.example%2F"],
    ["backslash", "returnTo=%2F%5Cevil.example%2F"],
    ["absolute URL", "returnTo=https%3A%2F%2Fevil.example%2F"],
    ["javascript:", "returnTo=javascript%3Aalert(1)"],
    ["no-break space", "returnTo=%2F%C2%A0%2Fevil.example"],
    ["line separator U+2028", "returnTo=%2F%E2%80%A8%2Fevil.example"],
    ["DEL", "returnTo=%2F%7F%2Fevil.example"],
    ["C1 control", "returnTo=%2F%C2%85%2Fevil.example"],
  ] as const;

  for (const [name, rawQuery] of hostile) {
    it(`${name}: back to / on Portvakt's own origin`, async () => {
      const result = await signInFlow(stack.url, "demo-viewer", { rawQuery });
      expect(result.status).toBe(302);
      expect(result.location).toBe("/");
      expect(new URL(result.location!, stack.url).origin).toBe(stack.url);
    });
  }

  it("keeps a path, query and fragment on this site", async () => {
    const result = await signInFlow(stack.url, "demo-viewer", {
      returnTo: "/access?scope=digdir:a&x=%C3%A6#row",
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/access?scope=digdir:a&x=%C3%A6#row");
    expect(result.cookie).toBeTruthy();
  });

  it("a refused returnTo still signs in (the person lands on the start page)", async () => {
    const result = await signInFlow(stack.url, "demo-viewer", {
      rawQuery: "returnTo=%2F%0D%0Aevil",
    });
    expect(result.cookie).toBeTruthy();
    const me = await fetch(`${stack.url}/api/session`, {
      headers: { "X-CSRF": "1", Cookie: result.cookie! },
    });
    expect(me.status).toBe(200);
  });
});

describe("audit request id (made by the server)", () => {
  const CONSUMER = "974760673";

  it("stores the server's id, not the client's X-Request-Id, and logs the client's beside it", async () => {
    const scopes = (await (await stack.api("/api/envs/demo/scopes")).json()) as Array<{
      name: string;
      active: boolean;
    }>;
    const scope = scopes.find((s) => s.active)!.name;
    const clientId = `anything-${Date.now()}`;
    const response = await stack.api(
      `/api/envs/demo/scopes/access/${CONSUMER}?scope=${encodeURIComponent(scope)}`,
      { method: "PUT", headers: { "X-Request-Id": clientId } },
    );
    expect(response.status).toBe(200);
    const serverId = response.headers.get("x-request-id")!;
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    expect(serverId).not.toBe(clientId);
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    expect(entries.filter((e) => e.requestId === clientId)).toHaveLength(0);
    expect(entries.filter((e) => e.requestId === serverId)).toHaveLength(1);
    const line = stack.log.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.request_id === serverId && l.msg === "request");
    expect(line?.client_request_id).toBe(clientId);
  });

  it("two requests with the same client id get two audit ids", async () => {
    const viewer = await stack.as("demo-viewer");
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const forged = await viewer(`/api/envs/demo/scopes/access/${CONSUMER}?scope=x:y`, {
        method: "PUT",
        headers: { "X-Request-Id": "replayed" },
      });
      expect(forged.status).toBe(403);
      ids.push(forged.headers.get("x-request-id")!);
    }
    expect(new Set(ids).size).toBe(2);
    const { entries } = await stack.bff.audit.list({ person: "demo-viewer", limit: 1000 });
    expect(entries.filter((e) => e.requestId === "replayed")).toHaveLength(0);
    expect(entries.filter((e) => ids.includes(e.requestId))).toHaveLength(2);
  });
});

/** GET /auth/login from a chosen local address (127.0.0.x are all this machine on Linux). */
function loginFrom(url: string, localAddress: string, forwardedFor?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}/auth/login?returnTo=/`,
      {
        localAddress,
        headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {},
        agent: false,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end();
  });
}

describe("sign-in rate limit per address", () => {
  const LIMIT = 4;

  it("a new X-Forwarded-For on each try does not escape the limit (no proxy trusted)", async () => {
    const limited = await startTestStack({ signInPerMinute: LIMIT });
    try {
      // The test stack's own sign-in already counted once for 127.0.0.1.
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++) {
        statuses.push(await loginFrom(limited.url, "127.0.0.1", `198.51.100.${i}`));
      }
      expect(statuses.slice(0, LIMIT - 1).every((s) => s === 302)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Another machine (another socket address) is not locked out by the first one.
      expect(await loginFrom(limited.url, "127.0.0.2")).toBe(302);
    } finally {
      await limited.close();
    }
  });

  it("behind a trusted proxy: the right-most untrusted hop, never a hop the client wrote", async () => {
    const limited = await startTestStack({ signInPerMinute: LIMIT, trustedProxies: ["127.0.0.1"] });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++) {
        // The client varies the left part; the proxy appended the address it saw.
        statuses.push(await loginFrom(limited.url, "127.0.0.1", `10.9.9.${i}, 198.51.100.77`));
      }
      expect(statuses.slice(0, LIMIT).every((s) => s === 302)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Another client behind the same proxy has its own bucket.
      expect(await loginFrom(limited.url, "127.0.0.1", "198.51.100.78")).toBe(302);
      // A peer that is not a trusted proxy cannot pick a bucket with the header.
      for (let i = 0; i < LIMIT; i++) await loginFrom(limited.url, "127.0.0.3", `198.51.100.${i}`);
      expect(await loginFrom(limited.url, "127.0.0.3", "198.51.100.200")).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe("least privilege on /api/envs", () => {
  it("a person with no role sees only what the 'no access' page needs", async () => {
    const outsider = await stack.as("demo-outsider");
    const response = await outsider("/api/envs");
    expect(response.status).toBe(200);
    const text = await response.text();
    const { envs } = JSON.parse(text) as { envs: Array<Record<string, unknown>> };
    expect(envs.map((e) => e.id)).toEqual(["demo", "prod"]);
    for (const e of envs) {
      expect(Object.keys(e).sort()).toEqual(["id", "kind", "label", "role"]);
      expect(e.role).toBeNull();
    }
    // Nothing of the organisation, the admin client or its certificate.
    expect(text).not.toContain(stack.simulator.demo.providerOrgno);
    expect(text).not.toContain(stack.simulator.demo.adminClientId);
    expect(text).not.toMatch(/idporten:|CN=|serialNumber/);
  });

  it("a viewer still sees the acting organisation, admin client and scopes", async () => {
    const viewer = await stack.as("demo-viewer");
    const { envs } = (await (await viewer("/api/envs")).json()) as {
      envs: Array<Record<string, unknown>>;
    };
    expect(envs[0]).toMatchObject({
      id: "demo",
      role: "viewer",
      orgno: stack.simulator.demo.providerOrgno,
      clientId: stack.simulator.demo.adminClientId,
    });
    expect(envs[0]!.adminScopes).toEqual(expect.arrayContaining(["idporten:scopes.read"]));
  });
});

describe("security headers and /metrics", () => {
  it("no HSTS over http; a Permissions-Policy on pages and API answers", async () => {
    for (const path of ["/healthz", "/api/health", "/auth/login"]) {
      const response = await fetch(`${stack.url}${path}`, { redirect: "manual" });
      expect(response.headers.get("strict-transport-security")).toBeNull();
      const policy = response.headers.get("permissions-policy") ?? "";
      expect(policy).toContain("camera=()");
      expect(policy).toContain("geolocation=()");
      expect(policy).toContain("microphone=()");
      expect(policy).toContain("clipboard-write=(self)");
    }
  });

  it("HSTS when the public origin is https; /metrics asks for the configured bearer token", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portvakt-metrics-"));
    const tokenFile = join(dir, "metrics-token");
    await writeFile(tokenFile, "a-long-metrics-token-for-tests\n");
    const https = await startStack({
      mode: "test",
      publicOrigin: "https://portvakt.test",
      metricsTokenFile: tokenFile,
      logger: createLogger("silent"),
    });
    try {
      const health = await fetch(`${https.url}/healthz`);
      expect(health.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      const none = await fetch(`${https.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await none.text()).not.toContain("portvakt_");
      const wrong = await fetch(`${https.url}/metrics`, {
        headers: { Authorization: "Bearer a-long-metrics-token-for-test" },
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${https.url}/metrics`, {
        headers: { Authorization: "Bearer a-long-metrics-token-for-tests" },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toMatch(/^# HELP/m);
    } finally {
      await https.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("without a token setting /metrics stays open (as documented)", async () => {
    expect((await fetch(`${stack.url}/metrics`)).status).toBe(200);
  });
});

describe("prod confirmation of destructive changes (server-checked)", () => {
  const CONFIRM = "X-Portvakt-Confirm-Env";

  function publicJwk(kid: string) {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
  }

  async function newClient(env: string, name: string): Promise<string> {
    const created = await stack.api(`/api/envs/${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: name, description: "prod guard test" }),
    });
    expect(created.status).toBe(200);
    return ((await created.json()) as { client_id: string }).client_id;
  }

  async function etagOf(env: string, id: string): Promise<string> {
    const response = await stack.api(`/api/envs/${env}/clients/${id}/jwks`);
    expect(response.status).toBe(200);
    return response.headers.get("etag")!;
  }

  async function refused(response: Response) {
    expect(response.status).toBe(428);
    const body = (await response.json()) as { type: string; detail: string };
    expect(body.type).toBe("urn:portvakt:problem:prod-confirmation-required");
    expect(body.detail).toContain(CONFIRM);
    return response.headers.get("x-request-id")!;
  }

  it("deleting a prod client needs the header naming prod; refused attempts are audited", async () => {
    const id = await newClient("prod", "slett-meg-prod");
    const path = `/api/envs/prod/clients/${id}`;
    const requestId = await refused(await stack.api(path, { method: "DELETE" }));
    await refused(await stack.api(path, { method: "DELETE", headers: { [CONFIRM]: "demo" } }));
    await refused(await stack.api(path, { method: "DELETE", headers: { [CONFIRM]: "PROD" } }));
    const active = async () =>
      ((await (await stack.api(path)).json()) as { active?: boolean }).active;
    expect(await active()).not.toBe(false);
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    expect(entries.find((e) => e.requestId === requestId)).toMatchObject({
      action: "client.delete",
      outcome: "denied",
      status: 428,
      env: "prod",
    });
    const done = await stack.api(path, { method: "DELETE", headers: { [CONFIRM]: "prod" } });
    expect(done.status).toBeLessThan(300);
    // Digdir keeps a deleted client, inactive.
    expect(await active()).toBe(false);
  });

  it("deactivating a prod client with active: false needs it too; renaming does not", async () => {
    const id = await newClient("prod", "deaktiver-meg-prod");
    const path = `/api/envs/prod/clients/${id}`;
    const put = (update: object, headers: Record<string, string> = {}) =>
      stack.api(path, { method: "PUT", headers, body: JSON.stringify(update) });
    await refused(await put({ active: false }));
    expect((await put({ client_name: "nytt namn" })).status).toBe(200);
    expect((await put({ active: false }, { [CONFIRM]: "prod" })).status).toBe(200);
  });

  it("the same change in an environment that is not prod needs no header", async () => {
    const id = await newClient("demo", "slett-meg-demo");
    const done = await stack.api(`/api/envs/demo/clients/${id}`, { method: "DELETE" });
    expect(done.status).toBeLessThan(300);
  });

  it("removing, replacing and removing all keys need it; adding a key does not", async () => {
    const id = await newClient("prod", "nokler-prod");
    const keys = `/api/envs/prod/clients/${id}`;
    const added = await stack.api(`${keys}/keys`, {
      method: "POST",
      headers: { "If-Match": await etagOf("prod", id) },
      body: JSON.stringify({ jwk: publicJwk("k1") }),
    });
    expect(added.status).toBe(200);
    const etag = await etagOf("prod", id);
    await refused(
      await stack.api(`${keys}/keys/k1`, { method: "DELETE", headers: { "If-Match": etag } }),
    );
    await refused(
      await stack.api(`${keys}/jwks`, {
        method: "POST",
        body: JSON.stringify({ keys: [publicJwk("k2")] }),
      }),
    );
    await refused(await stack.api(`${keys}/jwks`, { method: "DELETE" }));
    const still = (await (await stack.api(`${keys}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(still.keys.map((k) => k.kid)).toEqual(["k1"]);
    const removed = await stack.api(`${keys}/keys/k1`, {
      method: "DELETE",
      headers: { "If-Match": etag, [CONFIRM]: "prod" },
    });
    expect(removed.status).toBe(200);
  });

  it("revoking access and deactivating a scope (DELETE or active: false) need it", async () => {
    const scopes = (await (await stack.api("/api/envs/prod/scopes")).json()) as Array<{
      name: string;
      active: boolean;
    }>;
    const scope = scopes.find((s) => s.active)!.name;
    const q = `?scope=${encodeURIComponent(scope)}`;
    const grant = await stack.api(`/api/envs/prod/scopes/access/910000004${q}`, { method: "PUT" });
    expect(grant.status).toBe(200);
    await refused(
      await stack.api(`/api/envs/prod/scopes/access/910000004${q}`, { method: "DELETE" }),
    );
    await refused(await stack.api(`/api/envs/prod/scopes${q}`, { method: "DELETE" }));
    await refused(
      await stack.api(`/api/envs/prod/scopes${q}`, {
        method: "PUT",
        body: JSON.stringify({ active: false }),
      }),
    );
    const scopeNow = (await (await stack.api(`/api/envs/prod/scopes/scope${q}`)).json()) as {
      active: boolean;
    };
    expect(scopeNow.active).toBe(true);
    // A harmless edit needs no confirmation.
    const edit = await stack.api(`/api/envs/prod/scopes${q}`, {
      method: "PUT",
      body: JSON.stringify({ description: "Endret i prod" }),
    });
    expect(edit.status).toBe(200);
    const revoked = await stack.api(`/api/envs/prod/scopes/access/910000004${q}`, {
      method: "DELETE",
      headers: { [CONFIRM]: "prod" },
    });
    expect(revoked.status).toBe(200);
  });

  it("a config apply with a removal needs it; one that only adds does not", async () => {
    const exported = await (await stack.api("/api/envs/prod/config/export?format=json")).text();
    const document = JSON.parse(exported) as {
      scopes: Array<{ name: string; consumers?: string[] }>;
    };
    const withConsumers = document.scopes.find((s) => (s.consumers?.length ?? 0) > 1)!;
    const apply = async (doc: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(doc);
      const plan = await stack.api("/api/envs/prod/config/plan", {
        method: "POST",
        body: JSON.stringify({ document: text, format: "json" }),
      });
      expect(plan.status).toBe(200);
      const { fingerprint, steps } = (await plan.json()) as {
        fingerprint: string;
        steps: Array<{ id: string; dangerous: boolean }>;
      };
      return stack.api("/api/envs/prod/config/apply", {
        method: "POST",
        headers,
        body: JSON.stringify({
          document: text,
          format: "json",
          planFingerprint: fingerprint,
          confirm: steps.filter((s) => s.dangerous).map((s) => s.id),
        }),
      });
    };
    const removed = withConsumers.consumers!.at(-1)!;
    withConsumers.consumers = withConsumers.consumers!.slice(0, -1);
    await refused(await apply(document));
    const stillThere = (await (
      await stack.api(
        `/api/envs/prod/scopes/access?scope=${encodeURIComponent(withConsumers.name)}`,
      )
    ).json()) as Array<{ consumer_orgno: string; state: string }>;
    expect(stillThere.find((r) => r.consumer_orgno === removed)?.state).toBe("APPROVED");
    expect((await apply(document, { [CONFIRM]: "prod" })).status).toBe(200);
    // Adding back is not destructive.
    withConsumers.consumers = [...withConsumers.consumers, removed];
    expect((await apply(document)).status).toBe(200);
  });
});

describe("input: well-formed text, lengths, path parameters", () => {
  /** How many calls the simulator (Digdir) has had, to show a refused input never reached it. */
  async function digdirCalls(): Promise<number> {
    const stats = (await (await stack.control("/stats")).json()) as {
      requests: Record<string, number>;
    };
    return Object.values(stats.requests).reduce((a, b) => a + b, 0);
  }

  async function badRequest(response: Response, field: string) {
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors?: Array<{ field?: string }> };
    expect(body.errors?.map((e) => e.field)).toContain(field);
  }

  // JSON text with a lone surrogate escape: valid JSON, not well-formed Unicode.
  const lone = (json: string) => json.replaceAll("LONE", "\\ud800");

  it("refuses a lone surrogate anywhere in a JSON body, and accepts real emoji", async () => {
    const before = await digdirCalls();
    await badRequest(
      await stack.api("/api/envs/demo/clients", {
        method: "POST",
        body: lone('{"client_name":"aLONEb","description":"d"}'),
      }),
      "client_name",
    );
    await badRequest(
      await stack.api("/api/envs/demo/clients", {
        method: "POST",
        body: lone('{"client_name":"a","description":"d","scopes":["digdir:demo.read","xLONE"]}'),
      }),
      "scopes.1",
    );
    await badRequest(
      await stack.api("/api/envs/demo/clients", {
        method: "POST",
        body: '{"client_name":"a","description":"\\udfff"}',
      }),
      "description",
    );
    await badRequest(
      await stack.api("/api/envs/demo/clients", {
        method: "POST",
        body: lone('{"client_name":"a","description":"d","LONE":1}'),
      }),
      "\ud800",
    );
    expect(await digdirCalls()).toBe(before);
    const emoji = await stack.api("/api/envs/demo/clients", {
      method: "POST",
      body: JSON.stringify({ client_name: "Klient 😀 \ud83d\ude00", description: "ok" }),
    });
    expect(emoji.status).toBe(200);
  });

  it("a 5,000-character scope name never reaches Digdir", async () => {
    const before = await digdirCalls();
    const long = `digdir:${"a".repeat(5000)}`;
    await badRequest(await stack.api(`/api/envs/demo/scopes/scope?scope=${long}`), "scope");
    await badRequest(
      await stack.api(`/api/envs/demo/scopes/access/974760673?scope=${long}`, { method: "PUT" }),
      "scope",
    );
    await badRequest(
      await stack.api("/api/envs/demo/clients", {
        method: "POST",
        body: JSON.stringify({ client_name: "a", description: "d", scopes: [long] }),
      }),
      "scopes.0",
    );
    await badRequest(
      await stack.api("/api/envs/demo/scopes", {
        method: "POST",
        body: JSON.stringify({ prefix: "digdir", subscope: "a".repeat(5000), description: "d" }),
      }),
      "subscope",
    );
    expect(await digdirCalls()).toBe(before);
  });

  it("descriptions are at most what Digdir's own UI allows (255, long 1023)", async () => {
    const scopes = (await (await stack.api("/api/envs/demo/scopes")).json()) as Array<{
      name: string;
      active: boolean;
    }>;
    const q = `?scope=${encodeURIComponent(scopes.find((s) => s.active)!.name)}`;
    const put = (update: object) =>
      stack.api(`/api/envs/demo/scopes${q}`, { method: "PUT", body: JSON.stringify(update) });
    await badRequest(await put({ description: "x".repeat(256) }), "description");
    await badRequest(await put({ long_description: "x".repeat(1024) }), "long_description");
    expect((await put({ description: "x".repeat(255) })).status).toBe(200);
    await badRequest(
      await stack.api("/api/envs/demo/clients", {
        method: "POST",
        body: JSON.stringify({ client_name: "a", description: "x".repeat(256) }),
      }),
      "description",
    );
  });

  it("validates every path parameter: kid, client id, org number, any segment", async () => {
    const created = await stack.api("/api/envs/demo/clients", {
      method: "POST",
      body: JSON.stringify({ client_name: "sti-test", description: "d" }),
    });
    const { client_id } = (await created.json()) as { client_id: string };
    const etag = (await stack.api(`/api/envs/demo/clients/${client_id}/jwks`)).headers.get("etag")!;
    const before = await digdirCalls();
    for (const kid of ["a%20b", "a%00", "x".repeat(201), "%C3%BC", "a%2F..%2Fjwks", "%ED%A0%80"]) {
      const response = await stack.api(`/api/envs/demo/clients/${client_id}/keys/${kid}`, {
        method: "DELETE",
        headers: { "If-Match": etag },
      });
      expect(response.status, kid).toBe(400);
    }
    for (const id of ["x".repeat(300), "a%0Ab", "a%20b", "%E2%80%AE"]) {
      expect((await stack.api(`/api/envs/demo/clients/${id}`)).status, id).toBe(400);
      expect((await stack.api(`/api/envs/demo/clients/${id}/jwks`)).status, id).toBe(400);
    }
    await badRequest(await stack.api("/api/envs/demo/organizations/12345"), "orgno");
    await badRequest(
      await stack.api("/api/envs/demo/scopes/access/99999999x?scope=digdir:demo.read", {
        method: "PUT",
      }),
      "orgno",
    );
    expect(await digdirCalls()).toBe(before);
    // The static route beside {orgno} still answers.
    expect((await stack.api("/api/envs/demo/scopes/access/all")).status).toBe(200);
  });
});

describe("roles re-checked with the provider during a session", () => {
  it("a person removed from the admin group loses admin within the re-check interval", async () => {
    // Every 5 minutes (the default, and the most allowed): reached by moving the BFF's clock.
    const clock = shiftableClock({ frozen: true });
    const short = await startTestStack({ now: clock.now });
    try {
      const session = async () =>
        ((await (await short.api("/api/session")).json()) as { roles: Record<string, string> })
          .roles;
      const create = (subscope: string) =>
        short.api("/api/envs/demo/scopes", {
          method: "POST",
          body: JSON.stringify({ prefix: "digdir", subscope, description: "rolle-test" }),
        });
      expect(await session()).toEqual({ demo: "admin" });
      expect((await create("rolle.a")).status).toBe(200);

      short.idp.setGroups("demo-admin", [DEMO_GROUPS.viewer]);
      clock.shift(5 * 60_000 - 5_000);
      expect(await session()).toEqual({ demo: "admin" }); // not re-checked yet
      clock.shift(5_000);
      // The same cookie: the BFF asked the provider again and now knows the person is a viewer.
      expect(await session()).toEqual({ demo: "viewer" });
      const refused = await create("rolle.b");
      expect(refused.status).toBe(403);
      expect(short.log.text()).toContain("roles changed at the provider");

      short.idp.setGroups("demo-admin", []);
      clock.shift(5 * 60_000);
      expect(await session()).toEqual({});
      expect((await short.api("/api/envs/demo/scopes")).status).toBe(403);
      // Nothing of the provider's tokens reaches the browser.
      const answer = await short.api("/api/session");
      expect(answer.headers.getSetCookie().join()).not.toMatch(/refresh/i);
    } finally {
      await short.close();
    }
  });

  it("a session whose roles cannot be re-checked ends (sign in again reads them afresh)", async () => {
    const clock = shiftableClock({ frozen: true });
    const short = await startTestStack({ now: clock.now });
    try {
      expect((await short.api("/api/session")).status).toBe(200);
      // The provider is gone: the roles cannot be confirmed, so the session is not trusted.
      await short.idp.close();
      clock.shift(5 * 60_000);
      const answer = await short.api("/api/session");
      expect(answer.status).toBe(401);
      expect(((await answer.json()) as { type: string }).type).toBe(
        "urn:portvakt:problem:sign-in-required",
      );
    } finally {
      await short.close().catch(() => undefined);
    }
  });
});

describe("input: well-formed text inside documents", () => {
  it("a YAML document with a \\ud800 escape is refused with the path, never planned", async () => {
    const document =
      'version: 1\nenvironment: demo\nscopes:\n  - name: digdir:demo.read\n    description: "x\\ud800"\n';
    const plan = await stack.api("/api/envs/demo/config/plan", {
      method: "POST",
      body: JSON.stringify({ document, format: "yaml" }),
    });
    expect(plan.status).toBe(400);
    expect(JSON.stringify(await plan.json())).toContain("scopes[0].description");
  });
});
