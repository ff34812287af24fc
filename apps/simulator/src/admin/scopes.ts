import {
  type Scope,
  ScopeCatalogueQuery,
  ScopeInput,
  ScopeName,
  ScopeUpdate,
} from "@portvakt/contracts";
import { Hono } from "hono";
import { callerOf, requireAdminScope, SCOPES_READ, SCOPES_WRITE } from "../auth";
import {
  DIGDIR_BODY,
  DigdirApiError,
  doesNotHaveAny,
  fieldError,
  fieldErrorsOf,
  parseJsonBody,
  parseParameter,
} from "../digdir-error";
import type { Caller, SimulatorContext, SimulatorEnv } from "../simulator-context";
import type { SimulatorStore } from "../store";

const byName = (a: Scope, b: Scope) => a.name.localeCompare(b.name);

/** The scope named by `?scope=`, which must exist and belong to the caller. */
export function ownScopeOf(
  store: SimulatorStore,
  caller: Caller,
  rawName: string | undefined,
): Scope {
  const name = parseParameter(rawName, ScopeName, "scope");
  const scope = store.getScope(name);
  if (!scope) throw new DigdirApiError(404, `The scope ${name} does not exist`);
  if (scope.owner_orgno !== caller.orgno) {
    throw new DigdirApiError(
      403,
      `The scope ${name} belongs to ${scope.owner_orgno}, not to your organisation (${caller.orgno})`,
    );
  }
  return scope;
}

/** A new scope with Digdir's defaults for everything the provider left out. */
export function newScope(input: ScopeInput, ownerOrgno: string, now: string): Scope {
  // Language variants (`description#nn`, `long_description#en`, …) are stored as sent, as Digdir
  // does for the texts its own web client edits (docs/maskinporten.md §8).
  const variants = Object.fromEntries(
    Object.entries(input).filter(([key, value]) => key.includes("#") && value !== undefined),
  );
  return {
    ...variants,
    name: `${input.prefix}:${input.subscope}`,
    prefix: input.prefix,
    subscope: input.subscope,
    description: input.description,
    ...(input.long_description !== undefined ? { long_description: input.long_description } : {}),
    active: input.active ?? true,
    visibility: input.visibility ?? "PUBLIC",
    allowed_integration_types: input.allowed_integration_types ?? [],
    token_type: input.token_type ?? "SELF_CONTAINED",
    at_max_age: input.at_max_age ?? 0,
    authorization_max_lifetime: input.authorization_max_lifetime ?? 0,
    requires_user_consent: input.requires_user_consent ?? false,
    requires_user_authentication: input.requires_user_authentication ?? false,
    requires_pseudonymous_tokens: input.requires_pseudonymous_tokens ?? false,
    accessible_for_all: input.accessible_for_all ?? false,
    ...(input.delegation_source !== undefined
      ? { delegation_source: input.delegation_source }
      : {}),
    ...(input.enforced_aud_for_access_token !== undefined
      ? { enforced_aud_for_access_token: input.enforced_aud_for_access_token }
      : {}),
    owner_orgno: ownerOrgno,
    created: now,
    last_updated: now,
  };
}

const SEEDED_AT = "2024-01-02T08:00:00Z";

/** The delegation sources the simulator knows (Altinn's issuer, as seeded scopes use it). */
export const DELEGATION_SOURCES = [
  {
    issuer: "https://platform.altinn.no/authentication/api/v1/openid/",
    name: "Altinn",
    created: SEEDED_AT,
    lastUpdated: SEEDED_AT,
  },
];

