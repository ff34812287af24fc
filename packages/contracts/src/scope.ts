import { z } from "zod";
import { TEXT_LIMITS } from "./limits";
import { AnsweredDateTime, type RowWarning, readRow, rowWarning, warningsField } from "./read";
import { ScopePrefix, Subscope } from "./scope-name";
import { validationText } from "./validation-messages";

export const INTEGRATION_TYPES = [
  "ansattporten",
  "api_klient",
  "eformidling",
  "idporten",
  "idporten_saml2",
  "krr",
  "maskinporten",
] as const;
export const IntegrationType = z.enum(INTEGRATION_TYPES).meta({ id: "IntegrationType" });
export type IntegrationType = z.infer<typeof IntegrationType>;

export const Visibility = z.enum(["PUBLIC", "PRIVATE", "INTERNAL"]).meta({ id: "Visibility" });
export type Visibility = z.infer<typeof Visibility>;

export const TokenType = z.enum(["SELF_CONTAINED", "OPAQUE"]).meta({ id: "TokenType" });
export type TokenType = z.infer<typeof TokenType>;

// What Digdir answers is read leniently: one odd name or number there must not make a whole
// list unreadable. The strict rules apply to what Portvakt sends.
const AnsweredName = z.string().min(1);
const Seconds = z.number().int().min(0);

/**
 * Languages of a scope's texts besides the default (Norwegian bokmål): the `description#nn`,
 * `#en`, `#se` members Digdir's own web client edits (`digdir/digdir-camp-2025-react-impl`) and
 * the live catalogue answers, not in the OpenAPI (docs/maskinporten.md §8).
 */
export const SCOPE_TEXT_LANGUAGES = ["nn", "en", "se"] as const;
export type ScopeTextLanguage = (typeof SCOPE_TEXT_LANGUAGES)[number];

function languageVariants() {
  const fields: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const lang of SCOPE_TEXT_LANGUAGES) {
    fields[`description#${lang}`] = z.string().max(TEXT_LIMITS.scopeDescription).optional();
    fields[`long_description#${lang}`] = z
      .string()
      .max(TEXT_LIMITS.scopeLongDescription)
      .optional();
  }
  return fields as {
    [K in `${"description" | "long_description"}#${ScopeTextLanguage}`]: z.ZodOptional<z.ZodString>;
  };
}

/**
 * An address a scope points to (`delegation_source`): https, or http only on this machine
 * (localhost, 127.0.0.1, [::1]) for a local test. `ftp://x`, `javascript:` and words without a
 * scheme are refused (issue 14, defect 8); Digdir's delegation sources are https issuers
 * (`GET /api/v1/delegationsources`).
 */
export const WebAddress = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      if (url.protocol === "https:") return url.hostname.length > 0;
      return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    } catch {
      return false;
    }
  },
  { message: validationText("scope.url") },
);

/**
 * A scope's token and access settings in Portvakt's write rules (docs/maskinporten.md §3; seconds
 * are whole, at least 0): one definition for every writer, the self-service bodies here and the
 * config-as-code document.
 */
export const SCOPE_SETTINGS = {
  token_type: TokenType.optional(),
  at_max_age: Seconds.optional(),
  authorization_max_lifetime: Seconds.optional(),
  requires_user_consent: z.boolean().optional(),
  requires_user_authentication: z.boolean().optional(),
  requires_pseudonymous_tokens: z.boolean().optional(),
  accessible_for_all: z.boolean().optional(),
};

/** The fields a provider may set on a scope (docs/maskinporten.md §3); everything else is read-only. */
const scopeFields = {
  description: z
    .string()
    .trim()
    .min(1, validationText("scope.description.required"))
    .max(TEXT_LIMITS.scopeDescription),
  long_description: z.string().max(TEXT_LIMITS.scopeLongDescription).optional(),
  active: z.boolean().optional(),
  visibility: Visibility.optional(),
  allowed_integration_types: z.array(IntegrationType).optional(),
  ...SCOPE_SETTINGS,
  delegation_source: WebAddress.optional(),
  enforced_aud_for_access_token: z.string().optional(),
  ...languageVariants(),
};

