import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfigDocument } from "./document";
import { resolveKeyFiles } from "./key-files";

let dir: string;
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = publicKey.export({ format: "jwk" });

const documentWith = (file: string, kid = "k1"): ConfigDocument => ({
  version: 1,
  clients: [{ name: "K", description: "K", keys: [{ kid, file }] }],
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "portvakt-keys-"));
  await writeFile(join(dir, "k.pem"), publicKey.export({ format: "pem", type: "spki" }));
  await writeFile(join(dir, "k.json"), JSON.stringify({ ...jwk, kid: "k1", use: "sig" }));
  await writeFile(join(dir, "set.json"), JSON.stringify({ keys: [{ ...jwk, kid: "k2" }] }));
  await writeFile(join(dir, "private.pem"), privateKey.export({ format: "pem", type: "pkcs8" }));
  await writeFile(
    join(dir, "private.json"),
    JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid: "k1" }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("resolveKeyFiles", () => {
  it("puts a PEM public key, a JWK and a key of a JWKS inline, relative to the document", async () => {
    for (const [file, kid] of [
      ["k.pem", "k1"],
      ["k.json", "k1"],
      ["set.json", "k2"],
    ] as const) {
      const resolved = await resolveKeyFiles(documentWith(file, kid), dir);
      expect(resolved.clients![0]!.keys).toEqual([
        { kid, jwk: expect.objectContaining({ kty: "RSA", n: jwk.n, e: jwk.e }) },
      ]);
    }
  });

  it("refuses private keys and missing files, with the entry's path", async () => {
    await expect(resolveKeyFiles(documentWith("private.pem"), dir)).rejects.toThrow(
      /clients\[0\]\.keys\[0\]\.file: private\.pem: the file holds a private key/,
    );
    await expect(resolveKeyFiles(documentWith("private.json"), dir)).rejects.toThrow(
      /private member "d"/,
    );
    await expect(resolveKeyFiles(documentWith("missing.pem"), dir)).rejects.toThrow(
      /clients\[0\]\.keys\[0\]\.file: missing\.pem/,
    );
  });

  let openssl = true;
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    openssl = false;
  }
  it.skipIf(!openssl)(
    "reads a certificate as PEM, as OpenSSL's TRUSTED CERTIFICATE, and as DER (.cer), and a DER public key",
    async () => {
      await writeFile(join(dir, "key.pem"), privateKey.export({ format: "pem", type: "pkcs8" }));
      const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
      openssl(
        "req",
        "-x509",
        "-new",
        "-key",
        join(dir, "key.pem"),
        "-subj",
        "/CN=k",
        "-days",
        "2",
        "-out",
        join(dir, "cert.pem"),
      );
      openssl(
        "x509",
        "-in",
        join(dir, "cert.pem"),
        "-trustout",
        "-addtrust",
        "clientAuth",
        "-out",
        join(dir, "trusted.pem"),
      );
      openssl(
        "x509",
        "-in",
        join(dir, "cert.pem"),
        "-outform",
        "DER",
        "-out",
        join(dir, "cert.cer"),
      );
      await writeFile(join(dir, "pub.der"), publicKey.export({ format: "der", type: "spki" }));
      await writeFile(
        join(dir, "bom.json"),
        `\uFEFF${JSON.stringify({ ...jwk, kid: "k1", use: "sig" })}`,
      );
      await writeFile(
        join(dir, "private.der"),
        privateKey.export({ format: "der", type: "pkcs8" }),
      );
      await expect(resolveKeyFiles(documentWith("private.der"), dir)).rejects.toThrow(
        /private\.der: the file holds a private key/,
      );
      for (const file of ["cert.pem", "trusted.pem", "cert.cer", "pub.der", "bom.json"]) {
        const resolved = await resolveKeyFiles(documentWith(file), dir).catch((e: Error) => {
          throw new Error(`${file}: ${e.message}`);
        });
        expect(resolved.clients![0]!.keys, file).toEqual([
          { kid: "k1", jwk: expect.objectContaining({ kty: "RSA", n: jwk.n, e: jwk.e }) },
        ]);
      }
    },
  );
});
