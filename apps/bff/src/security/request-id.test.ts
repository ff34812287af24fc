import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { BffEnv } from "../context";
import { serverRequestId } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function app() {
  return new Hono<BffEnv>()
    .use(serverRequestId())
    .get("/", (c) =>
      c.json({ id: c.get("requestId"), client: c.get("clientRequestId") ?? null }, 200),
    );
}

describe("serverRequestId", () => {
  it("makes its own id whatever the client sends, and keeps the client's beside it", async () => {
    const response = await app().request("/", { headers: { "X-Request-Id": "anything" } });
    const body = (await response.json()) as { id: string; client: string | null };
    expect(body.id).toMatch(UUID);
    expect(body.id).not.toBe("anything");
    expect(response.headers.get("X-Request-Id")).toBe(body.id);
    expect(body.client).toBe("anything");
  });

  it("a new id on every request, also a repeated client id", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await app().request("/", { headers: { "X-Request-Id": "same" } });
      ids.add(((await response.json()) as { id: string }).id);
    }
    expect(ids.size).toBe(5);
  });

  it.each([["x".repeat(129)], ["with space"], ["é"]])(
    "does not keep a client id %j that is long or not visible ASCII",
    async (value) => {
      const response = await app().request("/", { headers: { "X-Request-Id": value } });
      expect(((await response.json()) as { client: string | null }).client).toBeNull();
    },
  );
});
