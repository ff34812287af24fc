import pg from "pg";
import { describe, expect, it } from "vitest";
import { databasePerWorker } from "./postgres-per-worker";

const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

describe("a database per Vitest worker", () => {
  it("leaves a SQLite run, and a run outside a worker, alone", async () => {
    const sqlite: NodeJS.ProcessEnv = { VITEST_POOL_ID: "1" };
    await databasePerWorker(sqlite);
    expect(sqlite).toEqual({ VITEST_POOL_ID: "1" });
    const file: NodeJS.ProcessEnv = { DATABASE_URL: "file:/tmp/x.db", VITEST_POOL_ID: "1" };
    await databasePerWorker(file);
    expect(file.DATABASE_URL).toBe("file:/tmp/x.db");
    const outside: NodeJS.ProcessEnv = { DATABASE_URL: "postgres://u@127.0.0.1:1/db" };
    await databasePerWorker(outside);
    expect(outside.DATABASE_URL).toBe("postgres://u@127.0.0.1:1/db");
  });

  it.skipIf(!postgres)("runs this file on its worker's own PostgreSQL database", async () => {
    const worker = process.env.VITEST_POOL_ID!;
    const url = process.env.DATABASE_URL!;
    const base = process.env.PORTVAKT_TEST_DATABASE_BASE!;
    expect(new URL(url).pathname).toBe(`${new URL(base).pathname}_w${worker}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>("select current_database() as name");
      expect(`/${rows[0]!.name}`).toBe(new URL(url).pathname);
    } finally {
      await client.end();
    }
    // Run again in the same worker process (a reused worker): the same database, no second suffix.
    const again: NodeJS.ProcessEnv = { ...process.env };
    await databasePerWorker(again);
    expect(again.DATABASE_URL).toBe(url);
  });
});