/** Body of `POST /api/v1/scopes`. */
export const ScopeInput = z
  .object({ prefix: ScopePrefix, subscope: Subscope, ...scopeFields })
  .meta({ id: "ScopeInput" });
export type ScopeInput = z.infer<typeof ScopeInput>;

/** Body of `PUT /api/v1/scopes?scope=`: prefix and subscope may be sent but cannot change. */
export const ScopeUpdate = z
  .object({
    prefix: ScopePrefix.optional(),
    subscope: Subscope.optional(),
    ...scopeFields,
    description: scopeFields.description.optional(),
  })
  .meta({ id: "ScopeUpdate" });
export type ScopeUpdate = z.infer<typeof ScopeUpdate>;

/**
 * A scope as read from Digdir (the read schema of `Scope_ScopeExternal` in the 2025 OpenAPI,
 * docs/maskinporten.md §8): every field optional, unknown fields kept (e.g. `protected`,
 * `supports_european_businesses`, `delegations`), an odd value set aside and named in
 * `portvakt_warnings` (`readScope`). Only `name` is always there: Digdir's rows carry it, and
 * `readScope` derives it from `prefix:subscope` where a row leaves it out.
 */
export const Scope = z
  .looseObject({
    name: z.string().min(1),
    prefix: z.string().optional(),
    subscope: z.string().optional(),
    description: z.string().optional(),
    long_description: z.string().optional(),
    active: z.boolean().optional(),
    visibility: Visibility.optional(),
    allowed_integration_types: z.array(IntegrationType).optional(),
    token_type: TokenType.optional(),
    at_max_age: z.number().optional(),
    authorization_max_lifetime: z.number().optional(),
    requires_user_consent: z.boolean().optional(),
    requires_user_authentication: z.boolean().optional(),
    requires_pseudonymous_tokens: z.boolean().optional(),
    accessible_for_all: z.boolean().optional(),
    delegation_source: z.string().optional(),
    enforced_aud_for_access_token: z.string().optional(),
    owner_orgno: z.string().optional(),
    /** Seen in the live public catalogue, not in the OpenAPI (docs/maskinporten.md §8). */
    protected: z.boolean().optional(),
    /** Seen in the live public catalogue, not in the OpenAPI (docs/maskinporten.md §8). */
    supports_european_businesses: z.boolean().optional(),
    created: AnsweredDateTime.optional(),
    last_updated: AnsweredDateTime.optional(),
    ...languageVariants(),
    ...warningsField,
  })
  .meta({ id: "Scope" });
export type Scope = z.infer<typeof Scope>;

/**
 * One scope row of an answer read leniently (`readRow`): `name` derived from `prefix:subscope`
 * when absent; a row with neither cannot be named and is dropped (`undefined`).
 */
export function readScope(raw: unknown): Scope | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const row = raw as Record<string, unknown>;
  const warnings: RowWarning[] = [];
  let named = row;
  if (typeof row.name !== "string" || row.name === "") {
    if (typeof row.prefix !== "string" || typeof row.subscope !== "string") return undefined;
    named = { ...row, name: `${row.prefix}:${row.subscope}` };
    warnings.push(rowWarning("scope-without-name", "name", "read.scope-without-name"));
  }
  return readRow(Scope, named, () => warnings);
}

export const AccessState = z.enum(["REQUESTED", "APPROVED", "DENIED"]).meta({ id: "AccessState" });
export type AccessState = z.infer<typeof AccessState>;

/**
 * One consumer's access to one scope (docs/maskinporten.md §4) as read: `ScopeAccess` of the 2025 OpenAPI, every
 * field optional except the pair that names the row (`scope`, `consumer_orgno`), unknown fields
 * kept. Revoking keeps the row as DENIED.
 */
export const ScopeAccess = z
  .looseObject({
    scope: AnsweredName,
    consumer_orgno: z.string().min(1),
    state: AccessState.optional(),
    consumer_organization_name: z.string().optional(),
    owner_orgno: z.string().optional(),
    owner_organization_name: z.string().optional(),
    created: AnsweredDateTime.optional(),
    last_updated: AnsweredDateTime.optional(),
    ...warningsField,
  })
  .meta({ id: "ScopeAccess" });
