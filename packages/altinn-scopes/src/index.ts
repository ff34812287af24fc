// The package's public surface, as its README documents it; everything else is internal.
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
export {
  API_SCOPE_GROUPS,
  API_SCOPE_OPERATIONS,
  type ApiScopeGroup,
  type ApiScopeOperation,
  ApiScopesConfig,
  readTextResourceFile,
  TextResourceFile,
  TextResources,
} from "./api-scopes";
export {
  type AuthorizationDecision,
  type AuthorizeRequest,
  authorize,
  type CallerKind,
  type DecisionCode,
  decodeTokenClaims,
  type TokenClaims,
  TokenDecodeError,
} from "./authorize";
export { type Caller, callerOf, groupOf, scopeClaimOf } from "./caller";
export {
  hasAltinnInstanceScope,
  hasScope,
  hasScopeWithPrefix,
  isDotnetWhiteSpace,
  isNullOrWhiteSpace,
  splitDotnetScopes,
} from "./dotnet";
export {
  AltinnInputError,
  type AltinnInputIssue,
  AltinnOptionError,
} from "./errors";
export { type DecisionExplanation, explainDecision } from "./explain";
export { type GenerateApiScopesOptions, generateApiScopes, insertApiScopes } from "./generate";
export {
  type JsonSource,
  JsonSyntaxError,
  jsonNestingDepth,
  MAX_JSON_DEPTH,
  parseJsonSource,
  type SourceSpan,
} from "./json-source";
export { type AltinnMessageCode, altinnMessages } from "./messages";
export { type PlannedScope, provisioningPlanOf } from "./provisioning";
export {
  AltinnMetadataText,
  AltinnProvisionRequest,
  AltinnValidateRequest,
  APP_NAME_PATTERN,
  StartFromAppInput,
  TRY_CALLERS,
  TRY_METHODS,
  TryRequestInput,
} from "./requests";
export {
  appIdOf,
  type MetadataLoadError,
  type ResolvedApiScopes,
  type ResolvedGroup,
  type ResolvedScope,
  type ResolveOptions,
  resolveApiScopes,
} from "./resolve";
export {
  APP_LIB_ENDPOINTS,
  type AppEndpoint,
  type EndpointRule,
  endpointRule,
  matchRoute,
  parseEndpointList,
  type RouteMatch,
} from "./routes";
export { languageOf, type MessageKeys, type MessageLookup, messageFor } from "./texts";
export {
  type ExistingScope,
  type MetadataProblem,
  type MetadataProblemCode,
  type ProblemParams,
  type ProblemSeverity,
  type ValidateOptions,
  type ValidationReport,
  validateApplicationMetadata,
} from "./validate";
