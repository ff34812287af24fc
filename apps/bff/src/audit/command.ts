import { loadConfig } from "../config";
import { databaseLocation, openDatabase } from "../database";
import { AuditStore } from "./store";

const USAGE = `Usage: portvakt-bff audit verify [--json]

Checks the audit log's hash chain in the database the configuration (PORTVAKT_CONFIG,
DATABASE_URL) names, from the pruning anchor to the newest entry. Exit code 0: intact;
1: the first altered, deleted or unchained entry is named; 2: usage or configuration error.`;

/**
 * `audit verify` (issue 18 #6): run as `node server.mjs audit verify` in the image, or
 * `pnpm audit-log verify` from the source tree. Writes the report to `out` (or `err` when the
 * chain is broken); returns the exit code.
 */
export async function runAuditCommand(
  args: readonly string[],
  io: {
    env?: NodeJS.ProcessEnv;
    out?: (text: string) => void;
    err?: (text: string) => void;
  } = {},
): Promise<number> {
  const out = io.out ?? ((t) => process.stdout.write(t));
  const err = io.err ?? ((t) => process.stderr.write(t));
  const [command, ...flags] = args;
  const json = flags.includes("--json");
  if (command !== "verify" || flags.some((f) => f !== "--json")) {
    err(`${USAGE}\n`);
    return 2;
  }
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    const config = loadConfig(io.env ?? process.env);
    db = await openDatabase(databaseLocation(config.databaseUrl, config.auditDatabasePath));
  } catch (error) {
    err(`Cannot open the audit log: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const report = await new AuditStore(db).verify();
    if (json) (report.ok ? out : err)(`${JSON.stringify(report)}\n`);
    else if (report.ok) {
      out(
        `The audit log is intact: ${report.checked} entries (seq ${report.anchor.seq + 1} to ${report.head.seq}); head hash ${report.head.hash}\n`,
      );
    } else {
      err(`The audit log is NOT intact: ${report.problem?.message}\n`);
    }
    return report.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}
