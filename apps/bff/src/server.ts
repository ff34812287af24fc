import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type ServerType, serve } from "@hono/node-server";
import type { KyselyPlugin } from "kysely";
import type { Logger } from "pino";
import { type AccessLostNotice, AccessWatch } from "./alerts/access";
import { type DriftNotice, DriftWatch } from "./alerts/drift";
import { ExpiryAlerts } from "./alerts/expiry";
import { claimNotice, type NoticeChannels, Notifier } from "./alerts/notify";
import { createApp } from "./app";
import { AuditStore, type NewAuditEntry } from "./audit/store";
import { AuditStream } from "./audit/stream";
import { auditFields, auditText, codedTarget, targetFields, targetPart } from "./audit/text";
import { ApiTokenStore } from "./auth/api-tokens";
import { SharedRateLimiter } from "./auth/rate-limit";
import { SessionRevocations } from "./auth/revocations";
import { createSignIn } from "./auth/sign-in";
import { type BulkJobSettings, BulkJobs } from "./bulk/jobs";
import { ChangeGuard } from "./changes/guard";
import { InProcessLocks, PostgresAdvisoryLocks } from "./changes/locks";
import type { PortvaktConfig } from "./config";
import { reloadCredentials } from "./credential-reload";
import { databaseLocation, openDatabase } from "./database";
import { ChangeRequests } from "./four-eyes/service";
import { ChangeRequestStore } from "./four-eyes/store";
import { Readiness } from "./health";
import { type AdminKeyRotation, rotateOwnAdminKey } from "./keys/admin-rotation";
import { BffMetrics } from "./metrics";
import { clientAddress, TrustedProxies } from "./security/client-address";
import { createEnvironment, type Environment } from "./upstream";

export interface RunningBff {
  url: string;
  audit: AuditStore;
  readiness: Readiness;
  changeGuard: ChangeGuard;
  /** Bulk grant/revoke jobs (issue 17): taken up again at start, stopped (rows under way finish) at close. */
  bulkJobs: BulkJobs;
  /**
   * Four-eyes change requests (issue 18 #2): `submit` one, `register` the executor of a kind
   * (a route's own changes are deferred and replayed without this).
   */
  changeRequests: ChangeRequests;
  environments: readonly Environment[];
  /** Checks key expiry now and sends the notices due (the BFF also does it on a timer). */
  checkExpiry(): Promise<import("./alerts/expiry").ExpiryNotice[]>;
  /**
   * Compares what the organisations may use as consumers with the last look and notifies losses.
   * `between` runs after the look, before any notice is claimed (tests of the claim hold two
   * instances there).
   */
  checkAccess(options?: { between?: () => Promise<void> }): Promise<AccessLostNotice[]>;
  /** Plans the configured documents against Digdir and notifies new drift. */
  checkDrift(): Promise<DriftNotice[]>;
  /** Rotates each environment's own admin key that is due (`adminKeyRotation`); one instance does it. */
  rotateAdminKeys(): Promise<AdminKeyRotation[]>;
  /** Prunes the audit log now by the retention setting (the BFF also does it on a timer). */
  pruneAuditLog(): Promise<void>;
  /**
   * Reads the credential files now (the BFF also does every `credentialCheckSeconds`): a look
   * already under way is waited for, then the files are read again, so changes made before the
   * call are always seen.
   */
  reloadCredentials(): Promise<void>;
  /** Stops accepting, lets requests under way finish (bounded), then closes the audit store. */
  close(options?: { drainMs?: number }): Promise<void>;
}

/** The /metrics bearer token from `metricsTokenFile` or `metricsTokenEnv`; throws when it is empty. */
async function metricsTokenOf(
  config: PortvaktConfig,
  processEnv: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (!config.metricsTokenFile && !config.metricsTokenEnv) return undefined;
  const token = config.metricsTokenFile
    ? (await readFile(config.metricsTokenFile, "utf8")).trim()
    : processEnv[config.metricsTokenEnv!]?.trim();
  if (!token || token.length < 16) {
    throw new Error(
      "The /metrics bearer token (metricsTokenFile or metricsTokenEnv) is missing or shorter than 16 characters",
    );
  }
  return token;
}

