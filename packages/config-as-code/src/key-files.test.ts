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
});
