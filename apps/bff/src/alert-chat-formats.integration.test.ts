import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shiftableClock } from "./testing/clock";
import { startTestStack, type TestStack } from "./testing/stack";

// A client's name is free text (any operator, or Digdir's own portal, names it). Put into a
// Slack text or a Teams card as it is, a name such as "<!channel>" pings a whole channel and
// "<https://…|here>" or "[here](https://…)" makes a link in Portvakt's own notice. Slack's
// documented escaping (api.slack.com/reference/surfaces/formatting#escaping: & < > as HTML
// entities) and Teams' (connector cards read Markdown and limited HTML in `text`) must be applied
// to every value put into the text; the generic JSON keeps the value as it is.

const DAY_MS = 86_400_000;
const HOSTILE = "<!channel> *Pay* [here](https://evil.example) & <https://evil.example|now>\n# x";

interface Received {
  path: string;
  body: Record<string, unknown>;
}

const clock = shiftableClock();
let stack: TestStack;
let receiver: Server;
const webhooks: Received[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
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
  const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  stack = await startTestStack({
    now: clock.now,
    alerts: {
      webhooks: [
        { url: `${hook}/json`, format: "json" },
        { url: `${hook}/slack`, format: "slack" },
        { url: `${hook}/teams`, format: "teams" },
      ],
    },
  });
});

afterAll(async () => {
  await stack?.close();
  receiver?.close();
});

describe("a client name with chat markup, in an expiry notice", () => {
  it("reaches Slack and Teams as text (escaped), the JSON webhook as it is", async () => {
    const created = await stack.api("/api/envs/demo/clients", {
      method: "POST",
      body: JSON.stringify({ client_name: HOSTILE, description: "chat markup test" }),
    });
    expect(created.status).toBe(200);
    const clientId = ((await created.json()) as { client_id: string }).client_id;
    const kid = `chat-${Date.now()}`;
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const added = await stack.api(`/api/envs/demo/clients/${clientId}/keys`, {
      method: "POST",
      body: JSON.stringify({
        jwk: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
      }),
    });
    expect(added.status).toBe(200);
    const exp = ((await added.json()) as { keys: { kid: string; exp: number }[] }).keys.find(
      (k) => k.kid === kid,
    )!.exp;
    clock.shift(exp * 1000 - clock.now() - 29.5 * DAY_MS);
    await stack.bff.checkExpiry();

    const mine = webhooks.filter((w) => JSON.stringify(w.body).includes(kid));
    const json = mine.find((w) => w.path === "/json")!.body;
    expect((json.key as { clientName: string }).clientName).toBe(HOSTILE);
    expect(json.text).toContain(HOSTILE);

    const slack = String(mine.find((w) => w.path === "/slack")!.body.text);
    expect(slack).toMatch(/^:warning: Key /);
    // Nothing of the name is a Slack control sequence: no < or > but as entities.
    expect(slack).not.toMatch(/[<>]/);
    expect(slack).toContain(
      "&lt;!channel&gt; *Pay* [here](https://evil.example) &amp; &lt;https://evil.example|now&gt; # x",
    );

    const teams = mine.find((w) => w.path === "/teams")!.body;
    const text = String(teams.text);
    expect(text).not.toMatch(/[<>\n]/);
    expect(text).not.toContain("[here]");
    expect(text).toContain(
      "&lt;!channel&gt; \\*Pay\\* \\[here\\](https://evil.example) &amp; &lt;https://evil.example|now&gt; \\# x",
    );
    // The escaping is only of the values: the sentence around them is as it always was.
    expect(text).toMatch(/^Key chat-\d+ of client /);
    expect(text).toContain(`(${clientId}) in environment demo expires in 30 days`);
  });
});
