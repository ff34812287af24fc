import { CONSUMER_ORGNO, PROVIDER_ORGNO } from "@portvakt/simulator";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdminCredential } from "./credentials";
import { MaskinportenError } from "./errors";
import {
  addFault,
  adminClients,
  clearFaults,
  demoCredential,
  expireTokens,
  listFaults,
  type RunningSimulator,
  resetSimulator,
  startTestSimulator,
  tokenRequestCount,
} from "./test-support/simulator";
import { TokenClient } from "./token";

let sim: RunningSimulator;
let provider: AdminCredential;

beforeAll(async () => {
  sim = await startTestSimulator();
  provider = await demoCredential(sim, PROVIDER_ORGNO);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  await resetSimulator(sim);
});

async function failure(promise: Promise<unknown>): Promise<MaskinportenError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MaskinportenError);
  return error as MaskinportenError;
}

async function publicJwk(kid: string) {
  const { publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  return {
    kty: "RSA" as const,
    n: jwk.n!,
    e: jwk.e!,
    kid,
    use: "sig" as const,
    alg: "RS256" as const,
  };
}

describe("every typed call against the simulator", () => {
  it("scopes: list, prefixes, create, get, update, catalogue, deactivate", async () => {
    const { api } = adminClients(sim, provider);
    const active = await api.listScopes();
    expect(active.every((scope) => scope.owner_orgno === PROVIDER_ORGNO && scope.active)).toBe(
      true,
    );
    const all = await api.listScopes({ inactive: true });
    expect(all.map((scope) => scope.name)).toContain("difi:gammel/v1");
    expect((await api.listPrefixes()).map((p) => p.prefix).sort()).toEqual(["difi", "digdir"]);

    const name = "digdir:portvakt/it/v1.read";
    const created = await api.createScope({
      prefix: "digdir",
      subscope: "portvakt/it/v1.read",
      description: "Integration test",
      visibility: "PUBLIC",
      allowed_integration_types: ["maskinporten"],
    });
    expect(created).toMatchObject({ name, owner_orgno: PROVIDER_ORGNO, active: true });
    expect((await api.getScope(name)).name).toBe(name);
    const updated = await api.updateScope(name, { description: "Changed", at_max_age: 60 });
    expect(updated).toMatchObject({ name, description: "Changed", at_max_age: 60 });

    const catalogue = await api.listScopeCatalogue({ prefix: "digdir" });
    expect(catalogue.map((scope) => scope.name)).toContain(name);
    expect(catalogue.every((scope) => scope.visibility === "PUBLIC")).toBe(true);

    const duplicate = await failure(
      api.createScope({ prefix: "digdir", subscope: "portvakt/it/v1.read", description: "Again" }),
    );
    expect(duplicate).toMatchObject({ kind: "http", status: 409 });
    expect(duplicate.correlationId).toBeTruthy();

    expect((await api.deactivateScope(name)).active).toBe(false);
    expect((await api.listScopes()).map((scope) => scope.name)).not.toContain(name);
  });

  it("a scope with slashes round-trips through ?scope=", async () => {
    const { api } = adminClients(sim, provider);
    const granted = await api.listAccessGrantedToMe();
    expect(granted.map((access) => access.scope)).toContain("nav:pensjon/v3/alderspensjon");

    const nav = await demoCredential(sim, CONSUMER_ORGNO);
    const { api: navApi } = adminClients(sim, nav, {
      clientId: sim.demo.consumerAdminClientId,
      adminScopes: ["idporten:scopes.read", "idporten:dcr.read", "idporten:dcr.write"],
    });
    const scope = await navApi.getScope("nav:pensjon/v3/alderspensjon");
    expect(scope).toMatchObject({ prefix: "nav", subscope: "pensjon/v3/alderspensjon" });
    const consumers = await navApi.listAccessByScope("nav:pensjon/v3/alderspensjon");
    expect(consumers.map((access) => access.consumer_orgno)).toContain(PROVIDER_ORGNO);
  });

  it("access: grant, list by scope and by consumer, revoke", async () => {
    const { api } = adminClients(sim, provider);
    const scope = "digdir:demo/v1/hendelser";
    const granted = await api.grantAccess(scope, CONSUMER_ORGNO);
    expect(granted).toMatchObject({ scope, consumer_orgno: CONSUMER_ORGNO, state: "APPROVED" });
    expect((await api.grantAccess(scope, CONSUMER_ORGNO)).state).toBe("APPROVED");

    const byScope = await api.listAccessByScope(scope);
    expect(byScope.find((access) => access.consumer_orgno === CONSUMER_ORGNO)?.state).toBe(
      "APPROVED",
    );
    const byConsumer = await api.listAccessByConsumer(CONSUMER_ORGNO);
    expect(byConsumer.map((access) => access.scope)).toContain(scope);

    expect((await api.revokeAccess(scope, CONSUMER_ORGNO)).state).toBe("DENIED");
    const invalid = await failure(api.grantAccess(scope, "123456789"));
    expect(invalid).toMatchObject({ kind: "http", status: 400 });
  });

  it("clients and keys: create, get, update, list, key set, one key, delete", async () => {
    const { api } = adminClients(sim, provider);
    const client = await api.createClient({
      client_name: "Portvakt IT",
      description: "Integration test client",
      scopes: ["nav:pensjon/v3/alderspensjon"],
    });
    expect(client).toMatchObject({
      integration_type: "maskinporten",
      token_endpoint_auth_method: "private_key_jwt",
      client_orgno: PROVIDER_ORGNO,
    });
    const id = client.client_id;
    expect((await api.getClient(id)).client_name).toBe("Portvakt IT");
    expect((await api.updateClient(id, { description: "Changed" })).description).toBe("Changed");
    expect((await api.listClients()).map((c) => c.client_id)).toContain(id);

    const keys = [await publicJwk(`it-a-${Date.now()}`), await publicJwk(`it-b-${Date.now()}`)];
    const set = await api.replaceJwks(id, { keys });
    expect(set.keys.map((key) => key.kid)).toEqual(keys.map((key) => key.kid));
    expect((await api.getJwks(id)).keys).toHaveLength(2);
    expect((await api.getJwk(id, keys[0]!.kid)).n).toBe(keys[0]!.n);
    await api.deleteJwk(id, keys[0]!.kid);
    expect((await api.getJwks(id)).keys.map((key) => key.kid)).toEqual([keys[1]!.kid]);
    await api.deleteJwks(id);
    expect((await api.getJwks(id)).keys).toHaveLength(0);

    await api.deleteClient(id);
    expect((await api.listClients()).map((c) => c.client_id)).not.toContain(id);
    const gone = await failure(api.getJwk(id, "nope"));
    expect(gone.status).toBeGreaterThanOrEqual(400);
  });

  it("organisations", async () => {
    const { api } = adminClients(sim, provider);
    expect(await api.getOrganization(CONSUMER_ORGNO)).toMatchObject({ orgno: CONSUMER_ORGNO });
  });
});

describe("answers reused while Digdir's bytes are the same", () => {
  it("returns the same frozen value for the same answer, and a new one when it changes", async () => {
    const { api } = adminClients(sim, provider);
    const first = await api.listScopes();
    const second = await api.listScopes();
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
    const prefix = (await api.listPrefixes())[0]?.prefix;
    await api.createScope({ prefix: prefix!, subscope: "memo/ny", description: "ny" });
    const third = await api.listScopes();
    expect(third).not.toBe(first);
    expect(third.map((scope) => scope.name)).toContain(`${prefix}:memo/ny`);
  });
});

describe("resilience against the simulator", () => {
  it("recovers a 401 after expire-tokens with exactly one extra token request", async () => {
    const { api, tokens } = adminClients(sim, provider);
    await api.listScopes();
    const before = await tokenRequestCount(sim);
    await expireTokens(sim);
    await api.listScopes();
    expect((await tokenRequestCount(sim)) - before).toBe(1);
    expect(tokens.stats.requests).toBe(2);
    expect(api.stats).toEqual({ calls: 2, retries: 1 });
  });

  it("500 concurrent getToken after a cold start make one token request", async () => {
    const tokens = new TokenClient({
      issuer: sim.issuer,
      clientId: sim.demo.adminClientId,
      credential: provider,
    });
    const before = await tokenRequestCount(sim);
    const results = await Promise.all(
      Array.from({ length: 500 }, () => tokens.getToken(["idporten:scopes.read"])),
    );
    expect(new Set(results.map((token) => token.accessToken)).size).toBe(1);
    expect((await tokenRequestCount(sim)) - before).toBe(1);
    expect(tokens.stats).toEqual({ requests: 1, cacheHits: 499 });
  });

  it("retries a GET after a 503 and succeeds", async () => {
    const { api } = adminClients(sim, provider);
    await addFault(sim, {
      path: "/api/v1/scopes",
      method: "GET",
      kind: "status",
      status: 503,
      times: 1,
    });
    expect((await api.listScopes()).length).toBeGreaterThan(0);
    expect(api.stats.retries).toBe(1);
  });

  it("does not retry a POST after a 503", async () => {
    const { api } = adminClients(sim, provider);
    await addFault(sim, {
      path: "/api/v1/scopes",
      method: "POST",
      kind: "status",
      status: 503,
      times: 2,
    });
    const error = await failure(
      api.createScope({ prefix: "digdir", subscope: "retry.never", description: "x" }),
    );
    expect(error).toMatchObject({ kind: "http", status: 503, method: "POST" });
    // The fault would hit twice; one hit left means exactly one attempt.
    expect((await listFaults(sim)).map((fault) => fault.hits)).toEqual([1]);
    expect(api.stats.retries).toBe(0);
    await clearFaults(sim);
  });

  it("gives kind timeout when latency exceeds the timeout", async () => {
    const { api } = adminClients(sim, provider, { timeoutMs: 150, retries: 1 });
    await addFault(sim, { path: "/api/v1/prefix", kind: "latency", ms: 1_000 });
    const error = await failure(api.listPrefixes());
    expect(error).toMatchObject({ kind: "timeout", method: "GET", path: "/api/v1/prefix" });
    expect(api.stats.retries).toBe(1);
    await clearFaults(sim);
  });

  it("retries a dropped connection on a GET", async () => {
    const { api } = adminClients(sim, provider);
    await addFault(sim, { path: "/api/v1/clients", method: "GET", kind: "drop", times: 1 });
    expect(Array.isArray(await api.listClients())).toBe(true);
    expect(api.stats.retries).toBe(1);
  });

  it("reports a token outage as a token error", async () => {
    const { api } = adminClients(sim, provider);
    await addFault(sim, { kind: "token-outage", times: 1 });
    const error = await failure(api.listScopes());
    expect(error).toMatchObject({ kind: "token", status: 503 });
    expect((await api.listScopes()).length).toBeGreaterThan(0);
  });

  it("explains MP-250 when the consumer has lost access to the scope", async () => {
    const nav = await demoCredential(sim, CONSUMER_ORGNO);
    const { api: navApi } = adminClients(sim, nav, {
      clientId: sim.demo.consumerAdminClientId,
      adminScopes: ["idporten:dcr.read", "idporten:dcr.write"],
    });
    const client = await navApi.createClient({
      client_name: "NAV demo reader",
      description: "Reads Digdir demo data",
      scopes: ["digdir:demo.read"],
    });
    const { api: providerApi } = adminClients(sim, provider);
    await providerApi.revokeAccess("digdir:demo.read", CONSUMER_ORGNO);

    const tokens = new TokenClient({
      issuer: sim.issuer,
      clientId: client.client_id,
      credential: nav,
    });
    const error = await failure(tokens.getToken(["digdir:demo.read"]));
    expect(error).toMatchObject({ kind: "token", code: "MP-250", status: 403 });
    expect(error.explanation).toMatch(/^MP-250: The organisation has not been granted access/);
    expect(error.explanation).toContain("digdir:demo.read");
  });

  it("explains a 403 for a missing admin scope and a 401 for a non-admin client", async () => {
    const nav = await demoCredential(sim, CONSUMER_ORGNO);
    const { api: navApi } = adminClients(sim, nav, {
      clientId: sim.demo.consumerAdminClientId,
      adminScopes: ["idporten:scopes.read"],
    });
    const forbidden = await failure(navApi.grantAccess("nav:arbeidsforhold.read", PROVIDER_ORGNO));
    expect(forbidden.status).toBe(403);
    expect(forbidden.explanation).toContain("idporten:scopes.write");
    expect(forbidden.explanation).toMatch(/does not carry/);

    const { api: notAdmin } = adminClients(sim, provider, {
      clientId: "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
      adminScopes: ["nav:pensjon/v3/alderspensjon"],
    });
    const unauthorized = await failure(notAdmin.listScopes());
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.explanation).toMatch(/not an admin client/);
  });

  it("refuses a response that does not match the contracts as invalid-response", async () => {
    // With "#" the API path lands in the fragment, so the request reaches /__control/stats,
    // whose JSON object is no scope list.
    const { api } = adminClients(sim, provider, { baseUrl: `${sim.url}/__control/stats#` });
    const error = await failure(api.listScopes());
    expect(error).toMatchObject({ kind: "invalid-response", status: 200 });
  });
});

