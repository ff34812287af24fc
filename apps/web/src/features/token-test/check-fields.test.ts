import { describe, expect, it } from "vitest";
import { fieldOfCheck, grantChecksProblem } from "./check-fields";

const failed = (code: string, params: Record<string, string> = {}) => ({
  code,
  params,
  ok: false,
  severity: "error" as const,
  message: `English of ${code}`,
});

describe("fieldOfCheck", () => {
  it("places kid, scope and issuer checks on their fields, and no others", () => {
    expect(fieldOfCheck("diagnosis.header.kid.unknown")).toBe("kid");
    expect(fieldOfCheck("diagnosis.header.kid.expired")).toBe("kid");
    expect(fieldOfCheck("diagnosis.claims.scope.empty")).toBe("scopes");
    expect(fieldOfCheck("diagnosis.scope.granted.missing")).toBe("scopes");
    expect(fieldOfCheck("diagnosis.claims.iss.other")).toBe("clientId");
    expect(fieldOfCheck("diagnosis.claims.aud.other")).toBeUndefined();
    expect(fieldOfCheck("diagnosis.header.key.none")).toBeUndefined();
    // A prefix of a code is not the code: `header.kidney` is no kid check.
    expect(fieldOfCheck("diagnosis.header.kidney")).toBeUndefined();
  });
});

describe("grantChecksProblem", () => {
  it("makes a problem of the failed field checks, with their codes and parameters", () => {
    const problem = grantChecksProblem([
      { ...failed("diagnosis.header.kid.ok"), ok: true },
      failed("diagnosis.header.kid.unknown", { kid: "x", kids: "a, b" }),
      failed("diagnosis.claims.aud.other"),
      { ...failed("diagnosis.scope.granted.missing"), severity: "warning" },
      failed("diagnosis.scope.client.missing", { scopes: "s:a" }),
    ]);
    expect(problem?.status).toBe(400);
    expect(problem?.errors).toEqual([
      {
        field: "kid",
        code: "diagnosis.header.kid.unknown",
        params: { kid: "x", kids: "a, b" },
        message: "English of diagnosis.header.kid.unknown",
      },
      {
        field: "scopes",
        code: "diagnosis.scope.client.missing",
        params: { scopes: "s:a" },
        message: "English of diagnosis.scope.client.missing",
      },
    ]);
  });

  it("answers undefined when no failed check belongs to a field", () => {
    expect(grantChecksProblem([failed("diagnosis.claims.exp.expired")])).toBeUndefined();
    expect(grantChecksProblem([])).toBeUndefined();
  });
});
