import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { inject } from "vitest";
import type { PortvaktConfigInput } from "../config";
import { freePort } from "./free-port";

export { freePort };

/**
 * The arguments after `node` that run the BFF's production entry point (`src/main.ts`): this
 * run's bundle of it (`./bff-bundle-per-run.ts`, the BFF project's global setup) when there is
 * one, else the TypeScript source through tsx (compiled at the process's start: seconds of CPU,
 * over 30 s on a busy 2-core machine). Arguments for main.ts (`audit verify`) go after these.
 */
export function bffEntryArgs(): string[] {
  const bundle = inject("portvaktBffBundle");
  return bundle ? [bundle] : ["--import", "tsx", join(import.meta.dirname, "..", "main.ts")];
}

/**
 * The test-only control of a BFF process (testing/child-control.ts), over its IPC channel:
 * `clock(at)` sets its clock to epoch ms `at`; `check(what)` runs an alert check there and
 * answers the notices that process sent; `holdAccessCheck()` starts an access check that stops
 * after its look, before any claim (`held` resolves then), until `release()`.
 */
export interface BffControl {
  clock(at: number): Promise<void>;
  check<T = Record<string, unknown>>(what: "expiry" | "access" | "drift"): Promise<T[]>;
  holdAccessCheck<T = Record<string, unknown>>(): {
    held: Promise<void>;
    release(): Promise<T[]>;
  };
}

export interface BffProcess {
  url: string;
  child: ChildProcess;
  /** Its log, one JSON line each. */
  output: string[];
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
  /** With `control: true` only. */
  control?: BffControl;
}

type Answer = { id: number; held?: true; ok?: boolean; result?: unknown; error?: string };

function controlOf(child: ChildProcess, exited: Promise<number | null>): BffControl {
  let next = 1;
  const waiting = new Map<number, (answer: Answer) => void>();
  const holding = new Map<number, () => void>();
  child.on("message", (raw) => {
    const answer = raw as Answer;
    if (answer.held) {
      holding.get(answer.id)?.();
      return;
    }
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  const request = (message: Record<string, unknown>): { id: number; answer: Promise<unknown> } => {
    const id = next++;
    const answer = new Promise<unknown>((resolve, reject) => {
      waiting.set(id, (a) =>
        a.ok ? resolve(a.result) : reject(new Error(a.error ?? "the BFF process failed")),
      );
      exited.then((code) => reject(new Error(`the BFF process exited with ${code}`)));
    });
    child.send({ id, ...message });
    return { id, answer };
  };
  return {
    clock: async (at) => {
      await request({ op: "clock", at }).answer;
    },
    check: async <T>(what: "expiry" | "access" | "drift") =>
      (await request({ op: "check", what }).answer) as T[],
    holdAccessCheck: <T>() => {
      let heldResolve!: () => void;
      const held = new Promise<void>((resolve) => {
        heldResolve = resolve;
      });
      const id = next;
      holding.set(id, heldResolve);
      const { answer } = request({ op: "check", what: "access", hold: true });
      return {
        held,
        release: async () => {
          await held;
          child.send({ id, op: "release" });
          holding.delete(id);
          return (await answer) as T[];
        },
      };
    },
  };
}

/**
 * Starts the production entry point (`main.ts`, as `bffEntryArgs` runs it, or `options.entry`)
 * as a process of its own, with the given configuration written to a file beside the test
 * stack's data, as an operator would run it.
 * `control: true` gives it the test-only control (PORTVAKT_TEST_CONTROL=1 and an IPC channel;
 * see testing/child-control.ts). `env` is added to this process's environment (e.g. another
 * DATABASE_URL: the environment's wins over the file's).
 * Resolves once it logs that it listens; rejects if it exits first or has not started in 60 s.
 */
export async function startBffProcess(
  config: PortvaktConfigInput,
  dataDir: string,
  name: string,
  options: { entry?: string; env?: NodeJS.ProcessEnv; control?: boolean } = {},
): Promise<BffProcess> {
  const port = await freePort();
  const configPath = join(dataDir, `${name}.json`);
  await writeFile(configPath, JSON.stringify({ ...config, port }));
  // main.ts as this run bundled it (or through tsx), or a given bundle (the container image's).
  const args = options.entry ? [options.entry] : bffEntryArgs();
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...options.env,
      ...(options.control ? { PORTVAKT_TEST_CONTROL: "1" } : {}),
      PORTVAKT_CONFIG: configPath,
      LOG_LEVEL: "info",
    },
    stdio: options.control ? ["ignore", "pipe", "inherit", "ipc"] : ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      output.push(line);
      if (line.includes("Portvakt BFF listening")) resolve();
    });
    exited.then((code) => reject(new Error(`${name} exited with ${code}`)));
    // Run through tsx, the BFF is compiled at start: on a busy 2-core machine that alone has
    // taken over 30 s. The calling hook's own timeout (60-90 s) is the real bound.
    setTimeout(() => reject(new Error(`${name} did not start in 60 s`)), 60_000).unref();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    exited,
    ...(options.control ? { control: controlOf(child, exited) } : {}),
    stop: () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