describe("issue 12 #7: the rest of Digdir's API surface through the client library", () => {
  it("addKeyText posts a PEM public key as text (POST /api/v2/clients/{id}/key) and refuses a private key", async () => {
    const { api } = adminClients(sim, provider);
    const client = (await api.listClients()).find((c) => c.active !== false);
    expect(client).toBeDefined();
    const clientId = client!.client_id;
    const { exportPKCS8, exportSPKI } = await import("jose");
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    const key = await api.addKeyText(clientId, await exportSPKI(publicKey));
    expect(key.use).toBe("sig");
    expect(key.kid).toBeTruthy();
    expect((await api.getJwks(clientId)).keys.map((k) => k.kid)).toContain(key.kid);
    await expect(api.addKeyText(clientId, await exportPKCS8(privateKey))).rejects.toThrow(
      /never a private key/,
    );
  });

  it("delegated_sources=true lists only catalogue scopes with a delegation source", async () => {
    const { api } = adminClients(sim, provider);
    const all = await api.listScopeCatalogue();
    const delegated = await api.listScopeCatalogue({ delegated_sources: "true" });
    expect(all.some((scope) => !scope.delegation_source)).toBe(true);
    expect(delegated.length).toBeGreaterThan(0);
    expect(delegated.length).toBeLessThan(all.length);
    expect(delegated.every((scope) => Boolean(scope.delegation_source))).toBe(true);
  });

  it("the inactive filter: revoked (DENIED) rows only with inactive", async () => {
    const { api } = adminClients(sim, provider);
    const scope = "digdir:intern/statistikk";
    const active = await api.listAccessByScope(scope);
    const all = await api.listAccessByScope(scope, { inactive: true });
    expect(active.some((row) => row.state === "DENIED")).toBe(false);
    expect(all.some((row) => row.state === "DENIED")).toBe(true);
  });

  it("delegation sources and every organisation's prefixes", async () => {
    const { api } = adminClients(sim, provider);
    const sources = await api.listDelegationSources();
    expect(sources.map((source) => source.name)).toContain("Altinn");
    const prefixes = await api.listAllPrefixes();
    expect(prefixes.map((row) => row.prefix)).toEqual(expect.arrayContaining(["digdir", "nav"]));
    expect(prefixes.find((row) => row.prefix === "nav")?.owner_orgno).toBe(CONSUMER_ORGNO);
  });
});
