import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { join } from "node:path";
import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { loadCredential, SelfServiceClient, TokenClient } from "@portvakt/maskinporten";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BffProcess, startBffProcess } from "./testing/bff-process";
import { addKeyReadExp } from "./testing/client-keys";
import { startTestStack, type TestStack } from "./testing/stack";

// Issue 18 acceptance: "an alert fires once per threshold with the BFF's clock advanced, also
// with two BFF processes on one PostgreSQL (exactly one notice)". Two BFFs run as OS processes
// of their own (main.ts, as an operator runs it) on one PostgreSQL database made for this file,
// with the test-only control (testing/child-control.ts) moving each one's clock and running its
// checks; every notice is counted at a webhook receiver on loopback. Runs under
// `pnpm test:postgres` (DATABASE_URL names a PostgreSQL server; see README, Testing).
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL!
  : undefined;

const DAY_MS = 86_400_000;
const CONSUMER = "889640782";

interface Received {
  path: string;
  body: Record<string, unknown>;
}

describe.skipIf(!postgresUrl)("alerts from two BFF processes on one PostgreSQL", () => {
  const database = `portvakt_alerts_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const databaseUrl = (() => {
    if (!postgresUrl) return "";
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    return url.toString();
  })();
  const webhooks: Received[] = [];
  let receiver: Server;
  let stack: TestStack;
  let documentPath: string;
  const instances: BffProcess[] = [];

  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  const json = (type: string, match: (body: Record<string, unknown>) => boolean) =>
    webhooks.filter((w) => w.path === "/json" && w.body.type === type && match(w.body));
  /** What the processes logged as warnings or errors, to explain a failure. */
  const problems = () =>
    instances
      .flatMap((i) => i.output)
      .filter((line) => /"level":[56]0/.test(line))
      .join("\n");
  const both = <T>(run: (instance: BffProcess) => Promise<T>) => Promise.all(instances.map(run));

  beforeAll(async () => {
    await admin((client) => client.query(`create database ${database}`));
    receiver = createHttpServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        webhooks.push({ path: request.url ?? "", body: JSON.parse(body) });
        response.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    // The in-process BFF of the stack sends nothing (no channels); the two processes do.
    stack = await startTestStack({ databaseUrl, withConsumerEnvironment: true });
    const dir = join(stack.config.auditDatabasePath!, "..");
    documentPath = join(dir, "portvakt-demo.yaml");
    const exported = await stack.api("/api/envs/demo/config/export?format=yaml");
    expect(exported.status).toBe(200);
    await writeFile(documentPath, await exported.text());
    const config = {
      ...stack.config,
      alerts: {
        webhooks: [
          { url: `${hook}/json`, format: "json" as const },
          { url: `${hook}/slack`, format: "slack" as const, language: "nn" as const },
        ],
        drift: [{ env: "demo", path: documentPath }],
      },
    };
    for (const name of ["alerts-a", "alerts-b"]) {
      instances.push(
        await startBffProcess(config, dir, name, {
          control: true,
          env: { DATABASE_URL: databaseUrl },
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await stack?.close();
    receiver?.close();
    if (postgresUrl) {
      await admin((client) => client.query(`drop database if exists ${database}`));
    }
  });

  it("a client key: exactly one notice per threshold, at 30, 14, 7 and 1 days", async () => {
    const created = await stack.api("/api/envs/demo/clients", {
      method: "POST",
      body: JSON.stringify({ client_name: "to-prosesser", description: "two-process alerts" }),
    });
    expect(created.status).toBe(200);
    const clientId = ((await created.json()) as { client_id: string }).client_id;
    const kid = `two-processes-${randomUUID()}`;
    const exp = await addKeyReadExp(stack.api, clientId, kid);
    const mine = () => json("portvakt.key-expiry", (b) => JSON.stringify(b.key).includes(kid));

    for (const threshold of [30, 14, 7, 1]) {
      // Both clocks to half a day inside the threshold; both processes check at once.
      const at = exp * 1000 - (threshold - 0.5) * DAY_MS;
      await both((i) => i.control!.clock(at));
      const sent = await both((i) => i.control!.check<{ key: { kid?: string } }>("expiry"));
      // Which one sends is open (a process's own check at its start may have, too): at most
      // one of them says it did, and the receiver gets exactly one.
      expect(sent.flat().filter((n) => n.key.kid === kid).length, problems()).toBeLessThanOrEqual(
        1,
      );
      await expect
        .poll(() => mine().length, { message: problems() })
        .toBe([30, 14, 7, 1].indexOf(threshold) + 1);
      expect(mine().at(-1)!.body).toMatchObject({
        threshold_days: threshold,
        days_left: threshold,
        code: "alert.key-expiry.client",
        params: { kid, client_id: clientId, days_left: threshold, state: "expiring" },
        language: "en",
      });
      // A later check of either process sends nothing more for this threshold.
      await both((i) => i.control!.check("expiry"));
      expect(mine()).toHaveLength([30, 14, 7, 1].indexOf(threshold) + 1);
    }
    expect(mine().map((w) => w.body.threshold_days)).toEqual([30, 14, 7, 1]);
    // The Slack channel is in nynorsk: one message per threshold too.
    const slack = webhooks.filter((w) => w.path === "/slack" && String(w.body.text).includes(kid));
    expect(slack).toHaveLength(4);
    expect(String(slack[0]!.body.text)).toContain("går ut om 30 dagar");
  });

  it("a revoke and a deactivation by the provider: one notice each, though both processes saw them before either claimed", async () => {
    // The first look only records (each process's start check may have made it already).
    await both((i) => i.control!.check("access"));
    const lost = (scope: string, reason: string) =>
      json("portvakt.access-lost", (b) => b.scope === scope && b.reason === reason);

    const revoked = await stack.api(
      `/api/envs/demo/scopes/access/${CONSUMER}?scope=${encodeURIComponent("digdir:demo.read")}`,
      { method: "DELETE" },
    );
    expect(revoked.status).toBe(200);
    // Both processes look, and both find the revoke, before either may claim its notice.
    let checks = instances.map((i) => i.control!.holdAccessCheck<{ scope: string }>());
    await Promise.all(checks.map((c) => c.held));
    let sent = await Promise.all(checks.map((c) => c.release()));
    expect(sent.flat().filter((n) => n.scope === "digdir:demo.read")).toHaveLength(1);
    await expect.poll(() => lost("digdir:demo.read", "revoked").length).toBe(1);
    expect(lost("digdir:demo.read", "revoked")[0]!.body).toMatchObject({
      env: "nav",
      code: "alert.access.revoked",
      params: { scope: "digdir:demo.read", env: "nav" },
    });

    const deactivated = await stack.api(
      `/api/envs/demo/scopes?scope=${encodeURIComponent("difi:api3")}`,
      { method: "DELETE" },
    );
    expect(deactivated.status).toBe(200);
    checks = instances.map((i) => i.control!.holdAccessCheck<{ scope: string }>());
    await Promise.all(checks.map((c) => c.held));
    sent = await Promise.all(checks.map((c) => c.release()));
    expect(sent.flat().filter((n) => n.scope === "difi:api3")).toHaveLength(1);
    await expect.poll(() => lost("difi:api3", "scope-inactive").length).toBe(1);

    await both((i) => i.control!.check("access"));
    expect(lost("digdir:demo.read", "revoked")).toHaveLength(1);
    expect(lost("difi:api3", "scope-inactive")).toHaveLength(1);
  });

  it("drift made outside Portvakt: one notice from the two processes", async () => {
    // The document as the environment is now (the changes above were made through Portvakt).
    const exported = await stack.api("/api/envs/demo/config/export?format=yaml");
    await writeFile(documentPath, await exported.text());
    const drift = () => json("portvakt.drift", (b) => b.env === "demo");
    await both((i) => i.control!.check("drift"));
    expect(drift()).toHaveLength(0);
    const env = stack.config.environments[0]!;
    if (env.credential.type !== "pem") throw new Error("the stack signs with the certificate");
    const digdir = new SelfServiceClient({
      baseUrl: stack.simulator.apiBaseUrl,
      tokens: new TokenClient({
        issuer: stack.simulator.issuer,
        clientId: env.clientId,
        credential: await loadCredential(env.credential),
        allowInsecureHttp: true,
      }),
      adminScopes: [...ALL_ADMIN_SCOPES],
    });
    await digdir.updateScope("digdir:demo.read", { description: "Endret i Digdirs portal" });
    await both((i) => i.control!.check("drift"));
    await expect.poll(() => drift().length).toBe(1);
    expect(drift()[0]!.body).toMatchObject({
      code: "alert.drift",
      steps: 1,
      by_kind: { "scope.update": 1 },
    });
    await both((i) => i.control!.check("drift"));
    expect(drift()).toHaveLength(1);
  });
});
