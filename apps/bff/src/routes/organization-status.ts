import { createRoute } from "@hono/zod-openapi";
import { OrganizationStatus, OrgNumber } from "@portvakt/contracts";
import { reads } from "../auth/guard";
import { sendJson } from "../json-body";
import { createRouter, EnvParam, environmentOf, jsonResponse, problemResponses } from "./openapi";

/**
 * `GET /api/envs/{env}/organizations/{orgno}/status` (issue 14 #16): the name from Digdir's
 * `/organizations/{orgnr}` (which reads Enhetsregisteret) and the state (deleted, bankrupt,
 * being wound up) from Brønnøysund's open API through the BFF's bounded, timed cache
 * (`OrganizationRegister`). Either part may be missing; the answer is still 200, so a page can
 * show what is known. With the look-up switched off, `registry` is `off` and only the name is
 * given.
 */
export const organizationStatusRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/api/envs/{env}/organizations/{orgno}/status",
    middleware: [reads()] as const,
    tags: ["organizations"],
    summary:
      "An organisation's name (Digdir) and state in Enhetsregisteret (deleted, bankrupt, being wound up), to confirm before granting",
    request: { params: EnvParam.extend({ orgno: OrgNumber }) },
    responses: {
      200: jsonResponse(OrganizationStatus, "Name and state, as far as known"),
      ...problemResponses,
    },
  }),
  async (c) => {
    const { orgno } = c.req.valid("param");
    const [name, register] = await Promise.all([
      environmentOf(c)
        .api.getOrganization(orgno)
        .then((organization) => organization.name)
        .catch(() => undefined),
      c.get("organizationRegister").lookUp(orgno),
    ]);
    const state = register.registry === "on" ? register.state : undefined;
    const body: OrganizationStatus = {
      orgno,
      ...(name ? { name } : {}),
      registry: register.registry,
      ...(state ? { state } : {}),
      ...(register.registry === "on" && register.deleted_on
        ? { deleted_on: register.deleted_on }
        : {}),
      needs_confirmation: state !== undefined && state !== "active",
    };
    return sendJson(c, body, 200);
  },
);
