// @peculiar/x509 resolves its ASN.1 schemas through tsyringe, which needs the Reflect polyfill
// loaded before the library itself.
import "reflect-metadata";
import { createHash, createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { X509Certificate as ParsedCertificate } from "@peculiar/x509";
import { certificatesInPem, pemText } from "@portvakt/contracts";
import type { GrantSigner } from "@portvakt/maskinporten-rules";
import { importJWK, importPKCS8, type JWK } from "jose";
import forge from "node-forge";

/**
 * Where a credential's grants are signed: by `privateKey` in this process, or (`signer`) by a key
 * service that holds the private key (AWS KMS and the like; the key is never on Portvakt's disk).
 * A credential has one of the two; `signer` wins when both are set.
 */
interface GrantSigning {
  privateKey?: CryptoKey;
  signer?: GrantSigner;
  /** Where the signer's key is, for logs and the UI (e.g. `aws-kms:alias/portvakt-prod`); never a secret. */
  keyService?: string;
}

/** The admin client's signing credential: a business certificate, or a key registered on it. */
export type AdminCredential =
  | (GrantSigning & {
      kind: "certificate";
      orgno: string;
      /** Base64 DER, leaf first, each certificate issued by the next. */
      x5c: string[];
      alg: "RS256";
      subject: string;
      notBefore: Date;
      notAfter: Date;
      /** SHA-256 of the leaf's DER, lowercase hex. */
      fingerprint: string;
    })
  | (GrantSigning & {
      kind: "jwk";
      kid: string;
      alg: "RS256" | "RS384" | "RS512";
      orgno?: string;
    });

export type CredentialErrorCode =
  | "WRONG_PASSWORD"
  | "KEY_MISMATCH"
  | "CERT_EXPIRED"
  | "CERT_NOT_YET_VALID"
  | "CHAIN_ORDER"
  | "NO_ORGNO"
  | "NOT_PRIVATE_JWK"
  | "UNREADABLE";

/** A credential that cannot be used, with a message that names the problem and the file. */
export class CredentialError extends Error {
  override readonly name = "CredentialError";
  readonly code: CredentialErrorCode;

  constructor(code: CredentialErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export interface CertificateLoadOptions {
  /** The clock validity is checked against: epoch ms (the one convention of every package); default `Date.now`. */
  now?: () => number;
  /** Where the credential came from (a file name), named in error messages. */
  source?: string;
}

const JWK_ALGS = ["RS256", "RS384", "RS512"] as const;
type JwkAlg = (typeof JWK_ALGS)[number];

function where(source: string | undefined): string {
  return source ? ` (${source})` : "";
}

/** Reads a PKCS#12 (.p12/.pfx) business certificate with its private key and chain. */
export async function loadPkcs12(
  data: Uint8Array,
  password: string,
  options: CertificateLoadOptions = {},
): Promise<AdminCredential> {
  const at = where(options.source);
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.binary.raw.encode(data);
    try {
      p12 = decodePkcs12(der, password);
    } catch (error) {
      // forge reports a failed MAC or key decryption in words only; both mean the password.
      if (error instanceof Error && /password/i.test(error.message)) {
        throw new CredentialError("WRONG_PASSWORD", `The PKCS#12 password is wrong${at}`);
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof CredentialError) throw error;
    throw new CredentialError(
      "UNREADABLE",
      `This is not a readable PKCS#12 file${at}: ${describe(error)}`,
      { cause: error },
    );
  }

  const keys: KeyObject[] = [];
  const certificates: Uint8Array[] = [];
  for (const safeContents of p12.safeContents) {
    for (const bag of safeContents.safeBags) {
      if (bag.type === forge.pki.oids.certBag) {
        if (!bag.cert) {
          throw new CredentialError(
            "UNREADABLE",
            `The PKCS#12 file${at} holds a certificate that is not an RSA certificate; Maskinporten needs RSA`,
          );
        }
        const der = forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes();
        certificates.push(forge.util.binary.raw.decode(der));
      } else if (
        bag.type === forge.pki.oids.pkcs8ShroudedKeyBag ||
        bag.type === forge.pki.oids.keyBag
      ) {
        if (!bag.key) {
          throw new CredentialError(
            "UNREADABLE",
            `The private key in the PKCS#12 file${at} is not an RSA key; Maskinporten needs RSA`,
          );
        }
        const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key));
        const der = forge.asn1.toDer(info).getBytes();
        keys.push(
          createPrivateKey({
            key: Buffer.from(der, "binary"),
            format: "der",
            type: "pkcs8",
          }),
        );
      }
    }
  }
  if (keys.length === 0) {
    throw new CredentialError("UNREADABLE", `The PKCS#12 file${at} holds no private key`);
  }
  if (keys.length > 1) {
    throw new CredentialError(
      "UNREADABLE",
      `The PKCS#12 file${at} holds ${keys.length} private keys; export one certificate with its key`,
    );
  }
  if (certificates.length === 0) {
    throw new CredentialError("UNREADABLE", `The PKCS#12 file${at} holds no certificate`);
  }
  // A PKCS#12 file is a bag, not a list: its order means nothing, so the chain is rebuilt.
  const chain = orderBag(keys[0]!, certificates, at);
  return certificateCredential(keys[0]!, chain, options);
}

/**
 * The DER of every certificate block of a PEM text, in order (`certificatesInPem` of the
 * contracts: `CERTIFICATE`, OpenSSL's `TRUSTED CERTIFICATE` with its trust settings cut off, and
 * the old `X509 CERTIFICATE`; text around and between the blocks, such as OpenSSL's "Bag
 * Attributes", is ignored; CRLF, indentation and a byte-order mark are read as OpenSSL would).
 * @throws CredentialError `UNREADABLE` when the text holds no certificate.
 */
function certificateBlocks(text: string, at: string): Buffer[] {
  const blocks = certificatesInPem(text);
  if (blocks.length === 0) {
    throw new CredentialError("UNREADABLE", `No PEM certificate found in the chain${at}`);
  }
  return blocks.map((der) => Buffer.from(der));
}

/**
 * Reads a PEM private key and the PEM certificate chain (leaf first) of a business certificate.
 * Both may come with CRLF or CR line ends, indented, with a byte-order mark, in one file
 * together, or with OpenSSL's "Bag Attributes" (`pemText` of the contracts).
 */
export async function loadPem(
  input: { keyPem: string; certChainPem: string },
  options: CertificateLoadOptions = {},
): Promise<AdminCredential> {
  const at = where(options.source);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pemText(input.keyPem), format: "pem" });
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(input.keyPem);
    throw new CredentialError(
      "UNREADABLE",
      encrypted
        ? `The PEM private key${at} is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem) or use the PKCS#12 file with its password`
        : `The PEM private key${at} cannot be read: ${describe(error)}`,
      { cause: error },
    );
  }
  const certificates = certificateBlocks(input.certChainPem, at);
  const parsed = parseAll(certificates, at);
  assertRsa(key, at);

  const leafIndex = parsed.findIndex((certificate) => certificate.checkPrivateKey(key));
  if (leafIndex < 0) {
    throw new CredentialError(
      "KEY_MISMATCH",
      `The private key does not belong to the certificate${at}: its public key differs from the certificate's`,
    );
  }
  if (leafIndex > 0) {
    throw new CredentialError(
      "CHAIN_ORDER",
      `The certificate chain${at} is in the wrong order: the certificate of the private key (${parsed[leafIndex]!.subject.replace(/\n/g, ", ")}) is number ${leafIndex + 1}; it must come first`,
    );
  }
  for (let i = 0; i + 1 < parsed.length; i++) {
    if (!issuedBy(parsed[i]!, parsed[i + 1]!)) {
      throw new CredentialError(
        "CHAIN_ORDER",
        `The certificate chain${at} is in the wrong order: certificate ${i + 1} is not issued by certificate ${i + 2}. List the leaf first, then each issuer`,
      );
    }
  }
  return certificateCredential(key, certificates, options);
}

