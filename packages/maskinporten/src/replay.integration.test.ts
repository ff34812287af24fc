import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeySetEditor } from "./key-set-editor";
import type { SelfServiceClient } from "./self-service";
import { replayClient } from "./test-support/replay-client";
import { type RunningReplayServer, startReplayServer } from "./test-support/replay-server";

// Digdir's answers as recorded (test-support/replay/digdir-answers.json), served by a small
// recording server that is not the simulator: every read must succeed, odd rows kept and flagged.
let replay: RunningReplayServer;
let api: SelfServiceClient;
const seen: string[] = [];

beforeAll(async () => {
  replay = await startReplayServer();
  api = await replayClient(replay.url, { onRowWarning: (warning) => seen.push(warning.kind) });
});
afterAll(() => replay?.close());

describe("the client library reads Digdir's recorded answers", () => {
  it("own scopes: a full row with fields outside the OpenAPI, sparse rows, empty numbers, a row without name", async () => {
    const scopes = await api.listScopes();
    expect(scopes.map((s) => s.name)).toEqual([
      "digdir:demo.read",
      "digdir:sparsom",
      "digdir:tom.tall",
      "digdir:uten.navn",
    ]);
    const full = scopes[0]!;
    expect(full.protected).toBe(false);
    expect(full.supports_european_businesses).toBe(true);
    expect(full["description#nn"]).toBe("Les demodata (nynorsk)");
    expect(full.delegations).toEqual({ altinn: ["digdir:demo.read"] });
    expect(full.portvakt_warnings).toBeUndefined();
    expect(scopes[1]!.visibility).toBeUndefined();
    expect(scopes[2]!.portvakt_warnings?.map((w) => w.field).sort()).toEqual([
      "at_max_age",
      "authorization_max_lifetime",
    ]);
    expect(scopes[3]!.portvakt_warnings?.map((w) => w.kind).sort()).toEqual([
      "invalid-field",
      "scope-without-name",
    ]);
    expect(seen).toContain("invalid-field");
  });

  it("the public catalogue: sparse rows and an empty authorization_max_lifetime; a null row dropped", async () => {
    const catalogue = await api.listScopeCatalogue();
    expect(catalogue.map((s) => s.name)).toEqual([
      "nav:gammel",
      "skatteetaten:tom",
      "brreg:enhetsregisteret/v2",
    ]);
    expect(catalogue[2]!.protected).toBe(true);
  });

  it("empty lists answered as errors read as empty", async () => {
    expect(await api.listAccessGrantedToMe()).toEqual([]);
    expect((await api.getJwks("replay-nokeys")).keys).toEqual([]);
    expect((await api.getJwks("replay-sparse")).keys).toEqual([]);
  });

  it("access rows with only scope and consumer, and an unknown state", async () => {
    const rows = await api.listAccessByScope("digdir:demo.read");
    expect(rows.map((r) => r.consumer_orgno)).toEqual(["889640782", "974760673", "910000004"]);
    expect(rows[2]!.state).toBeUndefined();
    expect(rows[2]!.portvakt_warnings?.[0]?.field).toBe("state");
  });

  it("prefixes as objects, every prefix, delegation sources, organisation names", async () => {
    const prefixes = await api.listPrefixes();
    expect(prefixes[0]).toMatchObject({
      prefix: "digdir",
      organization_name: "DIGITALISERINGSDIREKTORATET",
      active: true,
    });
    expect(prefixes[1]).toEqual({ prefix: "difi", owner_orgno: "991825827" });
    expect((await api.listAllPrefixes()).map((p) => p.prefix)).toEqual(["digdir", "nav"]);
    expect((await api.listDelegationSources())[0]?.name).toBe("Altinn");
    expect(await api.getOrganization("991825827")).toEqual({
      orgno: "991825827",
      name: "DIGITALISERINGSDIREKTORATET",
    });
    expect(replay.requests).toContain("GET /api/v1/organizations/991825827");
  });

  it("clients with the OpenAPI's other fields, a sparse client, and a legacy key", async () => {
    const clients = await api.listClients();
    expect(clients.map((c) => c.client_id)).toEqual([
      "replay-legacy",
      "replay-sparse",
      "replay-nokeys",
    ]);
    expect(clients[0]!.refresh_token_lifetime).toBe(0);
    expect(clients[0]!.redirect_uris).toEqual([]);
    const keys = new KeySetEditor({ api });
    const jwks = await keys.read("replay-legacy");
    expect(jwks.keys[0]).toMatchObject({ kid: "legacy-2024", alg: "RS256" });
    expect(jwks.keys[0]!.use).toBeUndefined();
    expect(jwks.keys[0]!.portvakt_warnings?.[0]?.kind).toBe("jwk-without-use");
    expect((await api.getJwk("replay-legacy", "legacy-2024")).kid).toBe("legacy-2024");
  });
});
