import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { GcPause } from "./gc-probe";

/**
 * Starts `tsx <script>` and resolves with the first stdout line that `ready` accepts. With
 * `gcProbeFile`, the process records its garbage collections and writes them to that file when it
 * exits (`GcPause[]` of gc-probe.ts; read them with `readGcPauses` after `stop`).
 */
export function startProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  ready: (line: string) => boolean,
  options: { gcProbeFile?: string } = {},
): Promise<{ child: ChildProcess; line: string }> {
  const profile = env.CPU_PROFILE_DIR
    ? [`--cpu-prof-dir=${env.CPU_PROFILE_DIR}`, "--cpu-prof"]
    : [];
  const probe = options.gcProbeFile ? ["--import", join(import.meta.dirname, "gc-probe.ts")] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", ...probe, script], {
    env: {
      ...process.env,
      ...env,
      ...(options.gcProbeFile ? { GC_PROBE_FILE: options.gcProbeFile } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 60_000);
    lines.on("line", (line) => {
      if (ready(line)) {
        clearTimeout(timer);
        // Later output (a log line per request) is drained unread: splitting it into lines here
        // would charge the load generator's CPU, which shares the machine with what it measures.
        lines.close();
        child.stdout!.resume();
        resolve({ child, line });
      }
    });
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** The garbage collections a stopped process recorded (`startProcess`'s `gcProbeFile`); none if it wrote none. */
export function readGcPauses(file: string): GcPause[] {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as GcPause[];
  } catch {
    return [];
  }
}
