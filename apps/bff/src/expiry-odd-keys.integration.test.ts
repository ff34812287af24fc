import {
  type RecordedAnswer,
  type RunningReplayServer,
  recordedAnswers,
  startReplayServer,
} from "@portvakt/maskinporten/replay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shiftableClock } from "./testing/clock";
import { startTestStack, type TestStack } from "./testing/stack";

// Expiry alerts (issue 18 #1) when Digdir's answers are odd, served by the recording server (not
// the simulator) over HTTP: one key's `exp` that is no date, a client whose key set cannot be
// read, an `exp` as text or in milliseconds. None of them may keep the other clients' keys from their notice.

const DAY_MS = 86_400_000;
const clock = shiftableClock();
const NOW = clock.now();
/** Epoch seconds, `days` from the test's start. */
const expIn = (days: number) => Math.floor((NOW + days * DAY_MS) / 1000);

const key = (kid: string, exp: unknown) => ({
  kty: "RSA",
  kid,
  use: "sig",
  alg: "RS256",
  e: "AQAB",
  n: "sXch",
  exp,
});

const answers: RecordedAnswer[] = [
  ...recordedAnswers().filter((answer) => answer.path === "/token"),
  {
    method: "GET",
    path: "/api/v1/clients",
    status: 200,
    body: ["a-odd", "b-unreadable", "c-text", "d-fine", "e-millis"].map((id) => ({
      client_id: id,
      client_name: `client ${id}`,
      scopes: [],
    })),
  },
  // Far past the last date JavaScript can hold (8.64e15 ms): no date at all.
  {
    method: "GET",
    path: "/api/v1/clients/a-odd/jwks",
    status: 200,
    body: { keys: [key("odd", 1e300)] },
  },
  // A key set Portvakt may not read (a 404 would read as no keys: Digdir's answer for none).
  {
    method: "GET",
    path: "/api/v1/clients/b-unreadable/jwks",
    status: 403,
    body: { error: "access_denied", error_description: "Not allowed" },
  },
  {
    method: "GET",
    path: "/api/v1/clients/c-text/jwks",
    status: 200,
    body: { keys: [key("as-text", String(expIn(39)))] },
  },
  // An `exp` in milliseconds (JavaScript's Date.now(), not RFC 7519's seconds): read as seconds
  // it is the year 57,000 and never warned of.
  {
    method: "GET",
    path: "/api/v1/clients/e-millis/jwks",
    status: 200,
    body: { keys: [key("millis", expIn(38) * 1000)] },
  },
  {
    method: "GET",
    path: "/api/v1/clients/d-fine/jwks",
    status: 200,
    body: { keys: [key("fine", expIn(40))] },
  },
];

let replay: RunningReplayServer;
let stack: TestStack;

beforeAll(async () => {
  replay = await startReplayServer({ answers });
  stack = await startTestStack({
    now: clock.now,
    upstream: { issuer: `${replay.url}/`, apiBaseUrl: replay.url },
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await replay?.close();
});

describe("expiry alerts over odd answers", () => {
  it("a key whose exp is no date, or a key set that cannot be read, stops no other key's notice", async () => {
    // 40 and 39 days at the start (the start's own check sends nothing); 6 and 5 days now.
    clock.shift(34 * DAY_MS);
    const sent = await stack.bff.checkExpiry();
    const byKid = Object.fromEntries(sent.map((n) => [n.key.kid, n]));
    expect(byKid.fine).toMatchObject({ threshold_days: 7, days_left: 6 });
    expect(byKid["as-text"]).toMatchObject({
      threshold_days: 7,
      days_left: 5,
      key: { expiresAt: new Date(expIn(39) * 1000).toISOString() },
    });
    expect(byKid.millis).toMatchObject({
      threshold_days: 7,
      days_left: 4,
      key: { expiresAt: new Date(expIn(38) * 1000).toISOString() },
    });
    expect(byKid.odd).toBeUndefined();
    // /metrics lists the keys with an expiry it could read, not the one without.
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toContain(`client_id="d-fine",kid="fine"} ${expIn(40)}`);
    expect(metrics).not.toContain('kid="odd"');
    expect(metrics).toContain(`client_id="e-millis",kid="millis"} ${expIn(38)}`);
  });
});
