import { openDatabase } from "../apps/bff/src/database";
import { signInOverHttp } from "../apps/bff/src/testing/sign-in";
import { orgNumbers, startBenchStack } from "./support/bench-stack";

// The 500-person load of bff-load, twice in one run on one stack: first with a healthy Digdir
// (the baseline), then with 5 % of the calls to Digdir slow or failing (latency beyond the BFF's
// timeout before or after the change is applied, 500/503, dropped connections). Reported per
// phase: throughput and p99, and for the changes: lost (acknowledged, not audited), duplicated
// (audited twice), mis-audited (the audit's final word disagrees with the answer or with
// Digdir's final state), and unknown outcomes left unsettled. All of these must be 0.
const USERS = Number(process.env.LOAD_USERS ?? 500);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const THINK_MS = (process.env.LOAD_THINK_MS ?? "1000,3000").split(",").map(Number) as [
  number,
  number,
];
const FAULT_RATE = Number(process.env.LOAD_FAULT_RATE ?? 0.05);
const TIMEOUT_MS = 1_000;
const SETTLE_MS = 4 * TIMEOUT_MS;
const READ_GRANTS = 200;
const RAMP_UP_MS = 5_000;
const WARM_UP_MS = 5_000;

type Operation = "list scopes" | "list grants" | "list clients" | "grant" | "revoke";

interface Change {
  user: number;
  op: "grant" | "revoke";
  status: number;
  requestId: string;
  unknown: boolean;
}

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/** The injected faults: each a share of every call to the self-service API; 5 % in all. */
function faults(rate: number) {
  const share = (part: number) => +(rate * part).toFixed(5);
  const slow = Math.round(TIMEOUT_MS * 1.5);
  return [
    { kind: "latency", when: "before", ms: slow, probability: share(0.2) },
    { kind: "latency", when: "after", ms: slow, probability: share(0.2) },
    { kind: "status", when: "before", status: 503, probability: share(0.2) },
    { kind: "status", when: "after", status: 500, probability: share(0.1) },
    { kind: "drop", when: "before", probability: share(0.1) },
    { kind: "drop", when: "after", probability: share(0.2) },
  ].map((f) => ({ path: "/api/v1/", ...f }));
}

