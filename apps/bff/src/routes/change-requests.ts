import { createRoute, z } from "@hono/zod-openapi";
import { ChangeRequest, ChangeRequestState } from "@portvakt/contracts";
import type { Context } from "hono";
import type { BffEnv } from "../context";
import type { ChangeRequests, Decider } from "../four-eyes/service";
import { ProblemError } from "../problem";
import { createRouter, jsonBody, jsonResponse, problemResponses } from "./openapi";

const tags = ["change-requests"];

const IdParam = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, description: "The request's id" }),
});

const ListQuery = z.object({
  state: ChangeRequestState.optional(),
  env: z.string().max(40).optional(),
});

const RejectInput = z
  .object({ reason: z.string().trim().max(500).optional() })
  .strict()
  .openapi("RejectChangeRequest");

function requestsOf(c: Context<BffEnv>): ChangeRequests {
  const requests = c.get("changeRequests");
  if (!requests)
    throw new ProblemError(404, {
      detail: "Change requests are not available",
      code: "problem.change-requests.unavailable",
    });
  return requests;
}

/** The environments the person may see change requests of: any role there. */
function visibleEnvs(c: Context<BffEnv>): string[] {
  return Object.keys(c.get("session")?.roles ?? {});
}

/** The caller as a decider of the request `id` (their role in its environment). */
async function deciderOf(c: Context<BffEnv>, id: string): Promise<Decider> {
  const session = c.get("session")!;
  const request = await requestsOf(c).get(id);
  return {
    sub: session.sub,
    name: session.name,
    role: request ? session.roles[request.env] : undefined,
    viaToken: c.get("apiToken") !== undefined,
    requestId: c.get("requestId"),
  };
}

/**
 * The change-request inbox (issue 18 #2): list and read the requests of the person's
 * environments; another admin approves (it is carried out once, as its requester) or rejects;
 * the requester withdraws. See `ChangeRequests`.
 */
export const changeRequestRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/change-requests",
      tags,
      summary: "Change requests of the environments you hold a role in, newest first",
      request: { query: ListQuery },
      responses: {
        200: jsonResponse(z.object({ changeRequests: z.array(ChangeRequest) }), "Requests"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { state, env } = c.req.valid("query");
      const envs = visibleEnvs(c).filter((e) => env === undefined || e === env);
      const list = await requestsOf(c).list({ ...(state ? { state } : {}), envs });
      return c.json({ changeRequests: list as ChangeRequest[] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/change-requests/{id}",
      tags,
      summary: "One change request",
      request: { params: IdParam },
      responses: { 200: jsonResponse(ChangeRequest, "The request"), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const found = await requestsOf(c).get(id);
      if (!found || !visibleEnvs(c).includes(found.env)) {
        throw new ProblemError(404, {
          detail: `No change request ${id} in your environments`,
          code: "problem.change-requests.not-found",
          params: { id },
        });
      }
      return c.json(found as ChangeRequest, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/change-requests/{id}/approve",
      tags,
      summary:
        "Approve a change request (admin, not its requester): it is carried out once, and its outcome stored",
      request: { params: IdParam },
      responses: { 200: jsonResponse(ChangeRequest, "The request, executed"), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const done = await requestsOf(c).approve(id, await deciderOf(c, id));
      return c.json(done as ChangeRequest, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/change-requests/{id}/reject",
      tags,
      summary: "Reject a change request (admin, not its requester), with an optional reason",
      request: { params: IdParam, body: { ...jsonBody(RejectInput), required: false } },
      responses: { 200: jsonResponse(ChangeRequest, "The request, rejected"), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { reason } = c.req.valid("json") ?? {};
      const done = await requestsOf(c).reject(id, await deciderOf(c, id), reason || undefined);
      return c.json(done as ChangeRequest, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/change-requests/{id}/withdraw",
      tags,
      summary: "Withdraw your own pending change request",
      request: { params: IdParam },
      responses: {
        200: jsonResponse(ChangeRequest, "The request, withdrawn"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const done = await requestsOf(c).withdraw(id, await deciderOf(c, id));
      return c.json(done as ChangeRequest, 200);
    },
  );
