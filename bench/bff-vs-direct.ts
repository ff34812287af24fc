import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { signInOverHttp } from "../apps/bff/src/testing/sign-in";
import { orgNumbers, startBenchStack } from "./support/bench-stack";
import { cpuSplitMs, cpuTimeMs } from "./support/cpu";
import { type LoadResult, load } from "./support/load";
import { readGcPauses, startProcess, stop } from "./support/processes";

// The same read — GET scopes/access?scope= with 1,000 grants (about 290 kB) — straight against the
// simulator, through two bare proxies and through the BFF, alternating in one run, so the ratios
// do not depend on the machine's load. Every server runs in a process of its own:
// - direct: the simulator alone;
// - raw proxy: a Node `http` server piping to the simulator over a keep-alive agent (one hop);
// - Hono proxy: a bare Hono app on @hono/node-server with `fetch` upstream (the framework's floor);
// - BFF: Portvakt as the browser uses it (signed in, session cookie, X-CSRF), from its production
//   entry point, validating Digdir's answer.
// BENCH_ROUNDS / BENCH_REQUESTS shorten a run while profiling (CPU_PROFILE_DIR profiles the BFF).
// The three hops record their garbage collections (bench/support/gc-probe.ts); the pauses that
// fell inside each round are reported per target, so an added p99 can be told apart from the
// machine's own stalls.
const GRANTS = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 8;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

type Run = LoadResult & {
  hopCpuMs: number;
  simulatorCpuMs: number;
  clientCpuMs: number;
  /** The hop's CPU per request split: user, system, and on threads beside the main one (ms). */
  hopSplit: { user: number; system: number; helpers: number };
};
type Target = "direct" | "raw_proxy" | "hono_proxy" | "bff";
const TARGETS: Target[] = ["direct", "raw_proxy", "hono_proxy", "bff"];
type Hop = Exclude<Target, "direct">;
const HOPS: Hop[] = ["raw_proxy", "hono_proxy", "bff"];

/** One measured round of a target: when it ran (epoch ms) and how many requests it answered. */
type Window = { from: number; to: number; requests: number };

/**
 * The garbage collections of a hop inside its rounds: pause time per request (ms, median over
 * the rounds), the longest pause and the pauses per round (median).
 */
function gcInRounds(pauses: ReturnType<typeof readGcPauses>, windows: Window[]) {
  const rounds = windows.map((w) => {
    const inside = pauses.filter(([at]) => at >= w.from && at <= w.to);
    return {
      perRequest: inside.reduce((sum, [, ms]) => sum + ms, 0) / w.requests,
      longest: Math.max(0, ...inside.map(([, ms]) => ms)),
      count: inside.length,
    };
  });
  return {
    pause_ms_per_request: +median(rounds.map((r) => r.perRequest)).toFixed(4),
    longest_pause_ms: +Math.max(0, ...rounds.map((r) => r.longest)).toFixed(2),
    pauses_per_round: median(rounds.map((r) => r.count)),
  };
}

