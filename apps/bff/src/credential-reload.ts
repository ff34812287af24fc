import type { Logger } from "pino";
import type { BffMetrics } from "./metrics";
import type { Environment } from "./upstream";

/**
 * Looks at every environment's credential files and takes a renewed credential into use without
 * a restart (mounted secrets are replaced in place). Logs each reload with the new expiry (the
 * metric `portvakt_credential_days_to_expiry` follows at once), and each changed file set that
 * does not load (wrong password, key and certificate not a pair, expired), keeping the
 * credential in use. Answers whether any credential changed.
 */
export async function reloadCredentials(
  environments: readonly Environment[],
  logger: Logger,
  metrics?: BffMetrics,
): Promise<boolean> {
  let changed = false;
  for (const env of environments) {
    const result = await env.reloadCredential();
    if (result.status === "unchanged") continue;
    metrics?.credentialReloads.inc({ env: env.config.id, outcome: result.status });
    if (result.status === "reloaded") {
      changed = true;
      const credential = result.credential;
      logger.info(
        {
          env: env.config.id,
          kind: credential.kind,
          ...(credential.kind === "certificate"
            ? { subject: credential.subject, notAfter: credential.notAfter.toISOString() }
            : {}),
        },
        "credential reloaded: its files changed",
      );
    } else {
      logger.error(
        { env: env.config.id, err: { message: result.error.message } },
        "the changed credential files cannot be used; keeping the credential in use",
      );
    }
  }
  return changed;
}
