import { readFile } from "node:fs/promises";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Kysely } from "kysely";
import * as oidc from "openid-client";
import type { Logger } from "pino";
import type { BffEnv } from "../context";
import type { PortvaktDatabase } from "../database";
import { problemResponse } from "../problem";
import { socketAddress } from "../security/client-address";
import type { AuthConfig } from "./config";
import { type HitLimiter, RateLimiter } from "./rate-limit";
import type { SessionRevocations } from "./revocations";
import { rolesFromClaim } from "./roles";
import { type LoginTransaction, newSession, type Session, SessionSealer } from "./session";
import { SessionRolesStore, type StoredRoles } from "./session-roles";

export interface SignInOptions {
  config: AuthConfig;
  environmentIds: readonly string[];
  /** The origin browsers use; the redirect URI is this + /auth/callback. */
  publicOrigin: string;
  revocations: SessionRevocations;
  logger: Logger;
  processEnv?: NodeJS.ProcessEnv;
  /** The key of the per-address sign-in limit; by default the socket's address. */
  clientAddress?: (c: Context) => string;
  /** Where refresh tokens and re-checked roles are kept (shared by instances); none: re-sign-in. */
  database?: Kysely<PortvaktDatabase>;
  /** The clock for session idle and absolute timeouts, epoch ms (tests pass their own). */
  now?: () => number;
  /** The sign-in limit per address; in memory unless given (shared with PostgreSQL). */
  signInLimiter?: HitLimiter;
}

const LOGIN_TTL_MS = 10 * 60 * 1000;
const REFRESH_AFTER_MS = 60 * 1000;

async function secretFrom(
  what: string,
  env: string | undefined,
  file: string | undefined,
  processEnv: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (file) return (await readFile(file, "utf8")).trim();
  if (env) {
    const value = processEnv[env];
    if (!value) throw new Error(`The variable ${env} (${what}) is not set`);
    return value;
  }
  return undefined;
}

// Control characters (C0, DEL, C1), format characters (zero-width, bidi) and any whitespace (tab,
// CR/LF, NBSP, U+2028, ...): browsers drop or fold some of them when they resolve a Location, so
// "/\t/evil.example" becomes another host.
const UNSAFE_IN_RETURN_TO = /[\p{Cc}\p{Cf}\s\\]/u;

/**
 * Where to send the person after sign-in: the `returnTo` resolved against Portvakt's public origin,
 * kept only when it stays on that origin, as a path (`/x?y#z`, percent-encoded as the URL parser
 * writes it). Anything else (absolute or protocol-relative URLs, control or whitespace
 * characters, backslashes, not starting with "/") answers "/" (no open redirect, issue 13 #6).
 */
export function safeReturnTo(value: string | undefined, publicOrigin: string): string {
  if (!value?.startsWith("/") || UNSAFE_IN_RETURN_TO.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, `${publicOrigin}/`);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(publicOrigin).origin) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Sign-in with OpenID Connect (authorization code + PKCE), the session cookie, and sign-out.
 * The provider's tokens are used once to read who the person is and then dropped: none is kept
 * in the cookie or sent to the browser.
 */
