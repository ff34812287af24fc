import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, Hono } from "hono";
import type { BffEnv } from "./context";

/** A path that names one file at the root, such as /favicon.svg. */
const FILE_PATH = /^\/[^/]+\.[A-Za-z0-9]+$/;

/**
 * Serves the built web app: hashed assets cached for a year, everything else answered with
 * index.html so that client routes (/scopes, /clients/:id) survive a reload; a missing asset or
 * file answers 404 (`no-store`).
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
  // A file that is not there (a script of the version before a redeploy) is a 404, never
  // index.html: HTML answered for a script makes the page go white (issue 14, defect 8).
  const missing = (c: Context<BffEnv>) => {
    c.header("Cache-Control", "no-store");
    return c.text("Not found", 404);
  };
  app.get("/assets/*", missing);
  // Only what looks like a file (one segment with an extension: /favicon.svg) reaches the disk; a
  // directory (e.g. "/") must never be read. A check inside the catch-all, not a `/:file{…}`
  // route: a pattern parameter beside static routes is ambiguous to the RegExpRouter (app.ts).
  const serveFile = serveStatic({ root: webDist });
  app.get(
    "*",
    (c, next) => (FILE_PATH.test(c.req.path) ? serveFile(c, next) : next()),
    (c, next) => (FILE_PATH.test(c.req.path) ? missing(c) : next()),
    (c) => {
      c.header("Cache-Control", "no-cache");
      return c.html(indexHtml);
    },
  );
}
