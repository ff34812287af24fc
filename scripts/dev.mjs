// `pnpm dev`: the BFF (with the simulator and the demo sign-in provider) reloading on change, and
// Vite with hot reload in front of it. Only two ports are fixed, the BFF's (BFF_PORT, 7401) and
// Vite's (WEB_PORT, 5173: the sign-in callback names it); the simulator and the sign-in provider
// take free ones, and the state lives in .data/dev, so `pnpm dev` and `pnpm demo` (7400, 7410,
// 7420, .data) run side by side. A fixed port already in use stops it at once, saying which.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const bffPort = Number(process.env.BFF_PORT ?? 7401);
const webPort = Number(process.env.WEB_PORT ?? 5173);

/** Whether 127.0.0.1:port can be listened on now. */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

const taken = [];
for (const [port, what, variable] of [
  [bffPort, "the BFF", "BFF_PORT"],
  [webPort, "Vite (the console)", "WEB_PORT"],
]) {
  if (!(await isFree(port))) taken.push(`  port ${port} (${what}): set ${variable} to a free port`);
}
if (taken.length) {
  process.stderr.write(
    `pnpm dev cannot start: a port it needs is in use (another pnpm dev?).\n${taken.join("\n")}\n`,
  );
  process.exit(1);
}

const child = spawn(
  "pnpm",
  ["--parallel", "--filter", "@portvakt/bff", "--filter", "@portvakt/web", "dev"],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      PORT: String(bffPort),
      BFF_URL: `http://127.0.0.1:${bffPort}`,
      WEB_PORT: String(webPort),
      PUBLIC_ORIGIN: `http://127.0.0.1:${webPort}`,
      SIMULATOR_PORT: process.env.SIMULATOR_PORT ?? "0",
      IDP_PORT: process.env.IDP_PORT ?? "0",
      DATA_DIR: process.env.DATA_DIR ?? ".data/dev",
    },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
