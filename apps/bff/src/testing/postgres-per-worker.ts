import pg from "pg";

/**
 * Vitest setup file of the BFF project: under `pnpm test:postgres` (DATABASE_URL names a
 * PostgreSQL database) each Vitest worker gets a database of its own, so the suite runs two files
 * at a time as it does on SQLite. Worker N (VITEST_POOL_ID, 1-based) uses `<database>_w<N>` on
 * the same server, made on first use (owned by DATABASE_URL's user, from template1); this file
 * sets DATABASE_URL to it before the test file is imported, and child processes (a second BFF,
 * `startBffProcess`) inherit it. The files of one worker run one after another and share its
 * database, as all files shared the one database before. The databases are not dropped: they
 * live in the throwaway cluster of scripts/test-postgres.sh.
 * Does nothing without a PostgreSQL DATABASE_URL (SQLite runs) or outside a Vitest worker.
 * Throws (failing the file) when the database can neither be found nor made.
 */
export async function databasePerWorker(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // The URL the run was started with, kept so a reused worker process does not add a suffix twice.
  const base = env.PORTVAKT_TEST_DATABASE_BASE ?? env.DATABASE_URL;
  const worker = env.VITEST_POOL_ID;
  if (!base || !/^postgres(ql)?:\/\//.test(base) || !worker || !/^\d+$/.test(worker)) return;
  const url = new URL(base);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || "postgres"}_w${worker}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database "${name.replaceAll('"', '""')}"`);
      } catch (error) {
        // 42P04 duplicate_database: it exists after all (made since the look-up).
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
    }
  } finally {
    await client.end();
  }
  url.pathname = `/${encodeURIComponent(name)}`;
  env.PORTVAKT_TEST_DATABASE_BASE = base;
  env.DATABASE_URL = url.toString();
}

await databasePerWorker();