export async function benchBffLoadFaults(root: string) {
  const stack = await startBenchStack(root, {
    people: USERS,
    bffConfig: {
      auth: { signInPerMinute: 100_000 },
      upstreamTimeoutMs: TIMEOUT_MS,
      outcome: { settleMs: SETTLE_MS, intervalMs: 1_000 },
    },
  });
  const control = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.simulatorUrl}/__control${path}`, {
      ...init,
      headers: init.body ? { "Content-Type": "application/json" } : {},
    });
  try {
    const { api } = stack;
    const prefix = (await api.listPrefixes())[0]?.prefix;
    const readScope = `${prefix}:bench/faults/read`;
    const changeScope = `${prefix}:bench/faults/change`;
    await api.createScope({ prefix: prefix!, subscope: "bench/faults/read", description: "R" });
    await api.createScope({ prefix: prefix!, subscope: "bench/faults/change", description: "C" });
    for (const org of orgNumbers(READ_GRANTS, 34_000_000)) await api.grantAccess(readScope, org);
    const cookies = await mapLimited(
      Array.from({ length: USERS }, (_, i) => i),
      20,
      (i) => signInOverHttp(stack.bffUrl, `bench-user-${i}`),
    );

    const phase = async (name: string, rate: number, orgBase: number) => {
      const userOrgs = orgNumbers(USERS, orgBase);
      await control("/faults", { method: "DELETE" });
      for (const fault of faults(rate)) {
        if (fault.probability > 0) {
          await control("/faults", { method: "POST", body: JSON.stringify(fault) });
        }
      }
      const latencies: number[] = [];
      const statuses = new Map<string, number>();
      const changes: Change[] = [];
      const measureFrom = Date.now() + WARM_UP_MS;
      const deadline = measureFrom + SECONDS * 1000;
      await Promise.all(
        cookies.map(async (cookie, user) => {
          const headers = { "X-CSRF": "1", Cookie: cookie, Origin: stack.bffUrl };
          const org = userOrgs[user]!;
          let granted = false;
          await new Promise((r) => setTimeout(r, Math.random() * RAMP_UP_MS));
          while (Date.now() < deadline) {
            const roll = Math.random();
            const op: Operation =
              roll < 0.4
                ? "list scopes"
                : roll < 0.7
                  ? "list grants"
                  : roll < 0.8
                    ? "list clients"
                    : granted
                      ? "revoke"
                      : "grant";
            const path =
              op === "list scopes"
                ? "/api/envs/demo/scopes"
                : op === "list grants"
                  ? `/api/envs/demo/scopes/access?scope=${encodeURIComponent(readScope)}`
                  : op === "list clients"
                    ? "/api/envs/demo/clients"
                    : `/api/envs/demo/scopes/access/${org}?scope=${encodeURIComponent(changeScope)}`;
            const method = op === "grant" ? "PUT" : op === "revoke" ? "DELETE" : "GET";
            const t0 = performance.now();
            try {
              const response = await fetch(`${stack.bffUrl}${path}`, { method, headers });
              const body = await response.text();
              if (Date.now() >= measureFrom) latencies.push(performance.now() - t0);
              const key = `${method === "GET" ? "read" : "change"} ${response.status}`;
              statuses.set(key, (statuses.get(key) ?? 0) + 1);
              if (method !== "GET") {
                const unknown =
                  response.status === 504 && body.includes("urn:portvakt:problem:outcome-unknown");
                changes.push({
                  user,
                  op: op as Change["op"],
                  status: response.status,
                  requestId: response.headers.get("x-request-id") ?? "",
                  unknown,
                });
                // The person goes by what they were told, and checks after an unknown.
                if (response.ok) granted = op === "grant";
              }
            } catch (error) {
              const key = `fetch ${(error as Error).message}`;
              statuses.set(key, (statuses.get(key) ?? 0) + 1);
            }
            const [low, high] = THINK_MS;
            await new Promise((r) => setTimeout(r, low + Math.random() * (high - low)));
          }
        }),
      );
      await control("/faults", { method: "DELETE" });
      const sorted = latencies.sort((a, b) => a - b);
      return {
        name,
        userOrgs,
        changes,
        result: {
          fault_rate: rate,
          requests: sorted.length,
          throughput_rps: Math.round(sorted.length / SECONDS),
          p50_ms: +percentile(sorted, 0.5).toFixed(1),
          p99_ms: +percentile(sorted, 0.99).toFixed(1),
          answers: Object.fromEntries([...statuses].sort()),
        },
      };
    };

    const baseline = await phase("baseline", 0, 35_000_000);
    const faulty = await phase("faults", FAULT_RATE, 36_000_000);

    // Every unknown outcome settles (follow-up written) before the audit is compared.
    await new Promise((r) => setTimeout(r, SETTLE_MS + 3_000));
    const db = await openDatabase({ kind: "sqlite", path: stack.auditDatabasePath });
    const rows = await db
      .selectFrom("audit_entry")
      .select(["id", "request_id", "outcome", "follows", "target"])
      .where("action", "in", ["access.grant", "access.revoke"])
      .execute();
    await db.destroy();
    // Revoked (DENIED) rows come only with `inactive=true` (2025 OpenAPI; docs/maskinporten.md §8):
    // without it every revoke looked like a grant that never existed.
    const finalGrants = new Map(
      (await api.listAccessByScope(changeScope, { inactive: true })).map((row) => [
        row.consumer_orgno,
        row.state,
      ]),
    );

    const verify = (run: Awaited<ReturnType<typeof phase>>) => {
      const entries = rows.filter((r) => !r.follows);
      const byRequest = new Map<string, typeof entries>();
      for (const row of entries) {
        byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), row]);
      }
      const followUps = new Map<string, typeof rows>();
      for (const row of rows.filter((r) => r.follows)) {
        followUps.set(row.follows!, [...(followUps.get(row.follows!) ?? []), row]);
      }
      let lost = 0;
      let duplicated = 0;
      let misAudited = 0;
      let unsettled = 0;
      let unknown = 0;
      let signInRequired = 0;
      const verdict = new Map<Change, boolean>();
      for (const change of run.changes) {
        const own = byRequest.get(change.requestId) ?? [];
        if (own.length === 0) {
          // Refused before the change route (the session had to sign in again): nothing was
          // sent and nothing audited; any other answer without an entry is a lost change.
          if (change.status === 401) signInRequired++;
          else lost++;
          continue;
        }
        if (own.length > 1) duplicated++;
        const entry = own[0]!;
        const follow = followUps.get(entry.id) ?? [];
        if (follow.length > 1) duplicated++;
        let outcome = entry.outcome;
        if (entry.outcome === "unknown") {
          unknown++;
          if (!change.unknown) misAudited++;
          if (follow.length === 0) {
            unsettled++;
            continue;
          }
          outcome = follow[0]!.outcome;
        } else if (change.unknown) misAudited++;
        const ok = change.status >= 200 && change.status < 300;
        if (ok && entry.outcome !== "success") misAudited++;
        if (!ok && !change.unknown && entry.outcome === "success") misAudited++;
        verdict.set(change, outcome === "success");
      }
      // Each person's grant ends as their last change the audit says was made set it.
      let stateMismatches = 0;
      run.userOrgs.forEach((org, user) => {
        const mine = run.changes.filter((c) => c.user === user && verdict.get(c));
        const expected = mine.length
          ? mine.at(-1)!.op === "grant"
            ? "APPROVED"
            : "DENIED"
          : undefined;
        if (finalGrants.get(org) !== expected) stateMismatches++;
      });
      return {
        changes: run.changes.length,
        acknowledged: run.changes.filter((c) => c.status >= 200 && c.status < 300).length,
        unknown_answers: unknown,
        sign_in_required: signInRequired,
        lost,
        duplicated,
        mis_audited: misAudited + stateMismatches,
        unsettled,
      };
    };

    const withFaults = { ...faulty.result, changes: verify(faulty) };
    const healthy = { ...baseline.result, changes: verify(baseline) };
    return {
      name: "bff-load-faults",
      setup: {
        users: USERS,
        seconds_per_phase: SECONDS,
        think_ms: THINK_MS,
        upstream_timeout_ms: TIMEOUT_MS,
        faults: faults(FAULT_RATE),
        mix: "40% list scopes, 30% list grants (200), 10% list clients, 20% grant/revoke of the person's own consumer",
      },
      baseline: healthy,
      faults: withFaults,
      ratios: {
        throughput: +(withFaults.throughput_rps / Math.max(1, healthy.throughput_rps)).toFixed(2),
        p99: +(withFaults.p99_ms / Math.max(1, healthy.p99_ms)).toFixed(2),
      },
      target: "with 5 % faults: zero lost, duplicated, mis-audited or unsettled changes",
    };
  } finally {
    await stack.close();
  }
}
