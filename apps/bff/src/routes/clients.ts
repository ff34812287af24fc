import { createRoute, z } from "@hono/zod-openapi";
import { Client, ClientInput, ClientUpdate, Organization, OrgNumber } from "@portvakt/contracts";
import { codedTarget, targetPart } from "../audit/text";
import { changes, reads, recordChange } from "../auth/guard";
import { lockKeys } from "../changes/locks";
import { guardedApiOf } from "../changes/request";
import { requireUnchangedSinceRequest } from "../four-eyes/defer";
import { sendJson } from "../json-body";
import { requireOwnAdminClientConfirmation } from "../security/own-admin-client";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
} from "./openapi";

const tags = ["clients"];
export const ClientParams = EnvParam.extend({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const clientsRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/clients",
      middleware: [reads()] as const,
      tags,
      summary: "The organisation's Maskinporten clients",
      request: {
        params: EnvParam,
        query: z.object({ inactive: z.enum(["true", "false"]).optional() }),
      },
      responses: { 200: jsonResponse(z.array(Client), "Clients"), ...problemResponses },
    }),
    async (c) => {
      const inactive = c.req.valid("query").inactive === "true";
      const environment = environmentOf(c);
      const clients = await environment.api.listClients({ inactive });
      // A read of the clients settles creates whose outcome was unknown (in the background).
      c.get("changeGuard").noticeRead({
        prefix: lockKeys.clientCreate(environment.config.id, ""),
      });
      return sendJson(c, clients, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/clients",
      middleware: [changes("admin", "client.create")] as const,
      tags,
      summary: "Register a client",
      request: { params: EnvParam, body: jsonBody(ClientInput) },
      responses: { 200: jsonResponse(Client, "The registered client"), ...problemResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      recordChange(c, {
        target: codedTarget(targetPart("audit.target.client-named", { name: input.client_name })),
      });
      const created = await guardedApiOf(c).createClient(input);
      recordChange(c, {
        target: codedTarget(targetPart("audit.target.client", { id: created.client_id })),
        after: created,
      });
      return sendJson(c, created, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/clients/{id}",
      middleware: [reads()] as const,
      tags,
      summary: "One client",
      request: { params: ClientParams },
      responses: { 200: jsonResponse(Client, "The client"), ...problemResponses },
    }),
    async (c) => {
      const environment = environmentOf(c);
      const { id } = c.req.valid("param");
      const client = await environment.api.getClient(id);
      c.get("changeGuard").noticeRead({ exact: [lockKeys.client(environment.config.id, id)] });
      return sendJson(c, client, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/api/envs/{env}/clients/{id}",
      middleware: [changes("admin", "client.update")] as const,
      tags,
      summary: "Change a client (integration_type cannot change)",
      request: { params: ClientParams, body: jsonBody(ClientUpdate) },
      responses: { 200: jsonResponse(Client, "The changed client"), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const update = c.req.valid("json");
      if (update.active === false) requireOwnAdminClientConfirmation(c, id);
      const api = guardedApiOf(c);
      const after = await api.locked(lockKeys.client(api.env, id), async () => {
        const before = await api.raw.getClient(id);
        recordChange(c, { before });
        requireUnchangedSinceRequest(c, before, update);
        return api.updateClient(id, update, { current: before });
      });
      recordChange(c, { after });
      return sendJson(c, after, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/api/envs/{env}/clients/{id}",
      middleware: [changes("admin", "client.delete")] as const,
      tags,
      summary: "Delete a client",
      description:
        "Deleting the environment's own admin client (the clientId of GET /api/envs) needs the header X-Portvakt-Confirm-Own-Admin-Client: <client id>; without it 428 (Portvakt would lock itself out).",
      request: { params: ClientParams },
      responses: { 204: { description: "Deleted" }, ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      requireOwnAdminClientConfirmation(c, id);
      const api = guardedApiOf(c);
      await api.locked(lockKeys.client(api.env, id), async () => {
        recordChange(c, { before: await api.raw.getClient(id) });
        await api.deleteClient(id);
      });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/organizations/{orgno}",
      middleware: [reads()] as const,
      tags: ["organizations"],
      summary: "An organisation's name from Enhetsregisteret",
      request: {
        params: EnvParam.extend({
          orgno: OrgNumber,
        }),
      },
      responses: { 200: jsonResponse(Organization, "The organisation"), ...problemResponses },
    }),
    async (c) =>
      sendJson(c, await environmentOf(c).api.getOrganization(c.req.valid("param").orgno), 200),
  );
