import http from "node:http";

// Baseline of issue 17: the cost of one hop and nothing else. A bare Node `http` server that pipes
// each request to UPSTREAM over a keep-alive agent and pipes the answer back, headers as they are.
// Its own process, so it shares an event loop with neither the upstream nor the load generator.
const upstream = new URL(process.env.UPSTREAM ?? "http://127.0.0.1:1");
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const server = http.createServer((req, res) => {
  const out = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
      agent,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  out.on("error", () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(out);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  agent.destroy();
  process.exit(0);
});
