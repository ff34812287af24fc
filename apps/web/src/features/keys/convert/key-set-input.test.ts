import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { planKeySet } from "./key-set-input";

function rsa(kid: string, bits = 2048) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return {
    pub: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
    priv: { ...privateKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
  };
}

describe("planKeySet", () => {
  const a = rsa("a");
  const b = rsa("b");
  const c = rsa("c");
  // Key generation is slow on a busy machine: made once, outside any test's time limit.
  const six = Array.from({ length: 6 }, (_, i) => rsa(`k${i}`).pub);
  const weak = rsa("w", 1024).pub;
  const other = { ...rsa("x").pub, kid: "a" };
  const current = [
    { kid: "a", n: a.pub.n as string },
    { kid: "b", n: b.pub.n as string },
  ];

  it("diffs by kid: kept, added and removed", async () => {
    const result = await planKeySet(JSON.stringify({ keys: [a.pub, c.pub] }), current);
    expect(result).toMatchObject({
      ok: true,
      plan: { kept: ["a"], added: ["c"], removed: ["b"] },
    });
    if (result.ok) expect(result.plan.keys.map((k) => k.kid)).toEqual(["a", "c"]);
  });

  it("checks the 5-key limit before sending", async () => {
    const result = await planKeySet(JSON.stringify({ keys: six }), current);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ code: "tooMany", count: 6, max: 5 }],
    });
  });

  it("refuses a set holding a private key, naming which", async () => {
    const result = await planKeySet(JSON.stringify({ keys: [a.pub, c.priv] }), current);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ code: "key", index: 2, problem: { code: "private" } }],
    });
  });

  it("refuses a weak key, duplicate kids and a kid reused for another key", async () => {
    const weakResult = await planKeySet(JSON.stringify({ keys: [weak] }), []);
    expect(weakResult).toMatchObject({ ok: false, problems: [{ code: "key", index: 1 }] });
    const dup = await planKeySet(JSON.stringify({ keys: [c.pub, c.pub] }), []);
    expect(dup).toMatchObject({ ok: false, problems: [{ code: "duplicateKid", kid: "c" }] });
    const reused = await planKeySet(JSON.stringify({ keys: [other] }), current);
    expect(reused).toMatchObject({ ok: false, problems: [{ code: "kidReused", kid: "a" }] });
  });

  it("refuses what is not a JWKS, and an empty set (removing every key is its own action)", async () => {
    expect(await planKeySet("not json", [])).toMatchObject({ problems: [{ code: "invalidJson" }] });
    expect(await planKeySet(JSON.stringify(a.pub), [])).toMatchObject({
      problems: [{ code: "notJwks" }],
    });
    expect(await planKeySet('{"keys":[]}', [])).toMatchObject({ problems: [{ code: "empty" }] });
  });
});
