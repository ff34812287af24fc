import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { BffEnv } from "./context";

/**
 * Serves the built web app: hashed assets cached for a year, everything else answered with
 * index.html so that client routes (/scopes, /clients/:id) survive a reload.
 */
export function serveWebApp(app: Hono<BffEnv>, webDist: string): void {
  const indexPath = join(webDist, "index.html");
  if (!existsSync(indexPath)) {
    throw new Error(`WEB_DIST has no index.html: ${webDist} (run pnpm build)`);
  }
  const indexHtml = readFileSync(indexPath, "utf8");
  app.use(
    "/assets/*",
    async (c, next) => {
      await next();
      if (c.res.status === 200) c.header("Cache-Control", "public, max-age=31536000, immutable");
    },
    serveStatic({ root: webDist }),
  );
  // Only what looks like a file reaches the disk: a directory (e.g. "/") must never be read.
  app.get("/:file{[^/]+\\.[A-Za-z0-9]+}", serveStatic({ root: webDist }));
  app.get("*", (c) => {
    c.header("Cache-Control", "no-cache");
    return c.html(indexHtml);
  });
}
