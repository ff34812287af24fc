import { execFileSync } from "node:child_process";
import { createHash, createPrivateKey } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AdminCredential,
  CredentialError,
  type CredentialErrorCode,
  loadCredential,
  loadPem,
  loadPkcs12,
  loadPrivateJwk,
} from "./credentials";
import {
  createTestCa,
  generateRsaKeys,
  issueTestCertificate,
  type TestCa,
  type TestCertificate,
  toTestPkcs12,
} from "./test-support/pki";

const DAY = 86_400_000;

async function expectCode(promise: Promise<unknown>, code: CredentialErrorCode): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredentialError);
  expect((error as CredentialError).code).toBe(code);
  return error as CredentialError;
}

function certificateOf(credential: AdminCredential) {
  if (credential.kind !== "certificate") throw new Error("expected a certificate credential");
  return credential;
}

let ca: TestCa;
let otherCa: TestCa;
let leaf: TestCertificate;
let seid2: TestCertificate;

beforeAll(async () => {
  ca = await createTestCa();
  otherCa = await createTestCa("Other Test CA");
  leaf = await issueTestCertificate({ ca, orgno: "991825827" });
  seid2 = await issueTestCertificate({
    ca,
    orgno: "889640782",
    orgnoField: "organizationIdentifier",
  });
});

