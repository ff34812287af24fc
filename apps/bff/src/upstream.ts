import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { ADMIN_SCOPES, type AdminScope } from "@portvakt/contracts";
import {
  type AdminCredential,
  type CredentialSource,
  inProcessLock,
  KeySetEditor,
  loadCredential,
  SelfServiceClient,
  type SelfServiceClientOptions,
  TokenClient,
  type Transport,
  type WithLock,
} from "@portvakt/maskinporten";
import type { CredentialConfig, EnvironmentConfig } from "./config";
import { loadAwsKmsCredential } from "./signing/aws-kms";
import { loadAzureKeyVaultCredential } from "./signing/azure-key-vault";
import { loadGcpKmsCredential } from "./signing/gcp-kms";
import { loadPkcs11Credential } from "./signing/pkcs11";

/** What the browser may know about an environment: never the credential itself. */
export interface EnvironmentSummary {
  id: string;
  label: string;
  kind: "demo" | "test" | "prod";
  orgno: string;
  orgName: string;
  clientId: string;
  adminScopes: string[];
  missingAdminScopes: string[];
  credential: {
    kind: AdminCredential["kind"];
    subject?: string;
    notAfter?: string;
  };
}

/** One configured Maskinporten environment, with its token cache and self-service client. */
export interface Environment {
  config: EnvironmentConfig;
  /** The credential in use; replaced by `reloadCredential` when its files change. */
  credential: AdminCredential;
  tokens: TokenClient;
  api: SelfServiceClient;
  /** Every edit of a client's keys goes through this one editor (issue 15 item 2). */
  keys: KeySetEditor;
  /** Looks the organisation's name up once; a failed look-up is tried again next time. */
  summary(): Promise<EnvironmentSummary>;
  /**
   * Reads the credential's files again (the key, certificate or PKCS#12, and the password file)
   * and, when their bytes changed since the credential in use was loaded, loads and checks the
   * new credential and uses it from the next token request on. Answers `unchanged`, `reloaded`
   * (with the new credential), or `failed` with the reason, keeping the credential in use: a
   * mounted secret may be caught half-replaced; files that failed are tried again once they change.
   */
  reloadCredential(): Promise<CredentialReload>;
}

export type CredentialReload =
  | { status: "unchanged" }
  | { status: "reloaded"; credential: AdminCredential }
  | { status: "failed"; error: Error };

/** The files a credential is read from, including a PKCS#12 password file. */
function credentialFiles(credential: CredentialConfig): string[] {
  switch (credential.type) {
    case "pkcs12":
      return [credential.path, ...(credential.passwordFile ? [credential.passwordFile] : [])];
    case "pem":
      return [credential.keyPath, credential.certPath];
    case "jwk":
      return [credential.path];
    case "awsKms":
      return credential.certPath ? [credential.certPath] : [];
    case "pkcs11":
      return [credential.pinFile, ...(credential.certPath ? [credential.certPath] : [])];
    case "azureKeyVault":
    case "gcpKms":
      return credential.certPath ? [credential.certPath] : [];
  }
}

/** SHA-256 over the files' bytes (each length-prefixed), to notice any replacement. */
async function fingerprint(paths: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const path of paths) {
    const bytes = await readFile(path);
    hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest("hex");
}

export class CredentialConfigError extends Error {
  override readonly name = "CredentialConfigError";
}

/** Loads the configured credential: from files, or (awsKms, pkcs11, azureKeyVault, gcpKms) the key service and the public chain. */
async function loadConfiguredCredential(
  envId: string,
  credential: CredentialConfig,
  processEnv: NodeJS.ProcessEnv,
): Promise<AdminCredential> {
  if (credential.type === "awsKms") return loadAwsKmsCredential(credential);
  if (credential.type === "pkcs11") return loadPkcs11Credential(credential);
  if (credential.type === "azureKeyVault") return loadAzureKeyVaultCredential(credential);
  if (credential.type === "gcpKms") return loadGcpKmsCredential(credential);
  return loadCredential(await resolveCredentialSource(envId, credential, processEnv));
}