/**
 * A business certificate whose private key stays in a key service: the PEM chain (leaf first) is
 * read and checked as `loadPem` does, the leaf's public key must be `publicKey` (the key
 * service's, e.g. from AWS KMS `GetPublicKey`; else `KEY_MISMATCH`), and grants are signed by
 * `signer`. `keyService` names the key for logs (no secret).
 */
export async function loadRemoteCertificate(
  input: { certChainPem: string; publicKey: KeyObject; signer: GrantSigner; keyService: string },
  options: CertificateLoadOptions = {},
): Promise<AdminCredential> {
  const at = where(options.source);
  const certificates = certificateBlocks(input.certChainPem, at);
  const parsed = parseAll(certificates, at);
  if (input.publicKey.asymmetricKeyType !== "rsa") {
    throw new CredentialError(
      "UNREADABLE",
      `The key service's key${at} is ${input.publicKey.asymmetricKeyType ?? "not asymmetric"}; Maskinporten needs an RSA key`,
    );
  }
  const spki = (key: KeyObject) => key.export({ format: "der", type: "spki" });
  if (!spki(parsed[0]!.publicKey).equals(spki(input.publicKey))) {
    throw new CredentialError(
      "KEY_MISMATCH",
      `The key service's key (${input.keyService}) does not belong to the first certificate${at}: its public key differs from the certificate's`,
    );
  }
  for (let i = 0; i + 1 < parsed.length; i++) {
    if (!issuedBy(parsed[i]!, parsed[i + 1]!)) {
      throw new CredentialError(
        "CHAIN_ORDER",
        `The certificate chain${at} is in the wrong order: certificate ${i + 1} is not issued by certificate ${i + 2}. List the leaf first, then each issuer`,
      );
    }
  }
  return certificateCredential(
    { signer: input.signer, keyService: input.keyService },
    certificates,
    options,
  );
}

