import { isValidOrgNumber } from "@portvakt/contracts";
import { Hono } from "hono";
import type { SimulatorContext, SimulatorEnv } from "./simulator-context";

/**
 * Demo organisations whose status in Enhetsregisteret is not "active": a bankrupt one, one
 * deleted (answered 200 with `slettedato`), one being wound up, and one removed for legal
 * reasons (answered 410 Gone with `{organisasjonsnummer, slettedato}`).
 */
export const REGISTRY_DEMO = {
  bankrupt: "911000008",
  deleted: "911000016",
  windingUp: "911000024",
  gone: "911000032",
} as const;

/**
 * `GET /enhetsregisteret/api/enheter/{orgnr}`: the simulator's stand-in for Brønnøysund's open
 * Enhetsregisteret API, in its answer shape: `organisasjonsnummer`, `navn`, `organisasjonsform`,
 * the booleans `konkurs`, `underAvvikling`, `underTvangsavviklingEllerTvangsopplosning`, and
 * `slettedato` (yyyy-mm-dd) for a deleted unit; 410 Gone `{organisasjonsnummer, slettedato}` for
 * a unit removed for legal reasons, 404 for an unknown number, 400 for a malformed one. Any valid
 * number not in the demo register is an active unit with the simulator's synthetic name.
 */
export function enhetsregisteretRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const routes = new Hono<SimulatorEnv>();
  routes.get("/enhetsregisteret/api/enheter/:orgnr", (c) => {
    const orgnr = c.req.param("orgnr");
    if (!/^\d{9}$/.test(orgnr)) {
      return c.json(
        { timestamp: ctx.clock.iso(), status: 400, error: "Bad Request", message: "Ugyldig orgnr" },
        400,
      );
    }
    if (!isValidOrgNumber(orgnr)) return c.body(null, 404);
    if (orgnr === REGISTRY_DEMO.gone) {
      return c.json({ organisasjonsnummer: orgnr, slettedato: "2023-01-31" }, 410);
    }
    return c.json({
      organisasjonsnummer: orgnr,
      navn: ctx.store.organizationName(orgnr),
      organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap" },
      registreringsdatoEnhetsregisteret: "2015-03-02",
      registrertIMvaregisteret: true,
      konkurs: orgnr === REGISTRY_DEMO.bankrupt,
      underAvvikling: orgnr === REGISTRY_DEMO.windingUp,
      underTvangsavviklingEllerTvangsopplosning: false,
      maalform: "Bokmål",
      ...(orgnr === REGISTRY_DEMO.deleted ? { slettedato: "2024-06-30" } : {}),
    });
  });
  return routes;
}
