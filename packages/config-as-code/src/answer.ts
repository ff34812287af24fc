import {
  AccessState,
  Coded,
  IntegrationType,
  MessageParams,
  TokenType,
  Visibility,
} from "@portvakt/contracts";
import { z } from "zod";

/**
 * The answers of `planChanges` and `applyDocument` as zod schemas: the package that makes them
 * owns their shape; the BFF serves them (and documents them in its OpenAPI) and the web app reads
 * them with these same schemas. Browser-safe: zod and `@portvakt/contracts` only.
 */

/** Every kind of step, in the order apply carries them out (see `planChanges`). */
export const STEP_KINDS = [
  "scope.create",
  "scope.reactivate",
  "scope.update",
  "access.grant",
  "access.revoke",
  "client.create",
  "client.update",
  "key.add",
  "key.remove",
  "scope.deactivate",
] as const;
export const StepKind = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKind>;

/**
 * One field that differs between before and after. A side the thing does not have (a created
 * scope has no `before`) is left out, and JSON drops it, so both sides are optional (issue 14,
 * defect 1: "steps.0.changes.0.before: expected nonoptional").
 */
export const FieldChange = z.object({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

/**
 * A scope's lifetimes in seconds (`at_max_age`, `authorization_max_lifetime`; docs/maskinporten.md
 * §3). Left out, each is Maskinporten's default (no limit of the scope's own), which Digdir stores
 * and answers as 0 (the simulator does the same, and its token endpoint ignores an `at_max_age` of
 * 0; docs/maskinporten.md §8). So "left out", 0 and a missing field of Digdir's answer are one
 * value, unset: a plan compares it as `null` (shown as "empty: Maskinporten's default", never as
 * 0), a create leaves it out, an export omits it, and unset → 0 is never a change.
 */
export const SCOPE_LIFETIMES = ["at_max_age", "authorization_max_lifetime"] as const;
export type ScopeLifetime = (typeof SCOPE_LIFETIMES)[number];

/** Whether `field` is one of a scope's lifetimes (`SCOPE_LIFETIMES`). */
export function isScopeLifetime(field: string): field is ScopeLifetime {
  return (SCOPE_LIFETIMES as readonly string[]).includes(field);
}

/**
 * A scope lifetime as a plan compares it: seconds (> 0), or `null` when unset (left out, 0, or not
 * a number: Maskinporten's default; `SCOPE_LIFETIMES`).
 */
export function lifetimeOf(value: unknown): number | null {
  return typeof value === "number" && value > 0 ? value : null;
}

/**
 * Whether a plan's `change.before` / `after` of `field` is an unset lifetime (`SCOPE_LIFETIMES`),
 * which a reader is shown as "empty: Maskinporten's default" (the create form's words), not as 0
 * or a dash. False for every other field.
 */
export function isUnsetLifetime(field: string, value: unknown): boolean {
  return isScopeLifetime(field) && lifetimeOf(value) === null;
}

/**
 * A scope's fields as a plan compares them, Digdir's defaults filled in (left-out texts are "",
 * no delegation source is null; `docs/maskinporten.md` §3). A lifetime (seconds) is null when
 * unset: Maskinporten's default, which Digdir answers as 0 (`SCOPE_LIFETIMES`).
 */
export const ScopeRecord = z.object({
  description: z.string(),
  long_description: z.string(),
  active: z.boolean(),
  visibility: Visibility,
  allowed_integration_types: z.array(IntegrationType),
  token_type: TokenType,
  at_max_age: z.number().nullable(),
  authorization_max_lifetime: z.number().nullable(),
  requires_user_consent: z.boolean(),
  requires_user_authentication: z.boolean(),
  requires_pseudonymous_tokens: z.boolean(),
  accessible_for_all: z.boolean(),
  delegation_source: z.string().nullable(),
  enforced_aud_for_access_token: z.string(),
});
export type ScopeRecord = z.infer<typeof ScopeRecord>;

/** A client's fields as a plan compares them (scopes sorted, no duplicates). */
export const ClientRecord = z.object({
  client_name: z.string(),
  description: z.string(),
  scopes: z.array(z.string()),
  access_token_lifetime: z.number(),
  client_orgno: z.string().optional(),
});
export type ClientRecord = z.infer<typeof ClientRecord>;

/** A key's public members and its kid, as a plan shows it (no `exp`: that is Digdir's). */
export const KeyRecord = z.object({
  kid: z.string(),
  kty: z.literal("RSA"),
  use: z.literal("sig").optional(),
  alg: z.string().optional(),
  n: z.string(),
  e: z.string(),
  x5c: z.array(z.string()).optional(),
});
export type KeyRecord = z.infer<typeof KeyRecord>;

const GrantRecord = z.object({ state: AccessState });
const Consumer = z.object({ orgno: z.string(), name: z.string().optional() });
const ClientRef = z.object({ name: z.string(), client_id: z.string().optional() });

const base = {
  /** Stable across re-plans of the same change: what a person confirms. */
  id: z.string().meta({ example: "access.grant:difi:api3@889640782" }),
  /** One line for a person: "Grant 889640782 (NAV) access to difi:api3". */
  summary: z.string(),
  /** Why the step is in the plan. */
  reason: z.string(),
  /** Needs explicit confirmation before apply runs it. */
  dangerous: z.boolean(),
  /** Why it is dangerous; empty when it is not. */
  dangers: z.array(z.string()),
  /** Field-level difference of before and after. */
  changes: z.array(FieldChange),
  /** `summary`, `reason` and `dangers` as codes with parameters (docs/i18n.md, `configMessages`). */
  texts: z.object({ summary: Coded, reason: Coded, dangers: z.array(Coded) }),
};

/**
 * One change the plan would make, one shape per kind. `before` / `after` are the thing before
 * and after the step (`null`: it does not exist / will not exist). Plain JSON, so the UI and
 * `--json` show it as it is.
 */
export const PlanStep = z
  .discriminatedUnion("kind", [
    z.object({
      ...base,
      kind: z.literal("scope.create"),
      scope: z.string(),
      before: z.null(),
      after: ScopeRecord,
    }),
    z.object({
      ...base,
      kind: z.literal("scope.reactivate"),
      scope: z.string(),
      before: ScopeRecord,
      after: ScopeRecord,
    }),
    z.object({
      ...base,
      kind: z.literal("scope.update"),
      scope: z.string(),
      before: ScopeRecord,
      after: ScopeRecord,
    }),
    z.object({
      ...base,
      kind: z.literal("scope.deactivate"),
      scope: z.string(),
      before: ScopeRecord.partial(),
      after: ScopeRecord.partial(),
    }),
    z.object({
      ...base,
      kind: z.literal("access.grant"),
      scope: z.string(),
      consumer: Consumer,
      before: GrantRecord.nullable(),
      after: GrantRecord,
    }),
    z.object({
      ...base,
      kind: z.literal("access.revoke"),
      scope: z.string(),
      consumer: Consumer,
      before: GrantRecord,
      after: GrantRecord,
    }),
    z.object({
      ...base,
      kind: z.literal("client.create"),
      client: ClientRef,
      before: z.null(),
      after: ClientRecord,
    }),
    z.object({
      ...base,
      kind: z.literal("client.update"),
      client: ClientRef,
      before: ClientRecord,
      after: ClientRecord,
    }),
    z.object({
      ...base,
      kind: z.literal("key.add"),
      client: ClientRef,
      kid: z.string(),
      before: z.null(),
      after: KeyRecord,
    }),
    z.object({
      ...base,
      kind: z.literal("key.remove"),
      client: ClientRef,
      kid: z.string(),
      before: KeyRecord,
      after: z.null(),
    }),
  ])
  .meta({ id: "ConfigPlanStep" });
export type PlanStep = z.infer<typeof PlanStep>;
/** The step of one kind. */
export type PlanStepOf<K extends StepKind> = Extract<PlanStep, { kind: K }>;

/** The steps of one scope (scope and access steps) or one client (client and key steps). */
export const PlanGroup = z.object({
  /** Scope name or client name. */
  name: z.string(),
  client_id: z.string().optional(),
  steps: z.array(PlanStep),
});
export type PlanGroup = z.infer<typeof PlanGroup>;

/** What `planChanges` answers. */
export const Plan = z
  .object({
    environment: z.string(),
    production: z.boolean(),
    /** Digest of the live state the plan was computed from; apply refuses another state. */
    fingerprint: z.string(),
    /** In the order apply runs them. */
    steps: z.array(PlanStep),
    /** The same steps for reading: per scope and per client. */
    groups: z.object({ scopes: z.array(PlanGroup), clients: z.array(PlanGroup) }),
    summary: z.object({
      total: z.number().int(),
      dangerous: z.number().int(),
      byKind: z.partialRecord(StepKind, z.number().int()),
    }),
    /** What the document asks for that the plan cannot do, and what it leaves alone. */
    warnings: z.array(z.string()),
    /** `warnings` as codes with parameters. */
    warningTexts: z.array(Coded),
  })
  .meta({ id: "ConfigPlan" });
export type Plan = z.infer<typeof Plan>;

export const StepOutcome = z.enum(["done", "failed", "not-run"]);
export type StepOutcome = z.infer<typeof StepOutcome>;

export const StepError = z.object({
  message: z.string(),
  /**
   * `message` as a code with parameters, for the browser's language (docs/i18n.md): Digdir's
   * refusal (`upstream.*`, `faq.*`, or `problem.upstream` with Digdir's own words as `words`),
   * a refused key edit (`problem.*`) or the package's own (`config.error.*`). Always written
   * since issue 14 #13; optional when read (reports of older versions).
   */
  code: z.string().optional(),
  params: MessageParams.optional(),
  status: z.number().int().optional(),
  correlationId: z.string().optional(),
});
export type StepError = z.infer<typeof StepError>;

export const StepReport = z.object({
  id: z.string(),
  kind: StepKind,
  summary: z.string(),
  /** `summary` as a code with parameters. */
  text: Coded,
  outcome: StepOutcome,
  error: StepError.optional(),
});
export type StepReport = z.infer<typeof StepReport>;

/** What `applyDocument` answers. */
export const ApplyReport = z
  .object({
    /** `no-changes`: the environment already matches the document (a repeated apply lands here). */
    status: z.enum(["applied", "no-changes", "failed"]),
    environment: z.string(),
    /** The fingerprint of the state the steps were applied to. */
    fingerprint: z.string(),
    steps: z.array(StepReport),
    done: z.number().int(),
    notRun: z.number().int(),
    failed: StepReport.optional(),
    warnings: z.array(z.string()),
    /** `warnings` as codes with parameters. */
    warningTexts: z.array(Coded),
  })
  .meta({ id: "ConfigApplyReport" });
export type ApplyReport = z.infer<typeof ApplyReport>;
