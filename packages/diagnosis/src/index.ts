export { DiagnoseAnswer, DiagnosisCheck } from "./answer";
export type {
  Check,
  Diagnosis,
  InputKind,
  Params,
  Severity,
} from "./check";
export type { DiagnosisContext, RegisteredPublicKey } from "./context";
export { diagnose } from "./diagnose";
export { type DiagnosisMessageCode, diagnosisMessages } from "./messages";
