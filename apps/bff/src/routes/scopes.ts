import { createRoute, z } from "@hono/zod-openapi";
import { Scope, ScopeCatalogueQuery, ScopeInput, ScopeUpdate } from "@portvakt/contracts";
import { changes, reads, recordChange } from "../auth/guard";
import { sendJson } from "../json-body";
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
      const scopes = await environmentOf(c).api.listScopes({ inactive: inactive === "true" });
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
    async (c) => sendJson(c, await environmentOf(c).api.getScope(c.req.valid("query").scope), 200),
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
      recordChange(c, { target: `${input.prefix}:${input.subscope}` });
      const created = await environmentOf(c).api.createScope(input);
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
      const api = environmentOf(c).api;
      const before = await api.getScope(scope);
      recordChange(c, {
        before,
        ...(update.active === true && !before.active ? { action: "scope.reactivate" } : {}),
      });
      const after = await api.updateScope(scope, update);
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
      const api = environmentOf(c).api;
      recordChange(c, { before: await api.getScope(scope) });
      const after = await api.deactivateScope(scope);
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
      summary: "The scope prefixes Digdir has given the organisation",
      request: { params: EnvParam },
      responses: { 200: jsonResponse(z.array(z.string()), "Prefixes"), ...problemResponses },
    }),
    async (c) => sendJson(c, await environmentOf(c).api.listPrefixes(), 200),
  );