/** Loads every environment's credential (failing fast) and starts listening. */
export async function startBff(
  config: PortvaktConfig,
  logger: Logger,
  options: {
    processEnv?: NodeJS.ProcessEnv;
    /**
     * The clock for sessions, readiness and the settling of unknown outcomes (ChangeGuard's
     * `settleMs`), epoch ms (tests pass their own).
     */
    now?: () => number;
    /**
     * Kysely plugins every query of the audit store's database goes through (tests: a
     * `DatabaseOutage` makes the whole database refuse, not only audit writes).
     */
    databasePlugins?: readonly KyselyPlugin[];
    /**
     * Bulk jobs' settings over their defaults (`BulkJobSettings`: `leaseMs` in ms, a scan for
     * jobs to take up every third of it). Tests shorten the lease instead of waiting 5 s for a
     * scan; the configuration file has no such setting.
     */
    bulkJobs?: Partial<BulkJobSettings>;
  } = {},
): Promise<RunningBff> {
  let environments: Environment[] = [];
  const metrics = new BffMetrics(() => environments);
  // Odd rows of Digdir's answers are shown (flagged) and logged once per process per kind.
  const loggedKinds = new Set<string>();
  const logRowWarningOnce = (
    warning: { kind: string; field?: string; message: string },
    where: { method: string; path: string },
  ) => {
    const kind = `${warning.kind}:${warning.field ?? ""}`;
    if (loggedKinds.has(kind)) return;
    loggedKinds.add(kind);
    logger.warn(
      { kind: warning.kind, field: warning.field, method: where.method, path: where.path },
      `Digdir answered an odd row (shown, flagged in portvakt_warnings; logged once per kind): ${warning.message}`,
    );
  };
  environments = await Promise.all(
    config.environments.map(async (env) => {
      try {
        return await createEnvironment(env, {
          timeoutMs: config.upstreamTimeoutMs,
          fetch: metrics.measuredFetch(env.id),
          transport: metrics.measuredTransport(env.id),
          onRowWarning: logRowWarningOnce,
          ...(options.processEnv ? { processEnv: options.processEnv } : {}),
        });
      } catch (error) {
        throw new Error(`Environment "${env.id}": ${(error as Error).message}`, { cause: error });
      }
    }),
  );
  const location = databaseLocation(config.databaseUrl, config.auditDatabasePath);
  const db = await openDatabase(location, options.databasePlugins);
  const audit = new AuditStore(db, { logger });
  const streamSettings = config.auditLog.stream;
  let auditStream: AuditStream | undefined;
  if (streamSettings.stdout || streamSettings.webhookUrl) {
    const tokenEnv = streamSettings.webhookTokenEnv;
    const webhookToken = tokenEnv ? (options.processEnv ?? process.env)[tokenEnv] : undefined;
    if (tokenEnv && !webhookToken) {
      await db.destroy();
      throw new Error(`The variable ${tokenEnv} (auditLog.stream.webhookTokenEnv) is not set`);
    }
    auditStream = new AuditStream(
      {
        stdout: streamSettings.stdout,
        ...(streamSettings.webhookUrl ? { webhookUrl: streamSettings.webhookUrl } : {}),
        ...(webhookToken ? { webhookToken } : {}),
      },
      logger,
    );
    audit.onAppend(auditStream.push);
  }
  // With PostgreSQL every instance takes turns per resource; with SQLite there is one instance.
  const locks =
    location.kind === "postgres"
      ? new PostgresAdvisoryLocks(db, { waitMs: 4 * config.upstreamTimeoutMs })
      : new InProcessLocks();
  // With PostgreSQL the rate limits hold across instances too: the instances behind one public
  // origin share a bucket, other deployments (or test stacks) on the same database do not.
  const shared =
    location.kind === "postgres"
      ? {
          mutations: new SharedRateLimiter(
            db,
            `mutation:${config.publicOrigin ?? ""}`,
            config.auth.mutationsPerMinute,
            60_000,
          ),
          signIn: new SharedRateLimiter(
            db,
            `sign-in:${config.publicOrigin ?? ""}`,
            config.auth.signInPerMinute,
            60_000,
          ),
        }
      : undefined;
  const changeGuard = new ChangeGuard({
    db,
    audit,
    locks,
    apiOf: (env) => environments.find((e) => e.config.id === env)?.api,
    settings: {
      windowMs: config.outcome.windowMs ?? config.upstreamTimeoutMs,
      settleMs: config.outcome.settleMs ?? 4 * config.upstreamTimeoutMs,
      intervalMs: config.outcome.intervalMs,
      orphanMs: config.outcome.orphanMs,
    },
    logger,
    ...(options.now ? { now: options.now } : {}),
  });
  const bulkJobs = new BulkJobs({
    db,
    audit,
    changeGuard,
    environments: () => environments,
    deployment: config.publicOrigin ?? "",
    logger,
    ...(options.bulkJobs ? { settings: options.bulkJobs } : {}),
  });
  const now = options.now ?? Date.now;
  const fourEyesEnvs = new Set(config.environments.filter((e) => e.fourEyes).map((e) => e.id));
  const apiTokens = new ApiTokenStore(db, now);
  const changeRequests = new ChangeRequests(
    new ChangeRequestStore(db, config.changeRequests.expiryDays * 24 * 3_600_000, now),
    audit,
    (env) => fourEyesEnvs.has(env),
    { now, issuerOf: (sub) => apiTokens.issuerOf(sub) },
  );
  // Approved requests whose instance stopped while carrying them out are settled (never run
  // again) once their claim has run out: at start and every minute, by whichever instance.
  const settleChangeRequests = () =>
    changeRequests.settleUnfinished().catch((error: Error) => {
      logger.error({ err: { message: error.message } }, "settling change requests failed");
      return [];
    });
  const settleTimer = setInterval(() => void settleChangeRequests(), 60_000);
  settleTimer.unref();
  void settleChangeRequests();
  const readiness = new Readiness({ environments, audit, logger, now });
  let inFlight = 0;
  let drained: (() => void) | undefined;
  // The port may be 0 (any free one): listen first, then build the app that needs the origin.
  let app: ReturnType<typeof createApp> | undefined;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      {
        fetch: (request, env) =>
          app ? app.fetch(request, env) : new Response("starting", { status: 503 }),
        port: config.port,
        hostname: config.host,
      },
      () => resolve(s),
    );
    // A port in use (EADDRINUSE) or not allowed fails the start instead of an uncaught error.
    s.once("error", async (error) => {
      await db.destroy().catch(() => {});
      reject(
        new Error(`Portvakt cannot listen on ${config.host}:${config.port}: ${error.message}`, {
          cause: error,
        }),
      );
    });
  });
  // Counted until the last byte is written, so a shutdown never cuts a response short.
  server.on("request", (_request, response) => {
    inFlight++;
    response.on("close", () => {
      if (--inFlight === 0) drained?.();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  const publicOrigin = config.publicOrigin?.replace(/\/+$/, "") ?? url;
  const proxies = new TrustedProxies(config.trustedProxies);
  try {
    const metricsBearerToken = await metricsTokenOf(config, options.processEnv ?? process.env);
    const signIn = await createSignIn({
      config: config.auth,
      environmentIds: environments.map((env) => env.config.id),
      publicOrigin,
      revocations: new SessionRevocations(db, now),
      database: db,
      now,
      clientAddress: (c) => clientAddress(c, proxies),
      ...(shared ? { signInLimiter: shared.signIn } : {}),
      logger,
      ...(options.processEnv ? { processEnv: options.processEnv } : {}),
    });
    app = createApp({
      config,
      environments,
      logger,
      audit,
      signIn,
      publicOrigin,
      metrics,
      readiness,
      ...(metricsBearerToken ? { metricsToken: metricsBearerToken } : {}),
      changeGuard,
      bulkJobs,
      ...(shared ? { mutationLimiter: shared.mutations } : {}),
      apiTokens,
      changeRequests,
    });
  } catch (error) {
    server.close();
    await db.destroy();
    throw error;
  }
  void readiness.start();
  let reloading: Promise<void> | undefined;
  const reload = () => {
    // One look at a time; a renewed credential is reflected in /readyz at once.
    reloading ??= reloadCredentials(environments, logger, metrics)
      .then(async (changed) => {
        if (changed) await readiness.check();
      })
      .finally(() => {
        reloading = undefined;
      });
    return reloading;
  };
  // An explicit look must see the files as they are now: a look already under way may have read
  // them before the caller changed them, so it is waited for and a new one started.
  const reloadNow = async () => {
    await reloading?.catch(() => undefined);
    return reload();
  };
  const credentialTimer = setInterval(() => void reload(), config.credentialCheckSeconds * 1000);
  credentialTimer.unref();
  changeGuard.start();
  // Expiry alerts: every check reads the keys (for /metrics too) and sends the notices due.
  const alertSettings = config.alerts;
  const smtpUrl = alertSettings.email
    ? (options.processEnv ?? process.env)[alertSettings.email.smtpUrlEnv]
    : undefined;
  if (alertSettings.email && !smtpUrl) {
    logger.error(
      { variable: alertSettings.email.smtpUrlEnv },
      "expiry alerts: the SMTP URL variable is not set; no e-mail is sent",
    );
  }
  const channels: NoticeChannels = {
    language: alertSettings.language,
    webhooks: alertSettings.webhooks,
    ...(alertSettings.email && smtpUrl
      ? {
          email: {
            smtpUrl,
            from: alertSettings.email.from,
            to: alertSettings.email.to,
            ...(alertSettings.email.language ? { language: alertSettings.email.language } : {}),
          },
        }
      : {}),
  };
  const notifier = new Notifier({ db, channels, logger, now });
  const expiryAlerts = new ExpiryAlerts({
    notifier,
    thresholdsDays: alertSettings.thresholdsDays,
    logger,
    now,
    environments: () => environments,
  });
  metrics.watchClientKeys(() => expiryAlerts.keys);
  // One check at a time in this instance (a timer tick and a test's call never interleave);
  // instances among themselves are kept apart by the claims in the store.
  let alertChain: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = alertChain.then(run);
    alertChain = next.catch(() => {});
    return next;
  };
  const checkExpiry = () =>
    serial(async () => {
      try {
        return await expiryAlerts.check();
      } catch (error) {
        logger.error({ err: { message: (error as Error).message } }, "expiry check failed");
        return [];
      }
    });
  const accessWatch = new AccessWatch({
    db,
    notifier,
    logger,
    now,
    environments: () => environments,
  });
  const driftWatch = new DriftWatch({
    notifier,
    logger,
    environments: () => environments,
    sources: alertSettings.drift,
  });
  const checkAccess = ({ between }: { between?: () => Promise<void> } = {}) =>
    serial(async (): Promise<AccessLostNotice[]> => {
      if (!alertSettings.consumerAccess) return [];
      try {
        return await accessWatch.check(between);
      } catch (error) {
        logger.error({ err: { message: (error as Error).message } }, "access check failed");
        return [];
      }
    });
  const checkDrift = () => serial(() => driftWatch.check());
  const rotateAdminKeys = () =>
    serial(async (): Promise<AdminKeyRotation[]> => {
      const done: AdminKeyRotation[] = [];
      if (!config.adminKeyRotation.enabled) return done;
      for (const env of environments) {
        const source = env.config.credential;
        if (source.type !== "jwk" || env.credential.kind !== "jwk") continue;
        // One instance rotates a key: the one whose claim of it succeeds.
        const due = await rotateOwnAdminKey(env, {
          beforeDays: config.adminKeyRotation.beforeDays,
          now,
          logger,
          dryRun: true,
        });
        if (due.status !== "due") {
          done.push(due);
          continue;
        }
        const claim = `rotate:${env.config.id}:${env.credential.kid}`;
        if (!(await claimNotice(db, claim, 0, now()))) continue;
        const result = await rotateOwnAdminKey(env, {
          beforeDays: config.adminKeyRotation.beforeDays,
          now,
          logger,
          credentialPath: source.path,
        });
        // Digdir's admin client changed (or a change was tried): recorded as any change is,
        // kept and written later when the audit store fails (issue 13's kind).
        if (result.status === "rotated" || result.status === "failed") {
          await audit.appendKept(adminKeyRotationEntry(env, result));
        }
        // A failed rotation is tried again at the next check (by whichever instance claims it).
        if (result.status === "failed") {
          await db.deleteFrom("alert_sent").where("key", "=", claim).execute();
        }
        done.push(result);
      }
      return done;
    });
  const checkAlerts = async () => {
    await rotateAdminKeys();
    await checkExpiry();
    await checkAccess();
    await checkDrift();
  };
  const alertTimer = setInterval(
    () => void checkAlerts(),
    alertSettings.checkIntervalMinutes * 60_000,
  );
  alertTimer.unref();
  if (alertSettings.webhooks.length > 0 || alertSettings.email) void checkAlerts();
  // Retention: the oldest entries go, the chain's anchor moves (every instance may run it; the
  // chain's lock makes them take turns).
  const retentionDays = config.auditLog.retentionDays;
  const prune = async () => {
    if (!retentionDays) return;
    try {
      const removed = await audit.prune(
        new Date(now() - retentionDays * 86_400_000).toISOString(),
        now,
      );
      if (removed > 0) logger.info({ removed, retention_days: retentionDays }, "audit log pruned");
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, "audit log pruning failed");
    }
  };
  const pruneTimer = retentionDays
    ? setInterval(() => void prune(), config.auditLog.pruneIntervalMinutes * 60_000)
    : undefined;
  pruneTimer?.unref();
  void prune();
  bulkJobs.start();
  for (const env of environments) {
    logger.info(
      { env: env.config.id, orgno: env.credential.orgno, client_id: env.config.clientId },
      "environment ready",
    );
  }
  return {
    url,
    audit,
    readiness,
    changeGuard,
    bulkJobs,
    changeRequests,
    environments,
    reloadCredentials: reloadNow,
    pruneAuditLog: prune,
    checkExpiry,
    checkAccess,
    checkDrift,
    rotateAdminKeys,
    close: async ({ drainMs = 10_000 } = {}) => {
      readiness.stop();
      clearInterval(credentialTimer);
      if (pruneTimer) clearInterval(pruneTimer);
      clearInterval(alertTimer);
      clearInterval(settleTimer);
      await bulkJobs.stop();
      await changeGuard.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open; busy ones finish their request.
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise((resolve) => setTimeout(resolve, drainMs).unref()),
        ]);
      }
      if ("closeAllConnections" in server) server.closeAllConnections();
      await closed;
      await audit.close();
      await auditStream?.close(Math.min(drainMs, 5_000));
      await db.destroy();
    },
  };
}

