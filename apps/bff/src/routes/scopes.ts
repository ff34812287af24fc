import { createRoute, z } from "@hono/zod-openapi";
import {
  DelegationSource,
  PrefixInfo,
  Scope,
  ScopeCatalogueQuery,
  ScopeInput,
  ScopeUpdate,
} from "@portvakt/contracts";
import { MaskinportenError } from "@portvakt/maskinporten";
import { codedTarget, targetPart } from "../audit/text";
import { changes, reads, recordChange } from "../auth/guard";
import { lockKeys } from "../changes/locks";
import { guardedApiOf } from "../changes/request";
import { requireUnchangedSinceRequest } from "../four-eyes/defer";
import { sendJson } from "../json-body";
import { codedFieldError, codedProblem, type ProblemError } from "../problem";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
  ScopeQuery,
} from "./openapi";

const tags = ["scopes"];

/** The scope, or `undefined` when Digdir answers 404 (no scope of that name, active or not). */
async function scopeIfAny(read: () => Promise<Scope>): Promise<Scope | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof MaskinportenError && error.kind === "http" && error.status === 404) {
      return undefined;
    }
    throw error;
  }
}

/**
 * A create of a name that exists, refused before anything is sent: Digdir answers 409 for a
 * name in use, active or deactivated (the shared spec maskinporten.md, section 3: `POST /api/v1/scopes`).
 */
function scopeExists(name: string, active: boolean): ProblemError {
  return codedProblem(
    409,
    "problem.scope.exists",
    { name, active: active ? "yes" : "no" },
    {
      type: "urn:portvakt:problem:scope-exists",
      // The field's text carries what the problem's detail says (a deactivated name is to be
      // reactivated): a form shows this one on the field and no panel (issue 14, defect 3).
      errors: [
        codedFieldError("subscope", "problem.field.scope-exists", {
          name,
          active: active ? "yes" : "no",
        }),
      ],
    },
  );
}
const InactiveQuery = z.object({ inactive: z.enum(["true", "false"]).optional() });

export const scopesRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/scopes",
      middleware: [reads()] as const,
      tags,
      summary: "The organisation's own scopes",
      request: { params: EnvParam, query: InactiveQuery },
      responses: { 200: jsonResponse(z.array(Scope), "Own scopes"), ...problemResponses },
    }),
    async (c) => {
      const { inactive } = c.req.valid("query");
      const environment = environmentOf(c);
      const scopes = await environment.api.listScopes({ inactive: inactive === "true" });
      // A read of the scopes settles scope changes whose outcome was unknown (in the background).
      c.get("changeGuard").noticeRead({ prefix: lockKeys.scope(environment.config.id, "") });
      return sendJson(c, scopes, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/scopes/scope",
      middleware: [reads()] as const,
      tags,
      summary: "One own scope",
      request: { params: EnvParam, query: ScopeQuery },
      responses: { 200: jsonResponse(Scope, "The scope"), ...problemResponses },
    }),
    async (c) => {
      const environment = environmentOf(c);
      const { scope } = c.req.valid("query");
      const found = await environment.api.getScope(scope);
      c.get("changeGuard").noticeRead({ exact: [lockKeys.scope(environment.config.id, scope)] });
      return sendJson(c, found, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/scopes",
      middleware: [changes("admin", "scope.create")] as const,
      tags,
      summary: "Create a scope under one of the organisation's prefixes",
      request: { params: EnvParam, body: jsonBody(ScopeInput) },
      responses: { 200: jsonResponse(Scope, "The created scope"), ...problemResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const name = `${input.prefix}:${input.subscope}`;
      recordChange(c, { target: codedTarget(targetPart("audit.target.scope", { scope: name })) });
      const api = guardedApiOf(c);
      // Under the scope's lock (every instance's, with PostgreSQL): an earlier create of the same
      // name whose outcome was unknown is settled first, and a scope already there (made by it,
      // or by someone else) is reported instead of sending a create Digdir refuses with 409.
      const created = await api.locked(lockKeys.scope(api.env, name), async () => {
        const existing = await scopeIfAny(() => api.raw.getScope(name));
        if (existing) throw scopeExists(name, existing.active !== false);
        return api.createScope(input);
      });
      recordChange(c, { after: created });
      return sendJson(c, created, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/api/envs/{env}/scopes",
      middleware: [changes("admin", "scope.update")] as const,
      tags,
      summary: "Change a scope; active: true reactivates it",
      request: { params: EnvParam, query: ScopeQuery, body: jsonBody(ScopeUpdate) },
      responses: { 200: jsonResponse(Scope, "The changed scope"), ...problemResponses },
    }),
    async (c) => {
      const { scope } = c.req.valid("query");
      const update = c.req.valid("json");
      const api = guardedApiOf(c);
      const after = await api.locked(lockKeys.scope(api.env, scope), async () => {
        const before = await api.raw.getScope(scope);
        recordChange(c, {
          before,
          ...(update.active === true && before.active === false
            ? { action: "scope.reactivate" }
            : {}),
        });
        requireUnchangedSinceRequest(c, before, update);
        return api.updateScope(scope, update, { current: before });
      });
      recordChange(c, { after });
      return sendJson(c, after, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/api/envs/{env}/scopes",
      middleware: [changes("admin", "scope.deactivate")] as const,
      tags,
      summary: "Deactivate a scope (grants are kept: revoke them first)",
      request: { params: EnvParam, query: ScopeQuery },
      responses: { 200: jsonResponse(Scope, "The deactivated scope"), ...problemResponses },
    }),
    async (c) => {
      const { scope } = c.req.valid("query");
      const api = guardedApiOf(c);
      const after = await api.locked(lockKeys.scope(api.env, scope), async () => {
        recordChange(c, { before: await api.raw.getScope(scope) });
        return api.deactivateScope(scope);
      });
      recordChange(c, { after });
      return sendJson(c, after, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/scopes/all",
      middleware: [reads()] as const,
      tags,
      summary: "The public catalogue of every provider's scopes",
      request: { params: EnvParam, query: ScopeCatalogueQuery },
      responses: { 200: jsonResponse(z.array(Scope), "Public scopes"), ...problemResponses },
    }),
    async (c) =>
      sendJson(c, await environmentOf(c).api.listScopeCatalogue(c.req.valid("query")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/prefix",
      middleware: [reads()] as const,
      tags,
      summary:
        "The scope prefixes Digdir has given the organisation, with owner, name, state and dates as Digdir answers them (none when it has none)",
      request: { params: EnvParam },
      responses: { 200: jsonResponse(z.array(PrefixInfo), "Prefixes"), ...problemResponses },
    }),
    async (c) => sendJson(c, await environmentOf(c).api.listPrefixes(), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/prefix/all",
      middleware: [reads()] as const,
      tags,
      summary: "Every prefix of every organisation (Digdir's GET /api/v1/prefix/all)",
      request: { params: EnvParam },
      responses: { 200: jsonResponse(z.array(PrefixInfo), "Prefixes"), ...problemResponses },
    }),
    async (c) => sendJson(c, await environmentOf(c).api.listAllPrefixes(), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/delegationsources",
      middleware: [reads()] as const,
      tags,
      summary:
        "Where a scope's delegation_source may point (Digdir's GET /api/v1/delegationsources)",
      request: { params: EnvParam },
      responses: {
        200: jsonResponse(z.array(DelegationSource), "Delegation sources"),
        ...problemResponses,
      },
    }),
    async (c) => sendJson(c, await environmentOf(c).api.listDelegationSources(), 200),
  );
