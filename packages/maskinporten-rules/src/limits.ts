/**
 * Maskinporten's limits on JWT grants and client keys: one definition for the client library,
 * the diagnosis, the simulator and the web app.
 *
 * Sources: felleslosninger/docs `_docs/Maskinporten/maskinporten_protocol_jwtgrant.md` (claims,
 * cardinality, the 120 s and ±10 s limits), `maskinporten_feilsoking.md` (MP-121: a key lives one
 * year from when it is posted), and nais/digdirator (keys are rotated 30 days before they expire).
 */

/** Signature algorithms Maskinporten accepts on a grant (header `alg`). */
export const GRANT_ALGS = ["RS256", "RS384", "RS512"] as const;
export type GrantAlg = (typeof GRANT_ALGS)[number];

/** `exp - iat` may be at most this many seconds (the docs' rule; the simulator enforces it). */
export const MAX_GRANT_LIFETIME_SECONDS = 120;

/**
 * `iat` may be at most this many seconds ahead of Maskinporten's clock. An `iat` in the past is
 * accepted as long as `exp` has not passed (observed; docs/maskinporten.md §8).
 */
export const IAT_SKEW_SECONDS = 10;

/** Claims every grant must carry. */
export const REQUIRED_GRANT_CLAIMS = ["aud", "iss", "scope", "iat", "exp"] as const;

/** Claims the docs call "recommended": `jti` (a grant without one cannot be protected from replay). */
export const RECOMMENDED_GRANT_CLAIMS = ["jti"] as const;

/** Optional claims the docs name; any claim outside these three lists is refused (MP-011). */
export const OPTIONAL_GRANT_CLAIMS = [
  "resource",
  "pid",
  "consumer_org",
  "iss_onbehalfof",
  "authorization_details",
] as const;

/** Every claim a grant may carry. */
export const ALLOWED_GRANT_CLAIMS: ReadonlySet<string> = new Set<string>([
  ...REQUIRED_GRANT_CLAIMS,
  ...RECOMMENDED_GRANT_CLAIMS,
  ...OPTIONAL_GRANT_CLAIMS,
]);

/** A registered key expires this many days after it was posted without an `exp` (MP-121). */
export const KEY_LIFETIME_DAYS = 365;

/** Keys are rotated this many days before they expire (as nais/digdirator does); warn from then. */
export const KEY_EXPIRY_WARNING_DAYS = 30;

/** Seconds in a day, for the key limits above. */
export const SECONDS_PER_DAY = 86_400;

/** Maskinporten's default access-token lifetime in seconds, when a client sets none. */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 120;

/**
 * Whole days until a key expires (negative when it has), from its `exp` in epoch seconds and
 * `nowMs` in epoch milliseconds.
 */
export function daysUntilKeyExpiry(expSeconds: number, nowMs: number): number {
  return Math.floor((expSeconds * 1000 - nowMs) / (SECONDS_PER_DAY * 1000));
}

/**
 * Whether a key with this `exp` (epoch seconds) is due for rotation at `nowMs` (epoch ms): it
 * expires within `KEY_EXPIRY_WARNING_DAYS` whole days (or has expired).
 */
export function keyNeedsRotation(expSeconds: number, nowMs: number): boolean {
  return daysUntilKeyExpiry(expSeconds, nowMs) <= KEY_EXPIRY_WARNING_DAYS;
}
