import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

// The access-request inbox (issue 14 #17) over real HTTP against the seeded simulator: the
// demo provider owns `digdir:` and `difi:`; the seed has two requests to it and one to NAV.

let stack: TestStack;
const env = "/api/envs/demo";

beforeAll(async () => {
  stack = await startTestStack({ mutationsPerMinute: 100 });
});
afterAll(() => stack?.close());

type Row = { scope: string; consumer_orgno: string; state: string; owner_orgno?: string };

async function inbox(call = stack.api): Promise<Row[]> {
  const response = await call(`${env}/access-requests`);
  expect(response.status).toBe(200);
  return (await response.json()) as Row[];
}

const auditEntries = () => stack.auditEntries();

describe("access requests inbox", () => {
  it("lists only REQUESTED rows of the organisation's own scopes", async () => {
    const rows = await inbox();
    expect(rows.map((r) => [r.scope, r.consumer_orgno])).toEqual(
      expect.arrayContaining([
        ["digdir:demo/v1/hendelser", "889640782"],
        ["difi:api3", "910000004"],
      ]),
    );
    expect(rows.every((r) => r.state === "REQUESTED")).toBe(true);
    // NAV's scope has a request too, but it is not ours to answer.
    expect(rows.some((r) => r.scope.startsWith("nav:"))).toBe(false);
    expect(rows.every((r) => r.owner_orgno === stack.simulator.demo.providerOrgno)).toBe(true);
  });

  it("a viewer may read the inbox but neither approve nor deny", async () => {
    const viewer = await stack.as("demo-viewer");
    expect((await inbox(viewer)).length).toBeGreaterThan(0);
    const scope = encodeURIComponent("difi:api3");
    for (const method of ["PUT", "DELETE"]) {
      const answer = await viewer(`${env}/scopes/access/910000004?scope=${scope}`, { method });
      expect(answer.status).toBe(403);
    }
    expect((await inbox()).some((r) => r.consumer_orgno === "910000004")).toBe(true);
  });

  it("refuses approving without the CSRF header", async () => {
    const scope = encodeURIComponent("difi:api3");
    const answer = await stack.api(`${env}/scopes/access/910000004?scope=${scope}`, {
      method: "PUT",
      headers: { "X-CSRF": "" },
    });
    expect(answer.status).toBe(403);
    expect((await inbox()).some((r) => r.consumer_orgno === "910000004")).toBe(true);
  });

  it("approving moves a request out of the inbox to APPROVED, audited with the operator", async () => {
    const operator = await stack.as("demo-operator");
    const scope = "digdir:demo/v1/hendelser";
    const answer = await operator(
      `${env}/scopes/access/889640782?scope=${encodeURIComponent(scope)}`,
      { method: "PUT" },
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      scope,
      consumer_orgno: "889640782",
      state: "APPROVED",
    });
    expect((await inbox()).some((r) => r.scope === scope)).toBe(false);
    const entry = (await auditEntries()).find(
      (e) => e.action === "access.grant" && e.target === `${scope} → 889640782`,
    );
    expect(entry).toMatchObject({ outcome: "success", actor: { sub: "demo-operator" } });
  });

  it("denying moves a request out of the inbox to DENIED (the row stays)", async () => {
    const operator = await stack.as("demo-operator");
    const scope = "difi:api3";
    const answer = await operator(
      `${env}/scopes/access/910000004?scope=${encodeURIComponent(scope)}`,
      { method: "DELETE" },
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ state: "DENIED" });
    expect((await inbox()).some((r) => r.consumer_orgno === "910000004")).toBe(false);
    const rows = (await (
      await stack.api(`${env}/scopes/access?scope=${encodeURIComponent(scope)}&inactive=true`)
    ).json()) as Row[];
    expect(rows.find((r) => r.consumer_orgno === "910000004")?.state).toBe("DENIED");
    const entry = (await auditEntries()).find(
      (e) => e.action === "access.revoke" && e.target === `${scope} → 910000004`,
    );
    expect(entry).toMatchObject({ outcome: "success", actor: { sub: "demo-operator" } });
  });

  it("an organisation with no requests has an empty inbox, not an error", async () => {
    expect(await inbox()).toEqual([]);
  });
});
