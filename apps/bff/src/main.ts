import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logger";
import { startBff } from "./server";

try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const bff = await startBff(config, logger);
  logger.info({ url: bff.url }, "Portvakt BFF listening");
  const stop = () => {
    bff.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  process.stderr.write(`Portvakt cannot start:\n${message}\n`);
  process.exit(1);
}
