import { readDemoMaterial, sharedDemoMaterial } from "@portvakt/simulator";
import { describe, expect, inject, it } from "vitest";
import { startTestStack } from "./stack";

// The BFF project's setup (vitest.config.ts): the run's demo material, made once by the global
// setup, is what this file's simulators use; no file makes its own RSA keys.
describe("the run's demo material", () => {
  it("is made once per run and used by this file's simulators", async () => {
    const dir = inject("portvaktDemoMaterialDir");
    expect(dir).toMatch(/portvakt-test-material-/);
    const saved = await readDemoMaterial(dir, new Date());
    expect(saved).toBeDefined();
    const material = await sharedDemoMaterial();
    expect(material.ca.certPem).toBe(saved!.ca.certPem);
    expect(material.signingKey.kid).toBe(saved!.signingKey.kid);

    // A started stack's simulator presents the run's CA, not one of its own.
    const stack = await startTestStack();
    try {
      const ca = stack.simulator.demo.ca.certPem;
      expect(ca).toBe(saved!.ca.certPem);
    } finally {
      await stack.close();
    }
  });
});
