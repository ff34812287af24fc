import { setTimeout as sleep } from "node:timers/promises";
import { Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import { DigdirApiError, parseJsonBody, renderDigdirError } from "./digdir-error";
import type { SimulatorContext, SimulatorEnv } from "./simulator-context";

export const FAULT_KINDS = ["latency", "status", "drop", "token-outage"] as const;

/** Body of `POST /__control/faults`. */
export const FaultSpec = z.object({
  /** Exact path or path prefix, e.g. `/api/v1/scopes/access`. Ignored by `token-outage`. */
  path: z.string().startsWith("/").default("/"),
  method: z
    .string()
    .transform((method) => method.toUpperCase())
    .optional(),
  kind: z.enum(FAULT_KINDS),
  /** latency: milliseconds to wait before answering. */
  ms: z.number().int().min(0).max(120_000).optional(),
  /** status: the HTTP status to answer (default 500). */
  status: z.number().int().min(400).max(599).optional(),
  /** How many matching requests the fault hits; forever when left out. */
  times: z.number().int().min(1).optional(),
});
export type FaultSpec = z.input<typeof FaultSpec>;

export interface ActiveFault extends z.output<typeof FaultSpec> {
  id: number;
  hits: number;
}

/** Faults for tests of retry, timeout and outage handling in the client and the BFF. */
export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: z.output<typeof FaultSpec>): ActiveFault {
    const fault: ActiveFault = { ...spec, id: this.nextId++, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  clear(): number {
    const count = this.faults.length;
    this.faults = [];
    return count;
  }

  list(): ActiveFault[] {
    return [...this.faults];
  }

  /** The faults hitting this request, each counted once against its `times`. */
  take(method: string, path: string): ActiveFault[] {
    const hits = this.faults.filter((fault) => {
      if (fault.kind === "token-outage") return path === "/token";
      if (fault.method !== undefined && fault.method !== method) return false;
      return path === fault.path || path.startsWith(fault.path);
    });
    for (const fault of hits) fault.hits++;
    this.faults = this.faults.filter(
      (fault) => fault.times === undefined || fault.hits < fault.times,
    );
    return hits;
  }
}

export function faultMiddleware(
  ctx: SimulatorContext,
  faults: FaultInjector,
): MiddlewareHandler<SimulatorEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith("/__control")) return next();
    const hits = faults.take(c.req.method, c.req.path);
    for (const fault of hits) {
      if (fault.kind === "latency") await sleep(fault.ms ?? 1000);
    }
    const terminal = hits.find((fault) => fault.kind !== "latency");
    if (!terminal) return next();
    if (terminal.kind === "drop") {
      c.env.incoming.socket.destroy();
      return c.body(null, 500);
    }
    if (terminal.kind === "token-outage") {
      ctx.stats.countTokenRequest(false);
      return c.json(
        {
          error: "temporarily_unavailable",
          error_description: "Maskinporten is unavailable (injected token outage)",
        },
        503,
      );
    }
    const status = (terminal.status ?? 500) as 500;
    if (c.req.path === "/token") {
      return c.json(
        { error: "server_error", error_description: `Injected fault: HTTP ${status}` },
        status,
      );
    }
    return renderDigdirError(c, new DigdirApiError(status, `Injected fault: HTTP ${status}`));
  };
}

/** `/__control/…`: only mounted in test mode, so a demo answers 404 there. */
export function controlRoutes(
  ctx: SimulatorContext,
  faults: FaultInjector,
  reset: () => Promise<void>,
): Hono<SimulatorEnv> {
  const routes = new Hono<SimulatorEnv>();

  routes.post("/__control/faults", async (c) => {
    const spec = await parseJsonBody(c, FaultSpec, "Fault");
    return c.json(faults.add(spec));
  });
  routes.get("/__control/faults", (c) => c.json(faults.list()));
  routes.delete("/__control/faults", (c) => c.json({ cleared: faults.clear() }));

  routes.get("/__control/stats", (c) => c.json(ctx.stats.report()));

  routes.post("/__control/expire-tokens", (c) => {
    ctx.tokens.expireAll();
    return c.json({ expired: true });
  });

  routes.post("/__control/clock", async (c) => {
    const { offsetSeconds } = await parseJsonBody(
      c,
      z.object({ offsetSeconds: z.number().finite() }),
      "Clock",
    );
    ctx.clock.setOffsetSeconds(offsetSeconds);
    return c.json({ offsetSeconds: ctx.clock.offsetSeconds, now: ctx.clock.iso() });
  });

  routes.post("/__control/reset", async (c) => {
    await reset();
    return c.json({ reset: true });
  });

  return routes;
}
