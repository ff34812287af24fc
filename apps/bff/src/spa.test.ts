import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BffEnv } from "./context";
import { serveWebApp } from "./spa";

// Issue 14, defect 8: after a redeploy an old page asks for scripts that are gone. Answering
// them with index.html (200, text/html) makes the browser fail on a script and the page go white.
let dir: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "portvakt-spa-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Portvakt</title>");
  writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
  const app = new Hono<BffEnv>();
  serveWebApp(app, dir);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close?.();
  rmSync(dir, { recursive: true, force: true });
});

describe("the web app's files", () => {
  it("serves a hashed asset that exists, cached for a year", async () => {
    const response = await fetch(`${base}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it.each(["/assets/index-old999.js", "/assets/page-gone.css", "/assets/sub/x.js", "/gone.js"])(
    "answers a missing file %s with 404, not index.html",
    async (path) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type") ?? "").not.toContain("text/html");
      expect(response.headers.get("cache-control")).toBe("no-store");
    },
  );

  it("still answers a client route with index.html", async () => {
    const response = await fetch(`${base}/scopes/new`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<title>Portvakt</title>");
  });
});
