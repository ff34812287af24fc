import { z } from "zod";
import { MessageParams } from "./messages";
import { validationText } from "./validation-messages";

/**
 * The answers the BFF makes itself (not Digdir's, not another package's), one definition for
 * the BFF (its OpenAPI document) and the web app (reading them): the environments, the session,
 * the audit log and the token test. Each has an OpenAPI component id (`.meta({ id })`).
 */

/** What a person may do in one environment; each role includes the ones before it. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** True when `held` (none: undefined or null) includes `needed`. */
export function roleAllows(held: Role | null | undefined, needed: Role): boolean {
  return held != null && ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/**
 * One environment as `GET /api/envs` shows it. `id`, `label`, `kind` and `role` are always there
 * (what the environment picker and the 'no access' page need); which organisation Portvakt acts
 * as, its admin client, admin scopes and credential only for a person holding a role in it
 * (least privilege, issue 13 #12).
 */
export const EnvironmentSummary = z
  .object({
    id: z.string(),
    label: z.string(),
    kind: z.enum(["demo", "test", "prod"]),
    orgno: z.string().optional(),
    orgName: z.string().optional(),
    clientId: z.string().optional(),
    adminScopes: z.array(z.string()).optional(),
    missingAdminScopes: z.array(z.string()).optional(),
    /** The signed-in person's role here, or null: no access. */
    role: Role.nullable(),
    /** What the admin client authenticates with; for a certificate, when it stops working. */
    credential: z
      .object({
        kind: z.enum(["certificate", "jwk"]),
        subject: z.string().optional(),
        /** ISO 8601 date-time. */
        notAfter: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: "EnvironmentSummary" });
export type EnvironmentSummary = z.infer<typeof EnvironmentSummary>;

/** The answer of `GET /api/envs`. */
export const EnvsAnswer = z.object({ envs: z.array(EnvironmentSummary) });
export type EnvsAnswer = z.infer<typeof EnvsAnswer>;

/** The answer of `GET /api/session`: who is signed in, the role per environment id. */
export const SessionAnswer = z.object({
  sub: z.string(),
  name: z.string(),
  roles: z.record(z.string(), Role),
  /** ISO 8601 date-time when the session ends. */
  expiresAt: z.string(),
});
export type SessionAnswer = z.infer<typeof SessionAnswer>;

/**
 * What happened: `success` (done), `failure` (not done), `denied` (refused by Portvakt before
 * anything was sent), `partial` (some items failed; the items are in `after`), `unknown`
 * (Digdir's answer was lost; a later entry with `follows` set to this one's id says what
 * happened), `requested` (four-eyes: not made but stored as a change request, issue 18 #2).
 */
export const AUDIT_OUTCOMES = [
  "success",
  "failure",
  "denied",
  "partial",
  "unknown",
  "requested",
] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES).meta({
  description:
    "success, failure, denied (refused before sending), partial (some items failed; see after), unknown (Digdir's answer was lost; a later entry with `follows` says what happened), requested (four-eyes: not made, stored as a change request for another admin)",
});
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** One state change, or attempt at one, as `GET /api/audit` answers it. */
export const AuditEntry = z
  .object({
    id: z.string(),
    /** ISO 8601 date-time. */
    time: z.string(),
    actor: z.object({ sub: z.string(), name: z.string() }),
    role: z.string(),
    env: z.string(),
    action: z.string(),
    target: z.string(),
    outcome: AuditOutcome,
    /** The HTTP status the person got. */
    status: z.number(),
    requestId: z.string(),
    correlationId: z.string().optional(),
    /** English, for API clients, the CLI and the SIEM stream; the page shows `code` instead. */
    detail: z.string().optional(),
    code: z.string().optional().meta({
      description:
        "The detail's stable code (auditMessages or problemMessages; docs/i18n.md); absent on entries written before codes and on texts from elsewhere (Digdir's words)",
    }),
    params: MessageParams.optional().meta({ description: "The parameters of `code`" }),
    more: z
      .array(z.object({ code: z.string(), params: MessageParams.optional() }))
      .optional()
      .meta({
        description:
          "Further coded sentences of the detail, shown after `code`'s (who asked for and approved a change request, what failed after a change)",
      }),
    targetParts: z
      .array(z.object({ code: z.string(), params: MessageParams.optional() }))
      .optional()
      .meta({
        description:
          'The target as coded parts (`audit.target.*` of auditMessages, e.g. `audit.target.bulk` {scope, count}), shown joined with ", " in the page\'s language; absent on entries written before (then `target`, English, is shown)',
      }),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    follows: z
      .string()
      .optional()
      .meta({ description: "The id of the earlier entry (outcome unknown) this one settles" }),
    /** The entry's place in the audit hash chain (1, 2, ...), set on every entry since the chain. */
    seq: z.number().int().optional().meta({ description: "The entry's place in the hash chain" }),
    /** SHA-256 (hex) over the entry and the previous entry's hash (BFF audit/chain.ts, `v1`). */
    hash: z
      .string()
      .optional()
      .meta({ description: "SHA-256 (hex) over the entry and the previous entry's hash" }),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * A pipeline token (Portvakt's own API token) as the BFF lists, issues and revokes it: never its
 * value. `envs` are environment ids; times are ISO 8601.
 */
export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    envs: z.array(z.string()),
    createdBy: z.object({ sub: z.string(), name: z.string() }),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
    lastUsedAt: z.string().optional().meta({ description: "Noted at most once a minute" }),
  })
  .meta({ id: "ApiToken" });
export type ApiToken = z.infer<typeof ApiToken>;

/** The longest life of a pipeline token, in days (the BFF refuses more). */
export const MAX_API_TOKEN_DAYS = 366;

/** Every pipeline token starts so (easy to spot in a secret scanner, never a cookie value). */
export const API_TOKEN_PREFIX = "pvt_";

/**
 * Whether `text` has a pipeline token's shape: `pvt_` and 43 base64url characters (32 random
 * bytes, as the BFF issues them). Says nothing of whether it is valid; lets a caller refuse a
 * mangled value (a line break, a second token pasted after it) without ever echoing it.
 */
export function isApiTokenShape(text: string): boolean {
  return /^pvt_[A-Za-z0-9_-]{43}$/.test(text);
}

/**
 * Body of `POST /api/tokens` (issue a pipeline token): a name of 1–80 letters, digits, spaces
 * and `. _ : / -`, a role, 1–20 environment ids where the issuer is admin (the BFF checks
 * that), and a life of 1..`MAX_API_TOKEN_DAYS` whole days. Unknown fields are refused.
 */
export const IssueApiToken = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .regex(/^[\p{L}\p{N} ._:/-]+$/u, validationText("token.name.chars")),
    role: Role,
    envs: z.array(z.string().min(1).max(40)).min(1).max(20),
    days: z.number().int().min(1).max(MAX_API_TOKEN_DAYS),
  })
  .strict()
  .meta({ id: "IssueApiToken" });
export type IssueApiToken = z.infer<typeof IssueApiToken>;

/** The filters of `GET /api/audit` and its export, each optional (see `AuditFilters`). */
const auditFilterFields = {
  /** Part of the person's name or subject, any case. */
  person: z.string().max(200).optional(),
  /** An action (`scope.create`) or a group's prefix (`scope.`). */
  action: z.string().max(100).optional(),
  /** An environment id; without one, every environment where the person holds a role. */
  env: z.string().max(40).optional(),
  /** ISO 8601 date-time with offset: the earliest entry (inclusive). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** ISO 8601 date-time with offset: the latest entry (inclusive); not before `from`. */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Entries per page, 1-1,000. */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** The opaque cursor of `AuditPage.next`. */
  after: z.string().max(200).optional(),
};

/** A range that ends before it starts is refused on `to` (`audit.range.to-before-from`). */
function refineAuditRange(
  value: { from?: string | undefined; to?: string | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (value.from && value.to && Date.parse(value.to) < Date.parse(value.from)) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: validationText("audit.range.to-before-from"),
    });
  }
}

