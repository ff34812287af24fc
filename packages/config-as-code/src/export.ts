import { INTEGRATION_TYPES, type Jwk, type Scope } from "@portvakt/contracts";
import { Document, isScalar, isSeq } from "yaml";
import { isScopeLifetime, lifetimeOf } from "./answer";
import {
  type ClientEntry,
  type ConfigDocument,
  DOCUMENT_VERSION,
  type DocumentFormat,
  type KeyEntry,
  type ScopeEntry,
} from "./document";
import { byString, type LiveState } from "./live-state";

/**
 * Digdir's value of each scope field a provider leaves out (docs/maskinporten.md §3). A document omits a field
 * at its default, and an omitted field means the default: exports stay short and still complete.
 * The lifetimes have no value of their own when left out: see `SCOPE_LIFETIMES` (answer.ts).
 */
export const SCOPE_DEFAULTS = {
  active: true,
  visibility: "PUBLIC",
  allowed_integration_types: [] as string[],
  token_type: "SELF_CONTAINED",
  requires_user_consent: false,
  requires_user_authentication: false,
  requires_pseudonymous_tokens: false,
  accessible_for_all: false,
} as const;

export const CLIENT_DEFAULTS = { access_token_lifetime: 120 } as const;

/** The scope fields a document compares, in the order an export writes them. */
export const SCOPE_FIELDS = [
  "description",
  "long_description",
  "active",
  "visibility",
  "allowed_integration_types",
  "token_type",
  "at_max_age",
  "authorization_max_lifetime",
  "requires_user_consent",
  "requires_user_authentication",
  "requires_pseudonymous_tokens",
  "accessible_for_all",
  "delegation_source",
  "enforced_aud_for_access_token",
] as const;
export type ScopeField = (typeof SCOPE_FIELDS)[number];

export function sortIntegrationTypes<T extends string>(types: readonly T[] = []): T[] {
  const rank = (type: string) => {
    const index = (INTEGRATION_TYPES as readonly string[]).indexOf(type);
    return index < 0 ? INTEGRATION_TYPES.length : index;
  };
  return [...new Set(types)].sort((a, b) => rank(a) - rank(b) || byString(a, b));
}

function isDefault(field: ScopeField, value: unknown): boolean {
  if (value === undefined) return true;
  if (isScopeLifetime(field)) return lifetimeOf(value) === null;
  if (field === "long_description" || field === "enforced_aud_for_access_token")
    return value === "";
  const defaults: Partial<Record<ScopeField, unknown>> = SCOPE_DEFAULTS;
  if (!(field in defaults)) return false;
  const fallback = defaults[field];
  if (Array.isArray(fallback)) return Array.isArray(value) && value.length === 0;
  return value === fallback;
}

function scopeEntryOf(scope: Scope, consumers: string[]): ScopeEntry {
  // `description` is always written and comes first; the other fields only where not Digdir's default.
  const entry: ScopeEntry = { name: scope.name, description: scope.description ?? "" };
  for (const field of SCOPE_FIELDS) {
    let value: unknown = scope[field];
    if (field === "allowed_integration_types") value = sortIntegrationTypes(scope[field]);
    if (field !== "description" && !isDefault(field, value))
      Object.assign(entry, { [field]: value });
  }
  if (consumers.length > 0) entry.consumers = consumers;
  return entry;
}

/** The public members of a key in a fixed order; `exp` is Digdir's, not the document's. */
export function publicJwkOf(
  key: Omit<Jwk, "alg"> & { alg?: Jwk["alg"] },
): NonNullable<KeyEntry["jwk"]> {
  return {
    kty: key.kty,
    use: key.use,
    ...(key.alg !== undefined ? { alg: key.alg } : {}),
    n: key.n,
    e: key.e,
    ...(key.x5c !== undefined ? { x5c: [...key.x5c] } : {}),
  };
}

/**
 * The environment's state as a document. Everything is sorted (scopes by name, consumers by org
 * number, clients by name, scopes of a client and keys by name) so two exports of the same state
 * are byte-identical. `client_id` is written only where names alone would be ambiguous: without
 * it, a document applies to another environment (or an empty one) and reads back the same.
 */
export function exportDocument(
  live: LiveState,
  options: { environment?: string } = {},
): ConfigDocument {
  const scopes = live.scopes.map((scope) =>
    scopeEntryOf(
      scope,
      (live.grants[scope.name] ?? [])
        .filter((grant) => grant.state === "APPROVED")
        .map((grant) => grant.consumer_orgno)
        .sort(byString),
    ),
  );
  const nameCount = new Map<string, number>();
  for (const { client } of live.clients) {
    nameCount.set(client.client_name, (nameCount.get(client.client_name) ?? 0) + 1);
  }
  const clients: ClientEntry[] = live.clients.map(({ client, keys }) => ({
    name: client.client_name,
    ...((nameCount.get(client.client_name) ?? 0) > 1 ? { client_id: client.client_id } : {}),
    description: client.description,
    ...(client.supplier_orgno !== undefined && client.supplier_orgno !== client.client_orgno
      ? { client_orgno: client.client_orgno }
      : {}),
    ...(client.scopes.length > 0 ? { scopes: [...new Set(client.scopes)].sort(byString) } : {}),
    ...(client.access_token_lifetime !== CLIENT_DEFAULTS.access_token_lifetime
      ? { access_token_lifetime: client.access_token_lifetime }
      : {}),
    ...(keys.length > 0
      ? {
          keys: [...keys]
            .sort((a, b) => byString(a.kid, b.kid))
            .map((key) => ({ kid: key.kid, jwk: publicJwkOf(key) })),
        }
      : {}),
  }));
  return {
    version: DOCUMENT_VERSION,
    ...(options.environment ? { environment: options.environment } : {}),
    scopes,
    clients,
  };
}

/** Organisation names by org number, from the grant rows, for comments in YAML exports. */
export function organizationNamesOf(live: LiveState): Map<string, string> {
  const names = new Map<string, string>();
  for (const grants of Object.values(live.grants)) {
    for (const grant of grants) {
      if (grant.consumer_organization_name)
        names.set(grant.consumer_orgno, grant.consumer_organization_name);
    }
  }
  return names;
}

/**
 * A document as text with fixed formatting: JSON with two spaces, or YAML with two spaces, no
 * line folding, and each consumer's name as a comment (readers review org numbers by name).
 */
export function formatDocument(
  document: ConfigDocument,
  format: DocumentFormat,
  options: { organizationNames?: ReadonlyMap<string, string> } = {},
): string {
  if (format === "json") return `${JSON.stringify(document, null, 2)}\n`;
  const yaml = new Document(document);
  yaml.commentBefore =
    " Portvakt configuration (schema: /api/schema/portvakt-config.json). Plan before applying.";
  const names = options.organizationNames;
  if (names) {
    (document.scopes ?? []).forEach((_scope, i) => {
      const consumers = yaml.getIn(["scopes", i, "consumers"], true);
      if (!isSeq(consumers)) return;
      for (const item of consumers.items) {
        if (!isScalar(item)) continue;
        const name = names.get(String(item.value));
        if (name) item.comment = ` ${name}`;
      }
    });
  }
  return yaml.toString({ indent: 2, lineWidth: 0, minContentWidth: 0, blockQuote: "literal" });
}
