import { OrgNumber } from "@portvakt/contracts";
import { Hono } from "hono";
import { parseParameter } from "../digdir-error";
import type { SimulatorContext, SimulatorEnv } from "../simulator-context";

/**
 * `GET /api/v1/organizations/{orgnr}`: the simulator's Enhetsregisteret look-up. Answers
 * `{orgnr, name}` and needs no token, as the 2025 OpenAPI says ("Krever ingen autentisering").
 */
export function organizationRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const routes = new Hono<SimulatorEnv>();
  routes.get("/api/v1/organizations/:orgnr", (c) => {
    const orgnr = parseParameter(c.req.param("orgnr"), OrgNumber, "orgnr");
    return c.json({ orgnr, name: ctx.store.organizationName(orgnr) });
  });
  return routes;
}
