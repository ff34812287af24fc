import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrganizationRegister, registryStateOf } from "./organization-register";
import { startTestStack, type TestStack } from "./testing/stack";

// Issue 14 #16: an organisation's state in Enhetsregisteret through the BFF, over real HTTP
// against the simulator's stand-in for Brønnøysund's open API (its answer shape), and the
// bounded, timed cache against a counting HTTP server.

const env = "/api/envs/demo";
const BANKRUPT = "911000008";
const DELETED = "911000016";
const WINDING_UP = "911000024";
const GONE = "911000032";

describe("GET /organizations/{orgno}/status", () => {
  let stack: TestStack;
  let off: TestStack;
  beforeAll(async () => {
    [stack, off] = await Promise.all([
      startTestStack(),
      startTestStack({ enhetsregisteret: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([stack?.close(), off?.close()]);
  });

  const status = async (orgno: string, on = stack) => {
    const response = await on.api(`${env}/organizations/${orgno}/status`);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  it("names the state of each kind, with Digdir's name", async () => {
    expect(await status("889640782")).toEqual({
      orgno: "889640782",
      name: "ARBEIDS- OG VELFERDSETATEN",
      registry: "on",
      state: "active",
      needs_confirmation: false,
    });
    expect(await status(BANKRUPT)).toMatchObject({
      name: "KONKURS DEMO AS",
      state: "bankrupt",
      needs_confirmation: true,
    });
    expect(await status(DELETED)).toMatchObject({
      state: "deleted",
      deleted_on: "2024-06-30",
      needs_confirmation: true,
    });
    expect(await status(WINDING_UP)).toMatchObject({
      state: "winding-up",
      needs_confirmation: true,
    });
    // 410 Gone (removed for legal reasons) reads as deleted, with its date.
    expect(await status(GONE)).toMatchObject({
      state: "deleted",
      deleted_on: "2023-01-31",
      needs_confirmation: true,
    });
  });

  /** How many requests the stack's simulator has had on its Enhetsregisteret routes. */
  const registryRequests = async (on: TestStack) => {
    const response = await on.control("/stats");
    expect(response.status).toBe(200);
    const { requests } = (await response.json()) as { requests: Record<string, number> };
    return Object.entries(requests)
      .filter(([route]) => route.includes("/enhetsregisteret/"))
      .reduce((sum, [, count]) => sum + count, 0);
  };

  it("switched off: names only, nothing to confirm", async () => {
    expect(await status(BANKRUPT, off)).toEqual({
      orgno: BANKRUPT,
      name: "KONKURS DEMO AS",
      registry: "off",
      needs_confirmation: false,
    });
  });

  it("switched off: the status source gets no request, and granting still works", async () => {
    // The counter counts: the stack with the look-up on asks the status source (for a number
    // its cache does not hold yet).
    const onBefore = await registryRequests(stack);
    await status("974760673");
    expect(await registryRequests(stack)).toBeGreaterThan(onBefore);

    const before = await registryRequests(off);
    for (const orgno of [BANKRUPT, DELETED, WINDING_UP, GONE, "889640782"]) {
      expect(await status(orgno, off)).toMatchObject({ orgno, registry: "off" });
    }
    // A grant to a bankrupt organisation goes through (the confirmation is the page's, and
    // without a state there is nothing to confirm).
    const scope = "digdir:demo.read";
    const grant = await off.api(
      `${env}/scopes/access/${BANKRUPT}?${new URLSearchParams({ scope })}`,
      { method: "PUT" },
    );
    expect(grant.status).toBe(200);
    expect(await grant.json()).toMatchObject({
      consumer_orgno: BANKRUPT,
      scope,
      state: "APPROVED",
    });
    expect(await registryRequests(off)).toBe(before);
  });

  it("refuses a malformed or mod-11-invalid number before asking anyone", async () => {
    for (const orgno of ["12345", "123456789", "abcdefghi"]) {
      const response = await stack.api(`${env}/organizations/${orgno}/status`);
      expect(response.status).toBe(400);
    }
  });

  it("needs a signed-in person", async () => {
    // Without a session (and so without the CSRF header the web app sends): refused, no state.
    const response = await fetch(`${stack.url}${env}/organizations/${BANKRUPT}/status`);
    expect([401, 403]).toContain(response.status);
    expect(await response.text()).not.toContain("bankrupt");
  });
});

describe("OrganizationRegister cache", () => {
  let server: Server;
  let baseUrl: string;
  const hits: string[] = [];
  let failNext = false;
  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? "");
      if (failNext) {
        failNext = false;
        response.writeHead(503).end();
        return;
      }
      const orgno = (request.url ?? "").split("/").pop();
      response.writeHead(orgno === "404404404" ? 404 : 200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ organisasjonsnummer: orgno, konkurs: orgno === BANKRUPT }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("asks once per number within the TTL, again after it (seconds)", async () => {
    let now = 1_000_000;
    const register = new OrganizationRegister(
      { baseUrl, ttlSeconds: 60, maxEntries: 10, timeoutMs: 2000 },
      () => now,
    );
    const before = hits.length;
    expect(await register.lookUp(BANKRUPT)).toEqual({ registry: "on", state: "bankrupt" });
    expect(await register.lookUp(BANKRUPT)).toEqual({ registry: "on", state: "bankrupt" });
    expect(hits.slice(before)).toEqual([`/api/enheter/${BANKRUPT}`]);
    now += 59_000;
    await register.lookUp(BANKRUPT);
    expect(hits.length - before).toBe(1);
    now += 2_000;
    await register.lookUp(BANKRUPT);
    expect(hits.length - before).toBe(2);
  });

  it("keeps at most maxEntries, evicting the least recently used", async () => {
    const register = new OrganizationRegister({
      baseUrl,
      ttlSeconds: 600,
      maxEntries: 2,
      timeoutMs: 2000,
    });
    await register.lookUp("889640782");
    await register.lookUp("974760673");
    await register.lookUp("889640782"); // now the most recently used
    await register.lookUp("974761076"); // evicts 974760673
    expect(register.size).toBe(2);
    const before = hits.length;
    await register.lookUp("889640782");
    expect(hits.length).toBe(before);
    await register.lookUp("974760673");
    expect(hits.length).toBe(before + 1);
  });

  it("shares one request between concurrent look-ups, and caches 404 but not a failure", async () => {
    const register = new OrganizationRegister({
      baseUrl,
      ttlSeconds: 600,
      maxEntries: 10,
      timeoutMs: 2000,
    });
    const before = hits.length;
    await Promise.all([register.lookUp("910000004"), register.lookUp("910000004")]);
    expect(hits.length - before).toBe(1);
    expect(await register.lookUp("404404404")).toEqual({ registry: "on", state: "not-found" });
    await register.lookUp("404404404");
    expect(hits.length - before).toBe(2);
    failNext = true;
    expect(await register.lookUp("911000040")).toEqual({ registry: "unavailable" });
    expect(await register.lookUp("911000040")).toEqual({ registry: "on", state: "active" });
    expect(hits.length - before).toBe(4);
  });

  it("is off without a base URL and sends nothing", async () => {
    const register = new OrganizationRegister({ ttlSeconds: 60, maxEntries: 10, timeoutMs: 100 });
    expect(await register.lookUp(BANKRUPT)).toEqual({ registry: "off" });
    expect(register.sent).toBe(0);
  });

  it("reads Brønnøysund's fields leniently, deleted first", () => {
    expect(registryStateOf({ slettedato: "2020-01-01", konkurs: true })).toEqual({
      state: "deleted",
      deleted_on: "2020-01-01",
    });
    expect(registryStateOf({ konkurs: true, underAvvikling: true }).state).toBe("bankrupt");
    expect(registryStateOf({ underTvangsavviklingEllerTvangsopplosning: true }).state).toBe(
      "forced-winding-up",
    );
    expect(registryStateOf({ underAvvikling: true }).state).toBe("winding-up");
    expect(registryStateOf({ konkurs: "ja", unknown: 1 }).state).toBe("active");
    expect(registryStateOf(null).state).toBe("active");
  });
});
