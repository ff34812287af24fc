import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffProcess, startBffProcess } from "./testing/bff-process";
import { startTestStack, type TestStack } from "./testing/stack";

// Two BFF processes (each its own in-process lock, no shared database) edit one client's keys
// at the same moment. Adding and removing one key use Digdir's single-key endpoints (PUT and
// DELETE .../jwks/{kid}), so no instance rewrites the set and none can drop another's key.
describe("two BFF processes editing one client's keys at once", () => {
  let stack: TestStack;
  const instances: BffProcess[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ mutationsPerMinute: 1000 });
    const dir = join(stack.config.auditDatabasePath!, "..");
    for (const name of ["keys-a", "keys-b"]) {
      instances.push(
        await startBffProcess(
          { ...stack.config, auditDatabasePath: join(dir, `${name}.db`) },
          dir,
          name,
        ),
      );
    }
  }, 90_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await stack?.close();
  });

  // Digdir and the simulator check a key's size and form, not that anyone holds its private
  // part: made-up 2048-bit moduli spare generating 80 RSA keys on a busy machine.
  const publicJwk = (kid: string) => {
    const modulus = randomBytes(256);
    modulus[0]! |= 0x80;
    modulus[255]! |= 0x01;
    return {
      kty: "RSA",
      e: "AQAB",
      n: modulus.toString("base64url"),
      kid,
      use: "sig",
      alg: "RS256",
    };
  };

  it("20 rounds of two processes adding two keys each (one key held): every acknowledged key is there", async () => {
    // Keys are made before the rounds so that the requests of a round really start together
    // (and before the first request: a busy event loop would leave idle sockets half-closed).
    const rounds = Array.from({ length: 20 }, (_, round) =>
      ["a1", "a2", "b1", "b2"].map((name) => publicJwk(`r${round}-${name}`)),
    );
    const heldKey = publicJwk("held");
    const call = (instance: BffProcess, path: string, init: RequestInit = {}) =>
      fetch(`${instance.url}/api/envs/demo${path}`, {
        ...init,
        headers: {
          "X-CSRF": "1",
          Origin: stack.url,
          Cookie: stack.api.cookie,
          "Content-Type": "application/json",
        },
      });
    const created = await call(instances[0]!, "/clients", {
      method: "POST",
      body: JSON.stringify({ client_name: "To instanser", description: "samtidige nøkler" }),
    });
    expect(created.status).toBe(200);
    const { client_id } = (await created.json()) as { client_id: string };
    const held = await call(instances[1]!, `/clients/${client_id}/keys`, {
      method: "POST",
      body: JSON.stringify({ jwk: heldKey }),
    });
    expect(held.status).toBe(200);
    const kidsOf = async () =>
      (
        (await (await call(instances[0]!, `/clients/${client_id}/jwks`)).json()) as {
          keys: Array<{ kid: string }>;
        }
      ).keys
        .map((key) => key.kid)
        .sort();

    let acknowledged = 0;
    for (const [round, keys] of rounds.entries()) {
      const answers = await Promise.all(
        keys.map((jwk, i) =>
          call(instances[i < 2 ? 0 : 1]!, `/clients/${client_id}/keys`, {
            method: "POST",
            body: JSON.stringify({ jwk }),
          }),
        ),
      );
      const ok = keys.filter((_, i) => answers[i]!.status === 200).map((jwk) => jwk.kid);
      acknowledged += ok.length;
      expect(
        answers.map((a) => a.status),
        `round ${round}`,
      ).toEqual([200, 200, 200, 200]);
      expect(await kidsOf(), `round ${round}`).toEqual(["held", ...ok].sort());
      // Removals between rounds, also from both processes at once.
      const removed = await Promise.all(
        ok.map((kid, i) =>
          call(instances[i % 2]!, `/clients/${client_id}/keys/${kid}`, { method: "DELETE" }),
        ),
      );
      expect(removed.map((r) => r.status)).toEqual(ok.map(() => 200));
      expect(await kidsOf()).toEqual(["held"]);
    }
    expect(acknowledged).toBe(80);
  }, 400_000);
});
