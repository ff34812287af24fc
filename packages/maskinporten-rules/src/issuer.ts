/**
 * The rule for a Maskinporten issuer URL: it is the `aud` of every grant and must match exactly,
 * so it ends with `/` (`https://test.maskinporten.no/`); the token endpoint is `{issuer}token`.
 * Source: felleslosninger/docs `_docs/Maskinporten/maskinporten_protocol_jwtgrant.md` (aud) and
 * `maskinporten_func_wellknown.md` (metadata).
 */

/** Why an issuer cannot be used, with a stable `code`. */
export interface IssuerProblem {
  code: "issuer.url" | "issuer.http" | "issuer.slash" | "issuer.token-endpoint";
  message: string;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Whether a URL's host is this machine (plain http is acceptable there, e.g. the demo simulator). */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK.has(url.hostname) || url.hostname.endsWith(".localhost");
}

/**
 * Checks an issuer URL. Plain http is refused unless the host is loopback or `allowInsecureHttp`
 * is set (for the demo and tests only). Returns `null` when the issuer is fine.
 */
export function issuerProblem(
  issuer: string,
  options: { allowInsecureHttp?: boolean } = {},
): IssuerProblem | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return {
      code: "issuer.url",
      message: `The issuer ${JSON.stringify(issuer)} is not a URL; write it like "https://test.maskinporten.no/"`,
    };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return {
      code: "issuer.url",
      message: `The issuer ${JSON.stringify(issuer)} is not an https URL; write it like "https://test.maskinporten.no/"`,
    };
  }
  if (url.protocol === "http:" && !isLoopbackUrl(url) && !options.allowInsecureHttp) {
    return {
      code: "issuer.http",
      message: `The issuer ${JSON.stringify(issuer)} uses plain http; write "https://${url.host}${url.pathname}" (plain http is only for a simulator on this machine, or with allowInsecureHttp in tests)`,
    };
  }
  if (/\/token\/?$/.test(url.pathname)) {
    return {
      code: "issuer.token-endpoint",
      message: `${JSON.stringify(issuer)} is the token endpoint, not the issuer; write "${issuer.replace(/token\/?$/, "")}"`,
    };
  }
  if (!issuer.endsWith("/")) {
    return {
      code: "issuer.slash",
      message: `The issuer must end with "/" because it is the grant's aud exactly; write "${issuer}/"`,
    };
  }
  return null;
}
