import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shiftableClock } from "./testing/clock";
import { startTestStack, type TestStack } from "./testing/stack";

let stack: TestStack;
const env = "/api/envs/demo";
/** The BFF's clock: the idle timeout is reached by moving it, not by waiting. */
const clock = shiftableClock();

beforeAll(async () => {
  stack = await startTestStack({ now: clock.now });
});
afterAll(() => stack?.close());

async function problem(response: Response, status: number, detail?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/problem\+json/);
  const body = (await response.json()) as { title: string; detail: string };
  if (detail) expect(body.detail).toMatch(detail);
  return body;
}

describe("sign-in", () => {
  it("answers an API call without a session with a 401 problem, never a redirect", async () => {
    const response = await fetch(`${stack.url}${env}/scopes`, {
      headers: { "X-CSRF": "1" },
      redirect: "manual",
    });
    await problem(response, 401, /Sign in/);
  });

  it("sends the browser to the provider with PKCE and state, and back to where it was", async () => {
    const response = await fetch(`${stack.url}/auth/login?returnTo=/scopes`, {
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(stack.idp.issuer);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("state")).toBeTruthy();
    expect(location.searchParams.get("redirect_uri")).toBe(`${stack.url}/auth/callback`);
    const cookie = response.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("keeps the session in an HttpOnly, SameSite=Strict cookie and tells who is signed in", async () => {
    const me = await stack.api("/api/session");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      sub: "demo-admin",
      name: "Ada Administrator",
      roles: { demo: "admin" },
    });
  });

  it("refuses a tampered cookie", async () => {
    const cookie = stack.api.cookie;
    const tampered = `${cookie.slice(0, -6)}${cookie.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    await problem(await stack.api(`${env}/scopes`, { headers: { Cookie: tampered } }), 401);
  });

  it("refuses a cookie replayed after sign-out", async () => {
    const viewer = await stack.as("demo-viewer");
    expect((await viewer(`${env}/scopes`)).status).toBe(200);
    const out = await viewer("/auth/logout", { method: "POST" });
    expect(out.status).toBe(200);
    const body = (await out.json()) as { logoutUrl?: string };
    expect(body.logoutUrl).toMatch(new RegExp(`^${stack.idp.issuer}`));
    expect(out.headers.getSetCookie().join("\n")).toMatch(/portvakt-session=;/);
    await problem(await viewer(`${env}/scopes`), 401);
  });

  it("refuses a session idle for longer than the idle timeout", async () => {
    const idleMs = 30 * 60_000; // the default idleTimeoutMinutes
    // Signed in 31 minutes ago by the BFF's clock; other sessions of this file are not moved.
    let moved = 0;
    const move = (ms: number) => {
      clock.shift(ms);
      moved += ms;
    };
    try {
      move(-(idleMs + 60_000));
      const viewer = await stack.as("demo-viewer");
      expect((await viewer(`${env}/prefix`)).status).toBe(200);
      move(idleMs - 1_000);
      expect((await viewer(`${env}/prefix`)).status).toBe(200);
      move(61_000);
      await problem(await viewer(`${env}/prefix`), 401);
    } finally {
      clock.shift(-moved);
    }
  });
});

describe("session refresh", () => {
  it("seals one new cookie per refresh, sent again to requests that still carry the old one", async () => {
    const viewer = await stack.as("demo-viewer");
    const sessionCookie = (response: Response) =>
      response.headers
        .getSetCookie()
        .find((c) => c.startsWith("portvakt-session="))
        ?.split(";")[0];
    expect(sessionCookie(await viewer(`${env}/prefix`))).toBeUndefined();
    clock.shift(2 * 60_000); // past the one-minute refresh, within the idle timeout
    try {
      const first = await viewer(`${env}/prefix`);
      const second = await viewer(`${env}/prefix`);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      const renewed = sessionCookie(first);
      expect(renewed).toBeTruthy();
      // Encryption has a random IV: a second sealing would give another value.
      expect(sessionCookie(second)).toBe(renewed);
      const fresh = await viewer(`${env}/prefix`, { headers: { Cookie: renewed! } });
      expect(fresh.status).toBe(200);
      expect(sessionCookie(fresh)).toBeUndefined();
    } finally {
      clock.shift(-2 * 60_000);
    }
  });
});

describe("CSRF", () => {
  it("refuses GET and POST without X-CSRF", async () => {
    await problem(await stack.api(`${env}/scopes`, { headers: { "X-CSRF": "0" } }), 403, /X-CSRF/);
    await problem(
      await stack.api(`${env}/clients`, {
        method: "POST",
        headers: { "X-CSRF": "" },
        body: JSON.stringify({ client_name: "x", description: "y" }),
      }),
      403,
      /X-CSRF/,
    );
  });

  it("refuses a state change from another origin, and sign-out too", async () => {
    const before = (await stack.bff.audit.list({ limit: 1000 })).entries.length;
    await problem(
      await stack.api(`${env}/clients`, {
        method: "POST",
        headers: { Origin: "https://evil.example" },
        body: JSON.stringify({ client_name: "x", description: "y" }),
      }),
      403,
      /Origin/,
    );
    await problem(
      await stack.api("/auth/logout", {
        method: "POST",
        headers: { Origin: "https://evil.example" },
      }),
      403,
    );
    expect((await stack.bff.audit.list({ limit: 1000 })).entries.length).toBe(before);
  });
});

describe("roles", () => {
  const CONSUMER = "974760673";

  it("a viewer reads but a forged grant gets 403, is audited as denied, and changes nothing", async () => {
    const viewer = await stack.as("demo-viewer");
    const scopes = (await (await viewer(`${env}/scopes`)).json()) as Array<{ name: string }>;
    const scope = scopes[0]!.name;
    const q = `?scope=${encodeURIComponent(scope)}`;
    const before = await (await stack.api(`${env}/scopes/access${q}`)).text();
    const forged = await viewer(`${env}/scopes/access/${CONSUMER}${q}`, { method: "PUT" });
    const body = await problem(forged, 403, /operator/);
    expect(body.title).toBe("Forbidden");
    expect(await (await stack.api(`${env}/scopes/access${q}`)).text()).toBe(before);
    const [entry] = (await stack.bff.audit.list({ person: "demo-viewer", limit: 1 })).entries;
    expect(entry).toMatchObject({
      action: "access.grant",
      outcome: "denied",
      status: 403,
      role: "viewer",
    });
  });

  it("an operator grants and revokes access but may not create scopes", async () => {
    const operator = await stack.as("demo-operator");
    const scopes = (await (await operator(`${env}/scopes`)).json()) as Array<{
      name: string;
      active: boolean;
    }>;
    const scope = scopes.find((s) => s.active)!.name;
    const q = `?scope=${encodeURIComponent(scope)}`;
    expect((await operator(`${env}/scopes/access/${CONSUMER}${q}`, { method: "PUT" })).status).toBe(
      200,
    );
    expect(
      (await operator(`${env}/scopes/access/${CONSUMER}${q}`, { method: "DELETE" })).status,
    ).toBe(200);
    await problem(
      await operator(`${env}/scopes`, {
        method: "POST",
        body: JSON.stringify({ prefix: "digdir", subscope: "nope", description: "x" }),
      }),
      403,
      /admin/,
    );
  });

  it("a person without a role sees nothing", async () => {
    const outsider = await stack.as("demo-outsider");
    await problem(await outsider(`${env}/scopes`), 403, /viewer/);
    const envs = (await (await outsider("/api/envs")).json()) as {
      envs: Array<{ role: string | null }>;
    };
    expect(envs.envs[0]?.role).toBeNull();
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After past the person's mutation limit", async () => {
    const limited = await startTestStack({ mutationsPerMinute: 2 });
    try {
      const create = () =>
        limited.api(`${env}/clients`, {
          method: "POST",
          body: JSON.stringify({ client_name: "r", description: "rate" }),
        });
      expect((await create()).status).toBe(200);
      expect((await create()).status).toBe(200);
      const third = await create();
      await problem(third, 429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
