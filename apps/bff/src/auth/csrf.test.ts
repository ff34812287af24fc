import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { BffEnv } from "../context";
import { toProblemResponse } from "../problem";
import { csrfProtection } from "./csrf";

const ORIGIN = "https://portvakt.test";
const app = new Hono<BffEnv>()
  .use(csrfProtection(ORIGIN))
  .all("/api/thing", (c) => c.text("done"))
  .onError((error, c) => toProblemResponse(error, c));

describe("csrfProtection", () => {
  it.each([
    ["GET", {}],
    ["GET", { "X-CSRF": "true" }],
    ["POST", { Origin: ORIGIN }],
    ["POST", { "X-CSRF": "1" }],
    ["POST", { "X-CSRF": "1", Origin: "https://evil.test" }],
    ["DELETE", { "X-CSRF": "1", Origin: `${ORIGIN}.evil.test` }],
    ["PUT", { "X-CSRF": "1", Origin: "null" }],
  ] as const)("refuses %s with %j (403)", async (method, headers) => {
    const response = await app.request("/api/thing", { method, headers });
    expect(response.status).toBe(403);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await response.text()).not.toContain("done");
  });

  it.each([
    ["GET", { "X-CSRF": "1" }],
    ["HEAD", { "X-CSRF": "1" }],
    ["GET", { "X-CSRF": "1", Origin: "https://evil.test" }],
    ["POST", { "X-CSRF": "1", Origin: ORIGIN }],
    ["DELETE", { "X-CSRF": "1", Origin: ORIGIN }],
  ] as const)("lets %s with %j through", async (method, headers) => {
    const response = await app.request("/api/thing", { method, headers });
    expect(response.status).toBe(200);
  });
});