/** `/api/v1/scopes…` (provider side) and `/api/v1/prefix` (docs/maskinporten.md §3). */
export function scopeRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const { store, clock } = ctx;
  const routes = new Hono<SimulatorEnv>();

  routes.get("/api/v1/scopes/all", (c) => {
    const parsed = ScopeCatalogueQuery.safeParse(c.req.query());
    if (!parsed.success) {
      throw new DigdirApiError(
        400,
        "The catalogue filters are not valid",
        fieldErrorsOf(parsed.error, "request"),
      );
    }
    const query = parsed.data;
    const scopes = store
      .allScopes()
      .filter(
        (scope) =>
          (scope.visibility ?? "PUBLIC") === "PUBLIC" &&
          (query.inactive === "true" || scope.active !== false) &&
          (query.prefix === undefined || scope.prefix === query.prefix) &&
          (query.accessible_for_all === undefined ||
            scope.accessible_for_all === (query.accessible_for_all === "true")) &&
          (query.integration_type === undefined ||
            (scope.allowed_integration_types ?? []).length === 0 ||
            (scope.allowed_integration_types ?? []).includes(query.integration_type)) &&
          (query.delegated_sources !== "true" || Boolean(scope.delegation_source)),
      );
    return c.json(scopes.sort(byName));
  });

  // Prefixes as Digdir's 2025 OpenAPI answers them: `ScopePrefix` objects (docs/maskinporten.md §8).
  const prefixRows = (orgno: string) =>
    store.prefixesOf(orgno).map((prefix) => ({
      prefix,
      owner_orgno: orgno,
      organization_name: store.organizationName(orgno),
      active: true,
      created: SEEDED_AT,
      last_updated: SEEDED_AT,
    }));

  routes.get("/api/v1/prefix", requireAdminScope(ctx, SCOPES_READ), (c) => {
    const orgno = callerOf(c).orgno;
    const rows = prefixRows(orgno);
    if (rows.length === 0) throw doesNotHaveAny(orgno, "prefixes");
    return c.json(rows);
  });

  // "Krever ingen autentisering" (2025 OpenAPI).
  routes.get("/api/v1/prefix/all", (c) =>
    c.json(store.organizationsWithPrefixes().flatMap((orgno) => prefixRows(orgno))),
  );

  // Where a scope's delegation_source may point (2025 OpenAPI `listAllDelegationSources`).
  routes.get("/api/v1/delegationsources", requireAdminScope(ctx, SCOPES_READ), (c) =>
    c.json(DELEGATION_SOURCES),
  );

  routes.get("/api/v1/scopes", requireAdminScope(ctx, SCOPES_READ), (c) => {
    const includeInactive = c.req.query("inactive") === "true";
    const orgno = callerOf(c).orgno;
    const scopes = store.scopesOwnedBy(orgno, includeInactive);
    if (scopes.length === 0) throw doesNotHaveAny(orgno, "scopes");
    return c.json(scopes.sort(byName));
  });

  routes.get("/api/v1/scopes/scope", requireAdminScope(ctx, SCOPES_READ), (c) =>
    c.json(ownScopeOf(store, callerOf(c), c.req.query("scope"))),
  );

  routes.post("/api/v1/scopes", requireAdminScope(ctx, SCOPES_WRITE), async (c) => {
    const caller = callerOf(c);
    const input = await parseJsonBody(c, ScopeInput, "Scope", DIGDIR_BODY);
    if (!store.holdsPrefix(caller.orgno, input.prefix)) {
      const held = store.prefixesOf(caller.orgno);
      throw new DigdirApiError(
        403,
        `Your organisation (${caller.orgno}) does not hold the prefix "${input.prefix}"; it holds: ${held.join(", ") || "none"}`,
        [
          fieldError(
            "Scope",
            "prefix",
            `The prefix "${input.prefix}" is not assigned to ${caller.orgno}`,
          ),
        ],
      );
    }
    const name = `${input.prefix}:${input.subscope}`;
    const existing = store.getScope(name);
    if (existing) {
      throw new DigdirApiError(
        409,
        existing.active
          ? `The scope ${name} already exists`
          : `The scope ${name} already exists but is deactivated; reactivate it with PUT and active: true`,
        [fieldError("Scope", "subscope", `${name} exists`)],
      );
    }
    return c.json(store.putScope(newScope(input, caller.orgno, clock.iso())));
  });

  routes.put("/api/v1/scopes", requireAdminScope(ctx, SCOPES_WRITE), async (c) => {
    const scope = ownScopeOf(store, callerOf(c), c.req.query("scope"));
    const update = await parseJsonBody(c, ScopeUpdate, "Scope", DIGDIR_BODY);
    const immutable = [];
    if (update.prefix !== undefined && update.prefix !== scope.prefix) {
      immutable.push(fieldError("Scope", "prefix", "The prefix of a scope cannot change"));
    }
    if (update.subscope !== undefined && update.subscope !== scope.subscope) {
      immutable.push(fieldError("Scope", "subscope", "The subscope of a scope cannot change"));
    }
    if (immutable.length > 0) {
      throw new DigdirApiError(
        400,
        "prefix and subscope cannot change; create a new scope instead",
        immutable,
      );
    }
    if (!scope.active && update.active !== true) {
      throw new DigdirApiError(
        409,
        `The scope ${scope.name} is deactivated; send active: true to reactivate it`,
      );
    }
    const { prefix: _prefix, subscope: _subscope, ...changes } = update;
    const updated: Scope = { ...scope, ...changes, last_updated: clock.iso() };
    return c.json(store.putScope(updated));
  });

  routes.delete("/api/v1/scopes", requireAdminScope(ctx, SCOPES_WRITE), (c) => {
    const scope = ownScopeOf(store, callerOf(c), c.req.query("scope"));
    if (!scope.active) return c.json(scope);
    return c.json(store.putScope({ ...scope, active: false, last_updated: clock.iso() }));
  });

  return routes;
}
