import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

// Inputs as people write them reach the BFF's API (CLI, scripts, pasted links): read the same
// as their plain form, over HTTP against the simulator.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

describe("organisation numbers as people write them", () => {
  it("a consumer filter spaced, as ISO 6523 or as a VAT number lists the same rows", async () => {
    const list = async (orgno: string) => {
      const response = await stack.api(
        `/api/envs/demo/scopes/access?${new URLSearchParams({ consumer_orgno: orgno })}`,
      );
      expect(response.status, orgno).toBe(200);
      return (await response.json()) as Array<{ consumer_orgno: string; scope: string }>;
    };
    const plain = await list("889640782");
    expect(plain.length).toBeGreaterThan(0);
    for (const written of ["889 640 782", "0192:889640782", "NO889640782MVA"]) {
      expect(await list(written), written).toEqual(plain);
    }
    const refused = await stack.api(
      `/api/envs/demo/scopes/access?${new URLSearchParams({ consumer_orgno: "889 640 783" })}`,
    );
    expect(refused.status).toBe(400);
  });
});

describe("an org number written otherwise in a change's path", () => {
  it("a refused change's audit entry names the number as the route reads it", async () => {
    // A viewer may not grant: the refusal is audited, targeted at 889640782, not at the form typed,
    // so a filter on the number finds refusals and changes alike (review finding 10).
    const viewer = await stack.as("demo-viewer");
    const scope = "digdir:demo.read";
    const ids: string[] = [];
    for (const written of ["NO889640782MVA", "0192:889640782"]) {
      const refused = await viewer(
        `/api/envs/demo/scopes/access/${encodeURIComponent(written)}?scope=${encodeURIComponent(scope)}`,
        { method: "PUT" },
      );
      expect(refused.status, written).toBe(403);
      ids.push(refused.headers.get("x-request-id")!);
    }
    const entries = (await stack.auditEntries("action=access.grant")).filter((e) =>
      ids.includes(e.requestId),
    );
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry.outcome).toBe("denied");
      expect(entry.target).toContain("889640782");
      expect(entry.target).not.toMatch(/NO889640782MVA|0192:/);
      expect(entry.targetParts).toContainEqual({
        code: "audit.target.org",
        params: { orgno: "889640782" },
      });
    }
  });
});

describe("scope prefixes as people write them", () => {
  it("a catalogue prefix filter in capitals or with spaces lists the same rows as the prefix", async () => {
    const list = async (prefix: string) => {
      const response = await stack.api(
        `/api/envs/demo/scopes/all?${new URLSearchParams({ prefix })}`,
      );
      expect(response.status, `${prefix}: ${await response.clone().text()}`).toBe(200);
      return ((await response.json()) as Array<{ name: string }>).map((scope) => scope.name);
    };
    const plain = await list("nav");
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((name) => name.startsWith("nav:"))).toBe(true);
    for (const written of ["NAV", "Nav", " nav ", "nav\t"]) {
      expect(await list(written), JSON.stringify(written)).toEqual(plain);
    }
    const refused = await stack.api(
      `/api/envs/demo/scopes/all?${new URLSearchParams({ prefix: "na v" })}`,
    );
    expect(refused.status).toBe(400);
  });
});

describe("a scope Digdir holds in old shapes", () => {
  it('is shown with its dates and updated over HTTP, its "" sent back and taken', async () => {
    const store = stack.simulator.store;
    const base = store.getScope("digdir:demo.read")!;
    const name = "digdir:gammel.tom";
    store.putScope({
      ...base,
      name,
      subscope: "gammel.tom",
      authorization_max_lifetime: "",
      created: 1709287200,
      last_updated: [2024, 3, 1, 10, 0, 5],
    } as unknown as typeof base);
    const q = `?scope=${encodeURIComponent(name)}`;
    const read = await stack.api(`/api/envs/demo/scopes/scope${q}`);
    expect(read.status).toBe(200);
    const shown = (await read.json()) as Record<string, unknown> & {
      portvakt_warnings?: Array<{ kind: string; field?: string }>;
    };
    expect(shown.created).toBe("2024-03-01T10:00:00.000Z");
    expect(shown.last_updated).toBe("2024-03-01T10:00:05.000");
    expect(shown.portvakt_warnings?.map((w) => `${w.kind}:${w.field}`).sort()).toEqual([
      "date-as-number:created",
      "date-as-number:last_updated",
      "invalid-field:authorization_max_lifetime",
    ]);
    const updated = await stack.api(`/api/envs/demo/scopes${q}`, {
      method: "PUT",
      body: JSON.stringify({ description: "Endret" }),
    });
    expect(updated.status, await updated.clone().text()).toBe(200);
    expect(store.getScope(name)).toMatchObject({
      description: "Endret",
      at_max_age: base.at_max_age,
    });
  });
});