export async function benchBffVsDirect(root: string) {
  const stack = await startBenchStack(root, { gcProbe: true });
  const { api, tokens } = stack;
  const proxies: Awaited<ReturnType<typeof startProcess>>[] = [];
  const gcDir = mkdtempSync(join(tmpdir(), "portvakt-bench-gc-"));
  const gcFiles: Record<Hop, string> = {
    raw_proxy: join(gcDir, "raw-proxy.json"),
    hono_proxy: join(gcDir, "hono-proxy.json"),
    bff: stack.bffGcFile!,
  };
  const windows = Object.fromEntries(TARGETS.map((t) => [t, [] as Window[]])) as Record<
    Target,
    Window[]
  >;
  let result: Record<string, unknown>;
  try {
    const prefix = (await api.listPrefixes())[0]?.prefix;
    const scope = `${prefix}:bench/grants`;
    await api.createScope({ prefix: prefix!, subscope: "bench/grants", description: "Benchmark" });
    const orgs = orgNumbers(GRANTS);
    for (let i = 0; i < orgs.length; i += 50) {
      await Promise.all(orgs.slice(i, i + 50).map((org) => api.grantAccess(scope, org)));
    }
    // The BFF asks Digdir with inactive=true (revoked rows are shown too), so the direct and
    // proxied reads ask the same: the simulator must do the same work behind every target.
    const query = `scopes/access?scope=${encodeURIComponent(scope)}&inactive=true`;
    const startProxy = async (script: string, gcProbeFile: string) => {
      const started = await startProcess(
        join(root, "bench/support", script),
        {
          UPSTREAM: stack.simulatorUrl,
          ...(process.env.CPU_PROFILE_DIR ? { CPU_PROFILE_DIR: process.env.CPU_PROFILE_DIR } : {}),
        },
        (l) => l.startsWith("{"),
        { gcProbeFile },
      );
      proxies.push(started);
      return (JSON.parse(started.line) as { url: string }).url;
    };
    const rawUrl = await startProxy("raw-proxy-process.ts", gcFiles.raw_proxy);
    const honoUrl = await startProxy("hono-proxy-process.ts", gcFiles.hono_proxy);
    // The simulator's tokens live two minutes, a run longer: each load gets a current token (the
    // token client renews it before it expires), or the direct and proxied reads would count 401s.
    const bearer: Record<string, string> = {};
    const renewToken = async () => {
      bearer.Authorization = `Bearer ${(await tokens.getToken(ALL_ADMIN_SCOPES)).accessToken}`;
    };
    await renewToken();
    // The BFF path is measured as the browser uses it: signed in, session cookie and X-CSRF.
    const cookie = await signInOverHttp(stack.bffUrl, "demo-admin");
    const targets: Record<Target, { url: string; headers: Record<string, string> }> = {
      direct: { url: `${stack.simulatorUrl}/api/v1/${query}`, headers: bearer },
      raw_proxy: { url: `${rawUrl}/api/v1/${query}`, headers: bearer },
      hono_proxy: { url: `${honoUrl}/api/v1/${query}`, headers: bearer },
      bff: {
        url: `${stack.bffUrl}/api/envs/demo/${query}`,
        headers: { "X-CSRF": "1", Cookie: cookie },
      },
    };
    // Every target must answer the same 1,000 rows, or the comparison means nothing.
    for (const target of TARGETS) {
      const check = await fetch(targets[target].url, { headers: targets[target].headers });
      const rows = (await check.json()) as unknown[];
      if (rows.length !== GRANTS) {
        throw new Error(`${target}: expected ${GRANTS} rows, got ${rows.length}`);
      }
    }

    for (const target of TARGETS) {
      await renewToken();
      await load({ ...targets[target], concurrency: CONCURRENCY, requests: 1000 });
    }
    // CPU time per request of the hop itself (the proxy or the BFF; none for direct) and of the
    // simulator, read from /proc: on a shared machine, what each request costs, not how long it waited.
    const hopPid: Record<Target, number | undefined> = {
      direct: undefined,
      raw_proxy: proxies[0]!.child.pid,
      hono_proxy: proxies[1]!.child.pid,
      bff: stack.pids.bff,
    };
    const runs = Object.fromEntries(TARGETS.map((t) => [t, [] as Run[]])) as Record<Target, Run[]>;
    for (let round = 0; round < ROUNDS; round++) {
      // The order turns every round, so no target always runs after the same neighbour.
      const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length]!);
      for (const target of order) {
        await renewToken();
        const pid = hopPid[target];
        const before = [
          pid ? cpuTimeMs(pid) : 0,
          cpuTimeMs(stack.pids.simulator),
          cpuTimeMs(process.pid),
        ];
        const splitBefore = pid ? cpuSplitMs(pid) : undefined;
        const from = Date.now();
        const result = await load({
          ...targets[target],
          concurrency: CONCURRENCY,
          requests: REQUESTS,
        });
        windows[target].push({ from, to: Date.now(), requests: result.requests });
        const after = [
          pid ? cpuTimeMs(pid) : 0,
          cpuTimeMs(stack.pids.simulator),
          cpuTimeMs(process.pid),
        ];
        const splitAfter = pid ? cpuSplitMs(pid) : undefined;
        const perSplit = (key: "user" | "system" | "helpers") =>
          splitBefore && splitAfter
            ? (splitAfter[key] - splitBefore[key]) / result.requests
            : pid
              ? Number.NaN
              : 0;
        const per = (i: number) =>
          before[i] === undefined || after[i] === undefined
            ? Number.NaN
            : (after[i]! - before[i]!) / result.requests;
        runs[target].push({
          ...result,
          hopCpuMs: per(0),
          simulatorCpuMs: per(1),
          clientCpuMs: per(2),
          hopSplit: {
            user: perSplit("user"),
            system: perSplit("system"),
            helpers: perSplit("helpers"),
          },
        });
      }
    }
    const summary = (list: Run[]) => ({
      rps: Math.round(median(list.map((r) => r.rps))),
      p50_ms: +median(list.map((r) => r.p50)).toFixed(2),
      p99_ms: +median(list.map((r) => r.p99)).toFixed(2),
      errors: list.reduce((s, r) => s + r.errors, 0),
      cpu_ms_per_request: {
        hop: +median(list.map((r) => r.hopCpuMs)).toFixed(3),
        hop_user: +median(list.map((r) => r.hopSplit.user)).toFixed(3),
        hop_system: +median(list.map((r) => r.hopSplit.system)).toFixed(3),
        hop_helper_threads: +median(list.map((r) => r.hopSplit.helpers)).toFixed(3),
        simulator: +median(list.map((r) => r.simulatorCpuMs)).toFixed(3),
        load_generator: +median(list.map((r) => r.clientCpuMs)).toFixed(3),
      },
    });
    // A ratio per round (the two ran seconds apart, under the same load), then their median.
    const ratio = (over: Target) =>
      +median(runs.bff.map((r, i) => r.rps / runs[over][i]!.rps)).toFixed(3);
    const s = Object.fromEntries(TARGETS.map((t) => [t, summary(runs[t])])) as Record<
      Target,
      ReturnType<typeof summary>
    >;
    result = {
      name: "bff-vs-direct",
      read: `GET scopes/access?scope=&inactive=true with ${GRANTS} grants`,
      setup: {
        rounds: ROUNDS,
        requests_per_round: REQUESTS,
        concurrency: CONCURRENCY,
        targets: {
          direct: "the simulator alone",
          raw_proxy: "Node http server piping to the simulator over a keep-alive agent",
          hono_proxy: "bare Hono on @hono/node-server, hono/proxy (fetch) upstream, body streamed",
          bff: "Portvakt BFF, signed in (session cookie, X-CSRF), answer validated",
        },
        ratios: "median over the rounds of the per-round rps ratio",
        gc: "each hop's garbage-collection pauses inside its rounds (perf_hooks, wall time)",
        cpu: "CPU ms per request from /proc; the hop's split into user, system and helper threads (V8's GC and compiler threads, libuv's pool) beside the main thread",
      },
      ...s,
      bff_over_direct: ratio("direct"),
      bff_over_raw_proxy: ratio("raw_proxy"),
      bff_over_hono_proxy: ratio("hono_proxy"),
      raw_proxy_over_direct: +median(
        runs.raw_proxy.map((r, i) => r.rps / runs.direct[i]!.rps),
      ).toFixed(3),
      hono_proxy_over_direct: +median(
        runs.hono_proxy.map((r, i) => r.rps / runs.direct[i]!.rps),
      ).toFixed(3),
      added_p50_ms_over_raw_proxy: +(s.bff.p50_ms - s.raw_proxy.p50_ms).toFixed(2),
      added_p99_ms_over_raw_proxy: +(s.bff.p99_ms - s.raw_proxy.p99_ms).toFixed(2),
      added_p99_ms_over_direct: +(s.bff.p99_ms - s.direct.p99_ms).toFixed(2),
      target:
        "bff_over_hono_proxy >= 0.90, bff_over_raw_proxy >= 0.75, added_p99_ms_over_raw_proxy <= 5",
      met:
        TARGETS.every((t) => s[t].errors === 0) &&
        ratio("hono_proxy") >= 0.9 &&
        ratio("raw_proxy") >= 0.75 &&
        s.bff.p99_ms - s.raw_proxy.p99_ms <= 5,
    };
  } finally {
    for (const p of proxies) await stop(p.child);
    await stack.close();
  }
  // Written by each hop as it exits, so read after they stopped.
  return {
    ...result,
    gc: Object.fromEntries(
      HOPS.map((hop) => [hop, gcInRounds(readGcPauses(gcFiles[hop]), windows[hop])]),
    ),
  };
}
