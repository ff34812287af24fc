// The package's public surface, as its README documents it; everything else is internal.
export {
  ApplyReport,
  ClientRecord,
  FieldChange,
  isUnsetLifetime,
  KeyRecord,
  Plan,
  PlanGroup,
  PlanStep,
  type PlanStepOf,
  SCOPE_LIFETIMES,
  ScopeRecord,
  STEP_KINDS,
  StepError,
  StepKind,
  StepOutcome,
  StepReport,
} from "./answer";
export {
  type ApplyOptions,
  applyDocument,
  StalePlanError,
  type StepEvent,
  UnconfirmedStepsError,
} from "./apply";
export {
  type ClientEntry,
  type ConfigDocument,
  configJsonSchema,
  DOCUMENT_VERSION,
  DocumentError,
  type DocumentFormat,
  type DocumentIssue,
  type KeyEntry,
  parseDocument,
  type ScopeEntry,
} from "./document";
export { exportDocument, formatDocument, organizationNamesOf } from "./export";
export { resolveKeyFiles } from "./key-files";
export { type ConfigApi, type LiveState, readLiveState } from "./live-state";
export { type ConfigCode, configMessages } from "./messages";
export { type PlanOptions, planChanges } from "./plan";
export {
  chooseSteps,
  type PromotionCode,
  type PromotionEnvironments,
  PromotionError,
  type PromotionIssue,
  PromotionMapping,
  parseMapping,
  promoteDocument,
} from "./promote";
