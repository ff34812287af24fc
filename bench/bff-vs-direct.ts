import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { loadPem, SelfServiceClient, TokenClient } from "@portvakt/maskinporten";
import { signInOverHttp } from "../apps/bff/src/testing/sign-in";
import { type LoadResult, load } from "./support/load";
import { startProcess, stop } from "./support/processes";

// The same read — GET scopes/access?scope= with 1,000 grants — straight against the simulator
// and through the BFF, alternating in one run, so the ratio does not depend on the machine.
const GRANTS = 1000;
const ROUNDS = 5;
const REQUESTS = 2000;
const CONCURRENCY = 8;

function orgNumbers(count: number): string[] {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const out: string[] = [];
  for (let base = 31_000_000; out.length < count; base++) {
    const digits = String(base).padStart(8, "0");
    const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) out.push(`${digits}${check}`);
  }
  return out;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function benchBffVsDirect(root: string) {
  const bffPort = await freePort();
  const bffOrigin = `http://127.0.0.1:${bffPort}`;
  const sim = await startProcess(
    join(root, "bench/support/simulator-process.ts"),
    { BFF_ORIGIN: bffOrigin },
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
  const configPath = join(info.dir, "portvakt.json");
  writeFileSync(
    configPath,
    JSON.stringify({
      port: bffPort,
      logLevel: "info",
      publicOrigin: bffOrigin,
      auditDatabasePath: join(info.dir, "portvakt.db"),
      auth: {
        issuer: info.idpIssuer,
        clientId: "portvakt-bench",
        clientSecretEnv: "BENCH_IDP_SECRET",
        roles: { "*": { admin: ["portvakt-admin"] } },
        sessionSecretEnv: "BENCH_SESSION_SECRET",
        allowInsecureHttp: true,
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
  const bff = await startProcess(
    join(root, "apps/bff/src/main.ts"),
    {
      PORTVAKT_CONFIG: configPath,
      LOG_LEVEL: "info",
      ...(process.env.CPU_PROFILE_DIR ? { CPU_PROFILE_DIR: process.env.CPU_PROFILE_DIR } : {}),
      BENCH_IDP_SECRET: "bench-client-secret",
      BENCH_SESSION_SECRET: "bench-session-secret-of-at-least-32-characters",
    },
    (l) => l.includes("Portvakt BFF listening"),
  );
  const bffUrl = (JSON.parse(bff.line) as { url: string }).url;

  try {
    const credential = await loadPem({
      keyPem: await readFile(info.keyPath, "utf8"),
      certChainPem: await readFile(info.certPath, "utf8"),
    });
    const tokens = new TokenClient({
      issuer: info.issuer,
      clientId: info.adminClientId,
      credential,
    });
    const api = new SelfServiceClient({ baseUrl: info.url, tokens, adminScopes: ALL_ADMIN_SCOPES });
    const [prefix] = await api.listPrefixes();
    const scope = `${prefix}:bench/grants`;
    await api.createScope({ prefix: prefix!, subscope: "bench/grants", description: "Benchmark" });
    const orgs = orgNumbers(GRANTS);
    for (let i = 0; i < orgs.length; i += 50) {
      await Promise.all(orgs.slice(i, i + 50).map((org) => api.grantAccess(scope, org)));
    }
    const { accessToken } = await tokens.getToken(ALL_ADMIN_SCOPES);
    const query = `scopes/access?scope=${encodeURIComponent(scope)}`;
    const direct = {
      url: `${info.url}/api/v1/${query}`,
      headers: { Authorization: `Bearer ${accessToken}` },
    };
    // The BFF path is measured as the browser uses it: signed in, session cookie and X-CSRF.
    const cookie = await signInOverHttp(bffUrl, "demo-admin");
    const through = {
      url: `${bffUrl}/api/envs/demo/${query}`,
      headers: { "X-CSRF": "1", Cookie: cookie },
    };
    const check = await fetch(through.url, { headers: through.headers });
    const rows = (await check.json()) as unknown[];
    if (rows.length !== GRANTS) throw new Error(`expected ${GRANTS} rows, got ${rows.length}`);

    await load({ ...direct, concurrency: CONCURRENCY, requests: 1000 });
    await load({ ...through, concurrency: CONCURRENCY, requests: 1000 });
    const runs: { direct: LoadResult[]; bff: LoadResult[] } = { direct: [], bff: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.direct.push(await load({ ...direct, concurrency: CONCURRENCY, requests: REQUESTS }));
      runs.bff.push(await load({ ...through, concurrency: CONCURRENCY, requests: REQUESTS }));
    }
    const summary = (list: LoadResult[]) => ({
      rps: Math.round(median(list.map((r) => r.rps))),
      p50_ms: +median(list.map((r) => r.p50)).toFixed(2),
      p99_ms: +median(list.map((r) => r.p99)).toFixed(2),
      errors: list.reduce((s, r) => s + r.errors, 0),
    });
    const d = summary(runs.direct);
    const b = summary(runs.bff);
    return {
      name: "bff-vs-direct",
      read: `GET scopes/access?scope= with ${GRANTS} grants`,
      setup: { rounds: ROUNDS, requests_per_round: REQUESTS, concurrency: CONCURRENCY },
      direct: d,
      bff: b,
      throughput_ratio: +(b.rps / d.rps).toFixed(3),
      added_p50_ms: +(b.p50_ms - d.p50_ms).toFixed(2),
      added_p99_ms: +(b.p99_ms - d.p99_ms).toFixed(2),
      target: "throughput_ratio >= 0.70 and added_p99_ms <= 2",
    };
  } finally {
    await stop(bff.child);
    await stop(sim.child);
  }
}
