import { createRoute, z } from "@hono/zod-openapi";
import { Client, ClientInput, ClientUpdate, Organization, OrgNumber } from "@portvakt/contracts";
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
      return c.json(await environmentOf(c).api.listClients({ inactive }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/clients",
      tags,
      summary: "Register a client",
      request: { params: EnvParam, body: jsonBody(ClientInput) },
      responses: { 200: jsonResponse(Client, "The registered client"), ...problemResponses },
    }),
    async (c) => c.json(await environmentOf(c).api.createClient(c.req.valid("json")), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/clients/{id}",
      tags,
      summary: "One client",
      request: { params: ClientParams },
      responses: { 200: jsonResponse(Client, "The client"), ...problemResponses },
    }),
    async (c) => c.json(await environmentOf(c).api.getClient(c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/api/envs/{env}/clients/{id}",
      tags,
      summary: "Change a client (integration_type cannot change)",
      request: { params: ClientParams, body: jsonBody(ClientUpdate) },
      responses: { 200: jsonResponse(Client, "The changed client"), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await environmentOf(c).api.updateClient(id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/api/envs/{env}/clients/{id}",
      tags,
      summary: "Delete a client",
      request: { params: ClientParams },
      responses: { 204: { description: "Deleted" }, ...problemResponses },
    }),
    async (c) => {
      await environmentOf(c).api.deleteClient(c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/organizations/{orgno}",
      tags: ["organizations"],
      summary: "An organisation's name from Enhetsregisteret",
      request: {
        params: EnvParam.extend({
          orgno: OrgNumber.openapi({ param: { name: "orgno", in: "path" } }),
        }),
      },
      responses: { 200: jsonResponse(Organization, "The organisation"), ...problemResponses },
    }),
    async (c) =>
      c.json(await environmentOf(c).api.getOrganization(c.req.valid("param").orgno), 200),
  );