/**
 * The audit entry of a rotation of an environment's own admin key (`rotateOwnAdminKey`): Portvakt
 * itself is the actor (role `system`); `success` with both kids; `partial` when it signs with the
 * new key but the old one could not be removed; `failure` with the error's words (the old key is
 * kept then, and the entry names a new key whose removal failed too).
 */
function adminKeyRotationEntry(
  env: Environment,
  result: Extract<AdminKeyRotation, { status: "rotated" | "failed" }>,
): NewAuditEntry {
  const clientId = env.config.clientId;
  return {
    actor: { sub: "portvakt", name: "Portvakt" },
    role: "system",
    env: env.config.id,
    action: "admin-key.rotate",
    ...targetFields(codedTarget(targetPart("audit.target.client", { id: clientId }))),
    // Rotated but the old key left registered: the change happened, not all of it (partial).
    outcome: result.status === "failed" ? "failure" : result.oldKeyLeft ? "partial" : "success",
    status: result.status === "rotated" ? 200 : 502,
    requestId: `rotation-${randomUUID()}`,
    ...auditFields(
      result.status === "rotated"
        ? result.oldKeyLeft
          ? auditText("audit.admin-key.rotated-old-left", {
              clientId,
              oldKid: result.oldKid,
              newKid: result.newKid,
              words: result.oldKeyLeft,
            })
          : auditText("audit.admin-key.rotated", {
              clientId,
              oldKid: result.oldKid,
              newKid: result.newKid,
            })
        : result.newKid && result.newKeyLeft
          ? auditText("audit.admin-key.failed-new-left", {
              clientId,
              kid: result.kid,
              newKid: result.newKid,
              words: result.error,
            })
          : auditText("audit.admin-key.failed", {
              clientId,
              kid: result.kid,
              words: result.error,
            }),
    ),
  };
}
