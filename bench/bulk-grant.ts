import { performance } from "node:perf_hooks";
import type { BulkJob } from "@portvakt/contracts";
import { signInOverHttp } from "../apps/bff/src/testing/sign-in";
import { orgNumbers, startBenchStack } from "./support/bench-stack";
import { cpuTimeMs } from "./support/cpu";

// Issue 17 item 3: 1,000 organisations granted one scope as one BFF job (8 rows at a time)
// against the same 1,000 granted one by one in sequence through the BFF (the page's old way,
// without its own concurrency), Digdir (the simulator, in its own process) answering every API
// call after 10 ms. Both in the same run, alternating, each round on fresh scopes so every grant
// is a real change. Then every grant is read back at Digdir and the writes Digdir received are
// counted: a row lost (not granted) or sent twice is reported.
const ORGS = 1_000;
const LATENCY_MS = 10;
const ROUNDS = 2;

interface Phase {
  ms: number;
  /** Writes Digdir received during the phase. */
  writes: number;
  /** Consumers of the 1,000 not APPROVED at Digdir afterwards. */
  lost: number;
  /** Writes beyond one per consumer. */
  duplicated: number;
  /** CPU time per organisation, ms, of the BFF's and the simulator's processes. */
  cpu_ms_per_org: { bff: number; simulator: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function benchBulkGrant(root: string) {
  const stack = await startBenchStack(root, {
    people: 1,
    bffConfig: { auth: { signInPerMinute: 100_000, mutationsPerMinute: 100_000 } },
  });
  try {
    const { api } = stack;
    const prefix = (await api.listPrefixes())[0]?.prefix;
    const cookie = await signInOverHttp(stack.bffUrl, "bench-user-0");
    const headers = {
      "X-CSRF": "1",
      Cookie: cookie,
      Origin: stack.bffUrl,
      "Content-Type": "application/json",
    };
    const control = (path: string, init: RequestInit = {}) =>
      fetch(`${stack.simulatorUrl}/__control${path}`, {
        ...init,
        headers: { "Content-Type": "application/json" },
      });
    const writesAtDigdir = async () => {
      const stats = (await (await control("/stats")).json()) as {
        requests: Record<string, number>;
      };
      return Object.entries(stats.requests)
        .filter(([route]) => route.startsWith("PUT /api/v1/scopes/access/"))
        .reduce((sum, [, n]) => sum + n, 0);
    };
    const orgnos = orgNumbers(ORGS, 34_000_000);
    let scopes = 0;
    const newScope = async () => {
      const subscope = `bench/bulk/${scopes++}`;
      await api.createScope({ prefix: prefix!, subscope, description: "Bulk grant benchmark" });
      return `${prefix}:${subscope}`;
    };
    const cpu = () => ({
      bff: cpuTimeMs(stack.pids.bff) ?? 0,
      simulator: cpuTimeMs(stack.pids.simulator) ?? 0,
    });
    const check = async (
      scope: string,
      writes: number,
      ms: number,
      cpuBefore: { bff: number; simulator: number },
    ): Promise<Phase> => {
      const cpuAfter = cpu();
      const approved = new Set(
        (await api.listAccessByScope(scope))
          .filter((row) => row.state === "APPROVED")
          .map((row) => row.consumer_orgno),
      );
      return {
        ms: Math.round(ms),
        writes,
        lost: orgnos.filter((orgno) => !approved.has(orgno)).length,
        duplicated: Math.max(0, writes - ORGS),
        cpu_ms_per_org: {
          bff: +((cpuAfter.bff - cpuBefore.bff) / ORGS).toFixed(2),
          simulator: +((cpuAfter.simulator - cpuBefore.simulator) / ORGS).toFixed(2),
        },
      };
    };

    const sequential = async (): Promise<Phase> => {
      const scope = await newScope();
      const before = await writesAtDigdir();
      const cpuBefore = cpu();
      const started = performance.now();
      let failed = 0;
      for (const orgno of orgnos) {
        const response = await fetch(
          `${stack.bffUrl}/api/envs/demo/scopes/access/${orgno}?scope=${encodeURIComponent(scope)}`,
          { method: "PUT", headers },
        );
        await response.arrayBuffer();
        if (!response.ok) failed++;
      }
      const ms = performance.now() - started;
      if (failed) process.stderr.write(`sequential: ${failed} grants failed\n`);
      const writes = (await writesAtDigdir()) - before;
      return check(scope, writes, ms, cpuBefore);
    };

    const job = async (): Promise<Phase & { job_status: string; rows_succeeded: number }> => {
      const scope = await newScope();
      const before = await writesAtDigdir();
      const cpuBefore = cpu();
      const started = performance.now();
      const response = await fetch(`${stack.bffUrl}/api/envs/demo/access-jobs`, {
        method: "POST",
        headers,
        body: JSON.stringify({ action: "grant", scope, orgnos }),
      });
      if (response.status !== 202) {
        throw new Error(`The job was not started: ${response.status} ${await response.text()}`);
      }
      const { id } = (await response.json()) as BulkJob;
      let state: BulkJob;
      for (;;) {
        // As the page does: it asks for the job's rows every half second.
        state = (await (
          await fetch(`${stack.bffUrl}/api/envs/demo/access-jobs/${id}`, { headers })
        ).json()) as BulkJob;
        if (state.status === "done" || state.status === "cancelled") break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const ms = performance.now() - started;
      return {
        ...(await check(scope, (await writesAtDigdir()) - before, ms, cpuBefore)),
        job_status: state.status,
        rows_succeeded: state.counts.success,
      };
    };

    // Every call to Digdir's API (reads and writes; not the token endpoint) answers after 10 ms.
    const fault = await control("/faults", {
      method: "POST",
      body: JSON.stringify({ path: "/api/v1/", kind: "latency", ms: LATENCY_MS }),
    });
    if (!fault.ok) throw new Error(`The simulator refused the latency: ${fault.status}`);

    const rounds: Array<{ job: Awaited<ReturnType<typeof job>>; sequential: Phase }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so neither always meets a warmer process.
      if (round % 2 === 0) {
        const j = await job();
        rounds.push({ job: j, sequential: await sequential() });
      } else {
        const s = await sequential();
        rounds.push({ job: await job(), sequential: s });
      }
    }
    const ratios = rounds.map((r) => r.sequential.ms / r.job.ms);
    const lost = rounds.reduce((sum, r) => sum + r.job.lost + r.sequential.lost, 0);
    const duplicated = rounds.reduce(
      (sum, r) => sum + r.job.duplicated + r.sequential.duplicated,
      0,
    );
    return {
      organisations: ORGS,
      latency_ms_per_call: LATENCY_MS,
      concurrency: 8,
      rounds,
      job_ms_median: median(rounds.map((r) => r.job.ms)),
      sequential_ms_median: median(rounds.map((r) => r.sequential.ms)),
      job_over_sequential_speedup: +median(ratios).toFixed(2),
      speedup_per_round: ratios.map((r) => +r.toFixed(2)),
      lost,
      duplicated,
      target: "speedup >= 5, 0 lost, 0 duplicated",
      met: median(ratios) >= 5 && lost === 0 && duplicated === 0,
    };
  } finally {
    await stack.close();
  }
}
