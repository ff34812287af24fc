/**
 * The longest texts Portvakt sends to Digdir, in UTF-16 code units (JavaScript string length).
 * Answers are read without these limits (read leniently, write strictly).
 *
 * Digdir's OpenAPI for the self-service API (digdir/digdir-camp-2025-react-impl,
 * app/lib/api.d.ts) states no maxLength for any field. The description limits are those of
 * Digdir's own self-service UI in the same repository (app/components/ScopeForm.tsx: scope
 * `description` 255, `long_description` 1023; app/components/clients/maskinporten.tsx: client
 * `description` 255). The name limits are Portvakt's own (Digdir states none): long enough for
 * every real name seen, short enough that a 5,000-character name never reaches Digdir.
 */
export const TEXT_LIMITS = {
  /** Scope `description` (Digdir's UI). */
  scopeDescription: 255,
  /** Scope `long_description`, markdown (Digdir's UI). */
  scopeLongDescription: 1023,
  /** Client `description` (Digdir's UI). */
  clientDescription: 255,
  /** Client `client_name` (Portvakt's own). */
  clientName: 200,
  /** A whole scope name `prefix:subscope` (Portvakt's own). */
  scopeName: 255,
} as const;
