import {
  type ApplyReport,
  applyDocument,
  type ConfigDocument,
  DocumentError,
  type DocumentFormat,
  exportDocument,
  formatDocument,
  organizationNamesOf,
  type Plan,
  planChanges,
  readLiveState,
  StalePlanError,
  type StepEvent,
  UnconfirmedStepsError,
} from "@portvakt/config-as-code";
import {
  ALL_ADMIN_SCOPES,
  PROD_CONFIRMATION_HEADER,
  PROD_CONFIRMATION_REQUIRED,
} from "@portvakt/contracts";
import {
  type CredentialSource,
  loadCredential,
  SelfServiceClient,
  TokenClient,
} from "@portvakt/maskinporten";

/** A usage or setup mistake: printed as it is, exit code 1. */
export class CliError extends Error {
  override readonly name = "CliError";
}

/** Where export, plan and apply go: Digdir directly, or a Portvakt BFF. */
export interface Backend {
  environment: string;
  exportText(format: DocumentFormat): Promise<string>;
  plan(document: ConfigDocument): Promise<Plan>;
  apply(
    document: ConfigDocument,
    planFingerprint: string,
    confirm: string[],
    onStep?: (event: StepEvent) => void,
  ): Promise<ApplyReport>;
}

export interface DirectOptions {
  issuer: string;
  apiBaseUrl: string;
  clientId: string;
  /** `pkcs12:PATH`, `pem:KEY:CERT` or `jwk:PATH`. */
  credential: string;
  adminScopes?: string[];
  environment?: string;
  production?: boolean;
  p12Password?: string;
}

const PROD_ISSUER = "https://maskinporten.no/";
const TEST_ISSUER = "https://test.maskinporten.no/";

/** `pkcs12:admin.p12`, `pem:key.pem:chain.pem`, `jwk:admin.jwk.json` as a credential source. */
export function credentialSourceOf(
  spec: string,
  p12Password: string | undefined,
): CredentialSource {
  const colon = spec.indexOf(":");
  const type = colon < 0 ? "" : spec.slice(0, colon);
  const rest = colon < 0 ? "" : spec.slice(colon + 1);
  if (type === "pkcs12" && rest) {
    if (p12Password === undefined) {
      throw new CliError(
        "Set PORTVAKT_P12_PASSWORD to the PKCS#12 password (it is never taken as an argument: arguments end up in shell history and process lists)",
      );
    }
    return { type: "pkcs12", path: rest, password: p12Password };
  }
  if (type === "pem") {
    const [keyPath, certPath, ...extra] = rest.split(":");
    if (keyPath && certPath && extra.length === 0) return { type: "pem", keyPath, certPath };
  }
  if (type === "jwk" && rest) return { type: "jwk", path: rest };
  throw new CliError(
    `--credential "${spec}" is not one of pkcs12:PATH, pem:KEY_PATH:CERT_CHAIN_PATH or jwk:PATH`,
  );
}

/** The environment's id for the document's `environment` field, from the issuer if not given. */
export function environmentOf(issuer: string, given: string | undefined): string {
  if (given) return given;
  if (issuer === PROD_ISSUER) return "prod";
  if (issuer === TEST_ISSUER) return "test";
  const host = new URL(issuer).hostname;
  if (host === "127.0.0.1" || host === "localhost" || host === "[::1]") return "demo";
  throw new CliError("Name the environment with --env (e.g. test or prod)");
}

export async function directBackend(options: DirectOptions): Promise<Backend> {
  const credential = await loadCredential(
    credentialSourceOf(options.credential, options.p12Password),
  );
  const tokens = new TokenClient({
    issuer: options.issuer,
    clientId: options.clientId,
    credential,
  });
  const api = new SelfServiceClient({
    baseUrl: options.apiBaseUrl,
    tokens,
    adminScopes: options.adminScopes ?? ALL_ADMIN_SCOPES,
  });
  const environment = environmentOf(options.issuer, options.environment);
  const target = {
    environment,
    production: options.production ?? (environment === "prod" || options.issuer === PROD_ISSUER),
  };
  return {
    environment,
    async exportText(format) {
      const live = await readLiveState(api);
      return formatDocument(exportDocument(live, { environment }), format, {
        organizationNames: organizationNamesOf(live),
      });
    },
    async plan(document) {
      return planChanges(document, await readLiveState(api), target);
    },
    apply(document, planFingerprint, confirm, onStep) {
      return applyDocument(api, document, {
        ...target,
        planFingerprint,
        confirm,
        ...(onStep ? { onStep } : {}),
      });
    },
  };
}

interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  errors?: { field?: string; message: string }[];
  plan?: Plan;
}

/** Promotion through a BFF (issue 18, 3): another environment's configuration for this one. */
export interface PromotionBackend {
  /** The promoted document (YAML) and its plan against this environment; nothing changes. */
  plan(
    from: string,
    mapping: string,
  ): Promise<{ plan: Plan; document: string; documentFingerprint: string }>;
  /** Applies the chosen steps (each confirmed by being chosen). */
  apply(
    from: string,
    mapping: string,
    fingerprints: { plan: string; document: string },
    steps: string[],
  ): Promise<ApplyReport>;
}

