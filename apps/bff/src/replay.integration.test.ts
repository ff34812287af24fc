import { type RunningReplayServer, startReplayServer } from "@portvakt/maskinporten/replay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

// The BFF pointed at the recording server (Digdir's real shapes, not the simulator): every read
// route answers 200 with the rows kept, odd ones flagged in portvakt_warnings, and logged once.
let replay: RunningReplayServer;
let stack: TestStack;

beforeAll(async () => {
  replay = await startReplayServer();
  stack = await startTestStack({
    upstream: { issuer: `${replay.url}/`, apiBaseUrl: replay.url },
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await replay?.close();
});

const env = "/api/envs/demo";
async function read<T>(path: string): Promise<T> {
  const response = await stack.api(`${env}${path}`);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

type Row = { name?: string; portvakt_warnings?: Array<{ kind: string; field?: string }> };

describe("the BFF over HTTP reads every recorded answer", () => {
  it("scopes, the catalogue, prefixes, delegation sources", async () => {
    const own = await read<Row[]>("/scopes?inactive=true");
    expect(own.map((s) => s.name)).toContain("digdir:uten.navn");
    expect(own.find((s) => s.name === "digdir:tom.tall")?.portvakt_warnings).toHaveLength(2);
    const catalogue = await read<Row[]>("/scopes/all");
    expect(catalogue.map((s) => s.name)).toEqual([
      "nav:gammel",
      "skatteetaten:tom",
      "brreg:enhetsregisteret/v2",
    ]);
    expect(catalogue[1]?.portvakt_warnings?.[0]?.field).toBe("authorization_max_lifetime");
    const prefixes = await read<Array<{ prefix: string; organization_name?: string }>>("/prefix");
    expect(prefixes[0]).toMatchObject({
      prefix: "digdir",
      organization_name: "DIGITALISERINGSDIREKTORATET",
    });
    expect((await read<unknown[]>("/prefix/all")).length).toBe(2);
    expect((await read<Array<{ name: string }>>("/delegationsources"))[0]?.name).toBe("Altinn");
  });

  it("access: an empty list answered as an error is an empty list; odd rows kept", async () => {
    expect(await read<unknown[]>("/scopes/access/all")).toEqual([]);
    const rows = await read<Row[]>(
      `/scopes/access?scope=${encodeURIComponent("digdir:demo.read")}`,
    );
    expect(rows).toHaveLength(3);
  });

  it("clients and keys: a legacy key shown and flagged, a client without keys is an empty set", async () => {
    const clients = await read<Array<{ client_id: string; redirect_uris?: unknown }>>("/clients");
    expect(clients.map((c) => c.client_id)).toEqual([
      "replay-legacy",
      "replay-sparse",
      "replay-nokeys",
    ]);
    expect(clients[0]?.redirect_uris).toEqual([]);
    const legacy = await read<{ keys: Array<Row & { kid: string; use?: string }> }>(
      "/clients/replay-legacy/jwks",
    );
    expect(legacy.keys[0]?.kid).toBe("legacy-2024");
    expect(legacy.keys[0]?.use).toBeUndefined();
    expect(legacy.keys[0]?.portvakt_warnings?.[0]?.kind).toBe("jwk-without-use");
    expect((await read<{ keys: unknown[] }>("/clients/replay-nokeys/jwks")).keys).toEqual([]);
    expect((await read<{ keys: unknown[] }>("/clients/replay-sparse/jwks")).keys).toEqual([]);
    expect((await read<{ client_id: string }>("/clients/replay-sparse")).client_id).toBe(
      "replay-sparse",
    );
  });

  it("logs each kind of oddity once per process", async () => {
    await read("/scopes/all");
    await read("/scopes/all");
    const odd = stack.log.lines.filter((line) => line.includes("odd row"));
    const kinds = odd.map((line) => {
      const entry = JSON.parse(line) as { kind: string; field?: string };
      return `${entry.kind}:${entry.field ?? ""}`;
    });
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toContain("jwk-without-use:use");
  });
});
