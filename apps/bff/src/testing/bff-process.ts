import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { PortvaktConfigInput } from "../config";
import { freePort } from "./free-port";

export { freePort };

export interface BffProcess {
  url: string;
  child: ChildProcess;
  /** Its log, one JSON line each. */
  output: string[];
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * Starts the production entry point (`main.ts`) as a process of its own, with the given
 * configuration written to a file beside the test stack's data, as an operator would run it.
 */
export async function startBffProcess(
  config: PortvaktConfigInput,
  dataDir: string,
  name: string,
  options: { entry?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<BffProcess> {
  const port = await freePort();
  const configPath = join(dataDir, `${name}.json`);
  await writeFile(configPath, JSON.stringify({ ...config, port }));
  // The TypeScript entry point through tsx, or a built bundle as the container image runs it.
  const args = options.entry
    ? [options.entry]
    : ["--import", "tsx", join(import.meta.dirname, "..", "main.ts")];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env, PORTVAKT_CONFIG: configPath, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
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
    setTimeout(() => reject(new Error(`${name} did not start`)), 30_000).unref();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output,
    exited,
    stop: () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
