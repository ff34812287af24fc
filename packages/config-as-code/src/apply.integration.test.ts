import { generateKeyPairSync } from "node:crypto";
import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { loadPem, SelfServiceClient, TokenClient } from "@portvakt/maskinporten";
import { type RunningSimulator, startSimulator } from "@portvakt/simulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyDocument, StalePlanError, UnconfirmedStepsError } from "./apply";
import { type ConfigDocument, parseDocument } from "./document";
import { exportDocument, formatDocument, organizationNamesOf } from "./export";
import { readLiveState } from "./live-state";
import { planChanges } from "./plan";

const PROVIDER = "991825827";
const NAV = "889640782";
const BRREG = "974760673";
const DEMO_AS = "910000004";
const target = { environment: "demo", production: false };

let sim: RunningSimulator;
let api: SelfServiceClient;

async function providerApi(simulator: RunningSimulator): Promise<SelfServiceClient> {
  const org = simulator.demo.orgs[PROVIDER]!;
  const credential = await loadPem({ keyPem: org.keyPem, certChainPem: org.chainPem });
  const tokens = new TokenClient({
    issuer: simulator.issuer,
    clientId: simulator.demo.adminClientId,
    credential,
  });
  return new SelfServiceClient({
    baseUrl: simulator.apiBaseUrl,
    tokens,
    adminScopes: ALL_ADMIN_SCOPES,
    retries: 0,
  });
}

async function exportText(client: SelfServiceClient, format: "yaml" | "json" = "yaml") {
  const live = await readLiveState(client);
  return formatDocument(exportDocument(live, { environment: "demo" }), format, {
    organizationNames: organizationNamesOf(live),
  });
}

