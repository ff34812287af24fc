import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { proxy } from "hono/proxy";

// Baseline of issue 17: the framework's floor. A bare Hono app on `@hono/node-server` that sends
// each request to UPSTREAM with Hono's proxy helper (`fetch` underneath) and streams the answer's
// body back. Its own process, so it shares an event loop with neither the upstream nor the load
// generator.
const upstream = (process.env.UPSTREAM ?? "http://127.0.0.1:1").replace(/\/+$/, "");

const app = new Hono();
app.all("*", (c) => {
  const url = new URL(c.req.url);
  return proxy(`${upstream}${url.pathname}${url.search}`, {
    ...c.req,
    headers: { ...c.req.header(), host: undefined },
  });
});

const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  process.exit(0);
});