/** Reads a private RSA JWK whose public half is registered on the admin client under its kid. */
export async function loadPrivateJwk(
  jwk: unknown,
  options: { orgno?: string; source?: string } = {},
): Promise<AdminCredential> {
  const at = where(options.source);
  if (typeof jwk !== "object" || jwk === null || Array.isArray(jwk)) {
    throw new CredentialError("UNREADABLE", `The JWK${at} is not a JSON object`);
  }
  const key = jwk as Record<string, unknown>;
  if (key.kty !== "RSA") {
    throw new CredentialError(
      "UNREADABLE",
      `The JWK${at} is not an RSA key (kty is ${JSON.stringify(key.kty)}); Maskinporten needs RSA`,
    );
  }
  if (typeof key.d !== "string") {
    throw new CredentialError(
      "NOT_PRIVATE_JWK",
      `The JWK${at} is a public key: signing needs the private key (with "d", "p", "q", …). Register the public half on the client and keep the private one here`,
    );
  }
  if (typeof key.kid !== "string" || key.kid.length === 0) {
    throw new CredentialError(
      "UNREADABLE",
      `The JWK${at} has no kid; Maskinporten finds the registered key by its kid`,
    );
  }
  const alg = key.alg ?? "RS256";
  if (!isJwkAlg(alg)) {
    throw new CredentialError(
      "UNREADABLE",
      `The JWK${at} has alg ${JSON.stringify(alg)}; Maskinporten accepts RS256, RS384 and RS512`,
    );
  }
  let privateKey: CryptoKey;
  try {
    // `use`/`key_ops` describe the public key as registered; they must not block signing here.
    const { use: _use, key_ops: _ops, ext: _ext, ...material } = key;
    privateKey = (await importJWK(material as JWK, alg, { extractable: false })) as CryptoKey;
  } catch (error) {
    throw new CredentialError(
      "UNREADABLE",
      `The private JWK${at} cannot be imported: ${describe(error)}`,
      { cause: error },
    );
  }
  return { kind: "jwk", kid: key.kid, privateKey, alg, orgno: options.orgno };
}

export type CredentialSource =
  | { type: "pkcs12"; path: string; password: string }
  | { type: "pem"; keyPath: string; certPath: string }
  | { type: "jwk"; path: string; orgno?: string };

/** Loads a credential from files, as configured for an environment. */
export async function loadCredential(
  source: CredentialSource,
  options: Pick<CertificateLoadOptions, "now"> = {},
): Promise<AdminCredential> {
  switch (source.type) {
    case "pkcs12": {
      const data = await readCredentialFile(source.path);
      return loadPkcs12(new Uint8Array(data), source.password, {
        now: options.now,
        source: source.path,
      });
    }
    case "pem": {
      const [keyPem, certChainPem] = await Promise.all([
        readCredentialFile(source.keyPath),
        readCredentialFile(source.certPath),
      ]);
      return loadPem(
        { keyPem: keyPem.toString("utf8"), certChainPem: certChainPem.toString("utf8") },
        { now: options.now, source: `${source.keyPath}, ${source.certPath}` },
      );
    }
    case "jwk": {
      const text = (await readCredentialFile(source.path)).toString("utf8");
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new CredentialError("UNREADABLE", `The JWK file (${source.path}) is not JSON`, {
          cause: error,
        });
      }
      return loadPrivateJwk(json, { orgno: source.orgno, source: source.path });
    }
  }
}

async function readCredentialFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CredentialError(
      "UNREADABLE",
      `Cannot read the credential file ${path}${code ? ` (${code})` : ""}`,
      { cause: error },
    );
  }
}

/**
 * The PKCS#12 MAC and the old PBES1 ciphers take the password as UTF-16 (BMPString), but the
 * PBES2/AES ciphers OpenSSL 3 writes take it as UTF-8, and forge feeds PBES2 the raw JS string.
 * For a password beyond ASCII (æøå) the MAC is therefore checked with the password as given,
 * and the contents are then decrypted with its UTF-8 bytes.
 */
