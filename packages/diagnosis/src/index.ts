export { DiagnoseAnswer, DiagnosisCheck } from "./answer";
export type {
  Check,
  Diagnosis,
  InputKind,
  Params,
  Severity,
} from "./check";
export {
  allDiagnosisCheckCodes,
  DIAGNOSIS_CHECK_CODES,
  DIAGNOSIS_SUMMARY_CODES,
  type DiagnosisCheckCode,
  type DiagnosisSummaryCode,
  FAQ_CAUSES,
} from "./codes";
export type { DiagnosisContext, RegisteredPublicKey } from "./context";
export { diagnose } from "./diagnose";
