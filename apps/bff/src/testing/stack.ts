import { Writable } from "node:stream";
import type { FaultSpec } from "@portvakt/simulator";
import type pino from "pino";
import type { AuditEntry } from "../audit/store";
import { createLogger } from "../logger";
import { type RunningStack, type StackOptions, startStack } from "../stack";
import { signInOverHttp } from "./sign-in";

/** Log lines the BFF wrote, kept for assertions (what must never be logged, what must be). */
export class CapturedLog {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      this.lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  text(): string {
    return this.lines.join("\n");
  }
}

export type ApiCall = ((path: string, init?: RequestInit) => Promise<Response>) & {
  /** The session cookie this caller sends. */
  cookie: string;
};

export interface TestStack extends RunningStack {
  log: CapturedLog;
  /** Calls the BFF as the web app does, signed in as the demo admin. */
  api: ApiCall;
  /** Signs in as another demo person (demo-operator, demo-viewer, demo-outsider). */
  as(sub: string): Promise<ApiCall>;
  /** Calls the simulator's test-only control API. */
  control(path: string, init?: RequestInit): Promise<Response>;
  /**
   * Adds a fault to the simulator (`POST /__control/faults`, body `spec`: kind `status`, `latency`,
   * `drop` or `token-outage`, see the simulator's `FaultSpec`). Throws when the simulator refuses it.
   */
  fault(spec: FaultSpec): Promise<void>;
  /** Removes every fault from the simulator (`DELETE /__control/faults`); throws when refused. */
  clearFaults(): Promise<void>;
  /** Every audit entry the admin may read, through the export (see `auditExport`). */
  auditEntries(query?: string): Promise<AuditEntry[]>;
}

/**
 * Every audit entry `call`'s person may read, newest first, as `GET /api/audit/export?format=jsonl`
 * answers them over HTTP (the whole log, however long: the export streams every page). `query` is
 * more of the export's query string (`action=access.&env=demo`). Tests filter what they made
 * themselves: under PostgreSQL a worker's database holds the entries of earlier files too.
 *
 * @throws Error with the status and body when the export refuses
 */
export async function auditExport(call: ApiCall, query = ""): Promise<AuditEntry[]> {
  const response = await call(`/api/audit/export?format=jsonl${query ? `&${query}` : ""}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`audit export: ${response.status} ${text}`);
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry);
}

/**
 * Calls a BFF at `baseUrl` over HTTP as the web app served from `origin` does: with the session
 * `cookie`, `X-CSRF: 1`, that `Origin`, and `Content-Type: application/json` when there is a body.
 * Headers the caller passes win. `origin` differs from `baseUrl` when one session is used on
 * another instance of the BFF (scale-out tests: sessions are sealed cookies).
 */
export function apiCaller(baseUrl: string, cookie: string, origin = baseUrl): ApiCall {
  return Object.assign(
    (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has("X-CSRF")) headers.set("X-CSRF", "1");
      if (!headers.has("Origin")) headers.set("Origin", origin);
      if (!headers.has("Cookie")) headers.set("Cookie", cookie);
      if (init.body && !headers.has("Content-Type"))
        headers.set("Content-Type", "application/json");
      return fetch(`${baseUrl}${path}`, { ...init, headers });
    },
    { cookie },
  );
}

/**
 * Starts the whole stack in this process (simulator, demo sign-in provider, BFF on a random
 * port, `mode: "test"`), logging into `log`, and signs the demo admin in through the real flow.
 * Start it once per file (`beforeAll`) unless a test needs a fresh one; `close()` it after.
 */
export async function startTestStack(options: Partial<StackOptions> = {}): Promise<TestStack> {
  const log = new CapturedLog();
  const stack = await startStack({
    mode: "test",
    logger: createLogger("info", log.stream as unknown as pino.DestinationStream),
    ...options,
  });
  const caller = (cookie: string) => apiCaller(stack.url, cookie);
  const admin = caller(await signInOverHttp(stack.url, "demo-admin"));
  const control = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (init.body) headers.set("Content-Type", "application/json");
    return fetch(`${stack.simulator.url}/__control${path}`, { ...init, headers });
  };
  const controlled = async (path: string, init: RequestInit) => {
    const response = await control(path, init);
    const text = await response.text();
    if (!response.ok)
      throw new Error(`simulator ${init.method} ${path}: ${response.status} ${text}`);
  };
  return {
    ...stack,
    log,
    api: admin,
    as: async (sub) => caller(await signInOverHttp(stack.url, sub)),
    control,
    fault: (spec) => controlled("/faults", { method: "POST", body: JSON.stringify(spec) }),
    clearFaults: () => controlled("/faults", { method: "DELETE" }),
    auditEntries: (query) => auditExport(admin, query),
  };
}

/**
 * Waits (bounded) until the simulator holds no API request: every write sent so far has been
 * applied or refused, so Digdir's state can no longer change behind a settled outcome. Polls the
 * simulator's control API (`GET /unfinished`) every 25 ms. A condition, not a guessed sleep.
 *
 * @param timeoutMs how long to wait, in milliseconds (default 30,000)
 * @throws Error naming how many requests the simulator still holds after `timeoutMs`
 */
export async function untilSimulatorIdle(
  stack: Pick<TestStack, "control">,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { unfinished } = (await (await stack.control("/unfinished")).json()) as {
      unfinished: number;
    };
    if (unfinished === 0) return;
    if (Date.now() > until) throw new Error(`The simulator still holds ${unfinished} requests`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
