import { z } from "zod";
import { TEXT_LIMITS } from "./limits";
import { OrgNumber } from "./orgno";
import { ScopePrefix, Subscope } from "./scope-name";

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

const IsoDateTime = z.iso.datetime({ offset: true });
// What Digdir answers is read leniently: one odd name or number there must not make a whole
// list unreadable. The strict rules apply to what Portvakt sends.
const AnsweredName = z.string().min(1);
const AnsweredOrgNumber = z.string().regex(/^\d{9}$/);
const Seconds = z.number().int().min(0);

/** The fields a provider may set on a scope (docs/maskinporten.md §3); everything else is read-only. */
const scopeFields = {
  description: z
    .string()
    .trim()
    .min(1, "A description is required")
    .max(TEXT_LIMITS.scopeDescription),
  long_description: z.string().max(TEXT_LIMITS.scopeLongDescription).optional(),
  active: z.boolean().optional(),
  visibility: Visibility.optional(),
  allowed_integration_types: z.array(IntegrationType).optional(),
  token_type: TokenType.optional(),
  at_max_age: Seconds.optional(),
  authorization_max_lifetime: Seconds.optional(),
  requires_user_consent: z.boolean().optional(),
  requires_user_authentication: z.boolean().optional(),
  requires_pseudonymous_tokens: z.boolean().optional(),
  accessible_for_all: z.boolean().optional(),
  delegation_source: z.url().optional(),
  enforced_aud_for_access_token: z.string().optional(),
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

/** A scope as the self-service API returns it. */
export const Scope = z
  .object({
    ...scopeFields,
    prefix: z.string(),
    subscope: z.string(),
    name: AnsweredName,
    description: z.string(),
    active: z.boolean(),
    visibility: Visibility,
    allowed_integration_types: z.array(IntegrationType),
    token_type: TokenType,
    at_max_age: Seconds,
    authorization_max_lifetime: Seconds,
    requires_user_consent: z.boolean(),
    requires_user_authentication: z.boolean(),
    requires_pseudonymous_tokens: z.boolean(),
    accessible_for_all: z.boolean(),
    owner_orgno: AnsweredOrgNumber,
    created: IsoDateTime,
    last_updated: IsoDateTime,
  })
  .meta({ id: "Scope" });
export type Scope = z.infer<typeof Scope>;

export const AccessState = z.enum(["REQUESTED", "APPROVED", "DENIED"]).meta({ id: "AccessState" });
export type AccessState = z.infer<typeof AccessState>;

/** One consumer's access to one scope (docs/maskinporten.md §4). Revoking keeps the row as DENIED. */
export const ScopeAccess = z
  .object({
    scope: AnsweredName,
    state: AccessState,
    consumer_orgno: AnsweredOrgNumber,
    consumer_organization_name: z.string().optional(),
    owner_orgno: AnsweredOrgNumber,
    owner_organization_name: z.string().optional(),
    created: IsoDateTime,
    last_updated: IsoDateTime,
  })
  .meta({ id: "ScopeAccess" });
export type ScopeAccess = z.infer<typeof ScopeAccess>;

/** Filters of the public catalogue `GET /api/v1/scopes/all`. */
export const ScopeCatalogueQuery = z.object({
  prefix: ScopePrefix.optional(),
  integration_type: IntegrationType.optional(),
  accessible_for_all: z.enum(["true", "false"]).optional(),
  inactive: z.enum(["true", "false"]).optional(),
});
export type ScopeCatalogueQuery = z.infer<typeof ScopeCatalogueQuery>;

/** An organisation as `GET /api/v1/organizations/{orgno}` returns it. */
export const Organization = z
  .object({ orgno: OrgNumber, name: z.string() })
  .meta({ id: "Organization" });
export type Organization = z.infer<typeof Organization>;
