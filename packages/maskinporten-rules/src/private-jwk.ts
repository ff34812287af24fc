/**
 * Recognises the shapes in which people hand over a private JWK: a bare JWK, the same base64
 * encoded (as NAV's `MASKINPORTEN_CLIENT_JWK` secrets and many vaults hold it), a key set
 * `{"keys":[…]}`, or a JSON array `[…]`. Exactly one private key is accepted; otherwise the shape
 * is named so the person knows what to change.
 */
import { formatMessage } from "@portvakt/contracts";
import { maskinportenRulesMessages } from "./messages";

/** The shape the text had. */
export type JwkShape = "jwk" | "base64" | "jwks" | "array";

/** The private members of an RSA JWK; one of them present means the key is private. */
export const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi"] as const;

export type PrivateJwkReading =
  | { ok: true; shape: JwkShape; jwk: Record<string, unknown> & { kty: string; kid?: string } }
  | {
      ok: false;
      /** `undefined` when the text is not JSON (or base64 of JSON) at all. */
      shape?: JwkShape;
      problem: "unreadable" | "no-private-key" | "several-private-keys" | "not-rsa";
      /** How many keys the text held (for `no-private-key` and `several-private-keys`). */
      keys?: number;
      /** `jwk.<problem>`: its text in nb, nn and en is in `maskinportenRulesMessages`. */
      code: `jwk.${"unreadable" | "no-private-key" | "several-private-keys" | "not-rsa"}`;
      params: Record<string, string | number>;
      /** English. */
      message: string;
    };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPrivate(key: Record<string, unknown>): boolean {
  return PRIVATE_JWK_MEMBERS.some((member) => typeof key[member] === "string");
}

function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(compact)) return undefined;
  try {
    const standard = compact.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(standard), (ch) => ch.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problem(
  name: "unreadable" | "no-private-key" | "several-private-keys" | "not-rsa",
  params: Record<string, string | number>,
  extra: { shape?: JwkShape; keys?: number },
): PrivateJwkReading {
  const code = `jwk.${name}` as const;
  return {
    ok: false,
    problem: name,
    code,
    params,
    message: formatMessage(maskinportenRulesMessages.en[code], "en", params),
    ...extra,
  };
}

/** Reads one private JWK from text in any of the shapes above. Never throws. */
export function readPrivateJwk(text: string): PrivateJwkReading {
  const trimmed = text.trim();
  let value = parseJson(trimmed);
  let base64 = false;
  if (value === undefined) {
    const decoded = decodeBase64(trimmed);
    value = decoded === undefined ? undefined : parseJson(decoded.trim());
    base64 = value !== undefined;
  }
  if (value === undefined) {
    return problem("unreadable", {}, {});
  }
  let shape: JwkShape;
  let keys: unknown[];
  if (Array.isArray(value)) {
    shape = "array";
    keys = value;
  } else if (isObject(value) && Array.isArray(value.keys)) {
    shape = "jwks";
    keys = value.keys;
  } else {
    shape = "jwk";
    keys = [value];
  }
  const reported: JwkShape = base64 ? "base64" : shape;
  const objects = keys.filter(isObject);
  const privateKeys = objects.filter(isPrivate);
  if (privateKeys.length === 0) {
    return problem(
      "no-private-key",
      { shape: reported, keys: keys.length },
      { shape: reported, keys: keys.length },
    );
  }
  if (privateKeys.length > 1) {
    return problem(
      "several-private-keys",
      { shape: reported, keys: privateKeys.length },
      { shape: reported, keys: privateKeys.length },
    );
  }
  const jwk = privateKeys[0] as Record<string, unknown>;
  if (jwk.kty !== "RSA") {
    return problem("not-rsa", { kty: String(jwk.kty) }, { shape: reported });
  }
  return { ok: true, shape: reported, jwk: jwk as Record<string, unknown> & { kty: string } };
}
