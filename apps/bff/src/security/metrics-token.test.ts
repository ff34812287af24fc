import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { metricsToken } from "./metrics-token";

const app = (token?: string) =>
  new Hono().use(metricsToken(token)).get("/metrics", (c) => c.text("up 1"));

describe("metricsToken", () => {
  it("without a configured token, lets everyone through", async () => {
    expect((await app().request("/metrics")).status).toBe(200);
  });

  it.each([
    [undefined],
    ["Bearer wrong-token"],
    ["Basic c2VjcmV0"],
    ["Bearer"],
    ["Bearer s3cret-metrics-token-x"],
    ["s3cret-metrics-token"],
  ])("answers 401 with a Bearer challenge to %j", async (authorization) => {
    const response = await app("s3cret-metrics-token").request("/metrics", {
      headers: authorization ? { Authorization: authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer /);
    expect(await response.text()).not.toContain("up 1");
  });

  it("answers with the right token", async () => {
    const response = await app("s3cret-metrics-token").request("/metrics", {
      headers: { Authorization: "Bearer s3cret-metrics-token" },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("up 1");
  });
});
