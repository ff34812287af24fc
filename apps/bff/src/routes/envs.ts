import { createRoute, z } from "@hono/zod-openapi";
import { EnvsAnswer, SessionAnswer } from "@portvakt/contracts";
import { createRouter, jsonResponse } from "./openapi";

export const envsRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs",
      tags: ["environments"],
      summary: "The configured environments, which organisation each acts as, its admin scopes",
      responses: {
        200: jsonResponse(EnvsAnswer, "Environments"),
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
        200: jsonResponse(SessionAnswer, "The session"),
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
