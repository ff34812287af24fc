import { beforeAll, describe, expect, it } from "vitest";
import type { Environments } from "../context";
import { middlewareTestApp, testEnvironments, testSession } from "../testing/middleware-app";
import { changeRateLimit } from "./change-rate-limit";
import { RateLimiter } from "./rate-limit";

let environments: Environments;
beforeAll(async () => {
  environments = await testEnvironments([{ id: "test", kind: "test" }]);
});

function app(sub: string, limiter: RateLimiter) {
  const app = middlewareTestApp({
    environments,
    session: testSession(sub, { test: "admin" }),
    mutationLimiter: limiter,
  });
  app.post("/api/envs/:env/thing", changeRateLimit(), (c) => c.json({ done: true }));
  return app;
}

describe("changeRateLimit", () => {
  it("answers 429 with Retry-After once a person is over the limit; others go on", async () => {
    const limiter = new RateLimiter(2, 60_000);
    const ada = app("ada", limiter);
    const post = () => ada.request("/api/envs/test/thing", { method: "POST" });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("Retry-After"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    const problem = await refused.json();
    expect(problem.detail).toMatch(/^Too many changes; try again in \d+ seconds?$/);
    expect(problem).toMatchObject({ code: "problem.rate-limited", params: { seconds: wait } });
    const bob = app("bob", limiter);
    expect((await bob.request("/api/envs/test/thing", { method: "POST" })).status).toBe(200);
  });
});
