import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { loadCredential, SelfServiceClient, TokenClient } from "@portvakt/maskinporten";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "./config";
import { createLogger } from "./logger";
import { type RunningBff, startBff } from "./server";
import { shiftableClock } from "./testing/clock";
import { startTestStack, type TestStack } from "./testing/stack";

// Alerts of issue 18 #1 beyond client keys, over real HTTP: a consumer's access revoked or its
// scope deactivated by the provider, drift of an environment from its committed configuration
// document, and the admin client's own key in own-key mode. Each with one and two BFF instances
// on one store (SQLite here, PostgreSQL under DATABASE_URL), counted at a loopback webhook.

const DAY_MS = 86_400_000;
const PROVIDER = "991825827";
const CONSUMER = "889640782";
const PENSJON_CLIENT = "3f1c2a90-5b7e-4c1d-9a2e-6d8f0b1c2e3a";

interface Received {
  path: string;
  body: Record<string, unknown>;
}

const clock = shiftableClock();
let stack: TestStack;
let receiver: Server;
let dir: string;
let documentPath: string;
const webhooks: Received[] = [];

/** Digdir's API as the organisation uses it outside Portvakt (the same admin credential). */
async function outsidePortvakt(): Promise<SelfServiceClient> {
  const env = stack.config.environments[0]!;
  const credential = env.credential;
  if (credential.type !== "jwk") throw new Error("the stack runs in own-key mode");
  const tokens = new TokenClient({
    issuer: stack.simulator.issuer,
    clientId: env.clientId,
    credential: await loadCredential(credential),
    allowInsecureHttp: true,
  });
  return new SelfServiceClient({
    baseUrl: stack.simulator.apiBaseUrl,
    tokens,
    adminScopes: [...ALL_ADMIN_SCOPES],
  });
}

const jsonHooks = (type: string, match: (body: Record<string, unknown>) => boolean = () => true) =>
  webhooks.filter((w) => w.path === "/json" && w.body.type === type && match(w.body));

async function secondInstance(): Promise<RunningBff> {
  return startBff(
    parseConfig({ ...stack.config, port: 0 }, "second instance"),
    createLogger("silent"),
    {
      now: clock.now,
    },
  );
}

beforeAll(async () => {
  receiver = createHttpServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      webhooks.push({ path: request.url ?? "", body: JSON.parse(body) as Record<string, unknown> });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  dir = await mkdtemp(join(tmpdir(), "portvakt-alerts-"));
  documentPath = join(dir, "portvakt-demo.yaml");
  stack = await startTestStack({
    now: clock.now,
    ownAdminKey: true,
    adminKeyRotation: { enabled: true, beforeDays: 20 },
    withConsumerEnvironment: true,
    alerts: {
      webhooks: [
        { url: `${hook}/json`, format: "json" },
        { url: `${hook}/slack`, format: "slack" },
      ],
      drift: [{ env: "demo", path: documentPath }],
    },
  });
});