async function resolveCredentialSource(
  envId: string,
  credential: Exclude<CredentialConfig, { type: "awsKms" | "pkcs11" | "azureKeyVault" | "gcpKms" }>,
  processEnv: NodeJS.ProcessEnv,
): Promise<CredentialSource> {
  if (credential.type !== "pkcs12") return credential;
  let password: string | undefined;
  if (credential.passwordFile) {
    password = (await readFile(credential.passwordFile, "utf8")).replace(/\r?\n$/, "");
  } else if (credential.passwordEnv) {
    password = processEnv[credential.passwordEnv];
    if (password === undefined) {
      throw new CredentialConfigError(
        `Environment "${envId}": the variable ${credential.passwordEnv} (the PKCS#12 password) is not set`,
      );
    }
  }
  return { type: "pkcs12", path: credential.path, password: password ?? "" };
}

export async function createEnvironment(
  config: EnvironmentConfig,
  options: {
    /** For the token endpoint (and the self-service API when no `transport` is given). */
    fetch?: typeof fetch;
    /** For the self-service API; default undici's pooled `request` (see `undiciTransport`). */
    transport?: Transport;
    timeoutMs?: number;
    processEnv?: NodeJS.ProcessEnv;
    /** The lock of key-set edits; default in-process (one instance). */
    withLock?: WithLock;
    /** Hears odd rows of Digdir's answers (see `SelfServiceClientOptions.onRowWarning`). */
    onRowWarning?: SelfServiceClientOptions["onRowWarning"];
  } = {},
): Promise<Environment> {
  const processEnv = options.processEnv ?? process.env;
  const files = credentialFiles(config.credential);
  let loadedFingerprint = await fingerprint(files);
  let failedFingerprint: string | undefined;
  const credential = await loadConfiguredCredential(config.id, config.credential, processEnv);
  const tokens = new TokenClient({
    issuer: config.issuer,
    clientId: config.clientId,
    credential,
    allowInsecureHttp: config.allowInsecureHttp,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const api = new SelfServiceClient({
    baseUrl: config.apiBaseUrl,
    tokens,
    adminScopes: config.adminScopes,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onRowWarning ? { onRowWarning: options.onRowWarning } : {}),
  });
  const orgno = credential.orgno ?? "";
  let orgName: Promise<string> | undefined;
  const lookUpOrgName = () => {
    if (!orgno) return Promise.resolve("");
    orgName ??= api.getOrganization(orgno).then(
      (org) => org.name ?? "",
      () => {
        orgName = undefined;
        return "";
      },
    );
    return orgName;
  };
  const missingAdminScopes = (Object.keys(ADMIN_SCOPES) as AdminScope[]).filter(
    (scope) => !config.adminScopes.includes(scope),
  );
  const keys = new KeySetEditor({
    api,
    withLock: options.withLock ?? inProcessLock(),
    namespace: config.id,
  });
  const environment: Environment = {
    config,
    credential,
    tokens,
    api,
    keys,
    summary: async () => ({
      id: config.id,
      label: config.label,
      kind: config.kind,
      orgno,
      orgName: await lookUpOrgName(),
      clientId: config.clientId,
      adminScopes: [...config.adminScopes],
      missingAdminScopes,
      credential: {
        kind: environment.credential.kind,
        ...(environment.credential.kind === "certificate"
          ? {
              subject: environment.credential.subject,
              notAfter: environment.credential.notAfter.toISOString(),
            }
          : {}),
      },
    }),
    reloadCredential: async () => {
      let next: string | undefined;
      try {
        next = await fingerprint(files);
        if (next === loadedFingerprint || next === failedFingerprint)
          return { status: "unchanged" };
        const renewed = await loadConfiguredCredential(config.id, config.credential, processEnv);
        if ((renewed.orgno ?? "") !== orgno && orgno) {
          throw new CredentialConfigError(
            `the new credential belongs to organisation ${renewed.orgno ?? "(none)"}, not ${orgno}`,
          );
        }
        loadedFingerprint = next;
        environment.credential = renewed;
        tokens.setCredential(renewed);
        return { status: "reloaded", credential: renewed };
      } catch (error) {
        failedFingerprint = next;
        return { status: "failed", error: error as Error };
      }
    },
  };
  return environment;
}
