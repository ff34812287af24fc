import { EnvHttpProxyAgent, setGlobalDispatcher } from "undici";

/** The proxy settings in effect, for the start-up log line (no credentials in it). */
export interface OutboundProxy {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
}

/** `http://user:secret@proxy:3128` -> `http://proxy:3128`: a proxy's password is not logged. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(not a URL)";
  }
}

/**
 * Sends the BFF's outbound HTTP — Digdir's token endpoint and self-service API, and the sign-in
 * provider — through the proxy named by `HTTPS_PROXY` / `HTTP_PROXY` (upper or lower case),
 * except to hosts in `NO_PROXY` (comma-separated host names, `.domain` suffixes, `host:port`,
 * or `*`). It installs undici's `EnvHttpProxyAgent` as the global dispatcher, which Node's
 * `fetch` and undici's own `request` both use, so it holds whichever of the two a client calls.
 * TLS through the proxy (CONNECT) is verified against Node's CA store, which includes the bundle
 * named by `NODE_EXTRA_CA_CERTS` (read by Node at start; nothing to do here).
 * Does nothing and answers `undefined` when no proxy is set.
 */
export function useProxyFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): OutboundProxy | undefined {
  const httpsProxy = env.HTTPS_PROXY || env.https_proxy || undefined;
  const httpProxy = env.HTTP_PROXY || env.http_proxy || undefined;
  const noProxy = env.NO_PROXY ?? env.no_proxy ?? undefined;
  if (!httpsProxy && !httpProxy) return undefined;
  setGlobalDispatcher(
    new EnvHttpProxyAgent({
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      ...(noProxy !== undefined ? { noProxy } : {}),
    }),
  );
  return {
    ...(httpsProxy ? { httpsProxy: withoutCredentials(httpsProxy) } : {}),
    ...(httpProxy ? { httpProxy: withoutCredentials(httpProxy) } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}