export async function createSignIn(options: SignInOptions) {
  const { config, logger, revocations } = options;
  const processEnv = options.processEnv ?? process.env;
  const sessionSecret = await secretFrom(
    "the session secret",
    config.sessionSecretEnv,
    config.sessionSecretFile,
    processEnv,
  );
  const now = options.now ?? Date.now;
  const sealer = new SessionSealer(sessionSecret ?? "", now);
  const clientSecret = await secretFrom(
    "the sign-in client's secret",
    config.clientSecretEnv,
    config.clientSecretFile,
    processEnv,
  );
  const secure = options.publicOrigin.startsWith("https://");
  const cookieNames = {
    session: secure ? "__Host-portvakt-session" : "portvakt-session",
    login: secure ? "__Host-portvakt-login" : "portvakt-login",
  };
  const redirectUri = `${options.publicOrigin}/auth/callback`;
  const idleMs = config.idleTimeoutMinutes * 60 * 1000;
  const absoluteMs = config.absoluteTimeoutHours * 60 * 60 * 1000;
  const signInLimiter: HitLimiter =
    options.signInLimiter ?? new RateLimiter(config.signInPerMinute, 60_000);
  const addressOf = options.clientAddress ?? socketAddress;
  const recheckMs = config.roleRecheckMinutes * 60 * 1000;
  const sessionRoles = options.database
    ? new SessionRolesStore(options.database, {
        seal: (token, expiresAt) => sealer.seal("refresh", { token }, expiresAt),
        open: async (sealed) =>
          (await sealer.open<{ token: string }>("refresh", sealed))?.token ?? undefined,
      })
    : undefined;
  // One re-check per session at a time in this instance; others wait for its answer.
  const rechecks = new Map<string, Promise<StoredRoles | undefined>>();

  // Discovery is retried on the next sign-in if the provider was down at start.
  let discovered: Promise<oidc.Configuration> | undefined;
  const provider = () => {
    discovered ??= oidc
      .discovery(
        new URL(config.issuer),
        config.clientId,
        clientSecret,
        undefined,
        config.allowInsecureHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  function sendSessionCookie(c: Parameters<typeof setCookie>[0], value: string, expiresAt: number) {
    setCookie(c, cookieNames.session, value, {
      httpOnly: true,
      secure,
      sameSite: "Strict",
      path: "/",
      maxAge: Math.max(1, Math.floor((expiresAt - now()) / 1000)),
    });
  }

  async function writeSession(c: Parameters<typeof setCookie>[0], session: Session) {
    const value = await sealer.seal("session", session, session.expiresAt);
    sendSessionCookie(c, value, session.expiresAt);
    return value;
  }

  // The cookie last sealed to note a session's activity, by session id: requests that arrive with
  // the older cookie meanwhile (parallel ones, or a client slow to take the new cookie) get the
  // same new cookie again instead of an encryption each.
  const refreshed = new Map<string, { value: string; session: Session }>();

  /** The session of the request, or undefined (missing, tampered, idle, expired, signed out). */
  async function readSession(c: Parameters<typeof getCookie>[0]): Promise<Session | undefined> {
    const session = await sealer.open<Session>("session", getCookie(c, cookieNames.session));
    if (!session) return undefined;
    const at = now();
    if (at >= session.expiresAt || at - session.seenAt > idleMs) return undefined;
    if (await revocations.isRevoked(session.sid)) return undefined;
    return session;
  }

  const routes = new Hono<BffEnv>();

  routes.get("/auth/login", async (c) => {
    // The socket's address, or the right-most untrusted hop behind configured proxies: never a
    // header the client writes itself (issue 13 #7).
    const wait = await signInLimiter.hit(addressOf(c));
    if (wait) {
      c.header("Retry-After", String(wait));
      return problemResponse(c, 429, {
        detail: `Too many sign-ins; try again in ${wait} s`,
        code: "problem.sign-in-rate-limited",
        params: { seconds: wait },
      });
    }
    const configuration = await provider();
    const transaction: LoginTransaction = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(c.req.query("returnTo"), options.publicOrigin),
    };
    // Lax, not Strict: the provider's redirect back to us is a cross-site navigation.
    setCookie(c, cookieNames.login, await sealer.seal("login", transaction, now() + LOGIN_TTL_MS), {
      httpOnly: true,
      secure,
      sameSite: "Lax",
      path: "/",
      maxAge: LOGIN_TTL_MS / 1000,
    });
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: config.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: "S256",
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return c.redirect(url.href, 302);
  });

  routes.get("/auth/callback", async (c) => {
    const transaction = await sealer.open<LoginTransaction>(
      "login",
      getCookie(c, cookieNames.login),
    );
    deleteCookie(c, cookieNames.login, { path: "/", secure });
    if (!transaction) {
      return problemResponse(c, 400, {
        detail: "The sign-in took too long or was started elsewhere; start again from /auth/login",
        code: "problem.sign-in.expired",
      });
    }
    let claims: oidc.IDToken | undefined;
    let refreshToken: string | undefined;
    try {
      const currentUrl = new URL(c.req.path + new URL(c.req.url).search, options.publicOrigin);
      const tokens = await oidc.authorizationCodeGrant(await provider(), currentUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      refreshToken = tokens.refresh_token;
    } catch (error) {
      logger.warn(
        {
          request_id: c.get("requestId"),
          err: { name: (error as Error).name, message: (error as Error).message },
        },
        "sign-in failed",
      );
      return problemResponse(c, 401, {
        detail: "The identity provider did not confirm the sign-in",
        code: "problem.sign-in.not-confirmed",
      });
    }
    if (!claims)
      return problemResponse(c, 401, {
        detail: "The identity provider sent no ID token",
        code: "problem.sign-in.no-id-token",
      });
    const name =
      (typeof claims.name === "string" && claims.name) ||
      (typeof claims.preferred_username === "string" && claims.preferred_username) ||
      claims.sub;
    const roles = rolesFromClaim(claims[config.roleClaim], config.roles, options.environmentIds);
    const session = newSession({ sub: claims.sub, name, roles }, now(), absoluteMs);
    // The refresh token stays on the server (sealed, in the database): it re-checks the roles.
    if (refreshToken && sessionRoles) {
      await sessionRoles.save(
        session.sid,
        { refreshToken, roles, checkedAt: session.rolesCheckedAt! },
        session.expiresAt,
      );
    }
    await writeSession(c, session);
    logger.info({ request_id: c.get("requestId"), sub: session.sub, roles }, "signed in");
    // Checked again here: a transaction sealed by an older version may hold anything.
    return c.redirect(safeReturnTo(transaction.returnTo, options.publicOrigin), 302);
  });

  routes.post("/auth/logout", async (c) => {
    const session = await readSession(c);
    if (session) {
      await revocations.revoke(session.sid, session.expiresAt);
      await sessionRoles?.remove(session.sid);
    }
    deleteCookie(c, cookieNames.session, { path: "/", secure });
    let logoutUrl: string | undefined;
    try {
      const configuration = await provider();
      if (configuration.serverMetadata().end_session_endpoint) {
        logoutUrl = oidc.buildEndSessionUrl(configuration, {
          client_id: config.clientId,
          post_logout_redirect_uri: `${options.publicOrigin}/`,
        }).href;
      }
    } catch {
      // The provider is unreachable: Portvakt's own session is ended all the same.
    }
    return c.json({ signedOut: true, ...(logoutUrl ? { logoutUrl } : {}) }, 200);
  });

  /**
   * The session's roles as the provider gives them now: from another instance's or request's
   * re-check when that is fresh, else by a refresh token grant (the new ID token's role claim).
   * Undefined when they cannot be re-checked (no refresh token kept, the provider refuses it or
   * cannot be reached, another person's token): the session then ends and the person signs in
   * again, which reads the roles afresh.
   */
  async function recheckRoles(
    c: Context<BffEnv>,
    session: Session,
  ): Promise<StoredRoles | undefined> {
    if (!sessionRoles) return undefined;
    const stored = await sessionRoles.load(session.sid);
    if (!stored) return undefined;
    const at = now();
    if (at - stored.checkedAt < recheckMs) return stored;
    try {
      const configuration = await provider();
      const tokens = await oidc.refreshTokenGrant(configuration, stored.refreshToken);
      let claims: Record<string, unknown> | undefined = tokens.claims();
      if (!claims && tokens.access_token) {
        claims = await oidc.fetchUserInfo(configuration, tokens.access_token, session.sub);
      }
      if (!claims || claims.sub !== session.sub) return undefined;
      const fresh: StoredRoles = {
        refreshToken: tokens.refresh_token ?? stored.refreshToken,
        roles: rolesFromClaim(claims[config.roleClaim], config.roles, options.environmentIds),
        checkedAt: at,
      };
      if (await sessionRoles.update(session.sid, stored.checkedAt, fresh, session.expiresAt)) {
        if (JSON.stringify(fresh.roles) !== JSON.stringify(stored.roles)) {
          logger.info(
            { request_id: c.get("requestId"), sub: session.sub, roles: fresh.roles },
            "roles changed at the provider",
          );
        }
        return fresh;
      }
      // Another instance re-checked at the same moment: its answer counts.
      const other = await sessionRoles.load(session.sid);
      return other && now() - other.checkedAt < recheckMs ? other : undefined;
    } catch (error) {
      logger.warn(
        {
          request_id: c.get("requestId"),
          sub: session.sub,
          err: { name: (error as Error).name, message: (error as Error).message },
        },
        "roles could not be re-checked with the provider: the session ends",
      );
      return undefined;
    }
  }

  /**
   * Puts the session on the context, renewing its idle timer now and then, and re-checking the
   * roles with the provider once they are `roleRecheckMinutes` old (issue 13 #12).
   */
  async function attachSession(c: Context<BffEnv>) {
    const session = await readSession(c);
    if (!session) return undefined;
    const at = now();
    const recent = refreshed.get(session.sid);
    if (
      recent &&
      recent.session.seenAt > session.seenAt &&
      at - recent.session.seenAt <= REFRESH_AFTER_MS &&
      at - (recent.session.rolesCheckedAt ?? recent.session.issuedAt) < recheckMs
    ) {
      // This instance sealed a newer cookie of the session moments ago (for a parallel request,
      // or a client slow to take it): send that one again and use what it holds (activity, roles
      // of a later re-check) instead of sealing, or re-checking, once more per request.
      sendSessionCookie(c, recent.value, recent.session.expiresAt);
      const current = { ...recent.session };
      c.set("session", current);
      return current;
    }
    let changed = false;
    if (at - (session.rolesCheckedAt ?? session.issuedAt) >= recheckMs) {
      let pending = rechecks.get(session.sid);
      if (!pending) {
        pending = recheckRoles(c, session).finally(() => rechecks.delete(session.sid));
        rechecks.set(session.sid, pending);
      }
      const fresh = await pending;
      if (!fresh) {
        refreshed.delete(session.sid);
        deleteCookie(c, cookieNames.session, { path: "/", secure });
        return undefined;
      }
      session.roles = fresh.roles;
      session.rolesCheckedAt = fresh.checkedAt;
      changed = true;
    }
    if (changed || at - session.seenAt > REFRESH_AFTER_MS) {
      session.seenAt = at;
      const value = await writeSession(c, session);
      if (refreshed.size >= 10_000) refreshed.clear();
      refreshed.set(session.sid, { value, session: { ...session } });
    }
    c.set("session", session);
    return session;
  }

  return { routes, attachSession, cookieNames };
}
