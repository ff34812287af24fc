import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import type { PortvaktDatabase } from "../database";

const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL!
  : undefined;

/**
 * Declares a migration test on each database kind: `SQLite` in a temporary folder, and, under
 * `pnpm test:postgres` (DATABASE_URL), `PostgreSQL` in a database of its own named
 * `portvakt_<tag>_…`, dropped after. `run` gets an empty database (no migration applied yet)
 * and is destroyed after it. Call it inside a `describe`. Tests only.
 */
export function onEachDatabase(
  tag: string,
  run: (db: Kysely<PortvaktDatabase>) => Promise<void>,
): void {
  it("SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), `portvakt-${tag}-`));
    const db = new Kysely<PortvaktDatabase>({
      dialect: new LibsqlDialect({ url: `file:${join(dir, "store.db")}` }),
    });
    try {
      await run(db);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!postgresUrl)("PostgreSQL", () => {
    const name = `portvakt_${tag}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = async (query: string) => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(query);
      await client.end();
    };
    afterAll(() => admin(`drop database if exists ${name}`));

    it("PostgreSQL", async () => {
      await admin(`create database ${name}`);
      const url = new URL(postgresUrl!);
      url.pathname = `/${name}`;
      const db = new Kysely<PortvaktDatabase>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString() }) }),
      });
      try {
        await run(db);
      } finally {
        await db.destroy();
      }
    });
  });
}
