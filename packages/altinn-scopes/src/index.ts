export {
  AltinnMetadataProblem,
  AltinnProvisionItem,
  AltinnProvisionReport,
  AltinnResolvedApiScopes,
  AltinnScopeInMaskinporten,
  AltinnScopeUsage,
  AltinnValidationReport,
  MaskinportenScopeState,
  PROVISION_STATUSES,
  ProvisionStatus,
} from "./answer";
export * from "./api-scopes";
export * from "./authorize";
export { type Caller, callerOf, groupOf, scopeClaimOf } from "./caller";
export {
  hasAltinnInstanceScope,
  hasScope,
  hasScopeWithPrefix,
  isDotnetWhiteSpace,
  isNullOrWhiteSpace,
  splitDotnetScopes,
} from "./dotnet";
export { type DecisionExplanation, explainDecision } from "./explain";
export * from "./generate";
export {
  type JsonSource,
  JsonSyntaxError,
  jsonNestingDepth,
  MAX_JSON_DEPTH,
  parseJsonSource,
  type SourceSpan,
} from "./json-source";
export * from "./messages";
export * from "./provisioning";
export * from "./resolve";
export * from "./routes";
export { languageOf, type MessageKeys, type MessageLookup, messageFor } from "./texts";
export * from "./validate";