export type ScopeAccess = z.infer<typeof ScopeAccess>;

/**
 * A prefix given to filter by, as people type it (`NAV`, ` nav `): spaces around it dropped and
 * made lowercase, then checked by the prefix rule. Digdir gives prefixes in lowercase only
 * (docs/maskinporten.md §3), so `NAV` can only mean `nav`; a filter is a read, not a write.
 */
const PrefixFilter = z.string().trim().toLowerCase().pipe(ScopePrefix).meta({
  description: "A scope prefix; capitals and surrounding spaces are accepted",
  example: "nav",
});

/** Filters of the public catalogue `GET /api/v1/scopes/all` (2025 OpenAPI `listAll`). */
export const ScopeCatalogueQuery = z.object({
  prefix: PrefixFilter.optional(),
  integration_type: IntegrationType.optional(),
  accessible_for_all: z.enum(["true", "false"]).optional(),
  inactive: z.enum(["true", "false"]).optional(),
  /** Only scopes with a delegation source (Altinn delegation). */
  delegated_sources: z.enum(["true", "false"]).optional(),
});
export type ScopeCatalogueQuery = z.infer<typeof ScopeCatalogueQuery>;

/**
 * An organisation as `GET /api/v1/organizations/{orgnr}` answers it: `{orgnr, name}` (2025
 * OpenAPI `Organization`, no token needed). Portvakt's own answers use `orgno` as everywhere
 * else; the client library maps `orgnr` to it (an older `orgno` is read too).
 */
export const Organization = z
  .looseObject({ orgno: z.string(), name: z.string().optional(), ...warningsField })
  .meta({ id: "Organization" });
export type Organization = z.infer<typeof Organization>;

/** Reads Digdir's `{orgnr, name}` (or `{orgno, name}`) as `Organization`. */
export const OrganizationAnswer = z.looseObject({}).transform((raw, ctx): Organization => {
  const { orgnr, orgno, ...rest } = raw as Record<string, unknown>;
  const number = typeof orgnr === "string" ? orgnr : typeof orgno === "string" ? orgno : undefined;
  if (number === undefined) {
    ctx.addIssue({ code: "custom", message: "The answer names no orgnr" });
    return z.NEVER;
  }
  return { ...rest, orgno: number, ...(typeof rest.name === "string" ? { name: rest.name } : {}) };
});

/**
 * A scope prefix as `GET /api/v1/prefix` and `/prefix/all` answer it (2025 OpenAPI
 * `ScopePrefix`): every field optional except the prefix itself, unknown fields kept. An old
 * answer of bare names reads as `{prefix}`.
 */
export const PrefixInfo = z
  .looseObject({
    prefix: z.string().min(1),
    owner_orgno: z.string().optional(),
    organization_name: z.string().optional(),
    active: z.boolean().optional(),
    created: AnsweredDateTime.optional(),
    last_updated: AnsweredDateTime.optional(),
    ...warningsField,
  })
  .meta({ id: "PrefixInfo" });
export type PrefixInfo = z.infer<typeof PrefixInfo>;

/** Reads one prefix row: a bare string or an object. */
export function readPrefix(raw: unknown): PrefixInfo | undefined {
  if (typeof raw === "string" && raw !== "") return { prefix: raw };
  return readRow(PrefixInfo, raw);
}

/**
 * A delegation source (`GET /api/v1/delegationsources`, 2025 OpenAPI `DelegationSource`): where
 * a scope's `delegation_source` points, e.g. Altinn. Chosen from these in the scope form.
 */
export const DelegationSource = z
  .looseObject({
    issuer: z.string().min(1),
    name: z.string().optional(),
    created: AnsweredDateTime.optional(),
    lastUpdated: AnsweredDateTime.optional(),
    ...warningsField,
  })
  .meta({ id: "DelegationSource" });
export type DelegationSource = z.infer<typeof DelegationSource>;
