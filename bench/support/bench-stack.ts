import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { ALL_ADMIN_SCOPES, orgNumberSequence } from "@portvakt/contracts";
import { loadPem, SelfServiceClient, TokenClient } from "@portvakt/maskinporten";
import { startProcess, stop } from "./processes";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Valid org numbers (mod 11) from a base upwards, for synthetic consumers. */
export function orgNumbers(count: number, base = 31_000_000): string[] {
  return orgNumberSequence(base)(count);
}

export interface BenchStack {
  simulatorUrl: string;
  bffUrl: string;
  /** The provider's admin client, straight against the simulator (for seeding and baselines). */
  api: SelfServiceClient;
  tokens: TokenClient;
  auditDatabasePath: string;
  /** Process ids of the simulator and the BFF, to read their CPU time. */
  pids: { simulator: number; bff: number };
  /** With `gcProbe`: where the BFF writes its garbage collections when it stops (`readGcPauses`). */
  bffGcFile?: string;
  close(): Promise<void>;
}

/**
 * The simulator (with the demo sign-in provider) and the BFF, each in a process of its own, the
 * BFF started from its production entry point with a configuration file, as an operator runs it.
 */
export async function startBenchStack(
  root: string,
  options: { people?: number; bffConfig?: Record<string, unknown>; gcProbe?: boolean } = {},
): Promise<BenchStack> {
  const bffPort = await freePort();
  const bffOrigin = `http://127.0.0.1:${bffPort}`;
  const sim = await startProcess(
    join(root, "bench/support/simulator-process.ts"),
    { BFF_ORIGIN: bffOrigin, BENCH_PEOPLE: String(options.people ?? 0) },
    (l) => l.startsWith("{"),
  );
  const info = JSON.parse(sim.line) as {
    url: string;
    issuer: string;
    adminClientId: string;
    keyPath: string;
    certPath: string;
    dir: string;
    idpIssuer: string;
  };
  const auditDatabasePath = join(info.dir, "portvakt.db");
  const configPath = join(info.dir, "portvakt.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      port: bffPort,
      logLevel: "info",
      publicOrigin: bffOrigin,
      auditDatabasePath,
      ...options.bffConfig,
      auth: {
        issuer: info.idpIssuer,
        clientId: "portvakt-bench",
        clientSecretEnv: "BENCH_IDP_SECRET",
        roles: { "*": { admin: ["portvakt-admin"] } },
        sessionSecretEnv: "BENCH_SESSION_SECRET",
        allowInsecureHttp: true,
        ...(options.bffConfig?.auth as object | undefined),
      },
      environments: [
        {
          id: "demo",
          kind: "demo",
          issuer: info.issuer,
          apiBaseUrl: info.url,
          clientId: info.adminClientId,
          adminScopes: ALL_ADMIN_SCOPES,
          credential: { type: "pem", keyPath: info.keyPath, certPath: info.certPath },
          allowInsecureHttp: true,
        },
      ],
    }),
  );
  let bff: Awaited<ReturnType<typeof startProcess>>;
  try {
    bff = await startProcess(
      join(root, "apps/bff/src/main.ts"),
      {
        PORTVAKT_CONFIG: configPath,
        LOG_LEVEL: "info",
        ...(process.env.CPU_PROFILE_DIR ? { CPU_PROFILE_DIR: process.env.CPU_PROFILE_DIR } : {}),
        BENCH_IDP_SECRET: "bench-client-secret",
        BENCH_SESSION_SECRET: "bench-session-secret-of-at-least-32-characters",
      },
      (l) => l.includes("Portvakt BFF listening"),
      options.gcProbe ? { gcProbeFile: join(info.dir, "bff-gc.json") } : {},
    );
  } catch (error) {
    await stop(sim.child);
    throw error;
  }
  const credential = await loadPem({
    keyPem: await readFile(info.keyPath, "utf8"),
    certChainPem: await readFile(info.certPath, "utf8"),
  });
  // Renewed once half its two minutes are gone, so a load started with it ends before it expires.
  const tokens = new TokenClient({
    issuer: info.issuer,
    clientId: info.adminClientId,
    credential,
    refreshSkewSeconds: 100,
  });
  return {
    simulatorUrl: info.url,
    bffUrl: (JSON.parse(bff.line) as { url: string }).url,
    api: new SelfServiceClient({ baseUrl: info.url, tokens, adminScopes: ALL_ADMIN_SCOPES }),
    tokens,
    auditDatabasePath,
    pids: { simulator: sim.child.pid!, bff: bff.child.pid! },
    ...(options.gcProbe ? { bffGcFile: join(info.dir, "bff-gc.json") } : {}),
    close: async () => {
      await stop(bff.child);
      await stop(sim.child);
    },
  };
}
