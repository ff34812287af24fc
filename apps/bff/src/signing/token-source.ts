import { readFile } from "node:fs/promises";
import { z } from "zod";

/**
 * Where a key service's bearer token comes from (Azure Key Vault, Google Cloud KMS). Secrets are
 * never in the configuration, only files that hold them:
 * - `file`: a file holding a current access token, kept fresh by something else (a sidecar, an
 *   agent, `az account get-access-token > file`); read again before each use.
 * - `clientCredentials`: OAuth 2.0 client credentials (RFC 6749 §4.4) at `tokenUrl`, with the
 *   client secret from `clientSecretFile`, e.g. Microsoft Entra ID with scope
 *   `https://vault.azure.net/.default` (Azure Key Vault REST docs, "Security").
 * - `gcpMetadata`: the metadata server of a Google Cloud VM or GKE pod (`url`, usually
 *   `http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token`),
 *   asked with `Metadata-Flavor: Google` (Google Cloud docs, "About VM metadata").
 */
export const TokenSourceConfig = z.discriminatedUnion("type", [
  z.object({ type: z.literal("file"), path: z.string().min(1) }).strict(),
  z
    .object({
      type: z.literal("clientCredentials"),
      tokenUrl: z.url(),
      clientId: z.string().min(1),
      clientSecretFile: z.string().min(1),
      scope: z.string().min(1),
    })
    .strict(),
  z.object({ type: z.literal("gcpMetadata"), url: z.url() }).strict(),
]);
export type TokenSourceConfig = z.infer<typeof TokenSourceConfig>;

/** An access token for a key service; `get()` answers a cached one until 60 s before it expires. */
export interface TokenSource {
  get(): Promise<string>;
  /** Forgets the cached token (after the service answered 401). */
  invalidate(): void;
}

/** The token endpoint's answer (RFC 6749 §5.1; the metadata server answers the same fields). */
const TokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
});

/**
 * Builds a token source. Token answers are read leniently (unknown fields ignored); a non-2xx
 * answer or one without `access_token` throws an Error naming the source (never the secret).
 * @param now clock in epoch milliseconds (injectable for tests).
 */
export function createTokenSource(
  config: TokenSourceConfig,
  options: { fetch?: typeof fetch; now?: () => number } = {},
): TokenSource {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  if (config.type === "file") {
    return {
      get: async () => {
        const token = (await readFile(config.path, "utf8")).trim();
        if (!token) throw new Error(`The token file ${config.path} is empty`);
        return token;
      },
      invalidate: () => {},
    };
  }
  let cached: { token: string; expiresAtMs: number } | undefined;
  const fetchToken = async (): Promise<{ token: string; expiresAtMs: number }> => {
    let response: Response;
    let where: string;
    if (config.type === "clientCredentials") {
      where = config.tokenUrl;
      const secret = (await readFile(config.clientSecretFile, "utf8")).replace(/\r?\n$/, "");
      response = await doFetch(config.tokenUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: config.clientId,
          client_secret: secret,
          scope: config.scope,
        }),
      });
    } else {
      where = config.url;
      response = await doFetch(config.url, { headers: { "Metadata-Flavor": "Google" } });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `The key service's token source ${where} answered ${response.status}: ${text.slice(0, 300)}`,
      );
    }
    const parsed = TokenAnswer.safeParse(safeJson(text));
    if (!parsed.success) {
      throw new Error(`The key service's token source ${where} answered no access_token`);
    }
    const lifetimeMs = (parsed.data.expires_in ?? 300) * 1000;
    return { token: parsed.data.access_token, expiresAtMs: now() + lifetimeMs };
  };
  return {
    get: async () => {
      if (!cached || cached.expiresAtMs - 60_000 <= now()) cached = await fetchToken();
      return cached.token;
    },
    invalidate: () => {
      cached = undefined;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Calls a key service with the bearer token; a 401 makes one more try with a fresh token.
 * Answers the response (any status) for the caller to read.
 */
export async function withBearer(
  tokens: TokenSource,
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
): Promise<Response> {
  const call = async () =>
    doFetch(url, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        Authorization: `Bearer ${await tokens.get()}`,
      },
    });
  const first = await call();
  if (first.status !== 401) return first;
  await first.body?.cancel();
  tokens.invalidate();
  return call();
}
