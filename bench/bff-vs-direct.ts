import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { signInOverHttp } from "../apps/bff/src/testing/sign-in";
import { orgNumbers, startBenchStack } from "./support/bench-stack";
import { type LoadResult, load } from "./support/load";

// The same read — GET scopes/access?scope= with 1,000 grants — straight against the simulator
// and through the BFF, alternating in one run, so the ratio does not depend on the machine.
const GRANTS = 1000;
const ROUNDS = 5;
const REQUESTS = 2000;
const CONCURRENCY = 8;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchBffVsDirect(root: string) {
  const stack = await startBenchStack(root);
  const { api, tokens } = stack;
  try {
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
      url: `${stack.simulatorUrl}/api/v1/${query}`,
      headers: { Authorization: `Bearer ${accessToken}` },
    };
    // The BFF path is measured as the browser uses it: signed in, session cookie and X-CSRF.
    const cookie = await signInOverHttp(stack.bffUrl, "demo-admin");
    const through = {
      url: `${stack.bffUrl}/api/envs/demo/${query}`,
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
    await stack.close();
  }
}
