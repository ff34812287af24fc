import { type ServerType, serve } from "@hono/node-server";
import type { Logger } from "pino";
import { createApp } from "./app";
import { AuditStore } from "./audit/store";
import { SessionRevocations } from "./auth/revocations";
import { createSignIn } from "./auth/sign-in";
import type { PortvaktConfig } from "./config";
import { databaseLocation, openDatabase } from "./database";
import { createEnvironment } from "./upstream";

export interface RunningBff {
  url: string;
  audit: AuditStore;
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
  const db = await openDatabase(databaseLocation(config.databaseUrl, config.auditDatabasePath));
  const audit = new AuditStore(db);
  // The port may be 0 (any free one): listen first, then build the app that needs the origin.
  let app: ReturnType<typeof createApp> | undefined;
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: (request, env) =>
          app ? app.fetch(request, env) : new Response("starting", { status: 503 }),
        port: config.port,
        hostname: config.host,
      },
      () => resolve(s),
    );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  const publicOrigin = config.publicOrigin?.replace(/\/+$/, "") ?? url;
  try {
    const signIn = await createSignIn({
      config: config.auth,
      environmentIds: environments.map((env) => env.config.id),
      publicOrigin,
      revocations: new SessionRevocations(db),
      logger,
      ...(options.processEnv ? { processEnv: options.processEnv } : {}),
    });
    app = createApp({ config, environments, logger, audit, signIn, publicOrigin });
  } catch (error) {
    server.close();
    await db.destroy();
    throw error;
  }
  for (const env of environments) {
    logger.info(
      { env: env.config.id, orgno: env.credential.orgno, client_id: env.config.clientId },
      "environment ready",
    );
  }
  return {
    url,
    audit,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await db.destroy();
    },
  };
}
