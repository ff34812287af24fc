import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { rsaModulusBits } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { jwkThumbprint, parseKeyText } from "./key-input";

// A self-signed certificate made with openssl for this test (its private key was thrown away).
const CERTIFICATE = readFileSync(
  new URL("./fixtures/self-signed-2048.crt.pem", import.meta.url),
  "utf8",
);

function keyPair(bits: number) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return { publicKey, privateKey };
}

describe("parseKeyText", () => {
  it("turns a PEM public key into a JWK with a thumbprint kid", async () => {
    const { publicKey } = keyPair(2048);
    const result = await parseKeyText(publicKey.export({ type: "spki", format: "pem" }).toString());
    if (!result.ok) throw new Error(result.code);
    const expected = publicKey.export({ format: "jwk" });
    expect(result.jwk).toMatchObject({
      kty: "RSA",
      use: "sig",
      alg: "RS256",
      n: expected.n,
      e: expected.e,
    });
    expect(result.jwk.kid).toBe(await jwkThumbprint({ n: expected.n!, e: expected.e! }));
    expect(result.filled).toEqual(["use", "alg", "kid"]);
  });

  it("reads a PKCS#1 RSA PUBLIC KEY", async () => {
    const { publicKey } = keyPair(2048);
    const result = await parseKeyText(
      publicKey.export({ type: "pkcs1", format: "pem" }).toString(),
    );
    expect(result.ok && result.jwk.n).toBe(publicKey.export({ format: "jwk" }).n);
  });

  it("reads the key of a certificate and keeps the certificate as x5c", async () => {
    const result = await parseKeyText(CERTIFICATE);
    if (!result.ok) throw new Error(result.code);
    expect(result.source).toBe("certificate");
    expect(rsaModulusBits(result.jwk.n)).toBe(2048);
    expect(result.jwk.x5c).toHaveLength(1);
    expect(result.certificate?.subject).toContain("portvakt-test");
    expect(result.certificate?.notAfter?.getUTCFullYear()).toBeGreaterThan(2030);
  });

  it("reads OpenSSL's TRUSTED CERTIFICATE as the certificate itself (trust settings cut off)", async () => {
    // `openssl x509 -trustout -addtrust clientAuth` of the same certificate (the fixture).
    const trusted = readFileSync(
      new URL("./fixtures/self-signed-2048.trusted.pem", import.meta.url),
      "utf8",
    );
    expect(trusted).toContain("BEGIN TRUSTED CERTIFICATE");
    const plain = await parseKeyText(CERTIFICATE);
    const result = await parseKeyText(trusted);
    if (!result.ok || !plain.ok) throw new Error(result.ok ? "plain" : result.code);
    expect(result.source).toBe("certificate");
    expect(result.jwk.n).toBe(plain.jwk.n);
    // x5c holds the certificate as Digdir takes it, not OpenSSL's trust settings.
    expect(result.jwk.x5c).toEqual(plain.jwk.x5c);
    const old = await parseKeyText(CERTIFICATE.replaceAll("CERTIFICATE", "X509 CERTIFICATE"));
    expect(old.ok && old.jwk.x5c).toEqual(plain.jwk.x5c);
  });

  it("refuses private keys in PEM and JWK form", async () => {
    const { privateKey } = keyPair(2048);
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(await parseKeyText(pem)).toMatchObject({
      ok: false,
      code: "private",
      detail: "PRIVATE KEY",
    });
    expect(await parseKeyText(`${CERTIFICATE}\n${pem}`)).toMatchObject({
      ok: false,
      code: "private",
    });
    const jwk = JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid: "k" });
    expect(await parseKeyText(jwk)).toMatchObject({ ok: false, code: "private", detail: "d" });
  });

  it("refuses weak keys and non-RSA keys", async () => {
    const weak = keyPair(1024).publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(await parseKeyText(weak)).toMatchObject({ ok: false, code: "weak", detail: "1024" });
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey;
    expect(await parseKeyText(ec.export({ type: "spki", format: "pem" }).toString())).toMatchObject(
      {
        ok: false,
        code: "notRsa",
      },
    );
    expect(await parseKeyText(JSON.stringify(ec.export({ format: "jwk" })))).toMatchObject({
      ok: false,
      code: "notRsa",
    });
  });

  it("explains what it cannot read", async () => {
    expect(await parseKeyText("  ")).toMatchObject({ code: "empty" });
    expect(await parseKeyText("{not json")).toMatchObject({ code: "invalidJson" });
    expect(await parseKeyText('{"keys":[{},{}]}')).toMatchObject({ code: "multipleKeys" });
    expect(await parseKeyText("hello")).toMatchObject({ code: "unknownFormat" });
  });
});
