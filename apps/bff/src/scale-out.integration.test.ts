import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffProcess, startBffProcess } from "./testing/bff-process";
import { auditExport, startTestStack, type TestStack } from "./testing/stack";

// Two BFF processes behind one (imagined) load balancer, sharing one PostgreSQL. Runs when
// DATABASE_URL names a PostgreSQL database (`.ci/run` starts one; see README, Testing).
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

describe.skipIf(!postgres)("two instances sharing one PostgreSQL", () => {
  let stack: TestStack;
  const instances: BffProcess[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    const dir = join(stack.config.auditDatabasePath!, "..");
    for (const name of ["bff-a", "bff-b"]) {
      instances.push(await startBffProcess(stack.config, dir, name));
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await stack?.close();
  });

  it("serves any request on any instance and keeps every audit entry exactly once", async () => {
    // Sessions are sealed cookies: signed in once, the person is known to every instance.
    const cookie = stack.api.cookie;
    const call = (instance: BffProcess, path: string, init: RequestInit = {}) =>
      fetch(`${instance.url}${path}`, {
        ...init,
        headers: {
          "X-CSRF": "1",
          Origin: stack.url,
          Cookie: cookie,
          "Content-Type": "application/json",
        },
      });
    const requestIds: string[] = [];
    const writes = Array.from({ length: 12 }, (_, i) => {
      const instance = instances[i % 2]!;
      return call(instance, "/api/envs/demo/clients", {
        method: "POST",
        body: JSON.stringify({ client_name: `skalert ${i}`, description: `instans ${i % 2}` }),
      });
    });
    for (const response of await Promise.all(writes)) {
      expect(response.status).toBe(200);
      requestIds.push(response.headers.get("x-request-id")!);
    }
    expect(new Set(requestIds).size).toBe(12);

    for (const instance of instances) {
      const lines = await auditExport(
        Object.assign((path: string) => call(instance, path), { cookie }),
      );
      for (const id of requestIds) {
        expect(lines.filter((e) => e.requestId === id)).toHaveLength(1);
      }
    }
  });

  it("a sign-out on one instance ends the session on the other", async () => {
    const viewer = await stack.as("demo-viewer");
    const [a, b] = instances;
    const headers = { "X-CSRF": "1", Origin: stack.url, Cookie: viewer.cookie };
    expect((await fetch(`${a!.url}/api/envs/demo/scopes`, { headers })).status).toBe(200);
    expect((await fetch(`${a!.url}/auth/logout`, { method: "POST", headers })).status).toBe(200);
    // The other instance reads the sign-out from the shared database. That it is also seen
    // after its few-second cache of "not signed out" runs out is shown on a moved clock in
    // auth/revocations.test.ts, instead of waiting here.
    expect((await fetch(`${b!.url}/api/envs/demo/scopes`, { headers })).status).toBe(401);
  });
});
