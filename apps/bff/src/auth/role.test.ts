import { beforeAll, describe, expect, it } from "vitest";
import type { Environments } from "../context";
import { knownEnvironment } from "../security/known-environment";
import { middlewareTestApp, testEnvironments, testSession } from "../testing/middleware-app";
import { requireRole } from "./role";
import type { Role } from "./roles";

let environments: Environments;
beforeAll(async () => {
  environments = await testEnvironments([
    { id: "test", kind: "test" },
    { id: "prod", kind: "prod" },
  ]);
});

function app(roles: Record<string, Role>, needed: Role) {
  const app = middlewareTestApp({ environments, session: testSession("ada", roles) });
  app.post("/api/envs/:env/thing", knownEnvironment(), requireRole(needed), (c) =>
    c.json({ done: true }),
  );
  return app;
}

describe("requireRole", () => {
  it.each([
    ["viewer", "viewer"],
    ["operator", "viewer"],
    ["operator", "operator"],
    ["admin", "operator"],
    ["admin", "admin"],
  ] as const)("lets a %s do what needs %s", async (held, needed) => {
    const response = await app({ test: held }, needed).request("/api/envs/test/thing", {
      method: "POST",
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ["viewer", "operator"],
    ["viewer", "admin"],
    ["operator", "admin"],
  ] as const)("refuses a %s what needs %s (403 naming the role)", async (held, needed) => {
    const response = await app({ test: held }, needed).request("/api/envs/test/thing", {
      method: "POST",
    });
    expect(response.status).toBe(403);
    expect((await response.json()).detail).toBe(
      `This needs the role "${needed}" (${needed === "admin" ? "change scopes, clients and keys" : "grant and revoke access"}) in the environment "test"`,
    );
  });

  it("counts the role of the route's environment only", async () => {
    const a = app({ test: "admin" }, "viewer");
    expect((await a.request("/api/envs/prod/thing", { method: "POST" })).status).toBe(403);
    expect((await a.request("/api/envs/test/thing", { method: "POST" })).status).toBe(200);
  });
});
