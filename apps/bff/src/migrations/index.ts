import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_audit_and_sessions";
import * as m0002 from "./0002_session_roles";
import * as m0003 from "./0003_change_outcomes";
import * as m0004 from "./0004_bulk_jobs";
import * as m0005 from "./0005_api_tokens";
import * as m0006 from "./0006_audit_chain";
import * as m0007 from "./0007_expiry_alerts";
import * as m0008 from "./0008_change_requests";
import * as m0009 from "./0009_consumer_access_seen";
import * as m0010 from "./0010_audit_codes";
import * as m0011 from "./0011_coded_outcomes";
import * as m0012 from "./0012_pending_target_parts";
import * as m0013 from "./0013_change_intent";
import * as m0014 from "./0014_bulk_job_audited_at";

/**
 * Every change to the audit store's schema (SQLite and PostgreSQL alike), in order. Kysely's
 * Migrator applies the ones a database has not had yet when the BFF starts, recording each in
 * `kysely_migration`; several instances starting at once take turns (`kysely_migration_lock`).
 *
 * Adding a change (see README, Upgrades):
 * 1. Write `NNNN_what.ts` in this folder, the next number, exporting `up(db: Kysely<unknown>)`
 *    written with Kysely's schema builder so that it runs on both dialects. Never edit a migration
 *    that has been released: databases out there have already run it.
 * 2. Add it to the list below (`migrations.test.ts` fails when a file is not listed).
 * 3. Update the table types in `../database.ts`.
 * 4. `migrations.integration.test.ts` migrates the previous release's database (a dump in
 *    `fixtures/`) to the latest schema on SQLite and, under `pnpm test:postgres`, PostgreSQL; at a
 *    release, add that release's dump there (`fixtures/README.md` says how).
 *
 * A migration is not reversible: there is no `down`, a rollback restores the database backup.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  "0001_audit_and_sessions": m0001,
  "0002_session_roles": m0002,
  "0003_change_outcomes": m0003,
  "0004_bulk_jobs": m0004,
  "0005_api_tokens": m0005,
  "0006_audit_chain": m0006,
  "0007_expiry_alerts": m0007,
  "0008_change_requests": m0008,
  "0009_consumer_access_seen": m0009,
  "0010_audit_codes": m0010,
  "0011_coded_outcomes": m0011,
  "0012_pending_target_parts": m0012,
  "0013_change_intent": m0013,
  "0014_bulk_job_audited_at": m0014,
};

/** The migrations above for Kysely's `Migrator` (they are bundled, so no folder is read). */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
