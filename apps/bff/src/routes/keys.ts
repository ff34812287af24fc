import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { Jwk, Jwks, JwksResponse, Problem } from "@portvakt/contracts";
import type { KeySetEditor } from "@portvakt/maskinporten";
import type { Context } from "hono";
import { changes, reads, recordChange } from "../auth/guard";
import { lockKeys } from "../changes/locks";
import { guardedApiOf } from "../changes/request";
import type { BffEnv } from "../context";
import { ProblemError } from "../problem";
import { ClientParams } from "./clients";
import { createRouter, environmentOf, jsonBody, jsonResponse, problemResponses } from "./openapi";

const tags = ["keys"];

/**
 * A version of a key set for If-Match: two reads of the same set on Digdir give the same value,
 * and any change to a key (added, removed, renewed, given `use`) gives another.
 */
export function jwksVersion(jwks: JwksResponse): string {
  const keys = [...jwks.keys]
    .sort((a, b) => (a.kid ?? "").localeCompare(b.kid ?? ""))
    .map((k) => [k.kid ?? null, k.n ?? null, k.e ?? null, k.use ?? null, k.exp ?? null]);
  const digest = createHash("sha256")
    .update(JSON.stringify([keys, jwks.last_updated ?? null]))
    .digest("base64url");
  return `"${digest.slice(0, 22)}"`;
}

const IfMatchHeader = z.object({
  "if-match": z.string().optional().openapi({
    description:
      "The ETag of the key set the user last saw (from GET .../jwks). Required to replace or remove the whole set; optional when adding or removing one key (checked when sent).",
  }),
});

const editResponses = {
  200: {
    description: "The new key set; its version is in the ETag header",
    content: { "application/json": { schema: JwksResponse } },
  },
  412: {
    description: "The key set changed since it was read (If-Match)",
    content: { "application/problem+json": { schema: Problem } },
  },
  428: {
    description: "If-Match is missing (whole-set edits)",
    content: { "application/problem+json": { schema: Problem } },
  },
  ...problemResponses,
} as const;

/** What the audit log keeps of a key set: the public ids and expiry, never key material. */
function keyIds(jwks: JwksResponse) {
  return {
    kids: jwks.keys.map((key) => ({ kid: key.kid ?? "", ...(key.exp ? { exp: key.exp } : {}) })),
  };
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

function assertUnchanged(current: JwksResponse, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && jwksVersion(current) !== ifMatch) {
    throw new ProblemError(412, {
      detail:
        "The client's keys changed since you loaded them (someone else edited them). Reload the keys and try again.",
    });
  }
}

const KidParams = ClientParams.extend({
  kid: z
    .string()
    .min(1)
    .openapi({ param: { name: "kid", in: "path" } }),
});

export function createKeysRoutes() {
  /**
   * Every key edit goes through the environment's one `KeySetEditor` (client library): under its
   * lock it reads the set, checks `If-Match` (when sent), writes with Digdir's single-key
   * endpoints (or the whole set for "replace all"), and reads the set again. The key ids before
   * and after are audited.
   */
  async function editKeySet(
    c: Context<BffEnv>,
    ifMatch: string | undefined,
    edit: (editor: KeySetEditor, check: (current: JwksResponse) => void) => Promise<JwksResponse>,
  ): Promise<JwksResponse> {
    // The editor over this request's guarded calls: the client's lock is the ChangeGuard's
    // (across instances with PostgreSQL), and each write's outcome is found out if its answer is
    // lost (issue 13).
    const editor = guardedApiOf(c).keySetEditor();
    const jwks = await edit(editor, (current) => {
      recordChange(c, { before: keyIds(current) });
      assertUnchanged(current, ifMatch);
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
        summary:
          "The client's public keys (none for a client without keys); the ETag header is the set's version. Keys registered before 2025 (no use) are flagged in portvakt_warnings.",
        request: { params: ClientParams },
        responses: { 200: jsonResponse(JwksResponse, "The key set"), ...problemResponses },
      }),
      async (c) => {
        const environment = environmentOf(c);
        const { id } = c.req.valid("param");
        const jwks = await environment.keys.read(id);
        // A read of the set settles an edit of it whose outcome was unknown (in the background).
        c.get("changeGuard").noticeRead({ exact: [lockKeys.client(environment.config.id, id)] });
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
        summary:
          "Replace the whole key set (1 to 5 public RSA keys): a kept key keeps its exp, a new one gets a year. Removing every key is DELETE.",
        request: { params: ClientParams, headers: IfMatchHeader, body: jsonBody(Jwks) },
        responses: editResponses,
      }),
      async (c) => {
        const { keys } = c.req.valid("json");
        const { id } = c.req.valid("param");
        const ifMatch = requireIfMatch(c.req.valid("header")["if-match"]);
        const jwks = await editKeySet(c, ifMatch, (editor, check) =>
          editor.replaceAll(id, keys, { check }),
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
        summary:
          "Add one key (Digdir's PUT .../jwks/{kid}: the other keys are not rewritten); refused for a kid already there or a sixth key",
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
        const jwks = await editKeySet(c, c.req.valid("header")["if-match"], (editor, check) =>
          editor.addKey(id, jwk, { check }),
        );
        return c.json(jwks, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/api/envs/{env}/clients/{id}/keys/{kid}",
        middleware: [changes("admin", "key.remove")] as const,
        tags,
        summary: "Remove one key (Digdir's DELETE .../jwks/{kid}; also the last one)",
        request: { params: KidParams, headers: IfMatchHeader },
        responses: editResponses,
      }),
      async (c) => {
        const { id, kid } = c.req.valid("param");
        const jwks = await editKeySet(c, c.req.valid("header")["if-match"], (editor, check) =>
          editor.removeKey(id, kid, { check }),
        );
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
        const { id } = c.req.valid("param");
        const ifMatch = requireIfMatch(c.req.valid("header")["if-match"]);
        await editKeySet(c, ifMatch, (editor, check) => editor.removeAll(id, { check }));
        return c.body(null, 204);
      },
    );
}
