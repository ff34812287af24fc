import { IntegrationType, MessageParams } from "@portvakt/contracts";
import { z } from "zod";
import { API_SCOPE_GROUPS, API_SCOPE_OPERATIONS } from "./api-scopes";

/**
 * The answers of the BFF's Altinn routes as zod schemas, one definition for the BFF (OpenAPI)
 * and the web app (reading them): `POST /api/envs/{env}/altinn/validate` answers
 * `AltinnValidationReport` (this package's `ValidationReport` plus each planned scope's state in
 * Maskinporten), `POST .../altinn/provision` answers `AltinnProvisionReport`.
 */
const Usage = z.object({
  group: z.enum(API_SCOPE_GROUPS),
  operation: z.enum(API_SCOPE_OPERATIONS),
});

/** Where a scope is used: a group (users, service owners) and an operation (read, write). */
export const AltinnScopeUsage = Usage;
export type AltinnScopeUsage = z.infer<typeof Usage>;

/** One `MetadataProblem` of `validateApplicationMetadata`, as answered. */
export const AltinnMetadataProblem = z
  .object({
    code: z.string().meta({
      description: "Stable code (altinn.metadata.*); the web words it in nb, nn or en",
      example: "altinn.metadata.invalid-scope",
    }),
    params: MessageParams.meta({ description: "The values the text is built from" }),
    detail: z.string().meta({ description: "The problem in English" }),
    severity: z.enum(["error", "warning"]),
    path: z.string().meta({ example: "$.apiScopes.users.read" }),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
  })
  .meta({ id: "AltinnMetadataProblem" });
export type AltinnMetadataProblem = z.infer<typeof AltinnMetadataProblem>;

const ResolvedGroup = z.object({
  read: z.string().optional(),
  write: z.string().optional(),
  messageKey: z.string(),
  messageKeyFrom: z.enum(["group", "top", "default"]),
  keys: z.object({
    group: z.string().nullable().optional(),
    top: z.string().nullable().optional(),
  }),
  message: z.string(),
  messageFound: z.boolean(),
});

/** `ResolvedApiScopes` (resolve.ts), as answered. */
export const AltinnResolvedApiScopes = z
  .object({
    id: z.string().optional(),
    org: z.string().optional(),
    app: z.string().optional(),
    active: z.boolean(),
    users: ResolvedGroup,
    serviceOwners: ResolvedGroup,
    scopes: z.array(
      z.object({
        name: z.string(),
        written: z.string(),
        group: z.enum(API_SCOPE_GROUPS),
        operation: z.enum(API_SCOPE_OPERATIONS),
        path: z.string(),
      }),
    ),
    loadError: z
      .object({
        kind: z.enum(["wrong-type", "invalid-id"]),
        /** The text's code (`altinn.metadata.*`); `message` is its English. */
        code: z.enum([
          "altinn.metadata.wrong-type-string",
          "altinn.metadata.wrong-type-object",
          "altinn.metadata.invalid-id",
        ]),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
        path: z.string(),
        message: z.string(),
      })
      .optional()
      .meta({ description: "Set when the app could not read the file and would not start" }),
    titles: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: "AltinnResolvedApiScopes" });
export type AltinnResolvedApiScopes = z.infer<typeof AltinnResolvedApiScopes>;

/** A scope's state in Maskinporten: there and active, there but deactivated, or not there. */
export const MaskinportenScopeState = z.enum(["active", "deactivated", "missing"]);
export type MaskinportenScopeState = z.infer<typeof MaskinportenScopeState>;

/** A scope provisioning would create (`provisioningPlanOf`), and its state in Maskinporten. */
export const AltinnScopeInMaskinporten = z
  .object({
    name: z.string(),
    usedBy: z.array(Usage),
    allowed_integration_types: z.array(IntegrationType),
    description: z.string(),
    maskinporten: MaskinportenScopeState,
  })
  .meta({ id: "AltinnScopeInMaskinporten" });
export type AltinnScopeInMaskinporten = z.infer<typeof AltinnScopeInMaskinporten>;

/** The answer of `.../altinn/validate`: the `ValidationReport` and the planned scopes' state. */
export const AltinnValidationReport = z
  .object({
    valid: z.boolean(),
    errors: z.number().int(),
    warnings: z.number().int(),
    problems: z.array(AltinnMetadataProblem),
    resolved: AltinnResolvedApiScopes.nullable(),
    scopes: z
      .array(AltinnScopeInMaskinporten)
      .meta({ description: "The scopes provisioning would create, and whether they exist" }),
  })
  .meta({ id: "AltinnValidationReport" });
export type AltinnValidationReport = z.infer<typeof AltinnValidationReport>;

/**
 * What provisioning did (or, in a dry run, would do) to one scope or grant. `unknown`: Digdir's
 * answer was lost and a re-read could not tell.
 */
export const PROVISION_STATUSES = [
  "created",
  "exists",
  "reactivated",
  "granted",
  "already-granted",
  "failed",
  "unknown",
  "will-create",
  "will-reactivate",
  "will-grant",
] as const;
export const ProvisionStatus = z.enum(PROVISION_STATUSES);
export type ProvisionStatus = z.infer<typeof ProvisionStatus>;

/**
 * One scope or grant of a provisioning run. A failed or unknown item says why as a coded text:
 * `detail` (English) with `code` + `params` beside it (docs/i18n.md; issue 14, item 13).
 */
export const AltinnProvisionItem = z
  .object({
    kind: z.enum(["scope", "grant"]),
    scope: z.string(),
    consumer_orgno: z.string().optional(),
    status: ProvisionStatus,
    usedBy: z.array(Usage).optional(),
    allowed_integration_types: z.array(IntegrationType).optional(),
    detail: z.string().optional().meta({
      description:
        "Why the item failed, in English (for API clients and the CLI); `code` and `params` say the same for the web",
    }),
    code: z.string().optional().meta({
      description:
        "Stable code of `detail` (problem.*, validation.*, an MP rule's code); the web words it in nb, nn or en. Digdir's own words that no table knows are the parameter `words` of `problem.upstream`",
      example: "problem.upstream",
    }),
    params: MessageParams.optional().meta({ description: "The values the text is built from" }),
    correlation_id: z.string().optional(),
  })
  .meta({ id: "AltinnProvisionItem" });
export type AltinnProvisionItem = z.infer<typeof AltinnProvisionItem>;

/** The answer of `.../altinn/provision`. */
export const AltinnProvisionReport = z
  .object({
    app: z.string(),
    dryRun: z.boolean(),
    ok: z.boolean().meta({ description: "No item failed" }),
    items: z.array(AltinnProvisionItem),
    warnings: z.array(AltinnMetadataProblem),
  })
  .meta({ id: "AltinnProvisionReport" });
export type AltinnProvisionReport = z.infer<typeof AltinnProvisionReport>;
