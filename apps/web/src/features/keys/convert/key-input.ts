import {
  CERTIFICATE_PEM_LABELS,
  certificatesInPem,
  Jwk,
  MIN_RSA_BITS,
  PRIVATE_JWK_MEMBERS,
  rsaModulusBits,
} from "@portvakt/contracts";
import { spkiFromPkcs1 } from "./der";

/**
 * Turns what a user pastes or uploads (a JWK, a JWKS with one key, a PEM public key, a PEM
 * certificate) into the public JWK Maskinporten accepts, entirely in the browser. Private keys
 * and weak keys are refused here, before anything is sent.
 */

export type KeySource = "jwk" | "pem-public-key" | "pem-rsa-public-key" | "certificate";

export type ParsedKey = {
  ok: true;
  jwk: Jwk;
  source: KeySource;
  /** Members Portvakt filled in because the input lacked them (kid, use, alg). */
  filled: ("kid" | "use" | "alg")[];
  certificate?: { subject?: string; notAfter?: Date };
};

export type KeyProblem = {
  ok: false;
  code:
    | "empty"
    | "private"
    | "weak"
    | "notRsa"
    | "invalidJson"
    | "invalidPem"
    | "invalidCertificate"
    | "multipleKeys"
    | "unknownFormat"
    | "schema";
  /** The private member or PEM label, the bit count, or the schema's message. */
  detail?: string;
};

export type KeyParseResult = ParsedKey | KeyProblem;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** RFC 7638 thumbprint: a kid that is the same whoever computes it from the same key. */
export async function jwkThumbprint(jwk: { e: string; n: string }): Promise<string> {
  const canonical = JSON.stringify({ e: jwk.e, kty: "RSA", n: jwk.n });
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return base64Url(new Uint8Array(digest));
}

async function jwkFromSpki(spki: Uint8Array): Promise<{ n: string; e: string } | KeyProblem> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey(
      "spki",
      spki as Uint8Array<ArrayBuffer>,
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      true,
      ["verify"],
    );
  } catch {
    // WebCrypto refuses non-RSA keys (EC, Ed25519) and some very short RSA keys alike.
    return { ok: false, code: "notRsa" };
  }
  const exported = await crypto.subtle.exportKey("jwk", key);
  if (!exported.n || !exported.e) return { ok: false, code: "notRsa" };
  return { n: exported.n, e: exported.e };
}

async function finish(
  input: Record<string, unknown>,
  source: KeySource,
  certificate?: ParsedKey["certificate"],
): Promise<KeyParseResult> {
  for (const member of PRIVATE_JWK_MEMBERS) {
    if (member in input) return { ok: false, code: "private", detail: member };
  }
  if (input.kty !== undefined && input.kty !== "RSA") {
    return { ok: false, code: "notRsa", detail: String(input.kty) };
  }
  if (typeof input.n === "string") {
    const bits = rsaModulusBits(input.n);
    if (bits < MIN_RSA_BITS) return { ok: false, code: "weak", detail: String(bits) };
  }
  const filled: ParsedKey["filled"] = [];
  const candidate: Record<string, unknown> = { ...input };
  if (candidate.use === undefined) {
    candidate.use = "sig";
    filled.push("use");
  }
  if (candidate.alg === undefined) {
    candidate.alg = "RS256";
    filled.push("alg");
  }
  if (
    candidate.kid === undefined &&
    typeof candidate.n === "string" &&
    typeof candidate.e === "string"
  ) {
    candidate.kid = await jwkThumbprint({ n: candidate.n, e: candidate.e });
    filled.push("kid");
  }
  // Server-set and unknown members are left out so that what is sent is exactly the key.
  const { exp: _exp, key_ops: _ops, ext: _ext, ...rest } = candidate;
  const parsed = Jwk.safeParse(rest);
  if (!parsed.success) {
    return { ok: false, code: "schema", detail: parsed.error.issues[0]?.message };
  }
  return { ok: true, jwk: parsed.data, source, filled, ...(certificate ? { certificate } : {}) };
}

async function fromJson(text: string): Promise<KeyParseResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: "invalidJson" };
  }
  if (value && typeof value === "object" && "keys" in value && Array.isArray(value.keys)) {
    if (value.keys.length !== 1) {
      return { ok: false, code: "multipleKeys", detail: String(value.keys.length) };
    }
    value = value.keys[0];
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, code: "unknownFormat" };
  }
  return finish(value as Record<string, unknown>, "jwk");
}

async function fromPem(text: string): Promise<KeyParseResult> {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, body: m[2]! }));
  if (blocks.length === 0) return { ok: false, code: "invalidPem" };
  // A bundle holding a private key is refused as a whole: the key must not leave the machine.
  const privateBlock = blocks.find((b) => b.label.includes("PRIVATE"));
  if (privateBlock) return { ok: false, code: "private", detail: privateBlock.label };
  const first = blocks[0]!;
  let der: Uint8Array;
  try {
    der = base64ToBytes(first.body);
  } catch {
    return { ok: false, code: "invalidPem" };
  }
  if (first.label === "PUBLIC KEY" || first.label === "RSA PUBLIC KEY") {
    const spki = first.label === "PUBLIC KEY" ? der : spkiFromPkcs1(der);
    const key = await jwkFromSpki(spki);
    if ("ok" in key) return key;
    return finish(
      { kty: "RSA", ...key },
      first.label === "PUBLIC KEY" ? "pem-public-key" : "pem-rsa-public-key",
    );
  }
  // CERTIFICATE, OpenSSL's TRUSTED CERTIFICATE (its trust settings cut off) or X509 CERTIFICATE:
  // one reader of the labels for the browser and the BFF (contracts' certificatesInPem).
  if ((CERTIFICATE_PEM_LABELS as readonly string[]).includes(first.label)) {
    const ders = certificatesInPem(text);
    return ders.length ? fromCertificates(ders) : { ok: false, code: "invalidCertificate" };
  }
  return { ok: false, code: "unknownFormat", detail: first.label };
}

async function fromCertificates(ders: Uint8Array[]): Promise<KeyParseResult> {
  // X.509 parsing is loaded only when a certificate is actually pasted.
  const { parseCertificate } = await import("./certificate");
  let info: ReturnType<typeof parseCertificate>;
  try {
    info = parseCertificate(ders[0]!);
  } catch {
    return { ok: false, code: "invalidCertificate" };
  }
  const key = await jwkFromSpki(info.spki);
  if ("ok" in key) return key;
  // x5c carries the chain, leaf first, as standard base64 DER (RFC 7517 §4.7).
  return finish({ kty: "RSA", ...key, x5c: ders.map(bytesToBase64) }, "certificate", {
    subject: info.subject,
    notAfter: info.notAfter,
  });
}

export async function parseKeyText(text: string): Promise<KeyParseResult> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, code: "empty" };
  if (trimmed.startsWith("{")) return fromJson(trimmed);
  if (trimmed.includes("-----BEGIN")) return fromPem(trimmed);
  return { ok: false, code: "unknownFormat" };
}

/** A file may be text (PEM, JSON) or a binary DER certificate (.cer/.der). */
export async function parseKeyFile(bytes: Uint8Array): Promise<KeyParseResult> {
  if (bytes[0] === 0x30) {
    const asCertificate = await fromCertificates([bytes]);
    if (asCertificate.ok || asCertificate.code !== "invalidCertificate") return asCertificate;
    const key = await jwkFromSpki(bytes);
    if ("ok" in key) return key;
    return finish({ kty: "RSA", ...key }, "pem-public-key");
  }
  return parseKeyText(new TextDecoder().decode(bytes));
}
