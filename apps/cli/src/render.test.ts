import { planChanges } from "@portvakt/config-as-code";
import { describe, expect, it } from "vitest";
import { renderPlan } from "./render";

const plain = { green: String, yellow: String, red: String, bold: String, dim: String };

/** One scope of the organisation's, with a lifetime of 300 s and the other unset (Digdir's 0). */
const live = {
  scopes: [
    {
      name: "digdir:a",
      description: "A",
      active: true,
      visibility: "PUBLIC" as const,
      allowed_integration_types: [],
      token_type: "SELF_CONTAINED" as const,
      at_max_age: 300,
      authorization_max_lifetime: 0,
      requires_user_consent: false,
      requires_user_authentication: false,
      requires_pseudonymous_tokens: false,
      accessible_for_all: false,
    },
  ],
  grants: { "digdir:a": [] },
  clients: [],
  prefixes: ["digdir"],
};

describe("renderPlan", () => {
  // Brief ux20 item 3: an unset lifetime reads as Maskinporten's default, never as 0.
  it("shows an unset scope lifetime as Maskinporten's default, in updates and creates", () => {
    const plan = planChanges(
      {
        version: 1,
        scopes: [
          { name: "digdir:a", description: "A" },
          { name: "digdir:b", description: "B", authorization_max_lifetime: 600 },
        ],
      },
      live,
      { environment: "test", production: false },
    );
    const text = renderPlan(plan, plain);
    expect(text).toContain("at_max_age: 300 → (empty: Maskinporten's default)");
    expect(text).toContain("authorization_max_lifetime: 600");
    expect(text).not.toMatch(/at_max_age: 0|authorization_max_lifetime: 0|→ 0/);
    expect(text).not.toMatch(/^\s+at_max_age: \(empty/m);
  });
});
