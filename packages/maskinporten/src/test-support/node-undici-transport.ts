// Run by transport.test.ts in a process of its own: Node's `fetch` goes first, so Node's own
// undici (6 on Node 20) installs the global dispatcher before the undici package (7) is imported,
// as in the BFF. Then the transport's checks against the server at argv[2], printed as one JSON line.
const base = process.argv[2]!;
await (await fetch(`${base}/`)).arrayBuffer();
const { Agent, getGlobalDispatcher } = await import("undici");
const { failureOfFetch, undiciTransport } = await import("../transport");
const get = (path: string, known?: Uint8Array) =>
  undiciTransport({
    method: "GET",
    url: `${base}${path}`,
    headers: { accept: "application/json" },
    timeoutMs: 1_000,
    ...(known ? { known } : {}),
  });
const first = await get("/");
const second = await get("/", first.bytes);
const posted = await undiciTransport({
  method: "POST",
  url: `${base}/anything`,
  headers: { "content-type": "application/json" },
  body: '{"a":1}',
  timeoutMs: 1_000,
});
const slow = await get("/slow").catch((e: unknown) => e);
process.stdout.write(
  `${JSON.stringify({
    nodeOwnDispatcher: !(getGlobalDispatcher() instanceof Agent),
    length: first.bytes.length,
    correlationId: first.headers.get("X-Correlation-ID"),
    sameArray: second.bytes === first.bytes,
    postStatus: posted.status,
    postBody: new TextDecoder().decode(posted.bytes),
    retryAfter: posted.headers.get("retry-after"),
    slow: failureOfFetch(slow),
  })}\n`,
);
process.exit(0);

export {};
