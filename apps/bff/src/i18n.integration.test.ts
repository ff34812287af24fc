import {
  type Coded,
  formatMessage,
  problemMessages,
  validationMessages,
} from "@portvakt/contracts";
import { selfServiceMessages } from "@portvakt/maskinporten-rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

// Texts the BFF sends travel as codes with parameters beside an English detail (docs/i18n.md),
// over real HTTP against the simulator: every code must exist in each table, in nb, nn and en.
let stack: TestStack;
let prefix: string;
const env = "/api/envs/demo";
const tables = [validationMessages, problemMessages, selfServiceMessages];

type Body = Coded & { errors?: (Coded & { field?: string; message: string })[] };

function render(code: string, lang: "nb" | "nn" | "en", params?: Coded["params"]): string {
  const table = tables.find((t) => Object.hasOwn(t.en, code));
  expect(table, `a table has ${code}`).toBeDefined();
  return formatMessage((table![lang] as Record<string, string>)[code]!, lang, params);
}

beforeAll(async () => {
  stack = await startTestStack();
  const prefixes = (await (await stack.api(`${env}/prefix`)).json()) as Array<{ prefix: string }>;
  prefix = prefixes[0]!.prefix;
});
afterAll(() => stack?.close());

describe("problems travel as codes", () => {
  it("a zod failure names its limit, not zod's English", async () => {
    const response = await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix, subscope: "i18n/a", description: "x", at_max_age: -1 }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Body;
    expect(body.code).toBe("problem.invalid-request");
    const field = body.errors!.find((e) => e.field === "at_max_age")!;
    expect(field).toMatchObject({
      code: "validation.too-small.number",
      params: { minimum: 0 },
      message: "Must be at least 0",
    });
    expect(render(field.code, "nn", field.params)).toBe("Må vere minst 0");
  });

  it("the 409 of an existing scope is coded, field error included", async () => {
    const scope = { prefix, subscope: "i18n/dup", description: "Dup" };
    const first = await stack.api(`${env}/scopes`, { method: "POST", body: JSON.stringify(scope) });
    expect(first.status).toBe(200);
    const again = await stack.api(`${env}/scopes`, { method: "POST", body: JSON.stringify(scope) });
    expect(again.status).toBe(409);
    const body = (await again.json()) as Body;
    expect(body.code).toBe("problem.scope.exists");
    expect(body.detail).toBe(
      `The scope ${prefix}:i18n/dup already exists (an earlier attempt may have made it); nothing was sent`,
    );
    expect(render(body.code, "nb", body.params)).toBe(
      `Scopet ${prefix}:i18n/dup finnes allerede (et tidligere forsøk kan ha laget det); ingenting ble sendt`,
    );
    const exists = body.errors!.find((e) => e.field === "subscope")!;
    expect(exists.code).toBe("problem.field.scope-exists");
    expect(render(exists.code, "nn", exists.params)).toBe(`${prefix}:i18n/dup finst allereie`);

    // Deactivated: the field's own text says what the detail says (reactivate it), so a form
    // that shows the field's text alone (issue 14, defect 3) loses nothing.
    const name = `${prefix}:i18n/dup`;
    const off = await stack.api(`${env}/scopes?${new URLSearchParams({ scope: name })}`, {
      method: "DELETE",
    });
    expect(off.status).toBe(200);
    const inactive = await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify(scope),
    });
    expect(inactive.status).toBe(409);
    const field = ((await inactive.json()) as Body).errors!.find((e) => e.field === "subscope")!;
    expect(render(field.code, "en", field.params)).toBe(
      `${name} exists but is deactivated: reactivate it instead`,
    );
    expect(render(field.code, "nb", field.params)).toBe(
      `${name} finnes, men er deaktivert: aktiver det igjen i stedet`,
    );
    expect(render(field.code, "nn", field.params)).toBe(
      `${name} finst, men er deaktivert: aktiver det igjen i staden`,
    );
  });

  it("a role refusal is coded", async () => {
    const viewer = await stack.as("demo-viewer");
    const response = await viewer(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix, subscope: "i18n/viewer", description: "x" }),
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as Body;
    expect(body).toMatchObject({
      code: "problem.role-needed",
      params: { role: "admin", env: "demo" },
    });
    expect(render(body.code, "nn", body.params)).toBe(
      "Dette krev rolla «admin» (endre scope, klientar og nøklar) i miljøet «demo»",
    );
  });
});
