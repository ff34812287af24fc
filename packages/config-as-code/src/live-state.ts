import { createHash } from "node:crypto";
import type { Client, Jwk, JwkRead, Scope, ScopeAccess } from "@portvakt/contracts";
import type { SelfServiceClient } from "@portvakt/maskinporten";

/** The self-service calls config-as-code needs; a `SelfServiceClient` has them all. */
export type ConfigApi = Pick<
  SelfServiceClient,
  | "listScopes"
  | "listAccessByScope"
  | "listPrefixes"
  | "listClients"
  | "getJwks"
  | "createScope"
  | "updateScope"
  | "deactivateScope"
  | "grantAccess"
  | "revokeAccess"
  | "createClient"
  | "updateClient"
  | "replaceJwks"
  | "putJwk"
  | "deleteJwk"
  | "deleteJwks"
>;

/**
 * A scope with every field config-as-code compares (`liveScopeOf`); the lifetimes stay as read
 * (unset is a value of its own: `SCOPE_LIFETIMES`).
 */
export type LiveScope = Scope &
  Required<
    Pick<
      Scope,
      | "description"
      | "active"
      | "visibility"
      | "allowed_integration_types"
      | "token_type"
      | "requires_user_consent"
      | "requires_user_authentication"
      | "requires_pseudonymous_tokens"
      | "accessible_for_all"
    >
  >;

/** A client with every field config-as-code compares (`liveClientOf`). */
export type LiveClientRecord = Client &
  Required<
    Pick<
      Client,
      "client_name" | "description" | "scopes" | "access_token_lifetime" | "active" | "client_orgno"
    >
  >;

/**
 * A scope as read (every field optional, docs/maskinporten.md §8) with Digdir's documented defaults for what a
 * sparse row leaves out, so that plans compare like with like. Unknown fields are kept. The
 * lifetimes have no default to fill in (`SCOPE_LIFETIMES` in export.ts): they stay as read, not 0.
 */
export function liveScopeOf(scope: Scope): LiveScope {
  return {
    ...scope,
    description: scope.description ?? "",
    active: scope.active ?? true,
    visibility: scope.visibility ?? "PUBLIC",
    allowed_integration_types: scope.allowed_integration_types ?? [],
    token_type: scope.token_type ?? "SELF_CONTAINED",
    requires_user_consent: scope.requires_user_consent ?? false,
    requires_user_authentication: scope.requires_user_authentication ?? false,
    requires_pseudonymous_tokens: scope.requires_pseudonymous_tokens ?? false,
    accessible_for_all: scope.accessible_for_all ?? false,
  };
}

/** A client as read, with the defaults of the OpenAPI for what a sparse row leaves out. */
export function liveClientOf(client: Client): LiveClientRecord {
  return {
    ...client,
    client_name: client.client_name ?? client.client_id,
    description: client.description ?? "",
    scopes: client.scopes ?? [],
    access_token_lifetime: client.access_token_lifetime ?? 120,
    active: client.active ?? true,
    client_orgno: client.client_orgno ?? "",
  };
}

export interface LiveClient {
  client: LiveClientRecord;
  /** The keys as config-as-code sees them (`liveKeyOf`). */
  keys: Jwk[];
}

/**
 * A key as read from Digdir, in the shape documents and plans use: a legacy key (no `use`, spec
 * §8) reads as `"use":"sig"`, as it is written back; one without `alg` gets RS256. A key without a
 * kid cannot be named in a document and is left out.
 */
export function liveKeyOf(key: JwkRead): Jwk | undefined {
  if (!key.kid) return undefined;
  return {
    kty: "RSA",
    use: "sig",
    alg: key.alg === "RS512" ? "RS512" : "RS256",
    kid: key.kid,
    n: key.n ?? "",
    e: key.e ?? "",
    ...(key.x5c !== undefined ? { x5c: key.x5c } : {}),
    ...(key.exp !== undefined ? { exp: key.exp } : {}),
  };
}

