import { z } from "zod";

const Params = z.record(z.string(), z.union([z.string(), z.number()]));

/** One check of a diagnosis as the BFF answers it (see `Check`). */
export const DiagnosisCheck = z.object({
  rule: z.string(),
  /** Stable outcome code; the web app renders its text in nb, nn and en. */
  code: z.string(),
  params: Params,
  ok: z.boolean(),
  severity: z.enum(["error", "warning", "info"]),
  /** English detail. */
  message: z.string(),
  fix: z.string().optional(),
  /** Text code of the fix. */
  fixCode: z.string().optional(),
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
    /** English; `summaryCode` and `summaryParams` are what the web app renders. */
    summary: z.string(),
    summaryCode: z.string(),
    summaryParams: Params,
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
      /** Why no client was used: its keys and scopes could not be read (a coded text). */
      clientNote: z
        .object({
          code: z.literal("diagnosis.context.client-unreadable"),
          params: z.object({ clientId: z.string() }),
          detail: z.string(),
        })
        .optional(),
      /** Whether the grant's signature could be checked against the client's registered keys. */
      keysRead: z.boolean(),
      grantedScopesKnown: z.boolean(),
    }),
  })
  .meta({ id: "DiagnoseResult" });
export type DiagnoseAnswer = z.infer<typeof DiagnoseAnswer>;
