import { createPublicKey, X509Certificate } from "node:crypto";
import {
  type DigdirFieldError,
  Jwk,
  Jwks,
  type JwksResponse,
  MAX_KEYS_PER_CLIENT,
} from "@portvakt/contracts";
import { Hono } from "hono";
import { CLIENTS_KEYS_READ, CLIENTS_KEYS_WRITE, callerOf, requireAdminScope } from "../auth";
import { DIGDIR_BODY, DigdirApiError, fieldError, parseJsonBody } from "../digdir-error";
import { asJacksonReads } from "../jackson";
import type { SimulatorContext, SimulatorEnv } from "../simulator-context";
import type { StoredJwks, StoredKey } from "../store";
import { managedClientOf, requireClientPermission } from "./clients";

export const KEY_LIFETIME_SECONDS = 365 * 86_400;

/**
 * `/api/v1/clients/{id}/jwks…` and `POST /api/v2/clients/{id}/key` as Digdir answers them in
 * 2025 (docs/maskinporten.md §6 and §8; OpenAPI in `digdir/digdir-camp-2025-react-impl`):
 * - `GET .../jwks` of a client without keys is 404;
 * - a key written with `exp` keeps it, one without gets a year from now (so writing a set back
 *   without `exp` renews every key: the fault docs/maskinporten.md §8 warns about);
 * - writes need `kty, use, alg, kid, e, n`, `alg` RS256 or RS512 (the `Jwk` contract);
 * - `PUT|GET|DELETE .../jwks/{kid}` edit one key without touching the others.
 */
