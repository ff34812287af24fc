import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** Starts `tsx <script>` and resolves with the first stdout line that `ready` accepts. */
export function startProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  ready: (line: string) => boolean,
): Promise<{ child: ChildProcess; line: string }> {
  const profile = env.CPU_PROFILE_DIR
    ? [`--cpu-prof-dir=${env.CPU_PROFILE_DIR}`, "--cpu-prof"]
    : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", script], {
    env: { ...process.env, ...env },
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
