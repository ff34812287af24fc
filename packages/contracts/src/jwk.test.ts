import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ContractError } from "./contract-error";
import { Jwk, Jwks, rsaModulusBits, writableKey } from "./jwk";

function rsaJwk(bits: number, kid = "key-1") {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  const pub = publicKey.export({ format: "jwk" });
  const priv = privateKey.export({ format: "jwk" });
  return { pub: { ...pub, kid, use: "sig", alg: "RS256" }, priv: { ...priv, kid, use: "sig" } };
}

const k2048 = rsaJwk(2048);

describe("Jwk", () => {
  it("accepts a public RSA 2048 signing key", () => {
    const parsed = Jwk.parse(k2048.pub);
    expect(parsed.kid).toBe("key-1");
    expect(rsaModulusBits(parsed.n)).toBe(2048);
  });

  it("refuses a JWK with private members and says it is a private key", () => {
    const result = Jwk.safeParse(k2048.priv);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message).join("\n");
    expect(messages).toMatch(/private member "d".*private key/);
  });

  it("refuses a 1024-bit key naming its size", () => {
    const result = Jwk.safeParse(rsaJwk(1024).pub);
    expect(result.error?.issues[0]?.message).toMatch(/1024 bits.*at least 2048/);
  });

  it("refuses use enc, EC keys and a bad kid", () => {
    expect(Jwk.safeParse({ ...k2048.pub, use: "enc" }).error?.issues[0]?.message).toMatch(
      /use: "sig"/,
    );
    expect(Jwk.safeParse({ ...k2048.pub, kty: "EC" }).error?.issues[0]?.message).toMatch(/RSA/);
    expect(Jwk.safeParse({ ...k2048.pub, kid: "a b" }).error?.issues[0]?.message).toMatch(/kid/);
    expect(Jwk.safeParse({ ...k2048.pub, use: undefined }).success).toBe(false);
  });

  it("keeps only known public members", () => {
    const parsed = Jwk.parse({ ...k2048.pub, key_ops: ["verify"] });
    expect(parsed).not.toHaveProperty("key_ops");
  });
});

describe("Jwks", () => {
  const key = (kid: string) => ({ ...k2048.pub, kid });
  it("accepts five keys and refuses a sixth", () => {
    const five = ["a", "b", "c", "d", "e"].map(key);
    expect(Jwks.safeParse({ keys: five }).success).toBe(true);
    const six = Jwks.safeParse({ keys: [...five, key("f")] });
    expect(six.error?.issues[0]?.message).toMatch(/at most 5 keys/);
  });

  it("refuses the same kid twice", () => {
    expect(Jwks.safeParse({ keys: [key("a"), key("a")] }).error?.issues[0]?.message).toMatch(
      /twice/,
    );
  });
});

describe("writableKey", () => {
  it("writes a legacy key (no use, no alg) back with use sig and alg RS256, exp kept", () => {
    const { use: _use, alg: _alg, ...legacy } = k2048.pub;
    const written = writableKey({ ...legacy, exp: 1_900_000_000.7 });
    expect(written).toMatchObject({ use: "sig", alg: "RS256", kid: "key-1", exp: 1_900_000_000 });
  });

  // Each kind of unwritable key: the package's own error with a stable code, never zod's.
  it.each([
    ["alg RS384", { ...k2048.pub, alg: "RS384" }, "alg"],
    ["a 1024-bit key", rsaJwk(1024).pub, "n"],
    ["no kid", { ...k2048.pub, kid: undefined }, "kid"],
    ["an EC key", { ...k2048.pub, kty: "EC" }, "kty"],
  ])("refuses %s with ContractError KEY_NOT_WRITABLE naming the member", (_, key, field) => {
    let error: ContractError | undefined;
    try {
      writableKey(key);
    } catch (caught) {
      expect(caught).not.toBeInstanceOf(ZodError);
      if (!(caught instanceof ContractError)) throw caught;
      error = caught;
    }
    if (!error) throw new Error("writableKey wrote a key it should refuse");
    expect(error.code).toBe("KEY_NOT_WRITABLE");
    expect(error.issues.map((issue) => issue.field)).toContain(field);
    expect(error.message).toContain(key.kid ?? "(no kid)");
  });
});