describe("loadPem", () => {
  it("reads key and chain, leaf first, with orgno from serialNumber", async () => {
    const credential = certificateOf(
      await loadPem({ keyPem: leaf.keyPem, certChainPem: leaf.chainPem }),
    );
    expect(credential.orgno).toBe("991825827");
    expect(credential.alg).toBe("RS256");
    expect(credential.x5c).toHaveLength(2);
    const leafDer = Buffer.from(credential.x5c[0]!, "base64");
    expect(Buffer.from(leafDer)).toEqual(Buffer.from(leaf.certificate.rawData));
    expect(credential.fingerprint).toBe(createHash("sha256").update(leafDer).digest("hex"));
    expect(credential.subject).toContain("TEST ORGANISASJON AS");
    expect(credential.notAfter.getTime()).toBe(leaf.certificate.notAfter.getTime());
    expect(credential.privateKey!.type).toBe("private");
    expect(credential.privateKey!.extractable).toBe(false);
  });

  it("reads the orgno of a SEID 2 certificate from organizationIdentifier", async () => {
    const credential = certificateOf(
      await loadPem({ keyPem: seid2.keyPem, certChainPem: seid2.chainPem }),
    );
    expect(credential.orgno).toBe("889640782");
  });

  it("accepts a PKCS#1 ('RSA PRIVATE KEY') key and a leaf without its CA", async () => {
    const pkcs1 = createPrivateKey(leaf.keyPem).export({ format: "pem", type: "pkcs1" });
    const credential = certificateOf(
      await loadPem({ keyPem: pkcs1.toString(), certChainPem: leaf.certPem }),
    );
    expect(credential.x5c).toHaveLength(1);
  });

  it("reads PEM text however it was stored or pasted: CRLF, CR, indented, BOM, one file, bag attributes", async () => {
    const indent = (text: string) =>
      text
        .split("\n")
        .map((line) => `    ${line}  `)
        .join("\n");
    const variants: Array<[string, { keyPem: string; certChainPem: string }]> = [
      [
        "CRLF",
        {
          keyPem: leaf.keyPem.replace(/\n/g, "\r\n"),
          certChainPem: leaf.chainPem.replace(/\n/g, "\r\n"),
        },
      ],
      [
        "CR",
        {
          keyPem: leaf.keyPem.replace(/\n/g, "\r"),
          certChainPem: leaf.chainPem.replace(/\n/g, "\r"),
        },
      ],
      [
        "indented (YAML, e-mail)",
        { keyPem: indent(leaf.keyPem), certChainPem: indent(leaf.chainPem) },
      ],
      [
        "byte-order mark",
        { keyPem: `\uFEFF${leaf.keyPem}`, certChainPem: `\uFEFF${leaf.chainPem}` },
      ],
      [
        "key and chain in one file",
        {
          keyPem: `${leaf.chainPem}${leaf.keyPem}`,
          certChainPem: `${leaf.chainPem}${leaf.keyPem}`,
        },
      ],
      [
        "openssl pkcs12 -nodes output",
        {
          keyPem: `Bag Attributes\n    localKeyID: 01 00 00 00\nKey Attributes: <No Attributes>\n${leaf.keyPem}`,
          certChainPem: `Bag Attributes\n    localKeyID: 01 00 00 00\nsubject=CN = x\nissuer=CN = y\n${leaf.chainPem}`,
        },
      ],
    ];
    for (const [name, input] of variants) {
      const credential = certificateOf(
        await loadPem(input).catch((e: Error) => {
          throw new Error(`${name}: ${e.message}`);
        }),
      );
      expect(credential.orgno, name).toBe("991825827");
      expect(credential.x5c, name).toHaveLength(2);
    }
  });

  it("refuses a chain with the CA first (CHAIN_ORDER)", async () => {
    const error = await expectCode(
      loadPem({ keyPem: leaf.keyPem, certChainPem: `${ca.certPem}\n${leaf.certPem}` }),
      "CHAIN_ORDER",
    );
    expect(error.message).toMatch(/must come first/);
  });

  it("refuses a chain whose next certificate did not issue the leaf (CHAIN_ORDER)", async () => {
    await expectCode(
      loadPem({ keyPem: leaf.keyPem, certChainPem: `${leaf.certPem}\n${otherCa.certPem}` }),
      "CHAIN_ORDER",
    );
  });

  it("refuses a key that is not the certificate's (KEY_MISMATCH)", async () => {
    const error = await expectCode(
      loadPem({ keyPem: seid2.keyPem, certChainPem: leaf.chainPem }, { source: "virksomhet.pem" }),
      "KEY_MISMATCH",
    );
    expect(error.message).toContain("virksomhet.pem");
  });

  it("refuses an expired and a not-yet-valid certificate", async () => {
    const input = { keyPem: leaf.keyPem, certChainPem: leaf.chainPem };
    await expectCode(loadPem(input, { now: () => Date.now() + 400 * DAY }), "CERT_EXPIRED");
    await expectCode(loadPem(input, { now: () => Date.now() - 2 * DAY }), "CERT_NOT_YET_VALID");
    const future = await issueTestCertificate({
      ca,
      keys: leaf.keys,
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 10 * DAY),
    });
    await expectCode(
      loadPem({ keyPem: future.keyPem, certChainPem: future.chainPem }),
      "CERT_NOT_YET_VALID",
    );
  });

  it("refuses a certificate without an organisation number (NO_ORGNO)", async () => {
    const personal = await issueTestCertificate({ ca, keys: leaf.keys, orgnoField: "none" });
    await expectCode(
      loadPem({ keyPem: personal.keyPem, certChainPem: personal.chainPem }),
      "NO_ORGNO",
    );
  });

  it("names unreadable input (UNREADABLE)", async () => {
    await expectCode(loadPem({ keyPem: "nope", certChainPem: leaf.certPem }), "UNREADABLE");
    await expectCode(loadPem({ keyPem: leaf.keyPem, certChainPem: "nope" }), "UNREADABLE");
  });
});

