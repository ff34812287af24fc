import { setTimeout as sleep } from "node:timers/promises";
import { type Context, Hono, type MiddlewareHandler } from "hono";
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
  /** status: a `Retry-After` header (seconds) on the answer, as Digdir's gateway sends with 429. */
  retryAfter: z.number().int().min(0).max(3600).optional(),
  /** How many matching requests the fault hits; forever when left out. */
  times: z.number().int().min(1).optional(),
  /**
   * `before` (default): the fault acts before the request reaches the API, so nothing changes.
   * `after`: the request is handled first (a change is applied), then the answer is delayed
   * (`latency`), lost (`drop`) or replaced by an error (`status`): the caller cannot tell
   * whether its change was made, as with a real gateway that times out behind a slow backend.
   */
  when: z.enum(["before", "after"]).default("before"),
  /** Each matching request is hit with this probability (0–1); every one when left out. */
  probability: z.number().min(0).max(1).optional(),
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
  /**
   * API requests whose handling has not ended yet: held by a `before` latency or being handled.
   * While it is above 0 a change may still be applied (a write held past its caller's timeout
   * lands late); tests wait for 0 before they take Digdir's state as final.
   */
  unfinished = 0;

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

  /**
   * The faults hitting this request, each counted once against its `times`. `random` (0–1) is
   * drawn per fault for the ones with a `probability`.
   */
  take(method: string, path: string, random: () => number = Math.random): ActiveFault[] {
    const hits = this.faults.filter((fault) => {
      if (fault.kind === "token-outage") {
        if (path !== "/token") return false;
      } else {
        if (fault.method !== undefined && fault.method !== method) return false;
        if (!(path === fault.path || path.startsWith(fault.path))) return false;
      }
      return fault.probability === undefined || random() < fault.probability;
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
    const before = hits.filter((fault) => fault.when === "before");
    const after = hits.filter((fault) => fault.when === "after");
    const terminal = before.find((fault) => fault.kind !== "latency");
    faults.unfinished++;
    try {
      for (const fault of before) {
        if (fault.kind === "latency") await sleep(fault.ms ?? 1000);
      }
      if (!terminal) await next();
    } finally {
      faults.unfinished--;
    }
    if (!terminal) {
      if (after.length === 0) return;
      // The change is made; now its answer is slow, lost or replaced by an error.
      for (const fault of after) {
        if (fault.kind === "latency") await sleep(fault.ms ?? 1000);
      }
      const lost = after.find((fault) => fault.kind !== "latency");
      if (!lost) return;
      c.res = undefined;
      c.res = answerFault(c, ctx, lost);
      return;
    }
    return answerFault(c, ctx, terminal);
  };
}

/** The answer of a terminal fault (drop, token outage, status) in Digdir's shapes. */
function answerFault(
  c: Context<SimulatorEnv>,
  ctx: SimulatorContext,
  terminal: ActiveFault,
): Response {
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
  const answer = renderDigdirError(c, new DigdirApiError(status, `Injected fault: HTTP ${status}`));
  if (terminal.retryAfter !== undefined) {
    answer.headers.set("Retry-After", String(terminal.retryAfter));
  }
  return answer;
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
  // How many API requests are still held or being handled (their change may yet be applied).
  routes.get("/__control/unfinished", (c) => c.json({ unfinished: faults.unfinished }));

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

  // Stands in for Altinn: a consumer delegates a scope to a supplier (or takes it back).
  const Delegation = z.object({
    consumer: z.string().regex(/^\d{9}$/),
    supplier: z.string().regex(/^\d{9}$/),
    scope: z.string().min(1),
  });
  routes.post("/__control/delegations", async (c) => {
    const { consumer, supplier, scope } = await parseJsonBody(c, Delegation, "Delegation");
    ctx.delegations.delegate(consumer, supplier, scope);
    return c.json({ consumer, supplier, scope, delegated: true });
  });
  routes.delete("/__control/delegations", async (c) => {
    const { consumer, supplier, scope } = await parseJsonBody(c, Delegation, "Delegation");
    ctx.delegations.revoke(consumer, supplier, scope);
    return c.json({ consumer, supplier, scope, delegated: false });
  });

  // Stands in for a consumer asking for access (in Digdir's world through its own portal): the
  // grant of `scope` to `consumer` becomes REQUESTED, as Digdir's `ScopeAccess.state` names it.
  const AccessRequest = z.object({
    consumer: z.string().regex(/^\d{9}$/),
    scope: z.string().min(1),
  });
  routes.post("/__control/access-requests", async (c) => {
    const { consumer, scope } = await parseJsonBody(c, AccessRequest, "AccessRequest");
    if (!ctx.store.getScope(scope)) {
      return c.json({ error: "not_found", error_description: `No scope ${scope}` }, 404);
    }
    return c.json(ctx.store.setGrantState(scope, consumer, "REQUESTED"));
  });

  routes.post("/__control/reset", async (c) => {
    await reset();
    return c.json({ reset: true });
  });

  return routes;
}
