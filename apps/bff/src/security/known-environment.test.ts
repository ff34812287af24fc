import { beforeAll, describe, expect, it } from "vitest";
import type { Environments } from "../context";
import { middlewareTestApp, testEnvironments } from "../testing/middleware-app";
import { environmentOf, knownEnvironment } from "./known-environment";

let environments: Environments;
beforeAll(async () => {
  environments = await testEnvironments([
    { id: "test", kind: "test" },
    { id: "prod", kind: "prod" },
  ]);
});

function app() {
  const app = middlewareTestApp({ environments });
  app.get("/api/envs/:env/thing", knownEnvironment(), (c) => {
    const environment = environmentOf(c);
    return c.json({ id: environment.config.id, kind: environment.config.kind });
  });
  app.get("/api/envs/:env/unchecked", (c) => c.json({ id: environmentOf(c).config.id }));
  return app;
}

describe("knownEnvironment", () => {
  it.each(["test", "prod"])("puts the environment %s on the context", async (id) => {
    const response = await app().request(`/api/envs/${id}/thing`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id, kind: id });
  });

  it.each(["nope", "TEST", "test-", "%20test"])(
    "answers an unknown environment (%s) 400 with the configured ones",
    async (id) => {
      const response = await app().request(`/api/envs/${id}/thing`);
      expect(response.status).toBe(400);
      const problem = await response.json();
      expect(problem.detail).toContain("configured: test, prod");
      expect(problem.code).toBe("problem.unknown-env");
      expect(problem.errors).toEqual([
        { field: "env", message: "Unknown environment", code: "problem.field.unknown-env" },
      ]);
    },
  );

  it("environmentOf without the middleware is a programming error (500), never an environment", async () => {
    const response = await app().request("/api/envs/test/unchecked");
    expect(response.status).toBe(500);
  });
});
