import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type RunningReplayServer, startReplayServer } from "@portvakt/maskinporten/replay";
import { startStack } from "./stack";

// `pnpm demo` and the browser tests: the simulator and the BFF in one process.
const mode = process.env.PORTVAKT_MODE === "test" ? "test" : "demo";
const repoRoot = resolve(import.meta.dirname, "../../..");
// PORTVAKT_REPLAY=1 (test mode only): the demo environment reads the replay suite's recorded
// Digdir answers from a small recording server instead of the simulator (e2e/replay.spec.ts).
const replay: RunningReplayServer | undefined =
  mode === "test" && process.env.PORTVAKT_REPLAY === "1" ? await startReplayServer() : undefined;
const webDist = resolve(process.env.WEB_DIST ?? resolve(repoRoot, "apps/web/dist"));

try {
  const stack = await startStack({
    mode,
    port: Number(process.env.PORT ?? 7400),
    simulatorPort: Number(process.env.SIMULATOR_PORT ?? (mode === "demo" ? 7410 : 0)),
    idpPort: Number(process.env.IDP_PORT ?? (mode === "demo" ? 7420 : 0)),
    // 1: prod on the same simulator; own: on a simulator of its own (promotion between the two).
    withProdEnvironment: ["1", "own"].includes(process.env.PORTVAKT_STACK_PROD ?? ""),
    prodSimulator: process.env.PORTVAKT_STACK_PROD === "own",
    withFourEyesEnvironment: process.env.PORTVAKT_STACK_FOUR_EYES === "1",
    // A small change rate limit for the browser test of a rate-limited change (e2e/audit.spec.ts).
    ...(Number(process.env.PORTVAKT_STACK_MUTATIONS_PER_MINUTE) > 0
      ? { mutationsPerMinute: Number(process.env.PORTVAKT_STACK_MUTATIONS_PER_MINUTE) }
      : {}),
    // off: the Enhetsregisteret status look-up switched off, as in a closed network (names only;
    // e2e/enhetsregisteret.spec.ts).
    ...(process.env.PORTVAKT_STACK_ENHETSREGISTERET === "off" ? { enhetsregisteret: false } : {}),
    ...(process.env.PUBLIC_ORIGIN ? { publicOrigin: process.env.PUBLIC_ORIGIN } : {}),
    ...(mode === "demo" ? { dataDir: resolve(repoRoot, process.env.DATA_DIR ?? ".data") } : {}),
    ...(existsSync(resolve(webDist, "index.html")) ? { webDist } : {}),
    ...(replay ? { upstream: { issuer: `${replay.url}/`, apiBaseUrl: replay.url } } : {}),
  });
  process.stdout.write(
    [
      "",
      `Portvakt (${mode}) is running:`,
      `  Console:          ${process.env.PUBLIC_ORIGIN ?? stack.url}/`,
      `  BFF API:          ${stack.url}/api/envs  (OpenAPI: ${stack.url}/api/openapi.json)`,
      `  Sign-in (demo):   ${stack.idp.issuer}  (pick a demo person)`,
      `  Simulator issuer: ${stack.simulator.issuer}`,
      `  Self-service API: ${replay ? `${replay.url} (recorded answers)` : `${stack.simulator.apiBaseUrl}`}/api/v1`,
      `  Acting as:        ${stack.simulator.demo.providerOrgno} with admin client ${stack.simulator.demo.adminClientId}`,
      "",
      // Read by the browser tests (e2e/support.ts): where to reach the simulator's control API.
      ...(mode === "test" ? [`PORTVAKT_SIMULATOR ${stack.simulator.url}`] : []),
      `PORTVAKT_READY ${stack.url}`,
      "",
    ].join("\n"),
  );
  const stop = () => {
    Promise.all([stack.close(), replay?.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  process.stderr.write(`Portvakt demo cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}
