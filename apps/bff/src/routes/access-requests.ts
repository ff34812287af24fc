import { createRoute, z } from "@hono/zod-openapi";
import { ScopeAccess } from "@portvakt/contracts";
import { reads } from "../auth/guard";
import { sendJson } from "../json-body";
import { createRouter, EnvParam, environmentOf, jsonResponse, problemResponses } from "./openapi";

/** How many of the organisation's scopes are asked for their requests at once. */
const PARALLEL_READS = 6;

/**
 * Runs `work` over `items` with at most `limit` running at once, keeping the order of `items`.
 * Rejects with the first error (the others still finish, their results are dropped).
 */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(runners);
  return results;
}

/**
 * The access-request inbox (issue 14 #17): every row in state `REQUESTED` of the organisation's
 * own active scopes.
 *
 * Digdir's 2025 OpenAPI (digdir/digdir-camp-2025-react-impl, app/lib/api.d.ts) has no list of
 * requests for a scope owner: `ScopeAccess.state` is `REQUESTED | APPROVED | DENIED`, the
 * `state` filter exists only on the cloud-sync list (`getScopeAccess`, needs
 * `idporten:cloud.read`), and there is no approve or deny operation. So the inbox is read as
 * `GET /scopes/access?scope=` per own scope (operation `list`), and a request is approved with
 * `PUT /scopes/access/{consumer_orgno}?scope=` (operation `create`: the row becomes APPROVED)
 * and denied with `DELETE` (operation `remove`: the row becomes DENIED), i.e. the BFF's
 * ordinary, guarded and audited grant and revoke routes.
 */
export const accessRequestRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/api/envs/{env}/access-requests",
    middleware: [reads()] as const,
    tags: ["access"],
    summary:
      "Access requests (rows in state REQUESTED) of the organisation's own active scopes, oldest first; approve with PUT and deny with DELETE /scopes/access/{orgno}?scope=",
    request: { params: EnvParam },
    responses: {
      200: jsonResponse(z.array(ScopeAccess), "The requested rows"),
      ...problemResponses,
    },
  }),
  async (c) => {
    const api = environmentOf(c).api;
    const scopes = await api.listScopes();
    const perScope = await mapLimited(
      scopes.filter((scope) => scope.active !== false),
      PARALLEL_READS,
      (scope) => api.listAccessByScope(scope.name),
    );
    const requested = perScope
      .flat()
      .filter((row) => row.state === "REQUESTED")
      .sort(
        (a, b) =>
          String(a.created ?? "").localeCompare(String(b.created ?? "")) ||
          a.scope.localeCompare(b.scope) ||
          a.consumer_orgno.localeCompare(b.consumer_orgno),
      );
    return sendJson(c, requested, 200);
  },
);
