import { type ServerType, serve } from "@hono/node-server";
import type { Logger } from "pino";
import { createApp } from "./app";
import type { PortvaktConfig } from "./config";
import { createEnvironment } from "./upstream";

export interface RunningBff {
  url: string;
  close(): Promise<void>;
}

/** Loads every environment's credential (failing fast) and starts listening. */
export async function startBff(
  config: PortvaktConfig,
  logger: Logger,
  options: { processEnv?: NodeJS.ProcessEnv } = {},
): Promise<RunningBff> {
  const environments = await Promise.all(
    config.environments.map(async (env) => {
      try {
        return await createEnvironment(env, {
          timeoutMs: config.upstreamTimeoutMs,
          ...(options.processEnv ? { processEnv: options.processEnv } : {}),
        });
      } catch (error) {
        throw new Error(`Environment "${env.id}": ${(error as Error).message}`, { cause: error });
      }
    }),
  );
  const app = createApp({ config, environments, logger });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  for (const env of environments) {
    logger.info(
      { env: env.config.id, orgno: env.credential.orgno, client_id: env.config.clientId },
      "environment ready",
    );
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
