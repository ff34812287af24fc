import { createRoute, z } from "@hono/zod-openapi";
import { OrgNumber, ScopeAccess, ScopeName } from "@portvakt/contracts";
import { codedTarget, targetPart } from "../audit/text";
import { changes, reads, recordChange } from "../auth/guard";
import { lockKeys } from "../changes/locks";
import { guardedApiOf } from "../changes/request";
import { sendJson } from "../json-body";
import { codedProblem } from "../problem";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonResponse,
  problemResponses,
  ScopeQuery,
} from "./openapi";

const tags = ["access"];
const ConsumerParams = EnvParam.extend({
  orgno: OrgNumber,
});
const InactiveFlag = z.enum(["true", "false"]).optional().openapi({
  description:
    "Digdir's filter: revoked (DENIED) rows only with inactive=true. Portvakt's default is true, so the history of a grant stays visible.",
});
const InactiveOnly = z.object({ inactive: InactiveFlag });

const AccessListQuery = z.object({
  scope: ScopeName.optional(),
  consumer_orgno: OrgNumber.optional(),
  inactive: InactiveFlag,
});

export const accessRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/scopes/access",
      middleware: [reads()] as const,
      tags,
      summary:
        "The consumers of a scope (?scope=) or the scopes of one consumer (?consumer_orgno=)",
      request: { params: EnvParam, query: AccessListQuery },
      responses: { 200: jsonResponse(z.array(ScopeAccess), "Access rows"), ...problemResponses },
    }),
    async (c) => {
      const { scope, consumer_orgno, inactive } = c.req.valid("query");
      const opts = { inactive: inactive !== "false" };
      if (Boolean(scope) === Boolean(consumer_orgno)) {
        throw codedProblem(400, "problem.access.one-of");
      }
      const environment = environmentOf(c);
      const api = environment.api;
      const rows = scope
        ? await api.listAccessByScope(scope, opts)
        : await api.listAccessByConsumer(consumer_orgno!, opts);
      // A read of grants settles their unknown outcomes, if any (in the background).
      if (scope) {
        c.get("changeGuard").noticeRead({
          prefix: lockKeys.grant(environment.config.id, scope, ""),
        });
      }
      return sendJson(c, rows, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/scopes/access/all",
      middleware: [reads()] as const,
      tags,
      summary: "Scopes other organisations have granted to this one (none when it has none)",
      request: { params: EnvParam, query: InactiveOnly },
      responses: { 200: jsonResponse(z.array(ScopeAccess), "Access rows"), ...problemResponses },
    }),
    async (c) =>
      sendJson(
        c,
        await environmentOf(c).api.listAccessGrantedToMe({
          inactive: c.req.valid("query").inactive === "true",
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/api/envs/{env}/scopes/access/{orgno}",
      middleware: [changes("operator", "access.grant")] as const,
      tags,
      summary: "Grant a consumer organisation access to a scope (idempotent)",
      request: { params: ConsumerParams, query: ScopeQuery },
      responses: { 200: jsonResponse(ScopeAccess, "The grant"), ...problemResponses },
    }),
    async (c) => {
      const { orgno } = c.req.valid("param");
      const { scope } = c.req.valid("query");
      recordChange(c, { target: codedTarget(targetPart("audit.target.grant", { scope, orgno })) });
      const row = await guardedApiOf(c).grantAccess(scope, orgno);
      recordChange(c, { after: row });
      return sendJson(c, row, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/api/envs/{env}/scopes/access/{orgno}",
      middleware: [changes("operator", "access.revoke")] as const,
      tags,
      summary: "Revoke a consumer's access (the row stays, as DENIED)",
      request: { params: ConsumerParams, query: ScopeQuery },
      responses: { 200: jsonResponse(ScopeAccess, "The revoked grant"), ...problemResponses },
    }),
    async (c) => {
      const { orgno } = c.req.valid("param");
      const { scope } = c.req.valid("query");
      recordChange(c, { target: codedTarget(targetPart("audit.target.grant", { scope, orgno })) });
      const row = await guardedApiOf(c).revokeAccess(scope, orgno);
      recordChange(c, { after: row });
      return sendJson(c, row, 200);
    },
  );
