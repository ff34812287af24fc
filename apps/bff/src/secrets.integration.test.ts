import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

// A compact JWS (JWT grant or access token): three base64url parts, the first a JSON header.
const JWS = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;

let stack: TestStack;
const seen: string[] = [];

async function record(response: Response): Promise<void> {
  const headers = [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n");
  seen.push(headers, await response.text());
}

beforeAll(async () => {
  stack = await startTestStack();
  const env = "/api/envs/demo";
  // A session's worth of traffic: reads, writes, failures, a token renewal.
  for (const path of ["/api/envs", `${env}/scopes`, `${env}/prefix`, `${env}/clients`]) {
    await record(await stack.api(path));
  }
  await record(
    await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix: "nope", subscope: "x", description: "foreign prefix" }),
    }),
  );
  await stack.control("/expire-tokens", { method: "POST" });
  await record(await stack.api(`${env}/scopes/access/all`));
  await stack.fault({ path: "/token", kind: "token-outage", times: 5 });
  await stack.control("/expire-tokens", { method: "POST" });
  await record(await stack.api(`${env}/clients`));
  await record(await stack.api("/api/openapi.json"));
});
afterAll(() => stack?.close());

describe("nothing that can sign or authorize leaves the BFF", () => {
  it("captured some traffic and logs to look at", () => {
    expect(seen.length).toBeGreaterThan(10);
    expect(stack.log.lines.length).toBeGreaterThan(5);
  });

  it("no response carries a private key, an assertion or an access token", () => {
    const keyBody =
      stack.simulator.demo.orgs[stack.simulator.demo.providerOrgno]!.keyPem.split("\n")[2]!;
    const all = seen.join("\n");
    expect(all).not.toMatch(/PRIVATE KEY/);
    expect(all).not.toContain(keyBody);
    expect(all).not.toMatch(JWS);
    expect(all).not.toMatch(/"d"\s*:\s*"/);
  });

  it("neither carries the session secret or the sign-in client's secret", async () => {
    const dir = join(stack.config.auditDatabasePath!, "..");
    const secrets = [
      await readFile(join(dir, "session-secret"), "utf8"),
      await readFile(join(dir, "idp-client-secret"), "utf8"),
    ];
    for (const secret of secrets) {
      expect(seen.join("\n")).not.toContain(secret);
      expect(stack.log.text()).not.toContain(secret);
    }
  });

  it("no log line carries them either, and every request line has a request id", () => {
    const keyBody =
      stack.simulator.demo.orgs[stack.simulator.demo.providerOrgno]!.keyPem.split("\n")[2]!;
    const text = stack.log.text();
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(text).not.toContain(keyBody);
    expect(text).not.toMatch(JWS);
    expect(text).not.toMatch(/Bearer /i);
    const lines = stack.log.lines.map((l) => JSON.parse(l));
    const perRequest = lines.filter((l) =>
      ["request", "signed in", "request failed"].includes(l.msg),
    );
    expect(perRequest.filter((l) => l.msg === "request").length).toBeGreaterThan(5);
    expect(perRequest.some((l) => l.msg === "signed in")).toBe(true);
    for (const line of perRequest) expect(line.request_id).toBeTruthy();
  });
});
