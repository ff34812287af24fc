import { runAuditCommand } from "./audit/command";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { useProxyFromEnvironment } from "./outbound";
import { startBff } from "./server";

// `audit verify`: check the audit log's hash chain and exit (README, Audit log).
if (process.argv[2] === "audit") process.exit(await runAuditCommand(process.argv.slice(3)));

try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const proxy = useProxyFromEnvironment();
  if (proxy) logger.info({ proxy }, "outbound HTTP goes through a proxy");
  // Test-only: a parent test harness moves this process's clock and runs its checks over the
  // IPC channel (testing/child-control.ts). The container image's bundle has none of it.
  const control = process.env.PORTVAKT_TEST_CONTROL
    ? (await import("./testing/child-control")).childControl()
    : undefined;
  const bff = await startBff(config, logger, control ? { now: control.now } : {});
  control?.attach(bff);
  logger.info({ url: bff.url }, "Portvakt BFF listening");
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing requests under way");
    bff.close({ drainMs: Number(process.env.SHUTDOWN_DRAIN_MS ?? 10_000) }).then(
      () => {
        logger.info("stopped");
        logger.flush();
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ err: { message: error.message } }, "shutdown failed");
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} catch (error) {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  process.stderr.write(`Portvakt cannot start:\n${message}\n`);
  process.exit(1);
}
