import { Writable } from "node:stream";
import type pino from "pino";
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
}

export async function startTestStack(options: Partial<StackOptions> = {}): Promise<TestStack> {
  const log = new CapturedLog();
  const stack = await startStack({
    mode: "test",
    logger: createLogger("info", log.stream as unknown as pino.DestinationStream),
    ...options,
  });
  const caller = (cookie: string) =>
    Object.assign(
      (path: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        if (!headers.has("X-CSRF")) headers.set("X-CSRF", "1");
        if (!headers.has("Origin")) headers.set("Origin", stack.url);
        if (!headers.has("Cookie")) headers.set("Cookie", cookie);
        if (init.body && !headers.has("Content-Type"))
          headers.set("Content-Type", "application/json");
        return fetch(`${stack.url}${path}`, { ...init, headers });
      },
      { cookie },
    );
  const admin = caller(await signInOverHttp(stack.url, "demo-admin"));
  return {
    ...stack,
    log,
    api: admin,
    as: async (sub) => caller(await signInOverHttp(stack.url, sub)),
    control: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (init.body) headers.set("Content-Type", "application/json");
      return fetch(`${stack.simulator.url}/__control${path}`, { ...init, headers });
    },
  };
}