async function planOf(document: ConfigDocument) {
  return planChanges(document, await readLiveState(api), target);
}

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
  api = await providerApi(sim);
});
afterAll(() => sim?.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__control/reset`, { method: "POST" });
});

describe("export", () => {
  it("is byte-identical for the same state, in YAML and JSON", async () => {
    const yaml = await exportText(api);
    expect(await exportText(api)).toBe(yaml);
    expect(await exportText(api, "json")).toBe(await exportText(api, "json"));
    expect(yaml).toContain('- "889640782" # ARBEIDS- OG VELFERDSETATEN');
    // Only Maskinporten clients: the admin client (api_klient) is Digdir's to manage.
    expect(yaml).not.toContain("portvakt-demo-admin");
    const document = parseDocument(yaml);
    expect(document.scopes?.map((scope) => scope.name)).toContain("difi:gammel/v1");
    expect(document.clients?.map((client) => client.name)).toEqual([
      "Digdir eldre integrasjon",
      "Digdir pensjonsoppslag",
    ]);
    // The legacy key (no use at Digdir) is exported as it will be written back: use sig.
    const legacy = document.clients?.[0]?.keys?.[0];
    expect(legacy).toMatchObject({ kid: "legacy-2024", jwk: { use: "sig", alg: "RS256" } });
  });

  it("round trip: the seeded demo applied to an empty environment exports the same", async () => {
    const original = await exportText(api);
    const empty = await startSimulator({ mode: "test" });
    try {
      // Empty for the provider: none of its scopes, grants or Maskinporten clients; the rest of
      // the world (NAV's scope it consumes, its admin client) as before.
      const snapshot = empty.store.toSnapshot();
      const owned = new Set(
        snapshot.scopes.filter((s) => s.owner_orgno === PROVIDER).map((s) => s.name),
      );
      const clients = snapshot.clients.filter(
        (c) => c.client_orgno !== PROVIDER || c.integration_type !== "maskinporten",
      );
      const kept = new Set(clients.map((c) => c.client_id));
      empty.store.loadSnapshot({
        ...snapshot,
        scopes: snapshot.scopes.filter((s) => !owned.has(s.name)),
        grants: snapshot.grants.filter((g) => !owned.has(g.scope)),
        clients,
        // Kids are unique across clients: the keys of removed clients go with them.
        jwks: Object.fromEntries(Object.entries(snapshot.jwks).filter(([id]) => kept.has(id))),
      });
      const emptyApi = await providerApi(empty);
      expect(await exportText(emptyApi)).not.toBe(original);

      const document = parseDocument(original);
      const plan = planChanges(document, await readLiveState(emptyApi), target);
      const report = await applyDocument(emptyApi, document, {
        ...target,
        planFingerprint: plan.fingerprint,
        confirm: "all",
      });
      expect(report).toMatchObject({ status: "applied", notRun: 0 });
      expect(await exportText(emptyApi)).toBe(original);
    } finally {
      await empty.close();
    }
  });
});

describe("apply", () => {
  function newClientEntry(): NonNullable<ConfigDocument["clients"]>[number] {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = publicKey.export({ format: "jwk" });
    return {
      name: "Ny klient",
      description: "Laget av apply",
      scopes: ["digdir:config/v1"],
      keys: [{ kid: "apply-test-key", jwk: { kty: "RSA", n: String(jwk.n), e: String(jwk.e) } }],
    };
  }

  it("carries out every kind of step, and a second apply changes nothing", async () => {
    const document = parseDocument(await exportText(api));
    const scopes = document.scopes!;
    const byName = (name: string) => scopes.find((s) => s.name === name)!;
    // create + grant two orgs; update; reactivate; revoke one; deactivate one left out
    scopes.push({ name: "digdir:config/v1", description: "Fra dokument", consumers: [NAV, BRREG] });
    byName("difi:api3").description = "Endret beskrivelse";
    delete byName("difi:gammel/v1").active;
    byName("digdir:demo.read").consumers = [BRREG];
    document.scopes = scopes.filter((s) => s.name !== "digdir:demo/v1/hendelser");
    // create client with key; update client
    document.clients!.push(newClientEntry());
    document.clients![0]!.access_token_lifetime = 600;

    const plan = await planOf(document);
    expect(new Set(plan.steps.map((s) => s.kind))).toEqual(
      new Set([
        "scope.create",
        "scope.reactivate",
        "scope.update",
        "access.grant",
        "access.revoke",
        "client.create",
        "client.update",
        "key.add",
        "scope.deactivate",
      ]),
    );
    const dangerous = plan.steps.filter((s) => s.dangerous).map((s) => s.id);
    expect(dangerous).toEqual(["access.revoke:digdir:demo.read@889640782"]);

    const events: string[] = [];
    const report = await applyDocument(api, document, {
      ...target,
      planFingerprint: plan.fingerprint,
      confirm: dangerous,
      onStep: (event) => {
        events.push(`${event.outcome} ${event.step.id}`);
      },
    });
    expect(report.status).toBe("applied");
    expect(report.done).toBe(plan.steps.length);
    expect(events).toEqual(plan.steps.map((s) => `done ${s.id}`));

    const state = await readLiveState(api);
    const approved = (name: string) =>
      (state.grants[name] ?? []).filter((g) => g.state === "APPROVED").map((g) => g.consumer_orgno);
    expect(approved("digdir:config/v1")).toEqual([NAV, BRREG].sort());
    expect(approved("digdir:demo.read")).toEqual([BRREG]);
    expect(state.scopes.find((s) => s.name === "difi:gammel/v1")?.active).toBe(true);
    expect(state.scopes.find((s) => s.name === "digdir:demo/v1/hendelser")?.active).toBe(false);
    const created = state.clients.find((c) => c.client.client_name === "Ny klient")!;
    expect(created.client.scopes).toEqual(["digdir:config/v1"]);
    expect(created.keys.map((k) => k.kid)).toEqual(["apply-test-key"]);

    // The same apply again: nothing to do, even with the old fingerprint.
    expect((await planOf(document)).steps).toEqual([]);
    const again = await applyDocument(api, document, {
      ...target,
      planFingerprint: plan.fingerprint,
      confirm: [],
    });
    expect(again).toMatchObject({ status: "no-changes", steps: [] });
  });

  // Brief ux20 item 3: an unset lifetime is not sent as 0 on create; going back to
  // Maskinporten's default sends Digdir's 0; and the next plan is empty either way.
  it("creates a scope without its unset lifetimes, and sets one back to the default", async () => {
    await api.updateScope("difi:api3", { at_max_age: 300 });
    const sent: { call: string; body: Record<string, unknown> }[] = [];
    const recording = new Proxy(api, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        if (property === "createScope" || property === "updateScope") {
          return (...args: unknown[]) => {
            sent.push({ call: property, body: args.at(-1) as Record<string, unknown> });
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
    const document = parseDocument(await exportText(api));
    const api3 = document.scopes!.find((s) => s.name === "difi:api3")!;
    expect(api3.at_max_age).toBe(300);
    delete api3.at_max_age;
    document.scopes!.push({ name: "digdir:uten/levetid", description: "Ingen egne levetider" });
    const plan = await planOf(document);
    const report = await applyDocument(recording, document, {
      ...target,
      planFingerprint: plan.fingerprint,
      confirm: [],
    });
    expect(report.status).toBe("applied");
    const create = sent.find((call) => call.call === "createScope")!;
    expect(create.body).not.toHaveProperty("at_max_age");
    expect(create.body).not.toHaveProperty("authorization_max_lifetime");
    const update = sent.find((call) => call.call === "updateScope")!;
    expect(update.body).toMatchObject({ at_max_age: 0 });
    expect(update.body).not.toHaveProperty("authorization_max_lifetime");
    expect((await planOf(document)).steps).toEqual([]);
  });

  it("refuses a plan of a state that has changed since, and applies nothing", async () => {
    const document = parseDocument(await exportText(api));
    document.scopes!.push({ name: "digdir:stale", description: "Ny" });
    const plan = await planOf(document);
    await api.grantAccess("difi:api3", DEMO_AS);
    const error = await applyDocument(api, document, {
      ...target,
      planFingerprint: plan.fingerprint,
      confirm: "all",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StalePlanError);
    // The new plan also revokes the grant made behind the plan's back.
    if (!(error instanceof StalePlanError)) throw error;
    expect(error.plan.steps.map((s) => s.id)).toContain(`access.revoke:difi:api3@${DEMO_AS}`);
    expect((await readLiveState(api)).scopes.map((s) => s.name)).not.toContain("digdir:stale");
  });

  it("refuses unconfirmed dangerous steps, and applies nothing", async () => {
    const document = parseDocument(await exportText(api));
    document.scopes!.push({ name: "digdir:venter", description: "Ny" });
    document.scopes!.find((s) => s.name === "difi:api3")!.consumers = [];
    const plan = await planOf(document);
    const error = await applyDocument(api, document, {
      ...target,
      planFingerprint: plan.fingerprint,
      confirm: [],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnconfirmedStepsError);
    if (!(error instanceof UnconfirmedStepsError)) throw error;
    expect(error.stepIds).toEqual([`access.revoke:difi:api3@${NAV}`]);
    expect((await planOf(document)).fingerprint).toBe(plan.fingerprint);
  });

  it("stops at the first failure and reports what was done and what not", async () => {
    const document = parseDocument(await exportText(api));
    document.scopes!.push(
      { name: "digdir:feil/a", description: "A" },
      { name: "digdir:feil/b", description: "B", consumers: [NAV] },
      { name: "digdir:feil/c", description: "C", consumers: [BRREG] },
    );
    const plan = await planOf(document);
    await fetch(`${sim.url}/__control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        path: "/api/v1/scopes/access/",
        method: "PUT",
        kind: "status",
        status: 500,
      }),
    });
    const report = await applyDocument(api, document, {
      ...target,
      planFingerprint: plan.fingerprint,
      confirm: [],
    });
    expect(report.status).toBe("failed");
    expect(report.steps.map((s) => [s.id, s.outcome])).toEqual([
      ["scope.create:digdir:feil/a", "done"],
      ["scope.create:digdir:feil/b", "done"],
      ["scope.create:digdir:feil/c", "done"],
      [`access.grant:digdir:feil/b@${NAV}`, "failed"],
      [`access.grant:digdir:feil/c@${BRREG}`, "not-run"],
    ]);
    expect(report).toMatchObject({ done: 3, notRun: 1 });
    expect(report.failed?.error?.status).toBe(500);
    await fetch(`${sim.url}/__control/faults`, { method: "DELETE" });
    // Planning again picks up where it stopped.
    expect((await planOf(document)).steps.map((s) => s.id)).toEqual([
      `access.grant:digdir:feil/b@${NAV}`,
      `access.grant:digdir:feil/c@${BRREG}`,
    ]);
  });
});
