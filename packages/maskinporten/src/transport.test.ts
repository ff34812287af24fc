import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureOfFetch, undiciTransport } from "./transport";

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

describe("undiciTransport", () => {
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
    body = Buffer.concat([body, Buffer.from("b")]);
    const longer = await get(changed.bytes);
    expect(longer.bytes).not.toBe(changed.bytes);
    expect(longer.bytes.length).toBe(300_001);
    body = body.subarray(0, 299_999);
    const shorter = await get(longer.bytes);
    expect(shorter.bytes.length).toBe(299_999);
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
});
