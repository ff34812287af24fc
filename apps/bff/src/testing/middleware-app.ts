import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { exportJWK, generateKeyPair } from "jose";
import { auditKeptHeader } from "../audit/middleware";
import type { AuditStore } from "../audit/store";
import type { HitLimiter } from "../auth/rate-limit";
import type { Role } from "../auth/roles";
import type { Session } from "../auth/session";
import type { EnvironmentConfig } from "../config";
import { type BffEnv, Environments } from "../context";
import { toProblemResponse } from "../problem";
import { createEnvironment } from "../upstream";

/**
 * Real environments for in-process middleware tests: a fresh private JWK in a temporary folder
 * as each one's credential, and an issuer and API on a closed local port (nothing is sent: the
 * middlewares only read `config`).
 */
export async function testEnvironments(
  list: ReadonlyArray<{ id: string; kind: EnvironmentConfig["kind"] }>,
): Promise<Environments> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const path = join(await mkdtemp(join(tmpdir(), "portvakt-env-")), "admin.jwk.json");
  await writeFile(path, JSON.stringify({ ...(await exportJWK(privateKey)), kid: "test-admin" }));
  const environments = await Promise.all(
    list.map(({ id, kind }) =>
      createEnvironment({
        id,
        label: id,
        kind,
        fourEyes: false,
        issuer: "http://127.0.0.1:9/",
        apiBaseUrl: "http://127.0.0.1:9",
        clientId: "test-admin-client",
        adminScopes: ["idporten:dcr.read"],
        credential: { type: "jwk", path },
        allowInsecureHttp: true,
      }),
    ),
  );
  return new Environments(environments);
}

/** A signed-in person with these roles per environment id. */
export function testSession(sub: string, roles: Record<string, Role>): Session {
  return {
    sid: `sid-${sub}`,
    sub,
    name: `Person ${sub}`,
    roles,
    issuedAt: 0,
    seenAt: 0,
    expiresAt: 0,
  };
}

/**
 * A Hono app with what `createApp` puts on every request (request id, environments, audit,
 * rate limiter, the session, `Portvakt-Audit: kept`) and its problem answers, for testing one middleware with
 * `app.request(...)`; routes are added by the test.
 */
export function middlewareTestApp(vars: {
  environments: Environments;
  session?: Session;
  audit?: AuditStore;
  mutationLimiter?: HitLimiter;
}): Hono<BffEnv> {
  const app = new Hono<BffEnv>();
  app.use(auditKeptHeader());
  app.use(async (c, next) => {
    c.set("requestId", randomUUID());
    c.set("environments", vars.environments);
    if (vars.audit) c.set("audit", vars.audit);
    if (vars.mutationLimiter) c.set("mutationLimiter", vars.mutationLimiter);
    if (vars.session) c.set("session", vars.session);
    await next();
  });
  app.onError((error, c) => toProblemResponse(error, c));
  return app;
}
