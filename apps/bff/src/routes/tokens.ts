import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { ApiToken, IssueApiToken } from "@portvakt/contracts";
import type { Context } from "hono";
import { requireAuditWritten } from "../audit/middleware";
import { type AuditTarget, targetFields, targetPart } from "../audit/text";
import { roleAllows } from "../auth/roles";
import type { BffEnv } from "../context";
import { codedProblem, ProblemError } from "../problem";
import { createRouter, jsonBody, jsonResponse, problemResponses } from "./openapi";

// The answer's shape is the contracts' (`ApiToken`), shared with the web app.
const TokenInfo = ApiToken;

// The request's shape is the contracts' too: the web's form checks the same schema.
const IssueTokenInput = IssueApiToken;

const TokenId = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, description: "The token's id" }),
});

/** The person managing tokens: never a token itself, and an admin somewhere. */
function tokenAdmin(c: Context<BffEnv>) {
  if (c.get("apiToken")) {
    throw new ProblemError(403, {
      title: "Forbidden",
      detail: "An API token cannot list, issue or revoke API tokens; sign in as an admin",
      code: "problem.tokens.token-cannot-manage",
    });
  }
  const session = c.get("session")!;
  const adminEnvs = Object.entries(session.roles)
    .filter(([, role]) => roleAllows(role, "admin"))
    .map(([env]) => env);
  if (adminEnvs.length === 0) {
    throw new ProblemError(403, {
      title: "Forbidden",
      detail: "Managing API tokens needs the role admin in an environment",
      code: "problem.tokens.admin-needed",
    });
  }
  return { session, adminEnvs };
}

/** A pipeline token as an audit target: "token <name> (<id>)", coded `audit.target.token`. */
function tokenTarget(token: { name: string; id: string }): AuditTarget {
  return {
    text: `token ${token.name} (${token.id})`,
    parts: [targetPart("audit.target.token", { name: token.name, id: token.id })],
  };
}

interface TokenEntry {
  action: string;
  target: AuditTarget;
  status: number;
  after?: unknown;
  role: string;
}

/** The entries of one token change, one per environment of the token. */
function entriesOf(c: Context<BffEnv>, envs: readonly string[], entry: TokenEntry) {
  const session = c.get("session")!;
  return envs.map((env) => ({
    actor: { sub: session.sub, name: session.name },
    role: session.roles[env] ?? entry.role,
    env,
    action: entry.action,
    ...targetFields(entry.target),
    outcome: "success" as const,
    status: entry.status,
    requestId: c.get("requestId"),
    ...(entry.after !== undefined ? { after: entry.after } : {}),
  }));
}

/** Aborts a revocation's step: the token was revoked already (nothing is written). */
class AlreadyRevoked extends Error {}

function store(c: Context<BffEnv>) {
  const tokens = c.get("apiTokens");
  if (!tokens)
    throw new ProblemError(404, {
      detail: "API tokens are not enabled",
      code: "problem.tokens.not-enabled",
    });
  return tokens;
}

/**
 * Pipeline tokens (issue 18 #4): an admin issues a named token with one role in some of the
 * environments where they are admin, for at most MAX_TOKEN_DAYS days; its value is answered once.
 * Admins list the tokens of their environments (with last use) and revoke them.
 */
export const tokensRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/tokens",
      tags: ["tokens"],
      summary: "Pipeline tokens of the environments where you are admin (never their values)",
      responses: {
        200: jsonResponse(z.object({ tokens: z.array(TokenInfo) }), "The tokens"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { adminEnvs } = tokenAdmin(c);
      return c.json({ tokens: await store(c).list(adminEnvs) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/tokens",
      tags: ["tokens"],
      summary: "Issue a pipeline token; its value is in this answer only",
      request: { body: jsonBody(IssueTokenInput) },
      responses: {
        201: jsonResponse(
          z.object({ token: z.string(), info: TokenInfo }),
          "The token (shown once) and what is listed of it",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { session, adminEnvs } = tokenAdmin(c);
      const input = c.req.valid("json");
      const known = c.get("environments").ids();
      const unknown = input.envs.filter((e) => !known.includes(e));
      if (unknown.length) {
        throw new ProblemError(400, {
          detail: `Unknown environment ${unknown.join(", ")}`,
          code: "problem.tokens.unknown-env",
          params: { envs: unknown.join(", ") },
          errors: [
            { field: "envs", message: "Unknown environment", code: "problem.field.unknown-env" },
          ],
        });
      }
      const notAdmin = input.envs.filter((e) => !adminEnvs.includes(e));
      if (notAdmin.length) {
        throw new ProblemError(403, {
          title: "Forbidden",
          detail: `A token for ${notAdmin.join(", ")} needs you to be admin there`,
          code: "problem.tokens.admin-needed-in",
          params: { envs: notAdmin.join(", ") },
        });
      }
      // A new token is a change of Portvakt's own state: not made while an earlier change's
      // entry waits for the audit store (revoking stays possible: it only takes access away).
      await requireAuditWritten(c);
      const prepared = store(c).prepare({
        ...input,
        by: { sub: session.sub, name: session.name },
      });
      const { info } = prepared;
      // The token and its entries are one step: a token whose issue the store cannot record is
      // not issued (unlike a change at Digdir, Portvakt's own state can be left unchanged).
      try {
        await c.get("audit").appendWith(
          entriesOf(c, info.envs, {
            action: "token.issue",
            target: tokenTarget(info),
            status: 201,
            role: "admin",
            after: { role: info.role, envs: info.envs, expiresAt: info.expiresAt },
          }),
          prepared.insert,
          prepared.remove,
        );
      } catch {
        throw codedProblem(503, "problem.audit-unavailable", {});
      }
      return c.json({ token: prepared.token, info }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/api/tokens/{id}",
      tags: ["tokens"],
      summary: "Revoke a pipeline token (at once, for every instance)",
      request: { params: TokenId },
      responses: {
        200: jsonResponse(TokenInfo, "The revoked token"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { session, adminEnvs } = tokenAdmin(c);
      const { id } = c.req.valid("param");
      const tokens = store(c);
      const token = await tokens.get(id);
      if (!token?.envs.some((e) => adminEnvs.includes(e))) {
        throw new ProblemError(404, {
          detail: `No API token ${id} in your environments`,
          code: "problem.tokens.not-found",
          params: { id },
        });
      }
      // Ids chosen now: an entry the step wrote before it failed is not written twice below.
      const entries = entriesOf(c, token.envs, {
        action: "token.revoke",
        target: tokenTarget(token),
        status: 200,
        role: "admin",
      }).map((entry) => ({ ...entry, id: randomUUID() }));
      // The revocation and its entries are one step (neither is there without the other)...
      try {
        await c.get("audit").appendWith(
          entries,
          async (db) => {
            if (!(await tokens.revoke(id, session.name, db))) throw new AlreadyRevoked();
          },
          (db) => tokens.unrevoke(id, db),
        );
      } catch (error) {
        if (!(error instanceof AlreadyRevoked)) {
          // ...but a token is revoked even when the audit store cannot write now: refusing
          // would leave a leaked token working. Its entries are then kept and written when the
          // store answers (`appendKept`: logged with the entry meanwhile; the answer says
          // `Portvakt-Audit: kept`). A database that fails for the revocation too answers 503.
          let revoked: boolean;
          try {
            revoked = await tokens.revoke(id, session.name);
          } catch {
            throw codedProblem(503, "problem.audit-store-down", {});
          }
          if (revoked) for (const entry of entries) await c.get("audit").appendKept(entry);
        }
      }
      return c.json((await tokens.get(id))!, 200);
    },
  );
