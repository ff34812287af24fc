import { generateKeyPairSync } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExpiryNotice } from "./alerts/expiry";
import { parseConfig } from "./config";
import { createLogger } from "./logger";
import { startBff } from "./server";
import { shiftableClock } from "./testing/clock";
import { startTestStack, type TestStack } from "./testing/stack";

// Expiry alerts (issue 18 #1) over real HTTP and SMTP on loopback: the BFF's clock is moved to
// just inside each threshold of a key the test registers, and the notices are counted.

const DAY_MS = 86_400_000;
const SMTP_VARIABLE = "PORTVAKT_TEST_ALERT_SMTP_URL";

interface Received {
  path: string;
  body: Record<string, unknown>;
}

const clock = shiftableClock();
let stack: TestStack;
let receiver: Server;
let smtp: TcpServer;
const webhooks: Received[] = [];
const mails: string[] = [];

/** A minimal SMTP server: enough of RFC 5321 for nodemailer to hand over one message. */
function startSmtp(): Promise<TcpServer> {
  const server = createTcpServer((socket) => {
    let data = false;
    let message = "";
    let buffer = "";
    socket.write("220 localhost test SMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (data) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          message += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          data = false;
          mails.push(message);
          message = "";
          socket.write("250 OK queued\r\n");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-localhost\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 End with <CRLF>.<CRLF>\r\n");
        } else if (verb === "QUIT") socket.end("221 Bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  receiver = createHttpServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      webhooks.push({ path: request.url ?? "", body: JSON.parse(body) as Record<string, unknown> });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  smtp = await startSmtp();
  const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  process.env[SMTP_VARIABLE] = `smtp://127.0.0.1:${(smtp.address() as { port: number }).port}`;
  stack = await startTestStack({
    now: clock.now,
    alerts: {
      webhooks: [
        { url: `${hook}/json`, format: "json" },
        { url: `${hook}/slack`, format: "slack" },
        { url: `${hook}/teams`, format: "teams" },
      ],
      email: { smtpUrlEnv: SMTP_VARIABLE, from: "portvakt@localhost", to: ["ops@localhost"] },
    },
  });
});

afterAll(async () => {
  await stack?.close();
  receiver?.close();
  smtp?.close();
  delete process.env[SMTP_VARIABLE];
});

function publicJwk(kid: string) {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
}

const mine = (notices: ExpiryNotice[], kid: string) => notices.filter((n) => n.key.kid === kid);
const hooksFor = (kid: string) => webhooks.filter((w) => JSON.stringify(w.body).includes(kid));

describe("expiry alerts", () => {
  let kid: string;
  let clientId: string;
  let exp: number;

  it("registers a key whose exp Digdir sets (a year ahead)", async () => {
    const created = await stack.api("/api/envs/demo/clients", {
      method: "POST",
      body: JSON.stringify({ client_name: "utloper-snart", description: "expiry alert test" }),
    });
    expect(created.status).toBe(200);
    clientId = ((await created.json()) as { client_id: string }).client_id;
    kid = `alert-${Date.now()}`;
    const added = await stack.api(`/api/envs/demo/clients/${clientId}/keys`, {
      method: "POST",
      body: JSON.stringify({ jwk: publicJwk(kid) }),
    });
    expect(added.status).toBe(200);
    const jwks = (await added.json()) as { keys: { kid: string; exp?: number }[] };
    exp = jwks.keys.find((k) => k.kid === kid)!.exp!;
    expect(exp * 1000).toBeGreaterThan(clock.now() + 300 * DAY_MS);
    expect(mine(await stack.bff.checkExpiry(), kid)).toEqual([]);
  });

  it("sends one notice at 30 days, by every webhook format and e-mail, and not again", async () => {
    clock.shift(exp * 1000 - clock.now() - 29.5 * DAY_MS);
    const sent = mine(await stack.bff.checkExpiry(), kid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ threshold_days: 30, days_left: 30 });

    const hooks = hooksFor(kid);
    expect(hooks.map((h) => h.path).sort()).toEqual(["/json", "/slack", "/teams"]);
    expect(hooks.find((h) => h.path === "/json")!.body).toEqual({
      type: "portvakt.key-expiry",
      threshold_days: 30,
      days_left: 30,
      key: {
        kind: "client",
        env: "demo",
        clientId,
        clientName: "utloper-snart",
        kid,
        expiresAt: new Date(exp * 1000).toISOString(),
      },
      code: "alert.key-expiry.client",
      params: {
        env: "demo",
        kid,
        client_id: clientId,
        client: `utloper-snart (${clientId})`,
        expires_at: new Date(exp * 1000).toISOString(),
        days_left: 30,
        state: "expiring",
      },
      language: "en",
      text: `Key ${kid} of client utloper-snart (${clientId}) in environment demo expires in 30 days (${new Date(exp * 1000).toISOString()}).`,
    });
    expect(hooks.find((h) => h.path === "/slack")!.body).toEqual({
      text: expect.stringContaining("expires in 30 days"),
    });
    expect(hooks.find((h) => h.path === "/teams")!.body).toMatchObject({
      "@type": "MessageCard",
      text: expect.stringContaining(kid),
    });
    expect(mails.filter((m) => m.includes(kid))).toHaveLength(1);
    expect(mails.find((m) => m.includes(kid))).toContain("To: ops@localhost");

    expect(mine(await stack.bff.checkExpiry(), kid)).toEqual([]);
    expect(hooksFor(kid)).toHaveLength(3);
  });

  it("sends the 14-day notice once the clock passes it; /metrics has the key's expiry", async () => {
    clock.shift(16 * DAY_MS);
    const sent = mine(await stack.bff.checkExpiry(), kid);
    expect(sent.map((n) => n.threshold_days)).toEqual([14]);
    expect(mine(await stack.bff.checkExpiry(), kid)).toEqual([]);
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toContain(
      `portvakt_client_key_expiry_timestamp_seconds{env="demo",client_id="${clientId}",kid="${kid}"} ${exp}`,
    );
  });

  it("two BFF instances on one database send exactly one 7-day notice", async () => {
    clock.shift(7 * DAY_MS);
    const before = hooksFor(kid).length;
    const mailsBefore = mails.filter((m) => m.includes(kid)).length;
    // The second instance checks at its start too: three checks race for the same notice.
    const second = await startBff(
      parseConfig({ ...stack.config, port: 0 }, "second instance"),
      createLogger("silent"),
      { now: clock.now },
    );
    try {
      const [a, b] = await Promise.all([stack.bff.checkExpiry(), second.checkExpiry()]);
      expect([...mine(a, kid), ...mine(b, kid)].length).toBeLessThanOrEqual(1);
      await expect.poll(() => hooksFor(kid).length - before).toBe(3);
      const again = await Promise.all([stack.bff.checkExpiry(), second.checkExpiry()]);
      expect(again.flatMap((n) => mine(n, kid))).toEqual([]);
      expect(hooksFor(kid).length - before).toBe(3);
      expect(
        hooksFor(kid)
          .filter((h) => h.path === "/json")
          .at(-1)?.body,
      ).toMatchObject({
        threshold_days: 7,
      });
      expect(mails.filter((m) => m.includes(kid)).length - mailsBefore).toBe(1);
    } finally {
      await second.close();
    }
  });
});
