import {
  type Coded,
  formatMessage,
  OWN_ADMIN_CLIENT_CONFIRMATION_HEADER,
  OWN_ADMIN_CLIENT_CONFIRMATION_REQUIRED,
  problemMessages,
  validationMessages,
} from "@portvakt/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

// Issue 14, defect 8: Portvakt's own admin client (the environment's `clientId`) cannot be
// deleted or deactivated by the ordinary call: without it Portvakt gets no token and locks
// itself out. And issue 14 #4: the refusals that were English-only (path parameters, bulk-job
// 404, pipeline tokens, config-as-code 400s, unknown routes) carry a code with nb, nn and en text.
let stack: TestStack;
const env = "/api/envs/demo";

type Body = Coded & {
  type: string;
  status: number;
  errors?: (Partial<Coded> & { field?: string; message: string })[];
};

/** The text of a code in a language; fails when neither table has it. */
function render(code: string | undefined, lang: "nb" | "nn" | "en", params?: Coded["params"]) {
  const table = [problemMessages, validationMessages].find((t) => Object.hasOwn(t.en, code ?? ""));
  expect(table, `a table has ${code}`).toBeDefined();
  return formatMessage((table![lang] as Record<string, string>)[code!]!, lang, params);
}

/** How many writes (not GET) Digdir (the simulator) has had. */
async function digdirWrites(): Promise<number> {
  const stats = (await (await stack.control("/stats")).json()) as {
    requests: Record<string, number>;
  };
  return Object.entries(stats.requests)
    .filter(([route]) => /^(POST|PUT|DELETE|PATCH) \/api\/v1\//.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}

beforeAll(async () => {
  stack = await startTestStack({ mutationsPerMinute: 10_000 });
}, 60_000);
afterAll(() => stack?.close());

describe("the BFF's refusals carry codes with nb, nn and en text", () => {
  it("a bad client id in the path", async () => {
    const response = await stack.api(`${env}/clients/${encodeURIComponent("a!b")}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Body;
    expect(body).toMatchObject({ code: "problem.path-param", params: { field: "id" } });
    expect(body.detail).toBe('The path parameter "id" is not valid');
    expect(render(body.code, "nn", body.params)).toBe("Parameteren «id» i adressa er ikkje gyldig");
    const field = body.errors![0]!;
    expect(field).toMatchObject({ field: "id", code: "problem.field.client-id" });
    expect(render(field.code, "nb")).toMatch(/^En klient-ID har 1–100/);
  });

  it("a bad org number in the path names zod's check as a code", async () => {
    const response = await stack.api(`${env}/organizations/123`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as Body;
    expect(body.code).toBe("problem.path-param");
    expect(body.errors![0]!.code).toBeTruthy();
    expect(() => render(body.errors![0]!.code, "nn", body.errors![0]!.params)).not.toThrow();
  });

  it("an unknown bulk job", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const response = await stack.api(`${env}/access-jobs/${id}`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as Body;
    expect(body).toMatchObject({ code: "problem.bulk.not-found", params: { id, env: "demo" } });
    expect(render(body.code, "nb", body.params)).toBe(`Ingen massejobb ${id} i «demo»`);
  });

  it("an unknown API route and a malformed pipeline token", async () => {
    const route = await stack.api("/api/nothing-here");
    expect(route.status).toBe(404);
    expect(((await route.json()) as Body).code).toBe("problem.no-api-route");
    const token = await fetch(`${stack.url}/api/envs`, {
      headers: { Authorization: "Bearer not a token" },
    });
    expect(token.status).toBe(401);
    const body = (await token.json()) as Body;
    expect(body.code).toBe("problem.tokens.bearer-format");
    expect(render(body.code, "en")).toBe(body.detail);
  });

  it("a config-as-code document that is not valid", async () => {
    const response = await stack.api(`${env}/config/plan`, {
      method: "POST",
      body: JSON.stringify({ document: "version: 1\nscopes: 5\n", format: "yaml" }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Body;
    expect(body.code).toBe("problem.config.invalid-document");
    expect(render(body.code, "nn", body.params)).toMatch(/^Dokumentet er ikkje gyldig/);
    expect(body.errors!.length).toBeGreaterThan(0);
    for (const error of body.errors!) expect(error.code, error.message).toBeTruthy();
  });
});

describe("Portvakt's own admin client", () => {
  async function adminClientId(): Promise<string> {
    const { envs } = (await (await stack.api("/api/envs")).json()) as {
      envs: { id: string; clientId?: string }[];
    };
    const id = envs.find((e) => e.id === "demo")?.clientId;
    expect(id).toBeTruthy();
    return id!;
  }

  it("is not deactivated without the confirmation", async () => {
    const id = await adminClientId();
    const before = await digdirWrites();
    const response = await stack.api(`${env}/clients/${id}`, {
      method: "PUT",
      body: JSON.stringify({ active: false }),
    });
    expect(response.status).toBe(428);
    expect(await digdirWrites()).toBe(before);
    const body = (await response.json()) as Body;
    expect(body).toMatchObject({ code: "problem.own-admin-client", params: { clientId: id } });
  });

  it("is not deleted without the confirmation (nor with a wrong one), and the refusal is audited as denied", async () => {
    const id = await adminClientId();
    const before = await digdirWrites();
    const attempts: Record<string, string>[] = [
      {},
      { [OWN_ADMIN_CLIENT_CONFIRMATION_HEADER]: "someone-else" },
    ];
    for (const headers of attempts) {
      const response = await stack.api(`${env}/clients/${id}`, { method: "DELETE", headers });
      expect(response.status).toBe(428);
      const body = (await response.json()) as Body;
      expect(body).toMatchObject({
        type: OWN_ADMIN_CLIENT_CONFIRMATION_REQUIRED,
        code: "problem.own-admin-client",
        params: { clientId: id, env: "demo" },
      });
      expect(body.detail).toContain("locks itself");
      expect(render(body.code, "nb", body.params)).toContain("låser seg selv");
      expect(render(body.code, "nn", body.params)).toContain("låser seg sjølv");
      const requestId = response.headers.get("x-request-id");
      const { entries } = await stack.bff.audit.list({ limit: 1000 });
      expect(entries.filter((e) => e.requestId === requestId)).toEqual([
        expect.objectContaining({ action: "client.delete", outcome: "denied", status: 428 }),
      ]);
    }
    expect(await digdirWrites()).toBe(before);
    expect((await stack.api(`${env}/clients/${id}`)).status).toBe(200);
  });

  it("another client is deleted without that confirmation", async () => {
    const created = await stack.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "Ikke Portvakt", description: "vanlig" }),
    });
    expect(created.status).toBe(200);
    const { client_id } = (await created.json()) as { client_id: string };
    expect((await stack.api(`${env}/clients/${client_id}`, { method: "DELETE" })).status).toBe(204);
  });

  // Last: after it, Portvakt has locked itself out of the demo environment.
  it("is deleted when the request names it in the confirmation header", async () => {
    const id = await adminClientId();
    const response = await stack.api(`${env}/clients/${id}`, {
      method: "DELETE",
      headers: { [OWN_ADMIN_CLIENT_CONFIRMATION_HEADER]: id },
    });
    expect(response.status).toBe(204);
  });
});