afterAll(async () => {
  await stack?.close();
  receiver?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a provider revokes our access or deactivates a scope", () => {
  it("the first look only records what the consumer may use", async () => {
    expect(await stack.bff.checkAccess()).toEqual([]);
    expect(jsonHooks("portvakt.access-lost")).toEqual([]);
  });

  it("a revoke by the provider notifies the consumer once, with the clients that use the scope", async () => {
    const revoked = await stack.api(
      `/api/envs/demo/scopes/access/${CONSUMER}?scope=${encodeURIComponent("digdir:demo.read")}`,
      { method: "DELETE" },
    );
    expect(revoked.status).toBe(200);
    const sent = await stack.bff.checkAccess();
    expect(sent.map((n) => [n.env, n.reason, n.scope])).toEqual([
      ["nav", "revoked", "digdir:demo.read"],
    ]);
    const hooks = jsonHooks("portvakt.access-lost", (b) => b.scope === "digdir:demo.read");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.body).toEqual({
      type: "portvakt.access-lost",
      reason: "revoked",
      env: "nav",
      scope: "digdir:demo.read",
      owner_orgno: PROVIDER,
      clients: [{ client_id: PENSJON_CLIENT, client_name: "NAV pensjon-integrasjon" }],
      code: "alert.access.revoked",
      params: {
        env: "nav",
        scope: "digdir:demo.read",
        owner_orgno: PROVIDER,
        clients: `NAV pensjon-integrasjon (${PENSJON_CLIENT})`,
        client_count: 1,
      },
      language: "en",
      text: `Access to scope digdir:demo.read was revoked by organisation ${PROVIDER} in environment nav. Clients that use it get no token for it any more: NAV pensjon-integrasjon (${PENSJON_CLIENT}).`,
    });
    expect(
      webhooks.filter(
        (w) => w.path === "/slack" && String(w.body.text).includes("digdir:demo.read"),
      ),
    ).toHaveLength(1);
    expect(await stack.bff.checkAccess()).toEqual([]);
    expect(jsonHooks("portvakt.access-lost", (b) => b.scope === "digdir:demo.read")).toHaveLength(
      1,
    );
  });

  it("a scope deactivated by its owner notifies once with two instances on one store", async () => {
    const deactivated = await stack.api(
      `/api/envs/demo/scopes?scope=${encodeURIComponent("difi:api3")}`,
      { method: "DELETE" },
    );
    expect(deactivated.status).toBe(200);
    const second = await secondInstance();
    try {
      // Both instances look, and both find the deactivation, before either may claim its
      // notice: only the claim in the store keeps it to one.
      let arrived = 0;
      let go!: () => void;
      const allLooked = new Promise<void>((resolve) => {
        go = resolve;
      });
      const between = async () => {
        arrived += 1;
        if (arrived === 2) go();
        await allLooked;
      };
      const [a, b] = await Promise.all([
        stack.bff.checkAccess({ between }),
        second.checkAccess({ between }),
      ]);
      expect([...a, ...b].filter((n) => n.scope === "difi:api3")).toHaveLength(1);
      const inactive = (b: Record<string, unknown>) =>
        b.scope === "difi:api3" && b.reason === "scope-inactive";
      await expect.poll(() => jsonHooks("portvakt.access-lost", inactive).length).toBe(1);
      expect(jsonHooks("portvakt.access-lost", inactive)[0]!.body).toMatchObject({
        env: "nav",
        owner_orgno: PROVIDER,
        clients: [{ client_id: PENSJON_CLIENT, client_name: "NAV pensjon-integrasjon" }],
      });
      await Promise.all([stack.bff.checkAccess(), second.checkAccess()]);
      expect(jsonHooks("portvakt.access-lost", inactive)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe("a PRIVATE scope (not in the catalogue a consumer reads)", () => {
  const PRIVATE_SCOPE = "digdir:intern/statistikk";
  const lost = () => jsonHooks("portvakt.access-lost", (b) => b.scope === PRIVATE_SCOPE);

  it("its deactivation with our access kept cannot be seen; its revoke is notified", async () => {
    const granted = await stack.api(
      `/api/envs/demo/scopes/access/${CONSUMER}?scope=${encodeURIComponent(PRIVATE_SCOPE)}`,
      { method: "PUT" },
    );
    expect(granted.status).toBe(200);
    expect(await stack.bff.checkAccess()).toEqual([]);
    // Deactivated by its owner, our grant kept (Digdir keeps grants): nothing a consumer reads
    // changes, so nothing is notified (README, Consumer and drift alerts).
    const deactivated = await stack.api(
      `/api/envs/demo/scopes?scope=${encodeURIComponent(PRIVATE_SCOPE)}`,
      { method: "DELETE" },
    );
    expect(deactivated.status).toBe(200);
    expect(await stack.bff.checkAccess()).toEqual([]);
    expect(lost()).toEqual([]);
    // The owner revokes our access too: that is seen, and notified once.
    const revoked = await stack.api(
      `/api/envs/demo/scopes/access/${CONSUMER}?scope=${encodeURIComponent(PRIVATE_SCOPE)}`,
      { method: "DELETE" },
    );
    expect(revoked.status).toBe(200);
    const sent = await stack.bff.checkAccess();
    expect(sent.map((n) => [n.reason, n.scope])).toEqual([["revoked", PRIVATE_SCOPE]]);
    expect(lost()).toHaveLength(1);
    expect(lost()[0]!.body).toMatchObject({ reason: "revoked", owner_orgno: PROVIDER, env: "nav" });
  });
});

describe("drift from the committed configuration document", () => {
  it("an environment as its document says notifies nothing", async () => {
    const exported = await stack.api("/api/envs/demo/config/export?format=yaml");
    expect(exported.status).toBe(200);
    await writeFile(documentPath, await exported.text());
    expect(await stack.bff.checkDrift()).toEqual([]);
  });

  it("a change made outside Portvakt notifies once per distinct drift", async () => {
    const digdir = await outsidePortvakt();
    await digdir.updateScope("digdir:demo.read", { description: "Endret i Digdirs portal" });
    const sent = await stack.bff.checkDrift();
    expect(sent).toHaveLength(1);
    const hooks = jsonHooks("portvakt.drift");
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.body).toEqual({
      type: "portvakt.drift",
      env: "demo",
      document: documentPath,
      steps: 1,
      by_kind: { "scope.update": 1 },
      step_ids: [expect.stringMatching(/^scope\.update:digdir:demo\.read/)],
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      code: "alert.drift",
      params: { env: "demo", document: documentPath, steps: 1, kinds: "1 scope.update" },
      language: "en",
      text: `Environment demo differs from its configuration document ${documentPath}: applying it would take 1 step (1 scope.update). Someone changed it outside Portvakt, or the document was not applied.`,
    });
    expect(await stack.bff.checkDrift()).toEqual([]);
    expect(jsonHooks("portvakt.drift")).toHaveLength(1);
  });

  it("a further change is a new drift: one notice from two instances", async () => {
    const digdir = await outsidePortvakt();
    await digdir.updateScope("digdir:krr/kontaktinfo.read", {
      description: "Også endret utenfor Portvakt",
    });
    const second = await secondInstance();
    try {
      await Promise.all([stack.bff.checkDrift(), second.checkDrift()]);
      await expect.poll(() => jsonHooks("portvakt.drift").length).toBe(2);
      expect(jsonHooks("portvakt.drift")[1]!.body).toMatchObject({ steps: 2 });
      await Promise.all([stack.bff.checkDrift(), second.checkDrift()]);
      expect(jsonHooks("portvakt.drift")).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});

describe("drift that comes back", () => {
  it("a drift notified before notifies again when it returns after another", async () => {
    const first = jsonHooks("portvakt.drift")[0]!.body;
    // The second change undone: the environment differs from its document as at first.
    const digdir = await outsidePortvakt();
    await digdir.updateScope("digdir:krr/kontaktinfo.read", {
      description: "Kontaktinformasjon for innloggede brukere",
    });
    expect(await stack.bff.checkDrift()).toHaveLength(1);
    expect(jsonHooks("portvakt.drift")).toHaveLength(3);
    expect(jsonHooks("portvakt.drift")[2]!.body).toMatchObject({
      digest: first.digest,
      steps: 1,
    });
    expect(await stack.bff.checkDrift()).toEqual([]);
  });
});

describe("own-key mode: the admin client's own registered key", () => {
  it("is watched like the certificate: one notice at 30 days", async () => {
    const env = stack.bff.environments.find((e) => e.config.id === "demo")!;
    expect(env.credential.kind).toBe("jwk");
    const kid = env.credential.kind === "jwk" ? env.credential.kid : "";
    const { keys } = await env.api.getJwks(env.config.clientId);
    const exp = (keys.find((k) => k.kid === kid) as { exp?: number }).exp!;
    expect(exp * 1000).toBeGreaterThan(clock.now() + 300 * DAY_MS);
    expect(await stack.bff.rotateAdminKeys()).toEqual([
      { env: "demo", status: "not-due", kid, exp },
    ]);
    const own = (n: { key: { kind: string; kid?: string } }) =>
      n.key.kind === "credential" && n.key.kid === kid;
    expect((await stack.bff.checkExpiry()).filter(own)).toEqual([]);

    clock.shift(exp * 1000 - clock.now() - 29.5 * DAY_MS);
    const sent = (await stack.bff.checkExpiry()).filter(own);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      threshold_days: 30,
      days_left: 30,
      key: { kind: "credential", env: "demo", clientId: env.config.clientId, kid },
    });
    const hooks = webhooks.filter(
      (w) =>
        w.path === "/json" &&
        w.body.type === "portvakt.key-expiry" &&
        JSON.stringify(w.body).includes(kid),
    );
    expect(hooks).toHaveLength(1);
    expect(String(hooks[0]!.body.text)).toContain(`The admin client's own key ${kid}`);
    // /metrics has the admin client's own key's expiry beside the other clients' keys.
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toContain(
      `portvakt_client_key_expiry_timestamp_seconds{env="demo",client_id="${env.config.clientId}",kid="${kid}"} ${exp}`,
    );
    expect((await stack.bff.checkExpiry()).filter(own)).toEqual([]);
  });
});

describe("own-key mode: rotation before the key expires", () => {
  it("registers a new key, gets a token with it, then removes the old key", async () => {
    const env = stack.bff.environments.find((e) => e.config.id === "demo")!;
    const oldKid = env.credential.kind === "jwk" ? env.credential.kid : "";
    const file = (stack.config.environments[0]!.credential as { path: string }).path;
    const oldCredential = await loadCredential({ type: "jwk", path: file });
    // 29.5 days left (the test above), not yet within 20: nothing happens.
    expect((await stack.bff.rotateAdminKeys())[0]).toMatchObject({ status: "not-due" });
    clock.shift(10 * DAY_MS);
    const [rotation] = await stack.bff.rotateAdminKeys();
    expect(rotation).toMatchObject({ env: "demo", status: "rotated", oldKid });
    const newKid = rotation!.status === "rotated" ? rotation!.newKid : "";
    expect(newKid).not.toBe(oldKid);
    // Digdir holds the new key only; the BFF signs with it; the file holds it.
    const { keys } = await env.api.getJwks(env.config.clientId);
    expect(keys.map((k) => k.kid)).toEqual([newKid]);
    expect(env.credential).toMatchObject({ kind: "jwk", kid: newKid });
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ kid: newKid, kty: "RSA" });
    // Digdir's admin client changed: the audit log says so (Portvakt as the actor, both kids).
    const rotated = (await stack.bff.audit.list({ action: "admin-key.rotate", env: "demo" }))
      .entries;
    expect(rotated[0]).toMatchObject({
      actor: { sub: "portvakt" },
      outcome: "success",
      code: "audit.admin-key.rotated",
      params: { oldKid, newKid },
    });
    env.tokens.invalidate();
    expect((await env.api.listClients()).length).toBeGreaterThan(0);
    // The old key no longer gets a token.
    const old = new TokenClient({
      issuer: stack.simulator.issuer,
      clientId: env.config.clientId,
      credential: oldCredential,
      allowInsecureHttp: true,
    });
    await expect(old.getToken(["idporten:scopes.read"])).rejects.toMatchObject({ kind: "token" });
  });
});

describe("own-key mode: a rotation whose new key gets no token", () => {
  it("keeps the old key, removes the new one, and is tried again at the next check", async () => {
    const env = stack.bff.environments.find((e) => e.config.id === "demo")!;
    const currentKid = env.credential.kind === "jwk" ? env.credential.kid : "";
    const file = (stack.config.environments[0]!.credential as { path: string }).path;
    const fileBefore = await readFile(file, "utf8");
    // Within 20 days of the current key's exp by the BFF's clock, so due; the next token fails.
    await stack.fault({ kind: "token-outage", times: 1 });
    const [failed] = await stack.bff.rotateAdminKeys();
    expect(failed).toMatchObject({ env: "demo", status: "failed", kid: currentKid });
    const { keys } = await env.api.getJwks(env.config.clientId);
    expect(keys.map((k) => k.kid)).toEqual([currentKid]);
    expect(env.credential).toMatchObject({ kind: "jwk", kid: currentKid });
    expect(await readFile(file, "utf8")).toBe(fileBefore);
    const [tried] = (await stack.bff.audit.list({ action: "admin-key.rotate", env: "demo" }))
      .entries;
    expect(tried).toMatchObject({
      outcome: "failure",
      code: "audit.admin-key.failed",
      params: { kid: currentKid },
    });

    const [retried] = await stack.bff.rotateAdminKeys();
    expect(retried).toMatchObject({ env: "demo", status: "rotated", oldKid: currentKid });
    const [last] = (await stack.bff.audit.list({ action: "admin-key.rotate", env: "demo" }))
      .entries;
    expect(last).toMatchObject({ outcome: "success", params: { oldKid: currentKid } });
  });
});

describe("own-key mode: a rotation whose old key cannot be removed", () => {
  it("says it rotated (it signs with the new key), audited partial naming the old key left", async () => {
    const env = stack.bff.environments.find((e) => e.config.id === "demo")!;
    const clientId = env.config.clientId;
    const currentKid = env.credential.kind === "jwk" ? env.credential.kid : "";
    const { keys } = await env.api.getJwks(clientId);
    const exp = (keys.find((k) => k.kid === currentKid) as { exp?: number }).exp!;
    // 10 days before the current key's exp (epoch seconds) by the BFF's clock: due.
    clock.shift(exp * 1000 - clock.now() - 10 * DAY_MS);
    // Digdir refuses every key removal: the old key cannot be taken off after the switch.
    await stack.fault({ kind: "status", status: 500, method: "DELETE", path: "/api/v1/clients/" });
    try {
      const [rotation] = await stack.bff.rotateAdminKeys();
      expect(rotation).toMatchObject({ env: "demo", status: "rotated", oldKid: currentKid });
      if (rotation?.status !== "rotated") throw new Error("not rotated");
      expect(rotation.oldKeyLeft).toBeTruthy();
      // Portvakt signs with the new key; Digdir still holds the old one beside it.
      expect(env.credential).toMatchObject({ kind: "jwk", kid: rotation.newKid });
      const after = await env.api.getJwks(clientId);
      expect(after.keys.map((k) => k.kid).sort()).toEqual([currentKid, rotation.newKid].sort());
      const [entry] = (await stack.bff.audit.list({ action: "admin-key.rotate", env: "demo" }))
        .entries;
      expect(entry).toMatchObject({
        outcome: "partial",
        code: "audit.admin-key.rotated-old-left",
        params: { oldKid: currentKid, newKid: rotation.newKid },
      });
    } finally {
      await stack.clearFaults();
    }
  });
});
