// The package's public surface, as its README documents it; everything else is internal.
export {
  type AdminCredential,
  type CertificateLoadOptions,
  CredentialError,
  type CredentialErrorCode,
  type CredentialSource,
  loadCredential,
  loadPem,
  loadPkcs12,
  loadPrivateJwk,
  loadRemoteCertificate,
} from "./credentials";
export {
  MaskinportenConfigError,
  MaskinportenError,
  type MaskinportenErrorKind,
  type MaskinportenFieldError,
  MaskinportenInputError,
  type MaskinportenInputIssue,
} from "./errors";
export { type GrantInput, signGrant } from "./grant";
export {
  inProcessLock,
  type KeyEditOptions,
  KeyEditRefused,
  type KeySetApi,
  KeySetEditor,
  type KeySetEditorOptions,
  type WithLock,
} from "./key-set-editor";
export { SelfServiceClient, type SelfServiceClientOptions } from "./self-service";
export { type AccessToken, TokenClient, type TokenClientOptions } from "./token";
export {
  fetchTransport,
  type Transport,
  type UpstreamRequest,
  type UpstreamResponse,
  undiciTransport,
} from "./transport";
