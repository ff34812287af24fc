import { z } from "zod";
import { ContractError, contractIssuesOf } from "./contract-error";
import {
  AnsweredDateTime,
  dateFromTimestamp,
  type RowWarning,
  readRow,
  rowWarning,
  warningsField,
} from "./read";
import { validationText } from "./validation-messages";

export const MAX_KEYS_PER_CLIENT = 5;
export const MIN_RSA_BITS = 2048;
/** Algorithms of a JWT grant Maskinporten accepts (docs/maskinporten.md §2). */
export const JWK_ALGS = ["RS256", "RS384", "RS512"] as const;
/**
 * Algorithms a key registered on a client may name: the enum of `JsonWebKey.alg` in Digdir's
 * 2025 OpenAPI (docs/maskinporten.md §8; RS384 is accepted in grants, not for registered keys).
 */
export const KEY_WRITE_ALGS = ["RS256", "RS512"] as const;
export const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth"] as const;

/** Decodes base64url in Node and in browsers alike (both have `atob`). */
export function base64UrlToBytes(value: string): Uint8Array {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Size in bits of an RSA modulus given as base64url (leading zero bytes do not count). */
export function rsaModulusBits(n: string): number {
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(n);
  } catch {
    return 0;
  }
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

const privateMember = (name: string) =>
  z
    .undefined({
      error: validationText("jwk.private-member", { member: name }),
    })
    // For JSON Schema and OpenAPI: a member no value satisfies, i.e. one that must be absent.
    .meta({ type: "string", not: {}, description: `Private key member "${name}": never sent` })
    .optional();

const privateMembers = Object.fromEntries(
  PRIVATE_JWK_MEMBERS.map((name) => [name, privateMember(name)]),
) as Record<(typeof PRIVATE_JWK_MEMBERS)[number], ReturnType<typeof privateMember>>;

export const Kid = z
  .string()
  .min(1, validationText("jwk.kid.required"))
  .max(200)
  .regex(/^[A-Za-z0-9._-]+$/, validationText("jwk.kid.chars"));

/**
 * A public RSA signing key as Portvakt sends it to a client (the write rules of docs/maskinporten.md §8, from
 * Digdir's 2025 OpenAPI): `kty`, `use`, `alg`, `kid`, `e`, `n` required, `alg` RS256 or RS512, at
 * least 2048 bits, no private member. `exp` (epoch seconds) is kept by Digdir when sent; a key
 * sent without one gets a year from the write. Unknown members are dropped (never sent).
 */
export const Jwk = z
  .object({
    kty: z.literal("RSA", { error: validationText("jwk.kty") }),
    use: z.literal("sig", { error: validationText("jwk.use") }),
    alg: z.enum(KEY_WRITE_ALGS, { error: validationText("jwk.alg") }),
    kid: Kid,
    n: z.string().regex(/^[A-Za-z0-9_-]+$/, validationText("jwk.n.base64url")),
    e: z.string().regex(/^[A-Za-z0-9_-]+$/, validationText("jwk.e.base64url")),
    x5c: z.array(z.string()).optional(),
    /** Epoch seconds when the key stops working; kept when sent, else a year after the write. */
    exp: z.number().int().optional(),
    ...privateMembers,
  })
  .superRefine((jwk, ctx) => {
    const bits = rsaModulusBits(jwk.n);
    if (bits < MIN_RSA_BITS) {
      ctx.addIssue({
        code: "custom",
        path: ["n"],
        message: validationText("jwk.rsa.too-small", { bits, min: MIN_RSA_BITS }),
      });
    }
  })
  .meta({ id: "Jwk", description: "Public RSA signing key" });
export type Jwk = z.infer<typeof Jwk>;

/**
 * Body of `POST /api/envs/{env}/clients/{id}/keys`: one public key to add (Digdir's
 * `PUT .../jwks/{kid}`). The BFF refuses a kid the client already holds (409, field `jwk.kid`)
 * and a sixth key (400, field `jwk`).
 */
export const AddKeyRequest = z.object({ jwk: Jwk }).meta({ id: "AddKeyRequest" });
export type AddKeyRequest = z.infer<typeof AddKeyRequest>;

/** The key set of a client: at most five keys, each `kid` once. */
export const Jwks = z
  .object({
    keys: z
      .array(Jwk)
      .max(MAX_KEYS_PER_CLIENT, validationText("jwks.too-many", { max: MAX_KEYS_PER_CLIENT })),
  })
  .superRefine((jwks, ctx) => {
    const seen = new Set<string>();
    jwks.keys.forEach((key, index) => {
      if (seen.has(key.kid)) {
        ctx.addIssue({
          code: "custom",
          path: ["keys", index, "kid"],
          message: validationText("jwks.kid.duplicate", { kid: key.kid }),
        });
      }
      seen.add(key.kid);
    });
  })
  .meta({ id: "Jwks" });
export type Jwks = z.infer<typeof Jwks>;

/**
 * A key as Digdir answers it (read schema of `JsonWebKey` in the 2025 OpenAPI): every member
 * optional, unknown members kept. Keys registered before Digdir's 2025-05-22 API change have no
 * `use` (and may lack `alg`): they are valid keys and are flagged `jwk-without-use`.
 */
export const JwkRead = z
  .looseObject({
    kty: z.string().optional(),
    use: z.string().optional(),
    alg: z.string().optional(),
    kid: z.string().optional(),
    n: z.string().optional(),
    e: z.string().optional(),
    x5c: z.array(z.string()).optional(),
    /** Epoch seconds when the key stops working. */
    exp: z.number().optional(),
    created: AnsweredDateTime.optional(),
    last_updated: AnsweredDateTime.optional(),
    ...warningsField,
  })
  .meta({ id: "JwkRead", description: "A client key as Digdir answers it" });
export type JwkRead = z.infer<typeof JwkRead>;

/** A key registered before Digdir's 2025-05-22 API change: no `use` (docs/maskinporten.md §8). */
export function isLegacyKey(key: JwkRead): boolean {
  return key.use === undefined;
}

function keyWarnings(key: JwkRead): RowWarning[] {
  return isLegacyKey(key)
    ? [rowWarning("jwk-without-use", "use", "read.jwk-without-use", { kid: key.kid ?? "?" })]
    : [];
}

/** One key read leniently (see `readRow`), flagged when it is a legacy key. */
export function readJwk(raw: unknown): JwkRead | undefined {
  return readRow(JwkRead, raw, keyWarnings);
}

/**
 * A client's key set as the BFF answers it (and as read from Digdir): the keys with the set's
 * timestamps; unknown members kept. Digdir answers 404 for a client without keys, which the
 * client library reads as `{keys: []}` (docs/maskinporten.md §8).
 */
export const JwksResponse = z
  .looseObject({
    keys: z.array(JwkRead),
    created: AnsweredDateTime.optional(),
    last_updated: AnsweredDateTime.optional(),
  })
  .meta({ id: "JwksResponse" });
export type JwksResponse = z.infer<typeof JwksResponse>;

/** A set's date as text, also when sent as a Jackson timestamp (`dateFromTimestamp`); else left out. */
function answeredDate(field: string, value: unknown): Record<string, string> {
  const date = typeof value === "string" ? value : dateFromTimestamp(value);
  return date === undefined ? {} : { [field]: date };
}

/**
 * Reads Digdir's answer of `GET .../jwks` leniently: absent `keys` is none, each key read with
 * `readJwk` (a non-object entry is dropped), other members kept.
 */
export const JwksAnswer = z.looseObject({}).transform((raw): JwksResponse => {
  const { keys, created, last_updated, ...rest } = raw as Record<string, unknown>;
  return {
    ...rest,
    keys: Array.isArray(keys)
      ? keys.flatMap((key): JwkRead[] => {
          const read = readJwk(key);
          return read ? [read] : [];
        })
      : [],
    ...answeredDate("created", created),
    ...answeredDate("last_updated", last_updated),
  };
});

/**
 * The key to send back for a key Digdir holds (docs/maskinporten.md §8): a legacy key gets `"use":"sig"` (and
 * `"alg":"RS256"` if it had none), its `exp` (epoch seconds, as in a JWK) is kept so that writing the
 * set does not silently give it a fresh year.
 * @throws ContractError with code `KEY_NOT_WRITABLE`, naming the kid and each refused member, when
 * the key cannot be written (e.g. `alg` RS384, or a key too short).
 */
export function writableKey(key: JwkRead): Jwk {
  const written = Jwk.safeParse({
    kty: key.kty,
    use: key.use ?? "sig",
    alg: key.alg ?? "RS256",
    kid: key.kid,
    n: key.n,
    e: key.e,
    ...(key.x5c !== undefined ? { x5c: key.x5c } : {}),
    ...(key.exp !== undefined ? { exp: Math.trunc(key.exp) } : {}),
  });
  if (written.success) return written.data;
  const issues = contractIssuesOf(written.error);
  throw new ContractError(
    "KEY_NOT_WRITABLE",
    `The key ${key.kid ?? "(no kid)"} cannot be written: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join("; ")}`,
    issues,
  );
}
