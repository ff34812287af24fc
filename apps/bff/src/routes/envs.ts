import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, jsonResponse } from "./openapi";

/**
 * One environment as /api/envs shows it. `id`, `label`, `kind` and `role` are always there (what
 * the environment picker and the 'no access' page need); which organisation Portvakt acts as, its
 * admin client, admin scopes and credential only for a person holding a role in it (least
 * privilege, issue 13 #12).
 */
const EnvironmentSummary = z
  .object({
    id: z.string(),
    label: z.string(),
    kind: z.enum(["demo", "test", "prod"]),
    orgno: z.string().optional(),
    orgName: z.string().optional(),
    clientId: z.string().optional(),
    adminScopes: z.array(z.string()).optional(),
    missingAdminScopes: z.array(z.string()).optional(),
    /** The signed-in person's role here, or null: no access. */
    role: z.enum(["viewer", "operator", "admin"]).nullable(),
    credential: z
      .object({
        kind: z.enum(["certificate", "jwk"]),
        subject: z.string().optional(),
        notAfter: z.string().optional(),
      })
      .optional(),
  })
  .openapi("EnvironmentSummary");

export const envsRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs",
      tags: ["environments"],
      summary: "The configured environments, which organisation each acts as, its admin scopes",
      responses: {
        200: jsonResponse(z.object({ envs: z.array(EnvironmentSummary) }), "Environments"),
      },
    }),
    async (c) => {
      const roles = c.get("session")?.roles ?? {};
      const envs = await Promise.all(
        c
          .get("environments")
          .all()
          .map(async (env) => {
            const role = roles[env.config.id] ?? null;
            if (role === null) {
              const { id, label, kind } = env.config;
              return { id, label, kind, role };
            }
            return { ...(await env.summary()), role };
          }),
      );
      return c.json({ envs }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/session",
      tags: ["session"],
      summary: "Who is signed in, and their role in each environment",
      responses: {
        200: jsonResponse(
          z.object({
            sub: z.string(),
            name: z.string(),
            roles: z.record(z.string(), z.enum(["viewer", "operator", "admin"])),
            expiresAt: z.string(),
          }),
          "The session",
        ),
      },
    }),
    (c) => {
      const session = c.get("session")!;
      return c.json(
        {
          sub: session.sub,
          name: session.name,
          roles: session.roles,
          expiresAt: new Date(session.expiresAt).toISOString(),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/health",
      tags: ["health"],
      summary: "The process is up and configured",
      responses: {
        200: jsonResponse(
          z.object({ status: z.literal("ok"), environments: z.array(z.string()) }),
          "Up",
        ),
      },
    }),
    (c) => c.json({ status: "ok" as const, environments: c.get("environments").ids() }, 200),
  );
