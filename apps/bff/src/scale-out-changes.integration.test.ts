import { generateKeyPairSync } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffProcess, startBffProcess } from "./testing/bff-process";
import { apiCaller, startTestStack, type TestStack, untilSimulatorIdle } from "./testing/stack";

// Issue 13, 4: with PostgreSQL, the serialisation of changes per resource, the lock kept after an
// unknown outcome, and the rate limits hold across instances: two BFF processes sharing one
// database. Runs when DATABASE_URL names a PostgreSQL database (`pnpm test:postgres`).
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const TIMEOUT_MS = 500;
const LIMIT = 6;
const env = "/api/envs/demo";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgres)("changes across two instances sharing one PostgreSQL", () => {
  let stack: TestStack;
  const instances: BffProcess[] = [];
  type Call = (path: string, init?: RequestInit) => Promise<Response>;
  const on = (instance: BffProcess, cookie: string): Call =>
    apiCaller(instance.url, cookie, stack.url);

  /** Waits (bounded) until the simulator holds no request: every held write has landed. */
  const landed = () => untilSimulatorIdle(stack);

  beforeAll(async () => {
    stack = await startTestStack({
      upstreamTimeoutMs: TIMEOUT_MS,
      // A settle window far past every held write: an unknown change is never settled as "not
      // made" by the clock while its write is still held (a race under load at 4 × timeout).
      outcome: { windowMs: TIMEOUT_MS, settleMs: 60 * TIMEOUT_MS, intervalMs: 30_000 },
      mutationsPerMinute: LIMIT,
    });
    const dir = join(stack.config.auditDatabasePath!, "..");
    for (const name of ["bff-a", "bff-b"]) {
      instances.push(await startBffProcess(stack.config, dir, name));
    }
  }, 90_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await stack?.close();
  });

  it("a slow key-set write on one instance: an edit through the other waits for it, no key is lost", async () => {
    const [a, b] = [on(instances[0]!, stack.api.cookie), on(instances[1]!, stack.api.cookie)];
    const created = await a(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({
        client_name: `to instanser ${Date.now().toString(36)}`,
        description: "nøkler",
      }),
    });
    const { client_id } = (await created.json()) as { client_id: string };
    const etag = (await b(`${env}/clients/${client_id}/jwks`)).headers.get("etag")!;
    const jwk = (kid: string) => {
      const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      return { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
    };
    await stack.fault({
      path: `/api/v1/clients/${client_id}/jwks/instance-a`,
      method: "PUT",
      kind: "latency",
      ms: Math.round(TIMEOUT_MS * 1.5),
      times: 1,
    });
    const first = a(`${env}/clients/${client_id}/keys`, {
      method: "POST",
      headers: { "If-Match": etag },
      body: JSON.stringify({ jwk: jwk("instance-a") }),
    });
    await sleep(150);
    const second = await b(`${env}/clients/${client_id}/keys`, {
      method: "POST",
      headers: { "If-Match": etag },
      body: JSON.stringify({ jwk: jwk("instance-b") }),
    });
    const firstAnswer = await first;
    await landed();
    const kids = (stack.simulator.store.getJwks(client_id)?.keys ?? []).map((k) => k.kid);
    // B's edit was checked against the set after A's write, not before it: refused, not lost.
    expect(second.status).not.toBe(200);
    expect(kids).not.toContain("instance-b");
    if (firstAnswer.status === 200) expect(kids).toEqual(["instance-a"]);
  });

  it("an unknown outcome on one instance keeps the grant locked on the other", async () => {
    const orgno = "310000043";
    const scope = "digdir:demo.read";
    const [a, b] = [on(instances[0]!, stack.api.cookie), on(instances[1]!, stack.api.cookie)];
    await stack.fault({
      path: `/api/v1/scopes/access/${orgno}`,
      method: "PUT",
      kind: "latency",
      // Held well past the BFF's timeout and re-reads, so it is still held when B asks.
      ms: 5 * TIMEOUT_MS,
      times: 1,
    });
    const first = await a(`${env}/scopes/access/${orgno}?scope=${scope}`, { method: "PUT" });
    expect(first.status).toBe(504);
    const other = await b(`${env}/scopes/access/${orgno}?scope=${scope}`, { method: "DELETE" });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { type: string }).type).toBe(
      "urn:portvakt:problem:outcome-pending",
    );
  });

  it("the change limit per person holds across instances", async () => {
    const operator = await stack.as("demo-operator");
    const calls = [on(instances[0]!, operator.cookie), on(instances[1]!, operator.cookie)];
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const response = await calls[i % 2]!(
        `${env}/scopes/access/889640782?scope=digdir:demo.read`,
        { method: "PUT" },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses[LIMIT]).toBe(429);
  });
});