describe("loadPkcs12", () => {
  it("reads a PKCS#12 file and orders its chain leaf first", async () => {
    // Bags in the reverse order: a PKCS#12 file is a bag, its order means nothing.
    const p12 = toTestPkcs12({
      keyPem: leaf.keyPem,
      certPems: [ca.certPem, leaf.certPem],
      password: "hemmelig",
    });
    const credential = certificateOf(await loadPkcs12(p12, "hemmelig"));
    expect(credential.orgno).toBe("991825827");
    expect(credential.x5c).toEqual([
      Buffer.from(leaf.certificate.rawData).toString("base64"),
      Buffer.from(ca.certificate.rawData).toString("base64"),
    ]);
  });

  it("rebuilds a three-level chain from a shuffled bag and drops strays", async () => {
    const intermediate = await createTestCa("Portvakt Intermediate CA", ca);
    const issued = await issueTestCertificate({ ca: intermediate, keys: leaf.keys });
    const p12 = toTestPkcs12({
      keyPem: issued.keyPem,
      certPems: [ca.certPem, otherCa.certPem, issued.certPem, intermediate.certPem],
      password: "x",
    });
    const credential = certificateOf(await loadPkcs12(p12, "x"));
    const der = (pem: TestCa | TestCertificate) =>
      Buffer.from(pem.certificate.rawData).toString("base64");
    expect(credential.x5c).toEqual([der(issued), der(intermediate), der(ca)]);

    const pem = certificateOf(
      await loadPem({
        keyPem: issued.keyPem,
        certChainPem: [issued.certPem, intermediate.certPem, ca.certPem].join("\n"),
      }),
    );
    expect(pem.x5c).toEqual(credential.x5c);
    await expectCode(
      loadPem({
        keyPem: issued.keyPem,
        certChainPem: [issued.certPem, ca.certPem, intermediate.certPem].join("\n"),
      }),
      "CHAIN_ORDER",
    );
  });

  it("names a wrong password (WRONG_PASSWORD) and the file", async () => {
    const p12 = toTestPkcs12({
      keyPem: leaf.keyPem,
      certPems: [leaf.certPem],
      password: "riktig",
    });
    const error = await expectCode(
      loadPkcs12(p12, "feil", { source: "admin.p12" }),
      "WRONG_PASSWORD",
    );
    expect(error.message).toBe("The PKCS#12 password is wrong (admin.p12)");
  });

  it("refuses a file whose key matches none of its certificates (KEY_MISMATCH)", async () => {
    const p12 = toTestPkcs12({ keyPem: seid2.keyPem, certPems: [leaf.certPem], password: "x" });
    await expectCode(loadPkcs12(p12, "x"), "KEY_MISMATCH");
  });

  it("refuses an expired certificate (CERT_EXPIRED)", async () => {
    const p12 = toTestPkcs12({ keyPem: leaf.keyPem, certPems: [leaf.certPem], password: "x" });
    await expectCode(loadPkcs12(p12, "x", { now: () => Date.now() + 400 * DAY }), "CERT_EXPIRED");
  });

  it("names bytes that are not PKCS#12 (UNREADABLE)", async () => {
    await expectCode(loadPkcs12(new TextEncoder().encode("hello"), "x"), "UNREADABLE");
  });

  let openssl = true;
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    openssl = false;
  }
  it.skipIf(!openssl)("reads what OpenSSL 3 writes by default (AES-256, SHA-256 MAC)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portvakt-p12-"));
    await writeFile(join(dir, "key.pem"), leaf.keyPem);
    await writeFile(join(dir, "chain.pem"), leaf.chainPem);
    execFileSync("openssl", [
      "pkcs12",
      "-export",
      "-inkey",
      join(dir, "key.pem"),
      "-in",
      join(dir, "chain.pem"),
      "-out",
      join(dir, "admin.p12"),
      "-passout",
      "pass:æøå-passord",
    ]);
    const data = await readFile(join(dir, "admin.p12"));
    const credential = certificateOf(await loadPkcs12(new Uint8Array(data), "æøå-passord"));
    expect(credential.x5c).toHaveLength(2);
    await expectCode(loadPkcs12(new Uint8Array(data), "feil"), "WRONG_PASSWORD");
  });
});

describe("loadPrivateJwk", () => {
  it("reads a private RSA JWK with its kid and alg", async () => {
    const keys = await generateRsaKeys();
    const jwk = { ...(await exportJWK(keys.privateKey)), kid: "portvakt-1", alg: "RS384" };
    const credential = await loadPrivateJwk(jwk, { orgno: "991825827" });
    expect(credential).toMatchObject({ kind: "jwk", kid: "portvakt-1", alg: "RS384" });
    expect(credential.orgno).toBe("991825827");
  });

  it("refuses a public JWK (NOT_PRIVATE_JWK)", async () => {
    const keys = await generateRsaKeys();
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: "k" };
    await expectCode(loadPrivateJwk(jwk), "NOT_PRIVATE_JWK");
  });

  it("refuses a JWK without kid, of another type, or not an object (UNREADABLE)", async () => {
    const keys = await generateRsaKeys();
    const jwk = await exportJWK(keys.privateKey);
    await expectCode(loadPrivateJwk(jwk), "UNREADABLE");
    await expectCode(loadPrivateJwk({ kty: "EC", kid: "k", d: "x" }), "UNREADABLE");
    await expectCode(loadPrivateJwk("{}"), "UNREADABLE");
    await expectCode(loadPrivateJwk({ ...jwk, kid: "k", alg: "PS256" }), "UNREADABLE");
  });
});

