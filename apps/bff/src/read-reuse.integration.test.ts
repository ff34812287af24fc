import { type RunningReplayServer, startReplayServer } from "@portvakt/maskinporten/replay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCaller, startTestStack, type TestStack } from "./testing/stack";

// The hot read of issue 17 (GET scopes/access) over real HTTP, against a Digdir stand-in whose
// answer the test changes: the BFF asks Digdir on every read (nothing time-based), hands on the
// very same bytes while Digdir answers the same bytes, validates a changed answer again, refuses
// a malformed one (never serving the last good one instead), and auth and CSRF still hold.
let replay: RunningReplayServer;
let stack: TestStack;
let recorded: { body?: unknown };
let original: unknown;

beforeAll(async () => {
  replay = await startReplayServer();
  recorded = replay.answers.find((a) => a.method === "GET" && a.path === "/api/v1/scopes/access")!;
  original = recorded.body;
  stack = await startTestStack({
    upstream: { issuer: `${replay.url}/`, apiBaseUrl: replay.url },
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await replay?.close();
});

const path = `/api/envs/demo/scopes/access?scope=${encodeURIComponent("digdir:demo.read")}`;
const calls = () =>
  replay.requests.filter((r) => r.startsWith("GET /api/v1/scopes/access?")).length;
const read = async () => {
  const response = await stack.api(path);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
};

describe("the reused answer of a read", () => {
  it("is byte-identical while Digdir's bytes are, and Digdir is asked every time", async () => {
    recorded.body = original;
    const before = calls();
    const first = await read();
    const second = await read();
    const third = await read();
    expect(first.status).toBe(200);
    expect(JSON.parse(first.bytes.toString("utf8"))).toHaveLength(3);
    expect(second).toEqual(first);
    expect(third.bytes.equals(first.bytes)).toBe(true);
    expect(calls() - before).toBe(3);
  });

  it("is validated again when Digdir's answer changes, odd rows flagged", async () => {
    recorded.body = original;
    const first = await read();
    recorded.body = [
      ...(original as unknown[]),
      { scope: "digdir:demo.read", consumer_orgno: "991825827", state: "PENDING" },
    ];
    const changed = await read();
    expect(changed.status).toBe(200);
    expect(changed.bytes.equals(first.bytes)).toBe(false);
    const rows = JSON.parse(changed.bytes.toString("utf8")) as Array<{
      consumer_orgno: string;
      portvakt_warnings?: Array<{ field?: string }>;
    }>;
    expect(rows).toHaveLength(4);
    expect(rows[3]).not.toHaveProperty("state");
    expect(rows[3]).toMatchObject({
      consumer_orgno: "991825827",
      portvakt_warnings: [{ kind: "invalid-field", field: "state" }],
    });
    recorded.body = original;
    expect((await read()).bytes.equals(first.bytes)).toBe(true);
  });

  it("is never served in place of a malformed answer", async () => {
    recorded.body = original;
    const good = await read();
    expect(good.status).toBe(200);
    for (const malformed of [{ content: [] }, "[", 42, null]) {
      recorded.body = malformed;
      const refused = await read();
      expect(refused.status, JSON.stringify(malformed)).toBe(502);
      expect(refused.bytes.equals(good.bytes)).toBe(false);
    }
    recorded.body = original;
    expect((await read()).bytes.equals(good.bytes)).toBe(true);
  });

  it("still needs a session and the CSRF header once an answer is reused", async () => {
    recorded.body = original;
    expect((await read()).status).toBe(200);
    const before = calls();
    const noCsrf = await stack.api(path, { headers: { "X-CSRF": "0" } });
    expect(noCsrf.status).toBe(403);
    const noSession = await apiCaller(stack.url, "portvakt-session=forged")(path);
    expect(noSession.status).toBe(401);
    const outsider = await (await stack.as("demo-outsider"))(path);
    expect(outsider.status).toBe(403);
    expect(calls()).toBe(before);
  });
});
