import { firstMalformedString, isWellFormed } from "@portvakt/contracts";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { BffEnv } from "../context";
import { toProblemResponse } from "../problem";
import { wellFormedInput } from "./well-formed-input";

const app = new Hono<BffEnv>()
  .use(wellFormedInput())
  .post("/", async (c) => c.json(await c.req.json(), 200))
  .get("/", (c) => c.json(c.req.queries(), 200))
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

  // Over HTTP a URL never holds a lone surrogate (it arrives as bytes; %ED%A0%80 does not decode
  // to one): only a Request made in-process can carry one, and it is refused all the same.
  it("refuses a query name or value with a lone surrogate, and lets encoded bytes through", async () => {
    const get = async (url: string) => {
      const response = await app.fetch({ url, method: "GET", headers: new Headers() } as Request);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const value = await get("http://localhost/?scope=a\ud800&inactive=true");
    expect(value.status).toBe(400);
    expect(value.body).toMatchObject({ errors: [{ field: "scope" }] });
    const name = await get("http://localhost/?a\udfff=1");
    expect(name.status).toBe(400);
    expect(name.body).toMatchObject({ errors: [{ field: "a\udfff" }] });
    const encoded = await get("http://localhost/?scope=%ED%A0%80&x=%3A%2F");
    expect(encoded).toEqual({ status: 200, body: { scope: ["%ED%A0%80"], x: [":/"] } });
  });
});
