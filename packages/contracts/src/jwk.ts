import { z } from "zod";

export const MAX_KEYS_PER_CLIENT = 5;
export const MIN_RSA_BITS = 2048;
export const JWK_ALGS = ["RS256", "RS384", "RS512"] as const;
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
      error: `This JWK contains the private member "${name}": it is a private key. Send only the public key (kty, n, e, kid, use, alg).`,
    })
    // For JSON Schema and OpenAPI: a member no value satisfies, i.e. one that must be absent.
    .meta({ type: "string", not: {}, description: `Private key member "${name}": never sent` })
    .optional();

const privateMembers = Object.fromEntries(
  PRIVATE_JWK_MEMBERS.map((name) => [name, privateMember(name)]),
) as Record<(typeof PRIVATE_JWK_MEMBERS)[number], ReturnType<typeof privateMember>>;

export const Kid = z
  .string()
  .min(1, "A key needs a kid")
  .max(200)
  .regex(/^[A-Za-z0-9._-]+$/, "A kid has only letters, digits and . _ -");

/** A public RSA signing key as Maskinporten accepts it on a client (spec §6). */
export const Jwk = z
  .object({
    kty: z.literal("RSA", { error: 'Only RSA keys are accepted (kty must be "RSA")' }),
    use: z.literal("sig", { error: 'A client key must have use: "sig"' }),
    alg: z.enum(JWK_ALGS, { error: "alg must be RS256, RS384 or RS512" }).optional(),
    kid: Kid,
    n: z.string().regex(/^[A-Za-z0-9_-]+$/, "n must be base64url"),
    e: z.string().regex(/^[A-Za-z0-9_-]+$/, "e must be base64url"),
    x5c: z.array(z.string()).optional(),
    /** Set by the server: epoch seconds when the key stops working (one year after upload). */
    exp: z.number().int().optional(),
    ...privateMembers,
  })
  .superRefine((jwk, ctx) => {
    const bits = rsaModulusBits(jwk.n);
    if (bits < MIN_RSA_BITS) {
      ctx.addIssue({
        code: "custom",
        path: ["n"],
        message: `The RSA key is ${bits} bits; Maskinporten requires at least ${MIN_RSA_BITS}`,
      });
    }
  })
  .meta({ id: "Jwk", description: "Public RSA signing key" });
export type Jwk = z.infer<typeof Jwk>;

/** The key set of a client: at most five keys, each `kid` once. */
export const Jwks = z
  .object({
    keys: z
      .array(Jwk)
      .max(
        MAX_KEYS_PER_CLIENT,
        `A client can hold at most ${MAX_KEYS_PER_CLIENT} keys; remove one first`,
      ),
  })
  .superRefine((jwks, ctx) => {
    const seen = new Set<string>();
    jwks.keys.forEach((key, index) => {
      if (seen.has(key.kid)) {
        ctx.addIssue({
          code: "custom",
          path: ["keys", index, "kid"],
          message: `The kid "${key.kid}" appears twice in the set`,
        });
      }
      seen.add(key.kid);
    });
  })
  .meta({ id: "Jwks" });
export type Jwks = z.infer<typeof Jwks>;

/** `GET /api/v1/clients/{id}/jwks` answers the set with its timestamps. */
export const JwksResponse = z
  .object({
    keys: z.array(Jwk),
    created: z.iso.datetime({ offset: true }).optional(),
    last_updated: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: "JwksResponse" });
export type JwksResponse = z.infer<typeof JwksResponse>;
