import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { clientAddress, TrustedProxies } from "./client-address";

/** An app answering the client address it sees, called in process with a fake socket. */
async function seen(trusted: string[], remoteAddress: string, forwardedFor?: string) {
  const proxies = new TrustedProxies(trusted);
  const app = new Hono().get("/", (c) => c.text(clientAddress(c, proxies)));
  const response = await app.request(
    "/",
    { headers: forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor } },
    { incoming: { socket: { remoteAddress } } },
  );
  return response.text();
}

describe("clientAddress", () => {
  it("is the socket's address, whatever X-Forwarded-For says, when no proxy is trusted", async () => {
    expect(await seen([], "203.0.113.7", "198.51.100.1")).toBe("203.0.113.7");
    expect(await seen([], "::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    expect(await seen(["10.0.0.0/8"], "203.0.113.7", "198.51.100.1")).toBe("203.0.113.7");
  });

  it("takes the right-most hop that is not a trusted proxy", async () => {
    // The client wrote "1.1.1.1" itself; the ingress appended the address it saw (198.51.100.9).
    expect(await seen(["10.0.0.0/8"], "10.1.2.3", "1.1.1.1, 198.51.100.9")).toBe("198.51.100.9");
    // Two proxies in a row: both are skipped.
    expect(
      await seen(["10.0.0.0/8", "192.0.2.5"], "10.1.2.3", "1.1.1.1, 198.51.100.9, 192.0.2.5"),
    ).toBe("198.51.100.9");
  });

  it("a malformed hop stops the walk at the last trusted address", async () => {
    expect(await seen(["10.0.0.0/8"], "10.1.2.3", "1.1.1.1, not-an-ip")).toBe("10.1.2.3");
  });

  it("a trusted proxy without the header is the client", async () => {
    expect(await seen(["10.0.0.0/8"], "10.1.2.3")).toBe("10.1.2.3");
  });

  it("understands IPv6 ranges and bracketed hops", async () => {
    expect(await seen(["fd00::/8"], "fd00::1", "[2001:db8::5]")).toBe("2001:db8::5");
  });

  it("refuses a configuration entry that is not an address", () => {
    expect(() => new TrustedProxies(["proxy.internal"])).toThrow(/not an IP/);
    expect(() => new TrustedProxies(["10.0.0.0/33"])).toThrow(/prefix/);
  });
});
