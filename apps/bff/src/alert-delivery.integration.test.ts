import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addKeyReadExp } from "./testing/client-keys";
import { shiftableClock } from "./testing/clock";
import { startTestStack, type TestStack } from "./testing/stack";

// A client's name is free text (any operator, or Digdir's own portal, names it). Put into a
// Slack text or a Teams card as it is, a name such as "<!channel>" pings a whole channel and
// "<https://…|here>" or "[here](https://…)" makes a link in Portvakt's own notice. Slack's
// documented escaping (api.slack.com/reference/surfaces/formatting#escaping: & < > as HTML
// entities) and Teams' (connector cards read Markdown and limited HTML in `text`) must be applied
// to every value put into the text; the generic JSON keeps the value as it is.
// And a notice is claimed once: a receiver that fails once (5xx) must be tried again within the
// send, or the notice is lost for good; a redirect must not count as delivered.

const DAY_MS = 86_400_000;
const HOSTILE = "<!channel> *Pay* [here](https://evil.example) & <https://evil.example|now>\n# x";

interface Received {
  path: string;
  method: string;
  body: Record<string, unknown>;
}

const clock = shiftableClock();
let stack: TestStack;
let receiver: Server;
const webhooks: Received[] = [];
const seen = new Set<string>();

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const path = request.url ?? "";
      webhooks.push({
        path,
        method: request.method ?? "",
        body: body ? (JSON.parse(body) as Record<string, unknown>) : {},
      });
      // /flaky fails each notice's first delivery (a receiver restarting), /down every one,
      // /moved redirects (a POST followed as a GET loses its body, yet answers 200).
      if (path === "/flaky" && !seen.has(body)) {
        seen.add(body);
        response.writeHead(503).end("restarting");
      } else if (path === "/down") response.writeHead(500).end("broken");
      else if (path === "/moved") response.writeHead(302, { Location: "/landing" }).end();
      else response.writeHead(200).end("ok");
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
        { url: `${hook}/flaky`, format: "json" },
        { url: `${hook}/down`, format: "json" },
        { url: `${hook}/moved`, format: "json" },
      ],
    },
  });
});

afterAll(async () => {
  await stack?.close();
  receiver?.close();
});

/** Registers a key of a new client named `name` and moves the clock just inside its 30 days. */
async function keyAt30Days(name: string): Promise<{ clientId: string; kid: string }> {
  // Signed in afresh: an earlier test moved the clock past the first session's end.
  const api = await stack.as("demo-admin");
  const created = await api("/api/envs/demo/clients", {
    method: "POST",
    body: JSON.stringify({ client_name: name, description: "chat markup test" }),
  });
  expect(created.status).toBe(200);
  const clientId = ((await created.json()) as { client_id: string }).client_id;
  const kid = `chat-${Date.now()}`;
  const exp = await addKeyReadExp(api, clientId, kid);
  clock.shift(exp * 1000 - clock.now() - 29.5 * DAY_MS);
  return { clientId, kid };
}

describe("a client name with chat markup, in an expiry notice", () => {
  it("reaches Slack and Teams as text (escaped), the JSON webhook as it is", async () => {
    const { clientId, kid } = await keyAt30Days(HOSTILE);
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

describe("a webhook that does not take a notice", () => {
  it("is tried again after a 5xx (three times at most), never redirected, and logged", async () => {
    const { kid } = await keyAt30Days("leveranse");
    const sent = await stack.bff.checkExpiry();
    expect(sent.filter((n) => n.key.kid === kid)).toHaveLength(1);
    const mine = (path: string) =>
      webhooks.filter((w) => w.path === path && JSON.stringify(w.body).includes(kid));
    // A receiver that failed once takes the notice the second time.
    expect(mine("/flaky")).toHaveLength(2);
    expect(mine("/flaky")[1]!.body).toEqual(mine("/json")[0]!.body);
    // One that keeps failing is tried three times, then given up on (logged), not hammered.
    expect(mine("/down")).toHaveLength(3);
    // A redirect is not followed: a POST turned into a bodiless GET is no delivered notice.
    expect(mine("/moved")).toHaveLength(1);
    expect(webhooks.filter((w) => w.path === "/landing")).toEqual([]);
    const failures = stack.log.lines
      .map((line) => JSON.parse(line) as { msg?: string; err?: { message?: string } })
      .filter((entry) => entry.msg === "alert: the webhook did not take the notice");
    expect(failures.map((f) => f.err?.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/500/), expect.stringMatching(/302/)]),
    );
    // Claimed once: a later check sends nothing again, to any receiver.
    const before = webhooks.length;
    await stack.bff.checkExpiry();
    expect(webhooks.length).toBe(before);
  });
});
