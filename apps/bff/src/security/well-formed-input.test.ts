import { firstMalformedString, isWellFormed } from "@portvakt/contracts";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { BffEnv } from "../context";
import { toProblemResponse } from "../problem";
import { wellFormedInput } from "./well-formed-input";

const app = new Hono<BffEnv>()
  .use(wellFormedInput())
  .post("/", async (c) => c.json(await c.req.json(), 200))
  .onError((error, c) => toProblemResponse(error, c));

const post = (body: string) =>
  app.request("/", { method: "POST", headers: { "Content-Type": "application/json" }, body });

describe("well-formed input", () => {
  it("tells lone surrogates from pairs", () => {
    expect(isWellFormed("a😀b")).toBe(true);
    expect(isWellFormed("a\ud800b")).toBe(false);
    expect(isWellFormed("\udc00")).toBe(false);
    expect(isWellFormed("\ude00\ud83d")).toBe(false);
  });

  it("finds the path of the first malformed string or key, at any depth", () => {
    expect(firstMalformedString({ a: [1, { b: "ok" }, "x\ud800"] })).toBe("a.2");
    expect(firstMalformedString({ "k\udfff": 1 })).toBe("k\udfff");
    let deep: unknown = "\ud800";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(firstMalformedString(deep)).toMatch(/^0(\.0)*$/);
    expect(firstMalformedString({ a: "😀" })).toBeUndefined();
  });

  it("answers 400 with the field before the route, and lets good JSON through", async () => {
    const bad = await post('{"client_name":"x\\ud800"}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(
      "client_name",
    );
    const good = await post('{"client_name":"x\\ud83d\\ude00"}');
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ client_name: "x😀" });
  });
});