export function keyRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const { store, clock } = ctx;
  const routes = new Hono<SimulatorEnv>();

  function stored(key: Jwk): StoredKey {
    return {
      kty: key.kty,
      use: key.use,
      alg: key.alg,
      kid: key.kid,
      n: key.n,
      e: key.e,
      ...(key.x5c !== undefined ? { x5c: key.x5c } : {}),
      exp: key.exp ?? clock.epochSeconds() + KEY_LIFETIME_SECONDS,
    };
  }

  function requireUsableKid(clientId: string, kid: string, field: string): void {
    const owner = store.clientIdOfKid(kid);
    if (owner !== undefined && owner !== clientId) {
      throw new DigdirApiError(400, "Key ids must be unique across all clients", [
        fieldError("Jwks", field, `The kid "${kid}" is already used by another client`),
      ]);
    }
  }

  function requireRsaKey(key: Jwk, field: string): void {
    try {
      createPublicKey({ key: { kty: key.kty, n: key.n, e: key.e }, format: "jwk" });
    } catch {
      throw new DigdirApiError(400, "The key is not a valid RSA public key", [
        fieldError("JsonWebKey", field, "n and e do not form an RSA public key"),
      ]);
    }
  }

  function writableClient(c: Parameters<typeof callerOf>[0]) {
    const caller = callerOf(c);
    const client = managedClientOf(store, caller, c.req.param("id") ?? "");
    requireClientPermission(caller, client, ["idporten:dcr.write", "idporten:dcr.modify"]);
    if (!client.active) {
      throw new DigdirApiError(
        409,
        `The client ${client.client_id} is deleted; reactivate it first`,
      );
    }
    return client;
  }

  function putKey(clientId: string, key: Jwk): StoredKey {
    const current = store.getJwks(clientId);
    const others = (current?.keys ?? []).filter((old) => old.kid !== key.kid);
    if (others.length >= MAX_KEYS_PER_CLIENT) {
      throw new DigdirApiError(400, `A client can hold at most ${MAX_KEYS_PER_CLIENT} keys`, [
        fieldError("Jwks", "keys", `at most ${MAX_KEYS_PER_CLIENT} keys`),
      ]);
    }
    const now = clock.iso();
    const entry = stored(key);
    store.setJwks(clientId, {
      keys: [...others, entry],
      created: current?.created ?? now,
      last_updated: now,
    });
    return entry;
  }

  routes.get("/api/v1/clients/:id/jwks", requireAdminScope(ctx, CLIENTS_KEYS_READ), (c) => {
    const client = managedClientOf(store, callerOf(c), c.req.param("id"));
    const jwks = store.getJwks(client.client_id);
    if (!jwks || jwks.keys.length === 0) {
      throw new DigdirApiError(404, `No JWKS registered for client ${client.client_id}`);
    }
    return c.json(jwks satisfies StoredJwks as JwksResponse);
  });

  routes.post("/api/v1/clients/:id/jwks", requireAdminScope(ctx, CLIENTS_KEYS_WRITE), async (c) => {
    const client = writableClient(c);
    const input = await parseJsonBody(c, Jwks, "Jwks", DIGDIR_BODY);
    const taken: DigdirFieldError[] = [];
    input.keys.forEach((key, index) => {
      requireRsaKey(key, `keys[${index}]`);
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
    const now = clock.iso();
    const previous = store.getJwks(client.client_id);
    store.setJwks(client.client_id, {
      keys: input.keys.map(stored),
      created: previous?.created ?? now,
      last_updated: now,
    });
    return c.json(store.getJwks(client.client_id) ?? { keys: [] });
  });

  routes.delete("/api/v1/clients/:id/jwks", requireAdminScope(ctx, CLIENTS_KEYS_WRITE), (c) => {
    const caller = callerOf(c);
    const client = managedClientOf(store, caller, c.req.param("id"));
    requireClientPermission(caller, client, ["idporten:dcr.write", "idporten:dcr.modify"]);
    store.setJwks(client.client_id, undefined);
    return c.body(null, 200);
  });

  routes.get("/api/v1/clients/:id/jwks/:kid", requireAdminScope(ctx, CLIENTS_KEYS_READ), (c) => {
    const client = managedClientOf(store, callerOf(c), c.req.param("id"));
    const kid = c.req.param("kid");
    const key = store.getJwks(client.client_id)?.keys.find((candidate) => candidate.kid === kid);
    if (!key) throw new DigdirApiError(404, `The client has no key with kid "${kid}"`);
    return c.json(key);
  });

  routes.put(
    "/api/v1/clients/:id/jwks/:kid",
    requireAdminScope(ctx, CLIENTS_KEYS_WRITE),
    async (c) => {
      const client = writableClient(c);
      const kid = c.req.param("kid");
      const key = await parseJsonBody(c, Jwk, "JsonWebKey", DIGDIR_BODY);
      if (key.kid !== kid) {
        throw new DigdirApiError(
          400,
          `The kid in the body ("${key.kid}") is not the kid in the path`,
          [fieldError("JsonWebKey", "kid", "must equal the kid in the path")],
        );
      }
      requireRsaKey(key, "n");
      requireUsableKid(client.client_id, kid, "kid");
      return c.json(putKey(client.client_id, key));
    },
  );

  routes.delete(
    "/api/v1/clients/:id/jwks/:kid",
    requireAdminScope(ctx, CLIENTS_KEYS_WRITE),
    (c) => {
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
      return c.body(null, 200);
    },
  );

  // A key given as text: a certificate, a PEM public key or a JWK (OpenAPI `addKey`).
  routes.post("/api/v2/clients/:id/key", requireAdminScope(ctx, CLIENTS_KEYS_WRITE), async (c) => {
    const client = writableClient(c);
    const text = (await c.req.text()).trim();
    const key = keyFromText(text);
    requireUsableKid(client.client_id, key.kid, "kid");
    return c.json(putKey(client.client_id, key));
  });

  return routes;
}

/** Reads a certificate, a PEM public key or a JWK given as text into a key to register. */
function keyFromText(text: string): Jwk {
  let candidate: Record<string, unknown>;
  try {
    if (text.startsWith("{")) {
      candidate = JSON.parse(text) as Record<string, unknown>;
    } else if (text.includes("BEGIN CERTIFICATE")) {
      const cert = new X509Certificate(text);
      const jwk = cert.publicKey.export({ format: "jwk" });
      candidate = { ...jwk, kid: cert.fingerprint256.replace(/:/g, "").slice(0, 32).toLowerCase() };
      candidate.x5c = [cert.raw.toString("base64")];
    } else if (text.includes("BEGIN PUBLIC KEY") || text.includes("BEGIN RSA PUBLIC KEY")) {
      const publicKey = createPublicKey(text);
      const jwk = publicKey.export({ format: "jwk" });
      const kid = Buffer.from(String(jwk.n ?? ""))
        .toString("base64url")
        .slice(0, 24);
      candidate = { ...jwk, kid };
    } else {
      throw new Error("unknown");
    }
  } catch {
    throw new DigdirApiError(400, "The key must be a certificate, a PEM public key or a JWK");
  }
  const parsed = Jwk.safeParse(asJacksonReads(Jwk, { use: "sig", alg: "RS256", ...candidate }));
  if (!parsed.success) {
    throw new DigdirApiError(400, "The key is not valid", [
      fieldError(
        "JsonWebKey",
        String(parsed.error.issues[0]?.path[0] ?? "key"),
        parsed.error.issues[0]?.message ?? "invalid",
      ),
    ]);
  }
  return parsed.data;
}