function decodePkcs12(der: string, password: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password);
  } catch (error) {
    const ascii = [...password].every((ch) => ch.charCodeAt(0) < 0x80);
    if (ascii || !(error instanceof Error) || !/decrypt/i.test(error.message)) throw error;
    // Reaching decryption means the MAC, computed from the UTF-16 password, verified.
    const pfx = forge.asn1.fromDer(der);
    const parts = pfx.value as forge.asn1.Asn1[];
    if (parts.length > 2) pfx.value = parts.slice(0, 2);
    return forge.pkcs12.pkcs12FromAsn1(pfx, forge.util.encodeUtf8(password));
  }
}

function isJwkAlg(value: unknown): value is JwkAlg {
  return typeof value === "string" && (JWK_ALGS as readonly string[]).includes(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseAll(certificates: readonly Uint8Array[], at: string): X509Certificate[] {
  return certificates.map((der, index) => {
    try {
      return new X509Certificate(der);
    } catch (error) {
      throw new CredentialError(
        "UNREADABLE",
        `Certificate ${index + 1}${at} cannot be read: ${describe(error)}`,
        { cause: error },
      );
    }
  });
}

function assertRsa(key: KeyObject, at: string): void {
  if (key.asymmetricKeyType !== "rsa") {
    throw new CredentialError(
      "UNREADABLE",
      `The private key${at} is ${key.asymmetricKeyType ?? "not asymmetric"}; Maskinporten needs an RSA key`,
    );
  }
}

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  return child.checkIssued(issuer) && child.verify(issuer.publicKey);
}

/** Puts the key's certificate first and follows issuers through the bag; strays are left out. */
function orderBag(key: KeyObject, certificates: Uint8Array[], at: string): Uint8Array[] {
  assertRsa(key, at);
  const parsed = parseAll(certificates, at);
  let current = parsed.findIndex((certificate) => certificate.checkPrivateKey(key));
  if (current < 0) {
    throw new CredentialError(
      "KEY_MISMATCH",
      `The private key in the PKCS#12 file${at} does not belong to any of its certificates`,
    );
  }
  const chain = [current];
  for (;;) {
    const child = parsed[current]!;
    const next = parsed.findIndex(
      (candidate, index) =>
        !chain.includes(index) && candidate !== child && issuedBy(child, candidate),
    );
    if (next < 0) break;
    chain.push(next);
    current = next;
  }
  return chain.map((index) => certificates[index]!);
}

async function certificateCredential(
  key: KeyObject | GrantSigning,
  chain: readonly Uint8Array[],
  options: CertificateLoadOptions,
): Promise<AdminCredential> {
  const at = where(options.source);
  const now = (options.now ?? Date.now)();
  const leafDer = chain[0]!;
  const leaf = new ParsedCertificate(new Uint8Array(leafDer));
  if (leaf.notBefore.getTime() > now) {
    throw new CredentialError(
      "CERT_NOT_YET_VALID",
      `The certificate${at} is not valid yet: it is valid from ${leaf.notBefore.toISOString()}`,
    );
  }
  if (leaf.notAfter.getTime() < now) {
    throw new CredentialError(
      "CERT_EXPIRED",
      `The certificate${at} expired on ${leaf.notAfter.toISOString()}`,
    );
  }
  const orgno = orgnoOfSubject(leaf);
  if (!orgno) {
    throw new CredentialError(
      "NO_ORGNO",
      `The certificate${at} names no organisation number (subject: ${leaf.subject}); a business certificate has it in serialNumber (2.5.4.5) or organizationIdentifier (2.5.4.97, NTRNO-…)`,
    );
  }
  const signing: GrantSigning =
    "export" in key
      ? {
          privateKey: await importPKCS8(
            key.export({ format: "pem", type: "pkcs8" }).toString(),
            "RS256",
            { extractable: false },
          ),
        }
      : key;
  return {
    kind: "certificate",
    orgno,
    ...signing,
    x5c: chain.map((der) => Buffer.from(der).toString("base64")),
    alg: "RS256",
    subject: leaf.subject,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    fingerprint: createHash("sha256").update(leafDer).digest("hex"),
  };
}

/**
 * Newer (SEID 2) certificates carry `organizationIdentifier` = `NTRNO-<orgno>`, older ones the
 * bare number in `serialNumber`; the OIDs are read directly because x509's "SN" means surname.
 */
function orgnoOfSubject(certificate: ParsedCertificate): string | undefined {
  for (const value of certificate.subjectName.getField("2.5.4.97")) {
    const match = /^NTRNO-(\d{9})$/.exec(value.trim());
    if (match) return match[1];
  }
  for (const value of certificate.subjectName.getField("2.5.4.5")) {
    if (/^\d{9}$/.test(value.trim())) return value.trim();
  }
  return undefined;
}
