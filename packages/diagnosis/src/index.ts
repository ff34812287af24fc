export * from "./answer";
export {
  type Check,
  type Diagnosis,
  type DiagnosisContext,
  diagnose,
  GRANT_ALGS,
  IAT_SKEW_SECONDS,
  type InputKind,
  MAX_GRANT_LIFETIME_SECONDS,
  OPTIONAL_GRANT_CLAIMS,
  REQUIRED_GRANT_CLAIMS,
  type Severity,
} from "./diagnose";
export { explainTokenError, MP_CODES, type MpCodeExplanation, mpCodeFromUri } from "./mp-codes";
