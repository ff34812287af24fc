import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { type RunningSimulator, startSimulator } from "@portvakt/simulator";
import type { Logger } from "pino";
import { type PortvaktConfigInput, parseConfig } from "./config";
import { createLogger } from "./logger";
import { type RunningBff, startBff } from "./server";

export interface StackOptions {
  /** demo: state kept under dataDir across restarts; test: fresh seeded state, control routes on. */
  mode: "demo" | "test";
  port?: number;
  simulatorPort?: number;
  dataDir?: string;
  webDist?: string;
  logger?: Logger;
  upstreamTimeoutMs?: number;
}

export interface RunningStack {
  url: string;
  simulator: RunningSimulator;
  bff: RunningBff;
  config: PortvaktConfigInput;
  close(): Promise<void>;
}

/**
 * The simulator and a BFF configured with the simulator's provider admin client, as an
 * organisation would configure Portvakt against Digdir: the business certificate's key and
 * chain as PEM files on disk.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const simulator = await startSimulator({
    mode: options.mode,
    port: options.simulatorPort ?? 0,
    ...(options.dataDir ? { dataDir: join(options.dataDir, "simulator") } : {}),
  });
  const credentialDir = options.dataDir
    ? join(options.dataDir, "bff")
    : await mkdtemp(join(tmpdir(), "portvakt-stack-"));
  await mkdir(credentialDir, { recursive: true, mode: 0o700 });
  const provider = simulator.demo.orgs[simulator.demo.providerOrgno]!;
  const keyPath = join(credentialDir, "admin-key.pem");
  const certPath = join(credentialDir, "admin-chain.pem");
  await writeFile(keyPath, provider.keyPem, { mode: 0o600 });
  await writeFile(certPath, provider.chainPem);

  const config: PortvaktConfigInput = {
    port: options.port ?? 0,
    host: "127.0.0.1",
    logLevel: "info",
    ...(options.upstreamTimeoutMs ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
    ...(options.webDist ? { webDist: options.webDist } : {}),
    environments: [
      {
        id: "demo",
        label: "Demo (simulator)",
        kind: "demo",
        issuer: simulator.issuer,
        apiBaseUrl: simulator.apiBaseUrl,
        clientId: simulator.demo.adminClientId,
        adminScopes: [...ALL_ADMIN_SCOPES],
        credential: { type: "pem", keyPath, certPath },
        allowInsecureHttp: true,
      },
    ],
  };
  const logger = options.logger ?? createLogger("info");
  let bff: RunningBff;
  try {
    bff = await startBff(parseConfig(config, "demo configuration"), logger);
  } catch (error) {
    await simulator.close();
    throw error;
  }
  return {
    url: bff.url,
    simulator,
    bff,
    config,
    close: async () => {
      await bff.close();
      await simulator.close();
      if (!options.dataDir) await rm(credentialDir, { recursive: true, force: true });
    },
  };
}