/**
 * Through a Portvakt BFF, with its roles, prod guard and audit. Authenticated by exactly one of:
 * a pipeline token (PORTVAKT_BFF_TOKEN, issued by an admin on the BFF's API tokens page) sent as
 * `Authorization: Bearer`, which needs no CSRF header; or the session cookie of a browser sign-in
 * (PORTVAKT_BFF_COOKIE) with the headers the web app sends. The BFF refuses a request with both.
 */
export function bffBackend(options: {
  url: string;
  environment: string;
  /** Exactly one of `token` (a pipeline token, `pvt_...`) and `cookie` (a browser session's). */
  cookie?: string;
  token?: string;
  /** Sent as X-Portvakt-Confirm-Env: confirms removals in a prod environment (--confirm-env). */
  confirmEnvironment?: string;
}): Backend & { promotion: PromotionBackend } {
  const base = options.url.replace(/\/+$/, "");
  const origin = new URL(base).origin;
  const envPath = `${base}/api/envs/${encodeURIComponent(options.environment)}/config`;
  const call = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      headers: {
        ...(options.token
          ? { Authorization: `Bearer ${options.token}` }
          : { "X-CSRF": "1", Origin: origin, Cookie: options.cookie ?? "" }),
        ...(options.confirmEnvironment
          ? { [PROD_CONFIRMATION_HEADER]: options.confirmEnvironment }
          : {}),
        ...(init.body ? { "Content-Type": "application/json" } : {}),
      },
      redirect: "manual",
    });
    return response;
  };
  const failure = async (response: Response): Promise<never> => {
    const problem = (await response.json().catch(() => ({}))) as ProblemBody;
    if (
      response.status === 400 &&
      (problem.type === "urn:portvakt:problem:invalid-config-document" ||
        problem.type === "urn:portvakt:problem:invalid-promotion")
    ) {
      throw new DocumentError(
        (problem.errors ?? []).map((e) => ({ path: e.field ?? "", message: e.message })),
      );
    }
    if (response.status === 409 && problem.plan) throw new StalePlanError(problem.plan);
    if (response.status === 400 && problem.type === "urn:portvakt:problem:unconfirmed-steps") {
      throw new UnconfirmedStepsError((problem.errors ?? []).map((e) => e.message));
    }
    if (response.status === 428 && problem.type === PROD_CONFIRMATION_REQUIRED) {
      throw new CliError(
        `${problem.detail ?? "The BFF asks for a confirmation"}\nRun again with --confirm-env ${options.environment} to confirm the removals in this production environment.`,
      );
    }
    if (response.status === 401) {
      throw new CliError(
        options.token
          ? `The BFF did not accept the API token in PORTVAKT_BFF_TOKEN: ${problem.detail ?? "refused"} (ask an admin for a new one)`
          : "The BFF did not accept the session cookie (signed out or expired): sign in again and copy the cookie to PORTVAKT_BFF_COOKIE",
      );
    }
    throw new CliError(
      `The BFF answered ${response.status}: ${problem.detail ?? problem.title ?? response.statusText}`,
    );
  };
  const text = (document: ConfigDocument) => JSON.stringify(document);
  const promotionPath = `${base}/api/envs/${encodeURIComponent(options.environment)}/promotion`;
  const promotion: PromotionBackend = {
    async plan(from, mapping) {
      const response = await call(`${promotionPath}/plan`, {
        method: "POST",
        body: JSON.stringify({ from, mapping }),
      });
      if (!response.ok) return failure(response);
      return (await response.json()) as {
        plan: Plan;
        document: string;
        documentFingerprint: string;
      };
    },
    async apply(from, mapping, fingerprints, steps) {
      const response = await call(`${promotionPath}/apply`, {
        method: "POST",
        body: JSON.stringify({
          from,
          mapping,
          planFingerprint: fingerprints.plan,
          documentFingerprint: fingerprints.document,
          steps,
          confirm: steps,
        }),
      });
      const type = response.headers.get("content-type") ?? "";
      if (!response.ok && !type.startsWith("application/json")) return failure(response);
      return (await response.json()) as ApplyReport;
    },
  };
  return {
    promotion,
    environment: options.environment,
    async exportText(format) {
      const response = await call(`${envPath}/export?format=${format}`);
      if (!response.ok) return failure(response);
      return response.text();
    },
    async plan(document) {
      const response = await call(`${envPath}/plan`, {
        method: "POST",
        body: JSON.stringify({ document: text(document), format: "json" }),
      });
      if (!response.ok) return failure(response);
      return (await response.json()) as Plan;
    },
    async apply(document, planFingerprint, confirm) {
      const response = await call(`${envPath}/apply`, {
        method: "POST",
        body: JSON.stringify({
          document: text(document),
          format: "json",
          planFingerprint,
          confirm,
        }),
      });
      // A failed step answers 409/502 with the report itself.
      const type = response.headers.get("content-type") ?? "";
      if (!response.ok && !type.startsWith("application/json")) return failure(response);
      return (await response.json()) as ApplyReport;
    },
  };
}