describe("loadCredential", () => {
  it("loads each source type from files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portvakt-cred-"));
    const p12Path = join(dir, "admin.p12");
    await writeFile(
      p12Path,
      toTestPkcs12({ keyPem: leaf.keyPem, certPems: [leaf.certPem], password: "pw" }),
    );
    await writeFile(join(dir, "key.pem"), leaf.keyPem);
    await writeFile(join(dir, "chain.pem"), leaf.chainPem);
    const keys = await generateRsaKeys();
    await writeFile(
      join(dir, "key.json"),
      JSON.stringify({ ...(await exportJWK(keys.privateKey)), kid: "file-key" }),
    );

    expect((await loadCredential({ type: "pkcs12", path: p12Path, password: "pw" })).kind).toBe(
      "certificate",
    );
    const pem = await loadCredential({
      type: "pem",
      keyPath: join(dir, "key.pem"),
      certPath: join(dir, "chain.pem"),
    });
    expect(certificateOf(pem).x5c).toHaveLength(2);
    const jwk = await loadCredential({ type: "jwk", path: join(dir, "key.json"), orgno: "1" });
    expect(jwk).toMatchObject({ kind: "jwk", kid: "file-key", alg: "RS256", orgno: "1" });

    const wrong = await expectCode(
      loadCredential({ type: "pkcs12", path: p12Path, password: "nei" }),
      "WRONG_PASSWORD",
    );
    expect(wrong.message).toContain(p12Path);
  });

  it("names a missing file (UNREADABLE)", async () => {
    const error = await expectCode(
      loadCredential({ type: "jwk", path: "/nonexistent/key.json" }),
      "UNREADABLE",
    );
    expect(error.message).toContain("/nonexistent/key.json");
    expect(error.message).toContain("ENOENT");
  });
});

describe("certificate chains in OpenSSL's other PEM labels", () => {
  let openssl = true;
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    openssl = false;
  }
  it.skipIf(!openssl)(
    "reads a chain written by `openssl x509 -trustout` (TRUSTED CERTIFICATE) and one labelled X509 CERTIFICATE",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "portvakt-trusted-"));
      const trustedOf = async (pem: string, name: string) => {
        await writeFile(join(dir, `${name}.pem`), pem);
        execFileSync("openssl", [
          "x509",
          "-in",
          join(dir, `${name}.pem`),
          "-trustout",
          "-addtrust",
          "clientAuth",
          "-out",
          join(dir, `${name}.trusted.pem`),
        ]);
        return readFile(join(dir, `${name}.trusted.pem`), "utf8");
      };
      const trustedChain = `${await trustedOf(leaf.certPem, "leaf")}${await trustedOf(ca.certPem, "ca")}`;
      expect(trustedChain).toContain("BEGIN TRUSTED CERTIFICATE");
      const oldLabel = leaf.chainPem.replaceAll(" CERTIFICATE-----", " X509 CERTIFICATE-----");
      for (const [name, certChainPem] of [
        ["TRUSTED CERTIFICATE", trustedChain],
        ["X509 CERTIFICATE", oldLabel],
      ] as const) {
        const credential = certificateOf(
          await loadPem({ keyPem: leaf.keyPem, certChainPem }).catch((e: Error) => {
            throw new Error(`${name}: ${e.message}`);
          }),
        );
        expect(credential.orgno, name).toBe("991825827");
        expect(credential.x5c, name).toHaveLength(2);
        expect(Buffer.from(credential.x5c[0]!, "base64"), name).toEqual(
          Buffer.from(leaf.certificate.rawData),
        );
      }
    },
  );
});
