import { describe, expect, it } from "vitest";
import { upstreamOperation } from "./metrics";

describe("upstreamOperation", () => {
  const base = "http://127.0.0.1:9/api/v1";

  it("replaces ids, kids and org numbers, and drops the query", () => {
    expect(upstreamOperation("get", `${base}/clients/abc-123/jwks/kid-1?x=1`)).toBe(
      "GET /api/v1/clients/:id/jwks/:kid",
    );
    expect(upstreamOperation("PUT", `${base}/scopes/access/974761076?scope=p%3As`)).toBe(
      "PUT /api/v1/scopes/access/:orgno",
    );
    expect(upstreamOperation("GET", `${base}/organizations/974761076`)).toBe(
      "GET /api/v1/organizations/:orgno",
    );
  });

  it("answers the same for a path asked again, and apart per method and path", () => {
    const first = upstreamOperation("GET", `${base}/scopes/access?scope=a`);
    expect(upstreamOperation("GET", `${base}/scopes/access?scope=b`)).toBe(first);
    expect(first).toBe("GET /api/v1/scopes/access");
    expect(upstreamOperation("DELETE", `${base}/scopes/access/974761076?scope=a`)).toBe(
      "DELETE /api/v1/scopes/access/:orgno",
    );
    expect(upstreamOperation("GET", `${base}/clients`)).toBe("GET /api/v1/clients");
  });

  it("stays right past the number of paths it remembers", () => {
    for (let i = 0; i < 2_500; i++) {
      expect(upstreamOperation("GET", `${base}/clients/c${i}`)).toBe("GET /api/v1/clients/:id");
    }
    expect(upstreamOperation("GET", `${base}/scopes`)).toBe("GET /api/v1/scopes");
  });
});
