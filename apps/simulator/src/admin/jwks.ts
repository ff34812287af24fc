import { type DigdirFieldError, type Jwk, Jwks, type JwksResponse } from "@portvakt/contracts";
import { Hono } from "hono";
import { CLIENTS_CHANGE, CLIENTS_READ, callerOf, requireAdminScope } from "../auth";
import { DigdirApiError, fieldError, parseJsonBody } from "../digdir-error";
import type { SimulatorContext, SimulatorEnv } from "../simulator-context";
import type { StoredJwks } from "../store";
import { managedClientOf, requireClientPermission } from "./clients";

export const KEY_LIFETIME_SECONDS = 365 * 86_400;

function answerOf(jwks: StoredJwks | undefined): JwksResponse {
  return jwks ?? { keys: [] };
}

/** `/api/v1/clients/{id}/jwks…` (spec §6). */
export function jwksRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const { store, clock } = ctx;
  const routes = new Hono<SimulatorEnv>();

  routes.get("/api/v1/clients/:id/jwks", requireAdminScope(ctx, CLIENTS_READ), (c) => {
    const client = managedClientOf(store, callerOf(c), c.req.param("id"));
    return c.json(answerOf(store.getJwks(client.client_id)));
  });

  routes.post("/api/v1/clients/:id/jwks", requireAdminScope(ctx, CLIENTS_CHANGE), async (c) => {
    const caller = callerOf(c);
    const client = managedClientOf(store, caller, c.req.param("id"));
    requireClientPermission(caller, client, ["idporten:dcr.write", "idporten:dcr.modify"]);
    if (!client.active) {
      throw new DigdirApiError(
        409,
        `The client ${client.client_id} is deleted; reactivate it first`,
      );
    }
    const input = await parseJsonBody(c, Jwks, "Jwks");
    const taken: DigdirFieldError[] = [];
    input.keys.forEach((key, index) => {
      const owner = store.clientIdOfKid(key.kid);
      if (owner !== undefined && owner !== client.client_id) {
        taken.push(
          fieldError(
            "Jwks",
            `keys[${index}].kid`,
            `The kid "${key.kid}" is already used by another client`,
          ),
        );
      }
    });
    if (taken.length > 0) {
      throw new DigdirApiError(400, "Key ids must be unique across all clients", taken);
    }
    // Posting a key (new or the same kid + n again) starts its year of validity.
    const exp = clock.epochSeconds() + KEY_LIFETIME_SECONDS;
    const keys: Jwk[] = input.keys.map((key) => ({
      kty: key.kty,
      use: key.use,
      ...(key.alg !== undefined ? { alg: key.alg } : {}),
      kid: key.kid,
      n: key.n,
      e: key.e,
      ...(key.x5c !== undefined ? { x5c: key.x5c } : {}),
      exp,
    }));
    const now = clock.iso();
    const previous = store.getJwks(client.client_id);
    const jwks: StoredJwks = { keys, created: previous?.created ?? now, last_updated: now };
    store.setJwks(client.client_id, jwks);
    return c.json(answerOf(store.getJwks(client.client_id)));
  });

  routes.delete("/api/v1/clients/:id/jwks", requireAdminScope(ctx, CLIENTS_CHANGE), (c) => {
    const caller = callerOf(c);
    const client = managedClientOf(store, caller, c.req.param("id"));
    requireClientPermission(caller, client, ["idporten:dcr.write", "idporten:dcr.modify"]);
    store.setJwks(client.client_id, undefined);
    return c.json(answerOf(undefined));
  });

  routes.get("/api/v1/clients/:id/jwks/:kid", requireAdminScope(ctx, CLIENTS_READ), (c) => {
    const client = managedClientOf(store, callerOf(c), c.req.param("id"));
    const kid = c.req.param("kid");
    const key = store.getJwks(client.client_id)?.keys.find((candidate) => candidate.kid === kid);
    if (!key) throw new DigdirApiError(404, `The client has no key with kid "${kid}"`);
    return c.json(key);
  });

  routes.delete("/api/v1/clients/:id/jwks/:kid", requireAdminScope(ctx, CLIENTS_CHANGE), (c) => {
    const caller = callerOf(c);
    const client = managedClientOf(store, caller, c.req.param("id"));
    requireClientPermission(caller, client, ["idporten:dcr.write", "idporten:dcr.modify"]);
    const kid = c.req.param("kid");
    const jwks = store.getJwks(client.client_id);
    if (!jwks?.keys.some((key) => key.kid === kid)) {
      throw new DigdirApiError(404, `The client has no key with kid "${kid}"`);
    }
    const keys = jwks.keys.filter((key) => key.kid !== kid);
    store.setJwks(
      client.client_id,
      keys.length > 0 ? { ...jwks, keys, last_updated: clock.iso() } : undefined,
    );
    return c.json(answerOf(store.getJwks(client.client_id)));
  });

  return routes;
}
