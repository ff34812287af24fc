import { z } from "zod";

/** One check of a diagnosis as the BFF answers it. */
export const DiagnosisCheck = z.object({
  rule: z.string(),
  ok: z.boolean(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  fix: z.string().optional(),
  mpCode: z.string().optional(),
});
export type DiagnosisCheck = z.infer<typeof DiagnosisCheck>;

/**
 * The answer of `POST /api/envs/{env}/diagnose`: the diagnosis and what the BFF knew when it
 * made it. One definition for the BFF (validation, OpenAPI) and the web app (reading it).
 */
export const DiagnoseAnswer = z
  .object({
    kind: z.enum([
      "grant",
      "access-token",
      "token-response",
      "token-error",
      "self-service-error",
      "problem",
      "unknown",
    ]),
    summary: z.string(),
    header: z.record(z.string(), z.unknown()).optional(),
    claims: z.record(z.string(), z.unknown()).optional(),
    error: z.record(z.string(), z.unknown()).optional(),
    mpCode: z.string().optional(),
    checks: z.array(DiagnosisCheck),
    context: z.object({
      issuer: z.string(),
      client: z
        .object({ client_id: z.string(), client_name: z.string(), client_orgno: z.string() })
        .optional(),
      /** Why no client was used, e.g. it is not this organisation's. */
      clientNote: z.string().optional(),
      grantedScopesKnown: z.boolean(),
    }),
  })
  .meta({ id: "DiagnoseResult" });
export type DiagnoseAnswer = z.infer<typeof DiagnoseAnswer>;
