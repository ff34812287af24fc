import { DEMO_LEGACY_KEY_CLIENT_ID, DEMO_LEGACY_KID, PROVIDER_ORGNO } from "@portvakt/simulator";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdminCredential } from "./credentials";
import { inProcessLock, KeyEditRefused, KeySetEditor } from "./key-set-editor";
import {
  adminClients,
  demoCredential,
  type RunningSimulator,
  resetSimulator,
  startTestSimulator,
} from "./test-support/simulator";

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

async function refusal(promise: Promise<unknown>): Promise<KeyEditRefused> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeyEditRefused);
  return error as KeyEditRefused;
}

async function newClient(api: ReturnType<typeof adminClients>["api"]): Promise<string> {
  const client = await api.createClient({ client_name: "Nøkkeltest", description: "editor" });
  return client.client_id!;
}

describe("KeySetEditor against the simulator", () => {
  it("adds the first key to a client without keys (Digdir answers 404 for its set)", async () => {
    const { api } = adminClients(sim, provider);
    const keys = new KeySetEditor({ api });
    const id = await newClient(api);
    expect((await keys.read(id)).keys).toEqual([]);
    const set = await keys.addKey(id, await publicJwk("first"));
    expect(set.keys.map((key) => key.kid)).toEqual(["first"]);
  });

  it("removes the last key and reads an empty set afterwards", async () => {
    const { api } = adminClients(sim, provider);
    const keys = new KeySetEditor({ api });
    const id = await newClient(api);
    await keys.addKey(id, await publicJwk("only"));
    expect((await keys.removeKey(id, "only")).keys).toEqual([]);
    expect((await refusal(keys.removeKey(id, "only"))).status).toBe(404);
  });

  it("adds one key without renewing the others' exp (single-key PUT)", async () => {
    const { api } = adminClients(sim, provider);
    const keys = new KeySetEditor({ api });
    const id = await newClient(api);
    await keys.replaceAll(id, [{ ...(await publicJwk("old")), exp: 1_900_000_000 }]);
    const set = await keys.addKey(id, await publicJwk("new"));
    expect(set.keys.find((key) => key.kid === "old")?.exp).toBe(1_900_000_000);
    expect(set.keys.find((key) => key.kid === "new")?.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("replaceAll sends each kept key's exp back and refuses an empty list", async () => {
    const { api } = adminClients(sim, provider);
    const keys = new KeySetEditor({ api });
    const id = await newClient(api);
    const a = { ...(await publicJwk("a")), exp: 1_900_000_000 };
    await keys.replaceAll(id, [a]);
    const current = (await keys.read(id)).keys;
    // The set as read (exp included) written back with one more key: `a` keeps its exp.
    const b = await publicJwk("b");
    const { exp: _exp, ...aWithoutExp } = a;
    const after = await keys.replaceAll(id, [aWithoutExp, b]);
    expect(current[0]?.exp).toBe(1_900_000_000);
    expect(after.keys.find((key) => key.kid === "a")?.exp).toBe(1_900_000_000);
    expect((await refusal(keys.replaceAll(id, []))).status).toBe(400);
    expect((await keys.read(id)).keys).toHaveLength(2);
  });

  it("refuses a kid already there (409) and a sixth key (400) before writing", async () => {
    const { api } = adminClients(sim, provider);
    const keys = new KeySetEditor({ api });
    const id = await newClient(api);
    for (const kid of ["k1", "k2", "k3", "k4", "k5"]) await keys.addKey(id, await publicJwk(kid));
    expect((await refusal(keys.addKey(id, await publicJwk("k1")))).status).toBe(409);
    expect((await refusal(keys.addKey(id, await publicJwk("k6")))).status).toBe(400);
    expect((await keys.read(id)).keys).toHaveLength(5);
  });

  it("shows a legacy key (no use), keeps it when adding, and writes it back with use sig", async () => {
    const { api } = adminClients(sim, provider);
    const keys = new KeySetEditor({ api });
    const before = await keys.read(DEMO_LEGACY_KEY_CLIENT_ID);
    const legacy = before.keys.find((key) => key.kid === DEMO_LEGACY_KID)!;
    expect(legacy.use).toBeUndefined();
    expect(legacy.portvakt_warnings?.map((w) => w.kind)).toEqual(["jwk-without-use"]);

    const added = await keys.addKey(DEMO_LEGACY_KEY_CLIENT_ID, await publicJwk("modern"));
    const kept = added.keys.find((key) => key.kid === DEMO_LEGACY_KID)!;
    expect(kept.use).toBeUndefined();
    expect(kept.exp).toBe(legacy.exp);

    const rewritten = await keys.replaceAll(DEMO_LEGACY_KEY_CLIENT_ID, added.keys);
    const written = rewritten.keys.find((key) => key.kid === DEMO_LEGACY_KID)!;
    expect(written.use).toBe("sig");
    expect(written.n).toBe(legacy.n);
    expect(written.exp).toBe(legacy.exp);
    expect(written.portvakt_warnings).toBeUndefined();
  });

  it("runs edits of one client one after another under the lock it is given", async () => {
    const { api } = adminClients(sim, provider);
    const seen: string[] = [];
    const lock = inProcessLock();
    const keys = new KeySetEditor({
      api,
      namespace: "env-a",
      withLock: (name, fn) => {
        seen.push(name);
        return lock(name, fn);
      },
    });
    const id = await newClient(api);
    await Promise.all([
      keys.addKey(id, await publicJwk("p1")),
      keys.addKey(id, await publicJwk("p2")),
    ]);
    expect(seen).toEqual([`env-a/${id}`, `env-a/${id}`]);
    expect((await keys.read(id)).keys.map((key) => key.kid).sort()).toEqual(["p1", "p2"]);
  });
});

describe("inProcessLock", () => {
  it("never runs two holders of one key at once, and releases after a failure", async () => {
    const lock = inProcessLock();
    let inside = 0;
    let most = 0;
    const hold = (fail: boolean) =>
      lock("k", async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inside--;
        if (fail) throw new Error("boom");
        return "ok";
      });
    const results = await Promise.allSettled([hold(false), hold(true), hold(false)]);
    expect(most).toBe(1);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
