import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { routePath } from "hono/route";
import { accessRoutes } from "./admin/access";
import { clientRoutes } from "./admin/clients";
import { keyRoutes } from "./admin/keys";
import { organizationRoutes } from "./admin/organizations";
import { scopeRoutes } from "./admin/scopes";
import { controlRoutes, type FaultInjector, faultMiddleware } from "./control";
import { DigdirApiError, renderDigdirError } from "./digdir-error";
import { enhetsregisteretRoutes } from "./enhetsregisteret";
import type { SimulatorContext, SimulatorEnv } from "./simulator-context";
import { tokenRoutes } from "./token";

export interface SimulatorAppOptions {
  /** Test mode: fault injection and the `/__control` API. */
  control?: { faults: FaultInjector; reset: () => Promise<void> };
  /** Demo mode: called after every successful change through the self-service API. */
  persist?: () => void;
}

const CHANGING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function createSimulatorApp(
  ctx: SimulatorContext,
  options: SimulatorAppOptions = {},
): Hono<SimulatorEnv> {
  const app = new Hono<SimulatorEnv>();

  app.use("*", async (c, next) => {
    const correlationId = randomUUID();
    c.set("correlationId", correlationId);
    await next();
    c.res.headers.set("X-Correlation-ID", correlationId);
    if (!c.req.path.startsWith("/__control")) {
      const route = routePath(c, -1);
      ctx.stats.countRequest(
        `${c.req.method} ${route === "*" || route === "/*" ? c.req.path : route}`,
      );
    }
  });

  if (options.control) app.use("*", faultMiddleware(ctx, options.control.faults));

  const { persist } = options;
  if (persist) {
    app.use("/api/*", async (c, next) => {
      await next();
      if (CHANGING_METHODS.has(c.req.method) && c.res.status < 400) persist();
    });
  }

  app.route("/", tokenRoutes(ctx));
  app.route("/", scopeRoutes(ctx));
  app.route("/", accessRoutes(ctx));
  app.route("/", keyRoutes(ctx));
  app.route("/", clientRoutes(ctx));
  app.route("/", organizationRoutes(ctx));
  app.route("/", enhetsregisteretRoutes(ctx));
  if (options.control) {
    app.route("/", controlRoutes(ctx, options.control.faults, options.control.reset));
  }

  app.notFound((c) =>
    renderDigdirError(c, new DigdirApiError(404, `No route ${c.req.method} ${c.req.path}`)),
  );
  app.onError((error, c) => {
    if (error instanceof DigdirApiError) return renderDigdirError(c, error);
    console.error("simulator: unexpected error", error);
    return renderDigdirError(c, new DigdirApiError(500, "Unexpected error in the simulator"));
  });

  return app;
}
