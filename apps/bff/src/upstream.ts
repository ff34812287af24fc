import { readFile } from "node:fs/promises";
import { ADMIN_SCOPES, type AdminScope } from "@portvakt/contracts";
import {
  type AdminCredential,
  type CredentialSource,
  loadCredential,
  SelfServiceClient,
  TokenClient,
} from "@portvakt/maskinporten";
import type { CredentialConfig, EnvironmentConfig } from "./config";

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
  credential: AdminCredential;
  tokens: TokenClient;
  api: SelfServiceClient;
  /** Looks the organisation's name up once; a failed look-up is tried again next time. */
  summary(): Promise<EnvironmentSummary>;
}

export class CredentialConfigError extends Error {
  override readonly name = "CredentialConfigError";
}

async function resolveCredentialSource(
  envId: string,
  credential: CredentialConfig,
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
  options: { fetch?: typeof fetch; timeoutMs?: number; processEnv?: NodeJS.ProcessEnv } = {},
): Promise<Environment> {
  const source = await resolveCredentialSource(
    config.id,
    config.credential,
    options.processEnv ?? process.env,
  );
  const credential = await loadCredential(source);
  const tokens = new TokenClient({
    issuer: config.issuer,
    clientId: config.clientId,
    credential,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const api = new SelfServiceClient({
    baseUrl: config.apiBaseUrl,
    tokens,
    adminScopes: config.adminScopes,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const orgno = credential.orgno ?? "";
  let orgName: Promise<string> | undefined;
  const lookUpOrgName = () => {
    if (!orgno) return Promise.resolve("");
    orgName ??= api.getOrganization(orgno).then(
      (org) => org.name,
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
  const environment: Environment = {
    config,
    credential,
    tokens,
    api,
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
        kind: credential.kind,
        ...(credential.kind === "certificate"
          ? { subject: credential.subject, notAfter: credential.notAfter.toISOString() }
          : {}),
      },
    }),
  };
  return environment;
}
