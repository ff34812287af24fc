import { ADMIN_SCOPES, type AdminScope } from "@portvakt/contracts";
import type { Context, MiddlewareHandler } from "hono";
import { DigdirApiError } from "./digdir-error";
import type { Caller, SimulatorContext, SimulatorEnv } from "./simulator-context";

/** Scope sets by what a route needs (docs/maskinporten.md §2 table). */
export const SCOPES_READ: AdminScope[] = ["idporten:scopes.read", "idporten:scopes.write"];
export const SCOPES_WRITE: AdminScope[] = ["idporten:scopes.write"];
export const CLIENTS_READ: AdminScope[] = [
  "idporten:dcr.read",
  "idporten:dcr.write",
  "idporten:dcr.modify",
  "idporten:dcr.supplier",
];
export const CLIENTS_CREATE: AdminScope[] = ["idporten:dcr.write", "idporten:dcr.supplier"];
export const CLIENTS_CHANGE: AdminScope[] = [
  "idporten:dcr.write",
  "idporten:dcr.modify",
  "idporten:dcr.supplier",
];
export const CLIENTS_DELETE: AdminScope[] = ["idporten:dcr.write", "idporten:dcr.supplier"];
/**
 * Key reads and writes as the 2025 OpenAPI names them per operation (`digdir/digdir-camp-2025-
 * react-impl`, `app/lib/api.d.ts`): GET `.../jwks[/{kid}]` "Krever scope 'idporten:dcr.read'";
 * POST/PUT/DELETE "Krever scope 'idporten:dcr.write' eller 'idporten:dcr.modify'". A supplier
 * acts for its customers with `idporten:dcr.supplier` (supplier docs).
 */
export const CLIENTS_KEYS_READ: AdminScope[] = ["idporten:dcr.read", "idporten:dcr.supplier"];
export const CLIENTS_KEYS_WRITE: AdminScope[] = [
  "idporten:dcr.write",
  "idporten:dcr.modify",
  "idporten:dcr.supplier",
];
/**
 * `PUT /api/v1/clients/{id}`: the 2025 OpenAPI names only `idporten:dcr.write` ("Krever scope
 * 'idporten:dcr.write'") where the docs also allow `.modify`; the simulator follows the OpenAPI
 * (the client library accepts both when explaining a refusal).
 */
export const CLIENTS_UPDATE: AdminScope[] = ["idporten:dcr.write", "idporten:dcr.supplier"];
export const ANY_ADMIN_SCOPE = Object.keys(ADMIN_SCOPES) as AdminScope[];

/**
 * Authenticates the bearer token and requires one of `anyOf`. The split follows Digdir's FAQ:
 * no token, a bad or expired one, or a client that is no admin client at all is 401; an admin
 * token lacking the needed scope is 403.
 */
export function requireAdminScope(
  ctx: SimulatorContext,
  anyOf: readonly AdminScope[],
): MiddlewareHandler<SimulatorEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new DigdirApiError(
        401,
        "Full authentication is required: send Authorization: Bearer <access token>",
      );
    }
    const check = await ctx.tokens.check(match[1]);
    if (!check.ok) throw new DigdirApiError(401, check.reason);
    const adminScopes = [...check.scopes].filter((scope) => scope in ADMIN_SCOPES);
    if (adminScopes.length === 0) {
      throw new DigdirApiError(
        401,
        `The token's client "${check.claims.client_id}" is not an admin client (the token has no idporten: admin scope)`,
      );
    }
    if (!anyOf.some((scope) => check.scopes.has(scope))) {
      throw new DigdirApiError(
        403,
        `The token lacks the admin scope for this call: needs ${anyOf.join(" or ")}, has ${adminScopes.join(" ")}`,
      );
    }
    c.set("caller", { clientId: check.claims.client_id, orgno: check.orgno, scopes: check.scopes });
    await next();
  };
}

export function callerOf(c: Context<SimulatorEnv>): Caller {
  return c.get("caller");
}
