import { z } from "zod";

/**
 * An organisation's state in Enhetsregisteret as Portvakt reads it from Brønnøysund's open API
 * (`GET {baseUrl}/enheter/{orgnr}`, Enhetsregisteret's "Åpne data" API): `deleted` when the unit
 * has a `slettedato` or is answered 410 Gone (removed for legal reasons), `bankrupt` when
 * `konkurs`, `forced-winding-up` when `underTvangsavviklingEllerTvangsopplosning`, `winding-up`
 * when `underAvvikling`, `not-found` on 404, `active` otherwise. In that order of precedence.
 */
export const RegistryState = z.enum([
  "active",
  "winding-up",
  "forced-winding-up",
  "bankrupt",
  "deleted",
  "not-found",
]);
export type RegistryState = z.infer<typeof RegistryState>;

/**
 * What the BFF's `GET /api/envs/{env}/organizations/{orgno}/status` answers: the name from
 * Digdir's `/organizations/{orgnr}` (absent if Digdir does not know it), and, when the look-up
 * in Enhetsregisteret is configured (`registry: "on"`), its state there. `registry: "off"`: the
 * look-up is switched off (closed networks; names only); `"unavailable"`: configured but it did
 * not answer (nothing is known about the state; not cached).
 */
export const OrganizationStatus = z
  .looseObject({
    orgno: z.string(),
    name: z.string().optional(),
    registry: z.enum(["on", "off", "unavailable"]),
    state: RegistryState.optional(),
    /** `slettedato` from Enhetsregisteret (yyyy-mm-dd), for a deleted unit. */
    deleted_on: z.string().optional(),
    /** Whether granting to this organisation should be confirmed first (any state but active). */
    needs_confirmation: z.boolean(),
  })
  .meta({ id: "OrganizationStatus" });
export type OrganizationStatus = z.infer<typeof OrganizationStatus>;
