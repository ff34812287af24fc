import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { Agent, type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOfFetch, undiciTransport } from "./transport";

const run = promisify(execFile);

// The default transport over real HTTP: a body large enough to arrive in several chunks.
let server: Server;
let base: string;
let body = Buffer.alloc(300_000, "a");

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/slow") return void setTimeout(() => res.end("late"), 2_000);
    if (req.url === "/drip") {
      // Headers at once, then a byte every 100 ms: each chunk within any idle time-out, the
      // whole body past the deadline.
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (req.method === "POST") {
      const parts: Buffer[] = [];
      req.on("data", (part: Buffer) => parts.push(part));
      req.on("end", () => {
        res.writeHead(422, [
          ["Retry-After", "7"],
          ["X-Seen", "a"],
          ["X-Seen", "b"],
        ]);
        res.end(Buffer.concat(parts));
      });
      return;
    }
    res.setHeader("X-Correlation-ID", "corr-1");
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const get = (known?: Uint8Array, path = "/", signal?: AbortSignal) =>
  undiciTransport({
    method: "GET",
    url: `${base}${path}`,
    headers: { accept: "application/json" },
    timeoutMs: 1_000,
    ...(known ? { known } : {}),
    ...(signal ? { signal } : {}),
  });

// The BFF's transport goes through undici's global dispatcher: the undici package's (7) when it
// is imported first or installed (the outbound proxy's EnvHttpProxyAgent), else Node's own
// undici (6 on Node 20), which a `fetch` before that import installs. Both take the same dispatch
// handler: the package's here, Node's own in a process of its own below.
describe("undiciTransport", () => {
  let before: Dispatcher;
  beforeAll(() => {
    before = getGlobalDispatcher();
    setGlobalDispatcher(new Agent());
  });
  afterAll(() => setGlobalDispatcher(before));

  it("reads the whole body, status and headers", async () => {
    const answer = await get();
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-correlation-id")).toBe("corr-1");
    expect(Buffer.from(answer.bytes).equals(body)).toBe(true);
  });

  it("answers the known array itself when the bytes are the same", async () => {
    const first = await get();
    const second = await get(first.bytes);
    expect(second.bytes).toBe(first.bytes);
  });

  it("answers new bytes when one byte in the middle, or the length, changed", async () => {
    const first = await get();
    body = Buffer.from(body);
    body[150_000] = 0x62;
    const changed = await get(first.bytes);
    expect(changed.bytes).not.toBe(first.bytes);
    expect(changed.bytes[150_000]).toBe(0x62);
    expect(Buffer.from(changed.bytes).equals(body)).toBe(true);
    body = Buffer.concat([body, Buffer.from("b")]);
    const longer = await get(changed.bytes);
    expect(longer.bytes).not.toBe(changed.bytes);
    expect(longer.bytes.length).toBe(300_001);
    expect(Buffer.from(longer.bytes).equals(body)).toBe(true);
    body = body.subarray(0, 299_999);
    const shorter = await get(longer.bytes);
    expect(shorter.bytes.length).toBe(299_999);
    expect(Buffer.from(shorter.bytes).equals(body)).toBe(true);
  });

  it("answers the whole new body whichever chunk differs (first byte, last byte), never a view of the known one", async () => {
    // Chunks that match are dropped as they come: the part before a difference is taken from
    // the known body, so a wrong offset or a missing chunk would show here.
    const base = Buffer.from(body);
    const known = (await get()).bytes;
    for (const at of [0, 1, 65_535, 65_536, 150_000, base.length - 1]) {
      body = Buffer.from(base);
      body[at] = body[at] === 0x7a ? 0x79 : 0x7a;
      const answer = await get(known);
      expect(answer.bytes).not.toBe(known);
      expect(Buffer.from(answer.bytes).equals(body), `byte ${at}`).toBe(true);
      expect(answer.bytes.buffer).not.toBe(known.buffer);
    }
    body = base;
    expect((await get(known)).bytes).toBe(known);
  });

  it("rejects with a timeout when the deadline passes before the answer", async () => {
    const error = await get(undefined, "/slow").catch((e: unknown) => e);
    expect(failureOfFetch(error)).toBe("timeout");
  });

  it("keeps the deadline over the whole body, not only until the headers", async () => {
    const started = performance.now();
    const error = await get(undefined, "/drip").catch((e: unknown) => e);
    expect(failureOfFetch(error)).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(1_900);
  });

  it("aborts with an outside signal's reason, also one aborted before the call", async () => {
    const controller = new AbortController();
    const pending = get(undefined, "/slow", controller.signal).catch((e: unknown) => e);
    controller.abort(new Error("person left"));
    expect(await pending).toMatchObject({ message: "person left" });
    const early = await get(undefined, "/", AbortSignal.abort(new Error("gone"))).catch(
      (e: unknown) => e,
    );
    expect(early).toMatchObject({ message: "gone" });
  });

  it("sends a POST body and reads an error answer's status and headers by any case", async () => {
    const answer = await undiciTransport({
      method: "POST",
      url: `${base}/anything?x=1`,
      headers: { "content-type": "application/json" },
      body: '{"name":"æøå"}',
      timeoutMs: 1_000,
    });
    expect(answer.status).toBe(422);
    expect(new TextDecoder().decode(answer.bytes)).toBe('{"name":"æøå"}');
    expect(answer.headers.get("RETRY-AFTER")).toBe("7");
    expect(answer.headers.get("x-seen")).toBe("a, b");
    expect(answer.headers.get("x-missing")).toBeNull();
  });

  it("rejects with a network failure when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await undiciTransport({
      method: "GET",
      url: `http://127.0.0.1:${port}/`,
      headers: {},
      timeoutMs: 1_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(failureOfFetch(error)).toBe("network");
  });

  it("works the same over Node's own undici (a process where fetch came first)", async () => {
    body = Buffer.alloc(300_000, "a");
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "test-support/node-undici-transport.ts"), base],
      { timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      nodeOwnDispatcher: true,
      length: 300_000,
      correlationId: "corr-1",
      sameArray: true,
      postStatus: 422,
      postBody: '{"a":1}',
      retryAfter: "7",
      slow: "timeout",
    });
    // A process of its own (tsx compiles the script first): on a loaded machine well over 5 s.
  }, 30_000);
});
