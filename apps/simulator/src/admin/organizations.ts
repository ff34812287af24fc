import { type Organization, OrgNumber } from "@portvakt/contracts";
import { Hono } from "hono";
import { ANY_ADMIN_SCOPE, requireAdminScope } from "../auth";
import { parseParameter } from "../digdir-error";
import type { SimulatorContext, SimulatorEnv } from "../simulator-context";

/** `GET /api/v1/organizations/{orgno}`: the simulator's Enhetsregisteret look-up. */
export function organizationRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const routes = new Hono<SimulatorEnv>();
  routes.get("/api/v1/organizations/:orgno", requireAdminScope(ctx, ANY_ADMIN_SCOPE), (c) => {
    const orgno = parseParameter(c.req.param("orgno"), OrgNumber, "orgno");
    const organization: Organization = { orgno, name: ctx.store.organizationName(orgno) };
    return c.json(organization);
  });
  return routes;
}
