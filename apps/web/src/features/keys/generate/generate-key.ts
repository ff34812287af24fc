import { type Jwk, Kid } from "@portvakt/contracts";

export type RsaBits = 2048 | 3072;

/** A key pair made in this browser: the public JWK to register, the private half to save. */
export interface GeneratedKey {
  kid: string;
  bits: RsaBits;
  /** The only part that is ever sent. */
  publicJwk: Jwk;
  /** PKCS#8 PEM of the private key, for the user's disk. */
  privatePem: string;
  /** The private key as JWK (with `d`), for the user's disk. */
  privateJwk: JsonWebKey & { kid: string; alg: string; use: string };
  /** For signing grants in this page (kept in memory only). */
  privateKey: CryptoKey;
  createdAt: Date;
}

/** `NAV pensjon-integrasjon` → `nav-pensjon-integrasjon` (kid-safe: letters, digits, `._-`). */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/æ/gi, "ae")
    .replace(/ø/gi, "o")
    .replace(/å/gi, "a")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "klient";
}

/**
 * A kid that says what it is (client + date) and is unique among the client's keys:
 * `nav-pensjon-2025-07-02`, then `…-2`, `…-3` on the same day.
 */
export function proposeKid(clientName: string, existingKids: readonly string[], now = new Date()) {
  const date = now.toISOString().slice(0, 10);
  const base = `${slugOf(clientName)}-${date}`;
  const taken = new Set(existingKids);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function base64(bytes: ArrayBuffer): string {
  let binary = "";
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i++) binary += String.fromCharCode(view[i]!);
  return btoa(binary);
}

export function toPem(der: ArrayBuffer, label: string): string {
  const lines = base64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * Generates an RSA key pair with WebCrypto. The private key is extractable only so that the
 * user can save it; it is never sent anywhere.
 */
export async function generateRsaKey(bits: RsaBits, kid: string): Promise<GeneratedKey> {
  Kid.parse(kid);
  const pair = (await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: bits,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const [publicJwk, privateJwk, pkcs8] = await Promise.all([
    crypto.subtle.exportKey("jwk", pair.publicKey),
    crypto.subtle.exportKey("jwk", pair.privateKey),
    crypto.subtle.exportKey("pkcs8", pair.privateKey),
  ]);
  return {
    kid,
    bits,
    publicJwk: {
      kty: "RSA",
      n: publicJwk.n!,
      e: publicJwk.e!,
      kid,
      use: "sig",
      alg: "RS256",
    },
    privatePem: toPem(pkcs8, "PRIVATE KEY"),
    privateJwk: {
      ...privateJwk,
      kid,
      alg: "RS256",
      use: "sig",
      key_ops: undefined,
      ext: undefined,
    },
    privateKey: pair.privateKey,
    createdAt: new Date(),
  };
}

/** An object URL for a download link; the caller revokes it. */
export function downloadUrl(text: string, type: string): string {
  return URL.createObjectURL(new Blob([text], { type }));
}
