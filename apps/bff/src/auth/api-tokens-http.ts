import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { BffEnv } from "../context";
import { ProblemError } from "../problem";
import { type ApiTokenStore, type TokenRefusal, tokenSub } from "./api-tokens";

export type { ApiTokenStore };

/** The problem type of a refused pipeline token (401) or of a token sent with a cookie (400). */
export const TOKEN_REFUSED = "urn:portvakt:problem:token-refused";
export const TOKEN_WITH_COOKIE = "urn:portvakt:problem:token-with-cookie";

const REFUSALS: Record<TokenRefusal, string> = {
  unknown: "The API token is not known",
  expired: "The API token has expired",
  revoked: "The API token has been revoked",
};

/**
 * Authenticates `/api` requests that carry `Authorization: Bearer pvt_...` (issue 18 #4). Returns
 * false when the request has no such header (the session and CSRF checks then run). A token
 * request carries no ambient credential (a browser never adds the header on its own), so it
 * needs no CSRF header; a request with both a token and Portvakt's session cookie is refused
 * (400), so neither can lend authority to the other. The token becomes the request's `session`:
 * sub `token:<id>`, name `token "<name>"` (who issued it is in the token list and the
 * `token.issue` entry, not in the name: a person filter for the issuer finds only their own acts), its role in each of its environments, so roles, rate
 * limits, prod confirmations and audit entries apply to it as to a person.
 * @throws ProblemError 401 (unknown, expired or revoked token; or tokens not enabled), 400
 */
export function tokenAuthentication(options: {
  store?: ApiTokenStore;
  sessionCookieNames: readonly string[];
}) {
  return async (c: Context<BffEnv>): Promise<boolean> => {
    const header = c.req.header("Authorization");
    if (header === undefined) return false;
    // The scheme in any case, spaces around the token (RFC 9110 §11.1, RFC 6750 §2.1).
    const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header);
    if (!match) {
      throw new ProblemError(401, {
        type: TOKEN_REFUSED,
        detail: "The Authorization header must be Bearer followed by a Portvakt API token",
        code: "problem.tokens.bearer-format",
      });
    }
    if (options.sessionCookieNames.some((name) => getCookie(c, name) !== undefined)) {
      throw new ProblemError(400, {
        type: TOKEN_WITH_COOKIE,
        detail:
          "The request carries both an API token and a session cookie; send exactly one of them",
        code: "problem.tokens.with-cookie",
      });
    }
    if (!options.store) {
      throw new ProblemError(401, {
        type: TOKEN_REFUSED,
        detail: "API tokens are not enabled",
        code: "problem.tokens.not-enabled",
      });
    }
    const identity = await options.store.verify(match[1]!);
    if (typeof identity === "string") {
      c.header("WWW-Authenticate", 'Bearer error="invalid_token"');
      throw new ProblemError(401, {
        type: TOKEN_REFUSED,
        detail: REFUSALS[identity],
        code: "problem.tokens.refused",
        params: { reason: identity },
      });
    }
    c.set("apiToken", identity);
    const now = Date.now();
    c.set("session", {
      sid: tokenSub(identity.id),
      sub: tokenSub(identity.id),
      name: `token "${identity.name}"`,
      roles: Object.fromEntries(identity.envs.map((env) => [env, identity.role])),
      issuedAt: now,
      seenAt: now,
      expiresAt: identity.expiresAt,
    });
    return true;
  };
}
