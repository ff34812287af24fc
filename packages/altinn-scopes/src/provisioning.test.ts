import { describe, expect, it } from "vitest";
import { generateApiScopes } from "./generate";
import { provisioningPlanOf } from "./provisioning";
import { resolveApiScopes } from "./resolve";

describe("provisioningPlanOf", () => {
  it("plans each distinct scope with the integration types of the groups that use it", () => {
    const resolved = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: generateApiScopes({ prefix: "ttd", app: "skjema" }),
    });
    const plan = provisioningPlanOf(resolved);
    expect(plan.map((p) => [p.name, p.allowed_integration_types, p.grantToConsumers])).toEqual([
      ["ttd:skjema.instances.read", ["idporten", "maskinporten"], true],
      ["ttd:skjema.instances.write", ["idporten", "maskinporten"], true],
      ["ttd:skjema/serviceowner/instances.read", ["maskinporten"], false],
      ["ttd:skjema/serviceowner/instances.write", ["maskinporten"], false],
    ]);
    expect(plan[0]).toMatchObject({
      prefix: "ttd",
      subscope: "skjema.instances.read",
      description: "Altinn-appen ttd/skjema: lese instanser som bruker eller system",
    });
  });

  it("describes each scope in the language asked for (bokmål unless told), never English by default", () => {
    const resolved = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: { users: { read: "ttd:delt" }, serviceOwners: { read: "ttd:delt" } },
    });
    expect(provisioningPlanOf(resolved, "nn")[0]?.description).toBe(
      "Altinn-appen ttd/skjema: lese instansar som brukar eller system; lese instansar som tenesteeigar",
    );
    expect(provisioningPlanOf(resolved, "en")[0]?.description).toBe(
      "Altinn app ttd/skjema: read instances as a user or system; read instances as the service owner",
    );
    expect(provisioningPlanOf(resolved)[0]?.description).toMatch(/^Altinn-appen ttd\/skjema: lese/);
  });

  it("merges a scope used in several places and leaves out altinn: and unresolved ones", () => {
    const resolved = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: {
        users: { read: "ttd:shared", write: "altinn:instances.write" },
        serviceOwners: { read: "ttd:shared", write: "[org]:[App]" },
      },
    });
    const plan = provisioningPlanOf(resolved);
    expect(plan.map((p) => p.name)).toEqual(["ttd:shared", "[org]:[App]"]);
    expect(plan[0]).toMatchObject({
      usedBy: [
        { group: "users", operation: "read" },
        { group: "serviceOwners", operation: "read" },
      ],
      allowed_integration_types: ["idporten", "maskinporten"],
      grantToConsumers: true,
    });
    const unresolved = resolveApiScopes({ id: "x", apiScopes: { users: { read: "ttd:[app]" } } });
    expect(provisioningPlanOf(unresolved)).toEqual([]);
  });
});
