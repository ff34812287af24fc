import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { runAuditCommand } from "./audit/command";
import { type AuditEntry, AuditStore, type NewAuditEntry } from "./audit/store";
import { AuditStream, auditLine } from "./audit/stream";
import { type DatabaseLocation, openDatabase, type PortvaktDatabase } from "./database";
import { bffEntryArgs } from "./testing/bff-process";
import { startTestStack } from "./testing/stack";

// The audit log's hash chain (issue 18 #6): on SQLite, and under `pnpm test:postgres` on
// PostgreSQL too, each test with a database of its own (a tampered row stays tampered).

const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL!
  : undefined;
const dir = mkdtempSync(join(tmpdir(), "portvakt-chain-"));
const createdDatabases: string[] = [];

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (postgresUrl && createdDatabases.length) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    for (const name of createdDatabases) await client.query(`drop database if exists ${name}`);
    await client.end();
  }
});

/** A new, empty database of the dialect under test. */
async function freshLocation(kind: "sqlite" | "postgres"): Promise<DatabaseLocation> {
  if (kind === "sqlite") return { kind, path: join(dir, `${randomUUID()}.db`) };
  const name = `portvakt_chain_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  createdDatabases.push(name);
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return { kind, url: url.toString() };
}

const entry = (n: number, time?: string): NewAuditEntry => ({
  actor: { sub: "ada", name: "Ada Administrator" },
  role: "admin",
  env: "demo",
  action: "access.grant",
  target: `digdir:chain@${n}`,
  outcome: "success",
  status: 200,
  requestId: `req-${n}`,
  after: { n },
  ...(time ? { time } : {}),
});

async function withStore(
  kind: "sqlite" | "postgres",
  test: (
    store: AuditStore,
    db: Kysely<PortvaktDatabase>,
    location: DatabaseLocation,
  ) => Promise<void>,
) {
  const location = await freshLocation(kind);
  const db = await openDatabase(location);
  try {
    await test(new AuditStore(db), db, location);
  } finally {
    await db.destroy();
  }
}

const kinds = postgresUrl ? (["sqlite", "postgres"] as const) : (["sqlite"] as const);

for (const kind of kinds) {
  describe(`the audit hash chain (${kind})`, () => {
    it("verifies an untouched log; each entry has the next seq and a hash over the previous one", async () => {
      await withStore(kind, async (store) => {
        const written: AuditEntry[] = [];
        for (let n = 1; n <= 5; n++) written.push(await store.append(entry(n)));
        expect(written.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
        expect(new Set(written.map((e) => e.hash)).size).toBe(5);
        const report = await store.verify();
        expect(report).toMatchObject({
          ok: true,
          checked: 5,
          head: { seq: 5, hash: written[4]!.hash },
        });
      });
    });

    it("altering one row's content makes verify fail and name that row", async () => {
      await withStore(kind, async (store, db) => {
        const written: AuditEntry[] = [];
        for (let n = 1; n <= 5; n++) written.push(await store.append(entry(n)));
        await db
          .updateTable("audit_entry")
          .set({ outcome: "failure" })
          .where("id", "=", written[2]!.id)
          .execute();
        const report = await store.verify();
        expect(report.ok).toBe(false);
        expect(report.problem).toMatchObject({ kind: "altered", seq: 3, id: written[2]!.id });
        expect(report.problem?.message).toContain(written[2]!.id);
        expect(report.checked).toBe(2);
      });
    });

    it("coded entries (v2) chain after code-less ones (v1); changing or clearing a code breaks the hash", async () => {
      await withStore(kind, async (store, db) => {
        // A row as written before migration 0010: no detail_code, its v1 hash unchanged.
        const old = await store.append({ ...entry(1), detail: "Too many changes in a minute" });
        const coded = await store.append({
          ...entry(2),
          detail: "Change request cr-1: requested by A (a), approved by B (b). HTTP 500",
          code: "audit.change-request.execution",
          params: {
            id: "cr-1",
            requester: "A",
            requesterSub: "a",
            approver: "B",
            approverSub: "b",
          },
          more: [{ code: "audit.http", params: { status: 500 } }],
        });
        const plain = await store.append(entry(3));
        expect(await store.verify()).toMatchObject({ ok: true, checked: 3 });
        expect((await store.get(old.id))?.code).toBeUndefined();
        expect(await store.get(coded.id)).toMatchObject({
          code: "audit.change-request.execution",
          params: { id: "cr-1", approver: "B" },
          more: [{ code: "audit.http", params: { status: 500 } }],
        });
        expect((await store.get(plain.id))?.code).toBeUndefined();

        const row = await db
          .selectFrom("audit_entry")
          .select("detail_code")
          .where("id", "=", coded.id)
          .executeTakeFirstOrThrow();
        for (const tampered of [row.detail_code!.replace('"B"', '"Mallory"'), null]) {
          await db
            .updateTable("audit_entry")
            .set({ detail_code: tampered })
            .where("id", "=", coded.id)
            .execute();
          expect((await store.verify()).problem).toMatchObject({ kind: "altered", seq: 2 });
        }
        // Giving a code to an old code-less row breaks its hash too.
        await db
          .updateTable("audit_entry")
          .set({ detail_code: row.detail_code })
          .where("id", "=", coded.id)
          .execute();
        expect(await store.verify()).toMatchObject({ ok: true });
        await db
          .updateTable("audit_entry")
          .set({ detail_code: JSON.stringify({ code: "audit.rate-limited" }) })
          .where("id", "=", old.id)
          .execute();
        expect((await store.verify()).problem).toMatchObject({ kind: "altered", seq: 1 });
      });
    });

    it("a coded target (issue 14 #13) is kept in detail_code and hashed with it; altering it breaks the hash", async () => {
      await withStore(kind, async (store, db) => {
        const parts = [{ code: "audit.target.bulk", params: { scope: "digdir:x", count: 3 } }];
        // A target coded, the detail not: detail_code holds only the target (format v2).
        const targeted = await store.append({
          ...entry(1),
          target: "digdir:x → 3 consumers",
          targetParts: parts,
        });
        const both = await store.append({
          ...entry(2),
          detail: "Too many changes in a minute",
          code: "audit.rate-limited",
          targetParts: parts,
        });
        expect(await store.verify()).toMatchObject({ ok: true, checked: 2 });
        expect(await store.get(targeted.id)).toMatchObject({
          target: "digdir:x → 3 consumers",
          targetParts: parts,
        });
        expect((await store.get(targeted.id))?.code).toBeUndefined();
        expect(await store.get(both.id)).toMatchObject({
          code: "audit.rate-limited",
          targetParts: parts,
        });
        const row = await db
          .selectFrom("audit_entry")
          .select("detail_code")
          .where("id", "=", targeted.id)
          .executeTakeFirstOrThrow();
        await db
          .updateTable("audit_entry")
          .set({ detail_code: row.detail_code!.replace('"count":3', '"count":4') })
          .where("id", "=", targeted.id)
          .execute();
        expect((await store.verify()).problem).toMatchObject({ kind: "altered", seq: 1 });
      });
    });

    it("altering a row and recomputing its own hash still fails at the next row", async () => {
      await withStore(kind, async (store, db) => {
        const written: AuditEntry[] = [];
        for (let n = 1; n <= 4; n++) written.push(await store.append(entry(n)));
        await db
          .updateTable("audit_entry")
          .set({ hash: "f".repeat(64) })
          .where("id", "=", written[1]!.id)
          .execute();
        const report = await store.verify();
        expect(report.problem).toMatchObject({ kind: "altered", seq: 2, id: written[1]!.id });
      });
    });

    it("deleting one row makes verify fail and name the missing seq and its neighbours", async () => {
      await withStore(kind, async (store, db) => {
        const written: AuditEntry[] = [];
        for (let n = 1; n <= 5; n++) written.push(await store.append(entry(n)));
        await db.deleteFrom("audit_entry").where("id", "=", written[1]!.id).execute();
        const report = await store.verify();
        expect(report.problem).toMatchObject({ kind: "deleted", seq: 2 });
        expect(report.problem?.message).toContain(written[0]!.id);
        expect(report.problem?.message).toContain(written[2]!.id);
      });
    });

    it("deleting the newest row is found through the chain's head", async () => {
      await withStore(kind, async (store, db) => {
        const written: AuditEntry[] = [];
        for (let n = 1; n <= 3; n++) written.push(await store.append(entry(n)));
        await db.deleteFrom("audit_entry").where("id", "=", written[2]!.id).execute();
        expect((await store.verify()).problem).toMatchObject({ kind: "deleted", seq: 3 });
      });
    });

    it("a row inserted outside Portvakt is named as unchained", async () => {
      await withStore(kind, async (store, db) => {
        await store.append(entry(1));
        await db
          .insertInto("audit_entry")
          .values({
            id: "forged",
            time: new Date().toISOString(),
            actor_sub: "x",
            actor_name: "x",
            role: "admin",
            env: "demo",
            action: "scope.create",
            target: "t",
            outcome: "success",
            status: 200,
            request_id: "r",
            correlation_id: null,
            detail: null,
            before: null,
            after: null,
            follows: null,
            seq: null,
            prev_hash: null,
            hash: null,
          })
          .execute();
        expect((await store.verify()).problem).toMatchObject({ kind: "unchained", id: "forged" });
      });
    });

    it("pruning by retention keeps the rest verifiable from the anchor; a deletion after it is still found", async () => {
      await withStore(kind, async (store, db) => {
        const old = (n: number) => new Date(Date.UTC(2020, 0, n)).toISOString();
        for (let n = 1; n <= 4; n++) await store.append(entry(n, old(n)));
        const recent: AuditEntry[] = [];
        for (let n = 5; n <= 7; n++) recent.push(await store.append(entry(n)));
        expect(await store.prune(old(10))).toBe(4);
        const report = await store.verify();
        expect(report).toMatchObject({
          ok: true,
          checked: 3,
          anchor: { seq: 4 },
          head: { seq: 7 },
        });
        expect(await store.prune(old(10))).toBe(0);
        await db.deleteFrom("audit_entry").where("id", "=", recent[0]!.id).execute();
        expect((await store.verify()).problem).toMatchObject({ kind: "deleted", seq: 5 });
      });
    });

    it("a row put back at or before the anchor after pruning is named, not passed over", async () => {
      await withStore(kind, async (store, db) => {
        const old = (n: number) => new Date(Date.UTC(2020, 0, n)).toISOString();
        const pruned: AuditEntry[] = [];
        for (let n = 1; n <= 4; n++) pruned.push(await store.append(entry(n, old(n))));
        for (let n = 5; n <= 6; n++) await store.append(entry(n));
        expect(await store.prune(old(10))).toBe(4);
        // An entry of the pruned past, made up (or restored from a backup and altered), with a
        // seq the chain no longer reaches: it must not sit in the log as if it were verified.
        const forged = pruned[1]!;
        await db
          .insertInto("audit_entry")
          .values({
            id: "forged-past",
            time: forged.time,
            actor_sub: "mallory",
            actor_name: "Mallory",
            role: "admin",
            env: "demo",
            action: "scope.delete",
            target: "digdir:gone",
            outcome: "success",
            status: 200,
            request_id: "r-forged",
            correlation_id: null,
            detail: null,
            before: null,
            after: null,
            follows: null,
            seq: 2,
            prev_hash: "0".repeat(64),
            hash: "f".repeat(64),
          })
          .execute();
        const report = await store.verify();
        expect(report.ok).toBe(false);
        expect(report.problem).toMatchObject({ kind: "unchained", id: "forged-past", seq: 2 });
        expect(report.problem?.message).toContain("anchor");
      });
    });

    it("appends from several instances at once form one chain without gaps", async () => {
      const location = await freshLocation(kind);
      const first = await openDatabase(location);
      // SQLite has one instance by design; PostgreSQL gets a second pool, as a second instance.
      const second = kind === "postgres" ? await openDatabase(location) : first;
      try {
        const a = new AuditStore(first);
        const b = kind === "postgres" ? new AuditStore(second) : a;
        const written = await Promise.all(
          Array.from({ length: 40 }, (_, n) => (n % 2 ? a : b).append(entry(n))),
        );
        expect(written.map((e) => e.seq).sort((x, y) => x! - y!)).toEqual(
          Array.from({ length: 40 }, (_, n) => n + 1),
        );
        expect(await a.verify()).toMatchObject({ ok: true, checked: 40 });
        // appendOnce from both: one entry under the id.
        const id = randomUUID();
        const once = await Promise.all([
          a.appendOnce({ ...entry(99), id }),
          b.appendOnce({ ...entry(99), id }),
        ]);
        expect(once.filter((r) => r.written)).toHaveLength(1);
        expect(await b.verify()).toMatchObject({ ok: true, checked: 41 });
      } finally {
        if (second !== first) await second.destroy();
        await first.destroy();
      }
    });
  });
}

describe("audit verify, the command", () => {
  function runVerify(
    configPath: string,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [...bffEntryArgs(), "audit", "verify"],
        {
          env: { PATH: process.env.PATH ?? "", PORTVAKT_CONFIG: configPath },
          timeout: 100_000,
        },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as { code?: unknown }).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
    });
  }

  /**
   * The same command in this process, with the same environment as `runVerify` gives the child
   * (a child process of the BFF, even bundled, costs a second and more on a busy machine).
   */
  async function verifyInProcess(
    configPath: string,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const output = { stdout: "", stderr: "" };
    const code = await runAuditCommand(["verify"], {
      env: { PATH: process.env.PATH ?? "", PORTVAKT_CONFIG: configPath },
      out: (text) => {
        output.stdout += text;
      },
      err: (text) => {
        output.stderr += text;
      },
    });
    return { code, ...output };
  }

  // One child process of the BFF (main.ts's exit code and stderr: `bffEntryArgs`), slow on a
  // busy machine; the intact chain is checked in this process.
  it("says intact for the BFF's log, and names the altered row after one is changed", {
    timeout: 240_000,
  }, async () => {
    const location = await freshLocation(postgresUrl ? "postgres" : "sqlite");
    const stack = await startTestStack(
      location.kind === "postgres" ? { databaseUrl: location.url } : {},
    );
    try {
      const granted = await stack.api(
        "/api/envs/demo/scopes/access/974760673?scope=digdir%3Ademo.read",
        { method: "PUT" },
      );
      expect(granted.status).toBe(200);
      const configPath = join(dir, `config-${randomUUID()}.json`);
      writeFileSync(configPath, JSON.stringify(stack.config));
      const intact = await verifyInProcess(configPath);
      expect(intact.stderr).toBe("");
      expect(intact).toMatchObject({ code: 0, stdout: expect.stringContaining("intact") });

      const { entries } = await stack.bff.audit.list({ limit: 1 });
      const target = entries[0]!;
      const db = await openDatabase(
        location.kind === "postgres"
          ? location
          : { kind: "sqlite", path: stack.config.auditDatabasePath! },
      );
      try {
        await sql`update audit_entry set actor_name = ${"Someone Else"} where id = ${target.id}`.execute(
          db,
        );
      } finally {
        await db.destroy();
      }
      const broken = await runVerify(configPath);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(target.id);
      expect(broken.stderr).toContain("altered");
    } finally {
      await stack.close();
    }
  });
});

describe("audit streaming", () => {
  it("writes each entry as a JSON line to stdout", () => {
    const lines: string[] = [];
    const stream = new AuditStream({ stdout: true }, pino({ level: "silent" }), (l) =>
      lines.push(l),
    );
    const e = {
      ...entry(1),
      id: "a",
      time: "2026-01-01T00:00:00.000Z",
      seq: 1,
      hash: "h",
    } as AuditEntry;
    stream.push(e);
    expect(lines).toEqual([auditLine(e)]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: "audit", id: "a", seq: 1, hash: "h" });
  });

  it("POSTs the BFF's entries to a webhook on loopback as JSON lines, retrying after a failure, in order", async () => {
    const bodies: { auth?: string; type?: string; lines: Record<string, unknown>[] }[] = [];
    let failNext = 1;
    const receiver: Server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        if (failNext > 0) {
          failNext--;
          response.writeHead(503).end();
          return;
        }
        bodies.push({
          auth: request.headers.authorization,
          type: request.headers["content-type"],
          lines: body
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as { port: number };
    const stack = await startTestStack({
      auditLog: { stream: { webhookUrl: `http://127.0.0.1:${port}/siem` } },
    });
    try {
      const orgs = ["974760673", "889640782"];
      const requestIds: string[] = [];
      for (const orgno of orgs) {
        const r = await stack.api(`/api/envs/demo/scopes/access/${orgno}?scope=difi%3Aapi3`, {
          method: "PUT",
        });
        expect(r.status).toBe(200);
        requestIds.push(r.headers.get("x-request-id")!);
      }
      await expect
        .poll(() => bodies.flatMap((b) => b.lines.map((l) => l.requestId)), { timeout: 15_000 })
        .toEqual(expect.arrayContaining(requestIds));
      const lines = bodies.flatMap((b) => b.lines);
      expect(bodies[0]?.type).toBe("application/x-ndjson");
      const seqs = lines.map((l) => l.seq as number);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const first = lines.find((l) => l.requestId === requestIds[0])!;
      expect(first).toMatchObject({ type: "audit", action: "access.grant", outcome: "success" });
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(failNext).toBe(0);
    } finally {
      await stack.close();
      receiver.close();
    }
  });

  it("a redirect is no delivery: the entries are sent again to the webhook, not lost to a GET", async () => {
    const requests: { method: string; path: string; body: string }[] = [];
    let redirectNext = 1;
    const receiver: Server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        requests.push({ method: request.method ?? "", path: request.url ?? "", body });
        // A SIEM moved behind a 302: followed, the POST becomes a GET without the entries,
        // answered 200.
        if (request.url === "/siem" && redirectNext > 0) {
          redirectNext--;
          response.writeHead(302, { Location: "/elsewhere" }).end();
          return;
        }
        response.writeHead(request.url === "/siem" ? 204 : 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const { port } = receiver.address() as { port: number };
    const stack = await startTestStack({
      auditLog: { stream: { webhookUrl: `http://127.0.0.1:${port}/siem` } },
    });
    try {
      const r = await stack.api("/api/envs/demo/scopes/access/974760673?scope=difi%3Aapi3", {
        method: "PUT",
      });
      expect(r.status).toBe(200);
      const requestId = r.headers.get("x-request-id")!;
      const delivered = () =>
        requests.filter(
          (q) => q.path === "/siem" && q.method === "POST" && q.body.includes(requestId),
        );
      await expect.poll(() => delivered().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      expect(requests.filter((q) => q.path === "/elsewhere")).toEqual([]);
    } finally {
      await stack.close();
      receiver.close();
    }
  });
});
