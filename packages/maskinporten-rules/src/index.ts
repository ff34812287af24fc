export {
  type IssuerProblem,
  isLoopbackUrl,
  issuerProblem,
} from "./issuer";
export {
  ALLOWED_GRANT_CLAIMS,
  DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
  daysUntilKeyExpiry,
  GRANT_ALGS,
  type GrantAlg,
  IAT_SKEW_SECONDS,
  KEY_EXPIRY_WARNING_DAYS,
  KEY_LIFETIME_DAYS,
  keyNeedsRotation,
  MAX_GRANT_LIFETIME_SECONDS,
  OPTIONAL_GRANT_CLAIMS,
  RECOMMENDED_GRANT_CLAIMS,
  REQUIRED_GRANT_CLAIMS,
  SECONDS_PER_DAY,
} from "./limits";
export { type MaskinportenRulesCode, maskinportenRulesMessages } from "./messages";
export {
  type JwkShape,
  PRIVATE_JWK_MEMBERS,
  type PrivateJwkReading,
  readPrivateJwk,
} from "./private-jwk";
export { type SelfServiceCode, selfServiceMessages } from "./self-service-messages";
export {
  checkGrantInput,
  GrantInputError,
  type GrantSigner,
  type GrantSigningInput,
  localGrantSigner,
  signGrant,
  signGrantWith,
} from "./sign-grant";
export {
  explainTokenError,
  mpCodeIn,
  TOKEN_ERROR_IDS,
  TOKEN_ERRORS,
  type TokenErrorExplanation,
  type TokenErrorId,
  type TokenErrorRule,
  tokenErrorRule,
  withoutTraceId,
} from "./token-errors";
export {
  type AccessCause,
  type AccessCauseAnswer,
  type ForbiddenFacts,
  forbiddenCause,
  type SentTokenFacts,
  type UnauthorizedFacts,
  unauthorizedCause,
} from "./unauthorized";
