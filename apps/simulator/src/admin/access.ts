import { OrgNumber, type ScopeAccess } from "@portvakt/contracts";
import { Hono } from "hono";
import { callerOf, requireAdminScope, SCOPES_READ, SCOPES_WRITE } from "../auth";
import { DigdirApiError, doesNotHaveAny, parseParameter } from "../digdir-error";
import type { SimulatorContext, SimulatorEnv } from "../simulator-context";
import { ownScopeOf } from "./scopes";

/** What a consumer may see of grants given to it: read access to scopes or clients. */
const GRANTED_TO_ME_READ = [
  "idporten:scopes.read",
  "idporten:scopes.write",
  "idporten:dcr.read",
  "idporten:dcr.write",
  "idporten:dcr.modify",
] as const;

const byScope = (a: ScopeAccess, b: ScopeAccess) => a.scope.localeCompare(b.scope);

/** Without `inactive=true` revoked (DENIED) rows are left out (2025 OpenAPI `list`, `listByOrgno`). */
function activeUnless(inactive: string | undefined) {
  return (grant: ScopeAccess) => inactive === "true" || grant.state !== "DENIED";
}

/** `/api/v1/scopes/access…`: grant, revoke and list consumers' access (docs/maskinporten.md §4). */
export function accessRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const { store } = ctx;
  const routes = new Hono<SimulatorEnv>();

  routes.get("/api/v1/scopes/access/all", requireAdminScope(ctx, [...GRANTED_TO_ME_READ]), (c) => {
    const orgno = callerOf(c).orgno;
    const grants = store.grantsToConsumer(orgno).filter(activeUnless(c.req.query("inactive")));
    if (grants.length === 0) throw doesNotHaveAny(orgno, "scope access");
    return c.json(grants.sort(byScope));
  });

  routes.get("/api/v1/scopes/access", requireAdminScope(ctx, SCOPES_READ), (c) => {
    const caller = callerOf(c);
    const scopeParameter = c.req.query("scope");
    const consumerParameter = c.req.query("consumer_orgno");
    if (scopeParameter !== undefined) {
      const scope = ownScopeOf(store, caller, scopeParameter);
      if (c.req.query("inactive") !== "true") {
        const rows = store.grantsOfScope(scope.name).filter(activeUnless(undefined));
        if (rows.length === 0) throw doesNotHaveAny(caller.orgno, `access to ${scope.name}`);
        return c.json(rows);
      }
      if (store.grantsOfScope(scope.name).length === 0) {
        throw doesNotHaveAny(caller.orgno, `access to ${scope.name}`);
      }
      // Rows are stored in answer shape: 10,000 of them go out without copying or re-validating.
      return c.body(store.grantsOfScopeJson(scope.name), 200, {
        "Content-Type": "application/json",
      });
    }
    if (consumerParameter !== undefined) {
      const consumer = parseParameter(consumerParameter, OrgNumber, "consumer_orgno");
      const grants = store
        .grantsToConsumer(consumer)
        .filter((grant) => grant.owner_orgno === caller.orgno)
        .filter(activeUnless(c.req.query("inactive")));
      if (grants.length === 0) throw doesNotHaveAny(caller.orgno, `access for ${consumer}`);
      return c.json(grants.sort(byScope));
    }
    throw new DigdirApiError(400, "Give either ?scope= or ?consumer_orgno=");
  });

  routes.put("/api/v1/scopes/access/:consumerOrgno", requireAdminScope(ctx, SCOPES_WRITE), (c) => {
    const consumer = parseParameter(c.req.param("consumerOrgno"), OrgNumber, "consumer_orgno");
    const scope = ownScopeOf(store, callerOf(c), c.req.query("scope"));
    if (!scope.active) {
      throw new DigdirApiError(
        409,
        `The scope ${scope.name} is deactivated; reactivate it before granting access`,
      );
    }
    return c.json(store.setGrantState(scope.name, consumer, "APPROVED"));
  });

  routes.delete(
    "/api/v1/scopes/access/:consumerOrgno",
    requireAdminScope(ctx, SCOPES_WRITE),
    (c) => {
      const consumer = parseParameter(c.req.param("consumerOrgno"), OrgNumber, "consumer_orgno");
      const scope = ownScopeOf(store, callerOf(c), c.req.query("scope"));
      if (!store.getGrant(scope.name, consumer)) {
        throw new DigdirApiError(404, `${consumer} has no access to ${scope.name} to revoke`);
      }
      return c.json(store.setGrantState(scope.name, consumer, "DENIED"));
    },
  );

  return routes;
}
