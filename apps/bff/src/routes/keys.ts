import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { Jwk, Jwks, JwksResponse, MAX_KEYS_PER_CLIENT, Problem } from "@portvakt/contracts";
import type { SelfServiceClient } from "@portvakt/maskinporten";
import type { Context } from "hono";
import { changes, reads, recordChange } from "../auth/guard";
import type { BffEnv } from "../context";
import { ProblemError } from "../problem";
import { ClientParams } from "./clients";
import { createRouter, environmentOf, jsonBody, jsonResponse, problemResponses } from "./openapi";

const tags = ["keys"];

/**
 * A version of a key set for If-Match: two reads of the same set on Digdir give the same value,
 * and any change to a key (added, removed, renewed) gives another.
 */
export function jwksVersion(jwks: JwksResponse): string {
  const keys = [...jwks.keys]
    .sort((a, b) => a.kid.localeCompare(b.kid))
    .map((k) => [k.kid, k.n, k.e, k.exp ?? null]);
  const digest = createHash("sha256")
    .update(JSON.stringify([keys, jwks.last_updated ?? null]))
    .digest("base64url");
  return `"${digest.slice(0, 22)}"`;
}

/**
 * Runs key edits of one client one after another inside this process, so that two edits through
 * the same BFF never interleave their read-modify-write. Across processes If-Match guards.
 */
class KeyEditQueue {
  readonly #tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, edit: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(edit, edit);
    const tail = result.catch(() => {});
    this.#tails.set(key, tail);
    tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}

const IfMatchHeader = z.object({
  "if-match": z.string().optional().openapi({
    description: "The ETag of the key set the user last saw (from GET .../jwks)",
  }),
});

const editResponses = {
  200: {
    description: "The new key set; its version is in the ETag header",
    content: { "application/json": { schema: JwksResponse } },
  },
  412: {
    description: "The key set changed since it was read",
    content: { "application/problem+json": { schema: Problem } },
  },
  428: {
    description: "If-Match is missing",
    content: { "application/problem+json": { schema: Problem } },
  },
  ...problemResponses,
} as const;

/** What the audit log keeps of a key set: the public ids and expiry, never key material. */
function keyIds(jwks: JwksResponse) {
  return { kids: jwks.keys.map((key) => ({ kid: key.kid, ...(key.exp ? { exp: key.exp } : {}) })) };
}

function withoutServerFields(key: Jwk): Jwk {
  const { exp: _exp, ...rest } = key;
  return rest;
}

function requireIfMatch(ifMatch: string | undefined): string {
  if (!ifMatch) {
    throw new ProblemError(428, {
      detail:
        "Send If-Match with the ETag of GET .../jwks, so that an edit of someone else is never overwritten",
    });
  }
  return ifMatch;
}

function assertUnchanged(current: JwksResponse, ifMatch: string): void {
  if (jwksVersion(current) !== ifMatch) {
    throw new ProblemError(412, {
      detail:
        "The client's keys changed since you loaded them (someone else edited them). Reload the keys and try again.",
    });
  }
}

