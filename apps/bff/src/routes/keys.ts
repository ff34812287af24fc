import { createRoute, z } from "@hono/zod-openapi";
import { AddKeyRequest, Jwks, JwksResponse, Problem } from "@portvakt/contracts";
import { codedTarget, targetPart } from "../audit/text";
import { changes, reads, recordChange } from "../auth/guard";
import { editKeySet, readKeySet, requireIfMatch } from "../keys/key-set";
import { ClientParams } from "./clients";
import { createRouter, jsonBody, jsonResponse, problemResponses } from "./openapi";

const tags = ["keys"];

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

const KidParams = ClientParams.extend({
  kid: z
    .string()
    .min(1)
    .openapi({ param: { name: "kid", in: "path" } }),
});

export function createKeysRoutes() {
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
        const jwks = await readKeySet(c, c.req.valid("param").id);
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
          body: jsonBody(AddKeyRequest),
        },
        responses: editResponses,
      }),
      async (c) => {
        const { id } = c.req.valid("param");
        const { jwk } = c.req.valid("json");
        recordChange(c, {
          target: codedTarget(
            targetPart("audit.target.client", { id }),
            targetPart("audit.target.kid", { kid: jwk.kid }),
          ),
        });
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
