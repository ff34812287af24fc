import { z } from "zod";

/**
 * Text that carries private key material: a PEM private key (`-----BEGIN … PRIVATE KEY-----`,
 * PKCS#1 or PKCS#8), or a JWK with one of RFC 7518 §6.3.2's private members (`d`, `p`, `q`,
 * `dp`, `dq`, `qi`) as a string. One definition for the BFF's refusal (400
 * `problem.token-test.private-key`) and the web's check before sending.
 */
const PRIVATE_KEY_PATTERNS = [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, /"(d|p|q|dp|dq|qi)"\s*:\s*"/];

/** Whether `text` carries private key material (see `PRIVATE_KEY_PATTERNS`). Never throws. */
export function containsPrivateKey(text: string): boolean {
  return PRIVATE_KEY_PATTERNS.some((pattern) => pattern.test(text));
}

/**
 * Body of `POST /api/envs/{env}/token-test`: a JWT grant signed in the browser (at most 20,000
 * characters); the BFF sends it to the environment's token endpoint. Unknown members are kept
 * (read leniently); a private key anywhere in the body is refused by the BFF.
 */
export const TokenTestRequest = z
  .object({
    assertion: z
      .string()
      .min(1)
      .max(20_000)
      .meta({ description: "A signed JWT grant, made in the browser" }),
  })
  .loose()
  .meta({ id: "TokenTestRequest" });
export type TokenTestRequest = z.infer<typeof TokenTestRequest>;

/**
 * Body of `POST /api/envs/{env}/diagnose`: a JWT grant, an access token or the JSON body of a
 * token endpoint's error (at most 50,000 characters, surrounding white space dropped), and the
 * client to check it against (default: the grant's `iss`). A private key is refused (400, field
 * `input`).
 */
export const DiagnoseRequest = z
  .object({
    input: z
      .string()
      .trim()
      .min(1)
      .max(50_000)
      .meta({ description: "A JWT grant, an access token, or the JSON body of an error response" }),
    clientId: z.string().min(1).max(200).optional().meta({
      description: "The client to check the grant against; default: the grant's iss",
    }),
  })
  .meta({ id: "DiagnoseRequest" });
export type DiagnoseRequest = z.infer<typeof DiagnoseRequest>;