/**
 * The query of `GET /api/audit` (one definition for the BFF and the audit page's filter form):
 * person, action, environment, a time range (`from` ≤ `to`, ISO date-times with offset), the page
 * size and the cursor.
 */
export const AuditFilters = z
  .object(auditFilterFields)
  .superRefine(refineAuditRange)
  .meta({ id: "AuditFilters" });
export type AuditFilters = z.infer<typeof AuditFilters>;

/** The query of `GET /api/audit/export`: `AuditFilters` and the format (`csv`, default, or `jsonl`). */
export const AuditExportQuery = z
  .object({ ...auditFilterFields, format: z.enum(["csv", "jsonl"]).default("csv") })
  .superRefine(refineAuditRange)
  .meta({ id: "AuditExportQuery" });

/** A page of `GET /api/audit`, newest first; `next` is the opaque cursor of the next page. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.string().optional() });
export type AuditPage = z.infer<typeof AuditPage>;

/** The answer of `GET /api/envs/{env}/token-test`: where grants of the environment go. */
export const TokenTestInfo = z
  .object({
    issuer: z.string().meta({ description: "The aud of every grant in this environment" }),
    token_endpoint: z.string(),
    allowed: z.boolean(),
    reason: z.string().optional(),
  })
  .meta({ id: "TokenTestInfo" });
export type TokenTestInfo = z.infer<typeof TokenTestInfo>;

/**
 * The answer of `POST /api/envs/{env}/token-test`: Maskinporten's token answer decoded (never
 * the token itself), or its error explained (`explainTokenError` of maskinporten-rules).
 */
export const TokenTestResult = z
  .discriminatedUnion("ok", [
    z.object({
      ok: z.literal(true),
      /** The token endpoint's HTTP status. */
      status: z.number().int(),
      /** The access token decoded; the token itself never leaves the BFF. */
      token: z
        .object({
          header: z.record(z.string(), z.unknown()),
          claims: z.record(z.string(), z.unknown()),
        })
        .nullable(),
      token_type: z.string().optional(),
      /** Seconds. */
      expires_in: z.number().optional(),
      scope: z.string().optional(),
    }),
    z.object({
      ok: z.literal(false),
      status: z.number().int(),
      error: z.string(),
      error_description: z.string().optional(),
      mp_code: z.string().optional(),
      explanation: z
        .object({
          /** The token error's id (an MP code, or e.g. `consumer-org-own`): the web app names it in nb, nn, en. */
          id: z.string(),
          /** English; `causeCode` (`token-error.<id>.cause` of `maskinportenRulesMessages`) is rendered. */
          cause: z.string(),
          causeCode: z.string(),
          /** English; `fixCode` (`token-error.<id>.fix`) is rendered. */
          fix: z.string(),
          fixCode: z.string(),
          /** What told the id: `error_uri`, Digdir's `error_description` wording, or only `error`. */
          matched_by: z.enum(["error_uri", "error_description", "error"]),
        })
        .optional(),
    }),
  ])
  .meta({ id: "TokenTestResult" });
export type TokenTestResult = z.infer<typeof TokenTestResult>;
