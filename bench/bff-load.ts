import { openDatabase } from "../apps/bff/src/database";
import { signInOverHttp } from "../apps/bff/src/testing/sign-in";
import { orgNumbers, startBenchStack } from "./support/bench-stack";

// 500 people using the console at once for 60 s through one BFF: mixed reads and changes, each
// person with their own session. Afterwards every change must be in the audit log exactly once.
const USERS = Number(process.env.LOAD_USERS ?? 500);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
// A person at a console clicks every second or three; LOAD_THINK_MS=100,400 saturates this machine.
const THINK_MS = (process.env.LOAD_THINK_MS ?? "1000,3000").split(",").map(Number) as [
  number,
  number,
];
const READ_GRANTS = 200;
// People arrive over the first seconds, as they do, and the first seconds are not measured:
// a cold process opening hundreds of connections at once says nothing of the steady state.
const RAMP_UP_MS = 5_000;
const WARM_UP_MS = 10_000;

type Operation = "list scopes" | "list grants" | "list clients" | "grant" | "revoke";

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

export async function benchBffLoad(root: string) {
  const stack = await startBenchStack(root, {
    people: USERS,
    bffConfig: { auth: { signInPerMinute: 100_000 } },
  });
  try {
    const { api } = stack;
    const prefix = (await api.listPrefixes())[0]?.prefix;
    const readScope = `${prefix}:bench/load/read`;
    const changeScope = `${prefix}:bench/load/change`;
    await api.createScope({ prefix: prefix!, subscope: "bench/load/read", description: "Reads" });
    await api.createScope({
      prefix: prefix!,
      subscope: "bench/load/change",
      description: "Changes",
    });
    for (const org of orgNumbers(READ_GRANTS, 32_000_000)) await api.grantAccess(readScope, org);
    const userOrgs = orgNumbers(USERS, 33_000_000);

    const cookies = await mapLimited(
      Array.from({ length: USERS }, (_, i) => i),
      20,
      (i) => signInOverHttp(stack.bffUrl, `bench-user-${i}`),
    );

    const latencies = new Map<Operation, number[]>();
    const errors: string[] = [];
    const changeRequestIds: string[] = [];
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
            await response.arrayBuffer();
            const ms = performance.now() - t0;
            if (Date.now() >= measureFrom) {
              if (!latencies.has(op)) latencies.set(op, []);
              latencies.get(op)!.push(ms);
            }
            if (!response.ok) errors.push(`${op}: ${response.status}`);
            else if (method !== "GET") {
              changeRequestIds.push(response.headers.get("x-request-id") ?? "");
              granted = op === "grant";
            }
          } catch (error) {
            errors.push(`${op}: ${(error as Error).message}`);
          }
          const [low, high] = THINK_MS;
          await new Promise((r) => setTimeout(r, low + Math.random() * (high - low)));
        }
      }),
    );
    const seconds = SECONDS;

    // Every change the BFF answered must be in the audit log once: none lost, none twice.
    const db = await openDatabase({ kind: "sqlite", path: stack.auditDatabasePath });
    const rows = await db
      .selectFrom("audit_entry")
      .select(["request_id"])
      .where("action", "in", ["access.grant", "access.revoke"])
      .execute();
    await db.destroy();
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.request_id, (counts.get(row.request_id) ?? 0) + 1);
    const lost = changeRequestIds.filter((id) => !counts.has(id)).length;
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    const unexpected = rows.length - changeRequestIds.length;

    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const perOperation = Object.fromEntries(
      [...latencies].map(([op, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return [
          op,
          {
            requests: sorted.length,
            p50_ms: +percentile(sorted, 0.5).toFixed(1),
            p99_ms: +percentile(sorted, 0.99).toFixed(1),
          },
        ];
      }),
    );
    return {
      name: "bff-load",
      setup: {
        users: USERS,
        seconds: SECONDS,
        ramp_up_ms: RAMP_UP_MS,
        warm_up_ms_not_measured: WARM_UP_MS,
        think_ms: THINK_MS,
        mix: "40% list scopes, 30% list grants (200), 10% list clients, 20% grant/revoke",
      },
      requests: all.length,
      throughput_rps: Math.round(all.length / seconds),
      p50_ms: +percentile(all, 0.5).toFixed(1),
      p99_ms: +percentile(all, 0.99).toFixed(1),
      per_operation: perOperation,
      errors: errors.length,
      error_samples: [...new Set(errors)].slice(0, 5),
      changes: changeRequestIds.length,
      audit: { entries: rows.length, lost, duplicated, unexpected },
      target: "zero errors, zero lost or duplicated audit entries",
    };
  } finally {
    await stack.close();
  }
}
