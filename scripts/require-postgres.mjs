// `pnpm test:postgres` runs the BFF suite against PostgreSQL: refuse to run it against SQLite.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  console.error(
    'Set DATABASE_URL to a PostgreSQL database, e.g. eval "$(scripts/test-postgres.sh)"',
  );
  process.exit(1);
}