export function createKeysRoutes() {
  const queue = new KeyEditQueue();

  /**
   * The read-modify-write every key edit shares: one edit per client at a time in this process,
   * only on the set the person last saw (If-Match), the key ids before and after audited.
   */
  async function editKeySet(
    c: Context<BffEnv>,
    clientId: string,
    headers: { "if-match"?: string | undefined },
    edit: (
      current: JwksResponse,
      api: SelfServiceClient,
      clientId: string,
    ) => Promise<JwksResponse>,
  ): Promise<JwksResponse> {
    const environment = environmentOf(c);
    const ifMatch = requireIfMatch(headers["if-match"]);
    const jwks = await queue.run(`${environment.config.id}/${clientId}`, async () => {
      const current = await environment.api.getJwks(clientId);
      recordChange(c, { before: keyIds(current) });
      assertUnchanged(current, ifMatch);
      return edit(current, environment.api, clientId);
    });
    recordChange(c, { after: keyIds(jwks) });
    c.header("ETag", jwksVersion(jwks));
    return jwks;
  }

  return createRouter()
    .openapi(
      createRoute({
        method: "get",
        path: "/api/envs/{env}/clients/{id}/jwks",
        middleware: [reads()] as const,
        tags,
        summary: "The client's public keys; the ETag header is the set's version",
        request: { params: ClientParams },
        responses: { 200: jsonResponse(JwksResponse, "The key set"), ...problemResponses },
      }),
      async (c) => {
        const jwks = await environmentOf(c).api.getJwks(c.req.valid("param").id);
        c.header("ETag", jwksVersion(jwks));
        c.header("Cache-Control", "no-store");
        return c.json(jwks, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/envs/{env}/clients/{id}/jwks",
        middleware: [changes("admin", "keys.replace")] as const,
        tags,
        summary: "Replace the whole key set (at most 5 public RSA keys)",
        request: { params: ClientParams, headers: IfMatchHeader, body: jsonBody(Jwks) },
        responses: editResponses,
      }),
      async (c) => {
        const { keys } = c.req.valid("json");
        const jwks = await editKeySet(
          c,
          c.req.valid("param").id,
          c.req.valid("header"),
          (_, api, id) => api.replaceJwks(id, { keys: keys.map(withoutServerFields) }),
        );
        return c.json(jwks, 200);
      },
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/envs/{env}/clients/{id}/keys",
        middleware: [changes("admin", "key.add")] as const,
        tags,
        summary: "Add one key to the set (read-modify-write done safely by Portvakt)",
        request: {
          params: ClientParams,
          headers: IfMatchHeader,
          body: jsonBody(z.object({ jwk: Jwk })),
        },
        responses: editResponses,
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        const { jwk } = c.req.valid("json");
        recordChange(c, { target: `client ${id}, kid ${jwk.kid}` });
        const jwks = await editKeySet(c, id, c.req.valid("header"), (current, api) => {
          if (current.keys.some((key) => key.kid === jwk.kid)) {
            throw new ProblemError(409, {
              detail: `The client already has a key with kid "${jwk.kid}"`,
              errors: [{ field: "jwk.kid", message: "kid already in use on this client" }],
            });
          }
          if (current.keys.length >= MAX_KEYS_PER_CLIENT) {
            throw new ProblemError(400, {
              detail: `The client already has ${MAX_KEYS_PER_CLIENT} keys, the most Maskinporten allows; remove one first`,
              errors: [{ field: "jwk", message: "Key limit reached" }],
            });
          }
          return api.replaceJwks(id, { keys: [...current.keys.map(withoutServerFields), jwk] });
        });
        return c.json(jwks, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/api/envs/{env}/clients/{id}/keys/{kid}",
        middleware: [changes("admin", "key.remove")] as const,
        tags,
        summary: "Remove one key from the set",
        request: {
          params: ClientParams.extend({
            kid: z
              .string()
              .min(1)
              .openapi({ param: { name: "kid", in: "path" } }),
          }),
          headers: IfMatchHeader,
        },
        responses: editResponses,
      }),
      async (c) => {
        const { id, kid } = c.req.valid("param");
        const jwks = await editKeySet(c, id, c.req.valid("header"), async (current, api) => {
          if (!current.keys.some((key) => key.kid === kid)) {
            throw new ProblemError(404, { detail: `The client has no key with kid "${kid}"` });
          }
          const remaining = current.keys.filter((key) => key.kid !== kid);
          if (remaining.length > 0) {
            return api.replaceJwks(id, { keys: remaining.map(withoutServerFields) });
          }
          await api.deleteJwks(id);
          return api.getJwks(id);
        });
        return c.json(jwks, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/api/envs/{env}/clients/{id}/jwks",
        middleware: [changes("admin", "keys.remove-all")] as const,
        tags,
        summary: "Remove every key of the client",
        request: { params: ClientParams, headers: IfMatchHeader },
        responses: { 204: { description: "Removed" }, ...editResponses },
      }),
      async (c) => {
        await editKeySet(c, c.req.valid("param").id, c.req.valid("header"), async (_, api, id) => {
          await api.deleteJwks(id);
          return { keys: [] };
        });
        return c.body(null, 204);
      },
    );
}
