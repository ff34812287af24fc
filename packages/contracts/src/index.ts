// The package's public surface, as its README documents it (scripts/docs.test.ts checks that
// every name here is in the README); everything else is internal.
export { ADMIN_SCOPES, type AdminScope, ALL_ADMIN_SCOPES } from "./admin-scopes";
export {
  API_TOKEN_PREFIX,
  ApiToken,
  AUDIT_OUTCOMES,
  AuditEntry,
  AuditExportQuery,
  AuditFilters,
  AuditOutcome,
  AuditPage,
  EnvironmentSummary,
  EnvsAnswer,
  IssueApiToken,
  isApiTokenShape,
  MAX_API_TOKEN_DAYS,
  ROLES,
  Role,
  roleAllows,
  SessionAnswer,
  TokenTestInfo,
  TokenTestResult,
} from "./answers";
export { AUDIT_ACTIONS, type AuditAction, type RecordedAuditAction } from "./audit-actions";
export { type AuditCode, auditMessages } from "./audit-messages";
export { BulkJob, BulkJobInput, BulkJobRow } from "./bulk-job";
export {
  CHANGE_REQUEST_HEADER,
  CHANGE_REQUEST_STATES,
  ChangeRequest,
  ChangeRequested,
  ChangeRequestOutcome,
  ChangeRequestState,
} from "./change-request";
export {
  CLIENT_READ_ONLY_FIELDS,
  Client,
  ClientInput,
  ClientUpdate,
  JWT_BEARER_GRANT,
} from "./client";
export {
  ContractError,
  type ContractErrorCode,
  type ContractIssue,
} from "./contract-error";
export {
  DigdirError,
  DigdirFieldError,
  mpCodeOf,
  Problem,
  ProblemFieldError,
  TokenError,
  TokenResponse,
} from "./errors";
export {
  AddKeyRequest,
  isLegacyKey,
  JWK_ALGS,
  Jwk,
  JwkRead,
  Jwks,
  JwksAnswer,
  JwksResponse,
  KEY_WRITE_ALGS,
  Kid,
  MAX_KEYS_PER_CLIENT,
  MIN_RSA_BITS,
  PRIVATE_JWK_MEMBERS,
  readJwk,
  rsaModulusBits,
  writableKey,
} from "./jwk";
export { TEXT_LIMITS } from "./limits";
export {
  Coded,
  coded,
  defineMessages,
  formatMessage,
  LANGS,
  type Lang,
  LOCALE_OF,
  MessageParams,
  type MessageTable,
  messageParamsOf,
  messageTableProblems,
} from "./messages";
export { OrganizationStatus, RegistryState } from "./organization-status";
export {
  isValidOrgNumber,
  normalizeOrgNumber,
  OrgNumber,
  orgNumberCheckDigit,
  orgNumberProblem,
  orgNumberSequence,
} from "./orgno";
export {
  CERTIFICATE_PEM_LABELS,
  certificatesInPem,
  firstDerElement,
  pemText,
} from "./pem";
export { browserProblemMessages, type ProblemCode, problemMessages } from "./problem-messages";
export {
  OWN_ADMIN_CLIENT_CONFIRMATION_HEADER,
  OWN_ADMIN_CLIENT_CONFIRMATION_REQUIRED,
  PROD_CONFIRMATION_HEADER,
  PROD_CONFIRMATION_REQUIRED,
} from "./prod-confirmation";
export { PromotionMappingText, PromotionRequest } from "./promotion";
export {
  AnsweredDateTime,
  answeredText,
  dateFromTimestamp,
  RowWarning,
  readList,
  readRow,
  setAsideFields,
  WARNINGS_FIELD,
  warningsField,
  warningsIn,
  withoutWarnings,
} from "./read";
export {
  AccessState,
  DelegationSource,
  INTEGRATION_TYPES,
  IntegrationType,
  Organization,
  OrganizationAnswer,
  PrefixInfo,
  readPrefix,
  readScope,
  SCOPE_SETTINGS,
  SCOPE_TEXT_LANGUAGES,
  Scope,
  ScopeAccess,
  ScopeCatalogueQuery,
  ScopeInput,
  type ScopeTextLanguage,
  ScopeUpdate,
  TokenType,
  Visibility,
} from "./scope";
export {
  NAV_SUBSCOPE_PATTERN,
  prefixProblem,
  ScopeName,
  ScopePrefix,
  Subscope,
  scopeNameProblem,
  splitScopeName,
  subscopeLanguageProblem,
  subscopeProblem,
} from "./scope-name";
export { containsPrivateKey, DiagnoseRequest, TokenTestRequest } from "./token-test";
export { codedFromText, codedIssue, validationMessages } from "./validation-messages";
export { firstMalformedString, isWellFormed } from "./well-formed";