/** What an environment holds that a document describes, read in one go before planning. */
export interface LiveState {
  /** Own scopes, active and deactivated, by name. */
  scopes: LiveScope[];
  /** Every grant row of each own scope (all states), by scope name. */
  grants: Record<string, ScopeAccess[]>;
  /** Active Maskinporten clients the organisation manages, with their keys. */
  clients: LiveClient[];
  prefixes: string[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Runs `work` over `items` with at most `limit` calls under way, keeping the order of results. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Clients managed by a document: only Maskinporten ones. Admin clients (`api_klient`) are
 * registered by Digdir by hand and other integration types are not Maskinporten's.
 */
export function isManagedClient(client: Client): boolean {
  return client.integration_type === "maskinporten" && client.active !== false;
}

/** Reads scopes, their grants, clients and keys of the environment the client talks to. */
export async function readLiveState(
  api: Pick<
    ConfigApi,
    "listScopes" | "listAccessByScope" | "listPrefixes" | "listClients" | "getJwks"
  >,
  options: { concurrency?: number } = {},
): Promise<LiveState> {
  const concurrency = options.concurrency ?? 6;
  const [listedScopes, prefixes, clients] = await Promise.all([
    api.listScopes({ inactive: true }),
    api.listPrefixes(),
    api.listClients(),
  ]);
  // What the client answers is frozen and shared: sort a copy.
  const scopes = listedScopes.map(liveScopeOf).sort((a, b) => byString(a.name, b.name));
  const grantLists = await mapLimited(scopes, concurrency, (scope) =>
    api.listAccessByScope(scope.name),
  );
  const grants: Record<string, ScopeAccess[]> = {};
  scopes.forEach((scope, i) => {
    grants[scope.name] = [...(grantLists[i] ?? [])].sort((a, b) =>
      byString(a.consumer_orgno, b.consumer_orgno),
    );
  });
  const managed = clients
    .filter(isManagedClient)
    .map(liveClientOf)
    .sort((a, b) => byString(a.client_name, b.client_name) || byString(a.client_id, b.client_id));
  const keySets = await mapLimited(managed, concurrency, (client) => api.getJwks(client.client_id));
  return {
    scopes,
    grants,
    clients: managed.map((client, i) => ({
      client,
      keys: (keySets[i]?.keys ?? [])
        .flatMap((key) => liveKeyOf(key) ?? [])
        .sort((a, b) => byString(a.kid, b.kid)),
    })),
    prefixes: prefixes.map((entry) => entry.prefix).sort(byString),
  };
}

/**
 * A digest of everything a plan depends on. Timestamps and key expiry are left out: they change
 * without anyone changing the configuration (a key re-posted renews its `exp`).
 */
export function fingerprintOf(live: LiveState): string {
  const canonical = {
    scopes: live.scopes.map(({ created: _c, last_updated: _u, ...scope }) =>
      sortKeys({
        ...scope,
        allowed_integration_types: [...scope.allowed_integration_types].sort(),
      }),
    ),
    grants: Object.keys(live.grants)
      .sort(byString)
      .map((scope) => [
        scope,
        (live.grants[scope] ?? []).map((grant) => [grant.consumer_orgno, grant.state]),
      ]),
    clients: live.clients.map(({ client, keys }) => [
      client.client_id,
      client.client_name,
      client.description,
      client.client_orgno,
      client.supplier_orgno ?? null,
      client.access_token_lifetime,
      [...client.scopes].sort(byString),
      keys.map((key) => [key.kid, key.kty, key.alg ?? null, key.n, key.e]),
    ]),
    prefixes: live.prefixes,
  };
  const digest = createHash("sha256").update(JSON.stringify(canonical)).digest("base64url");
  return `sha256:${digest}`;
}

/** A copy with keys in code-point order, so JSON.stringify of equal objects is equal. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => byString(a, b))
        .map(([key, member]) => [key, sortKeys(member)]),
    );
  }
  return value;
}

export { byString };
