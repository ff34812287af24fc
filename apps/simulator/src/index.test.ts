import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Scope } from "@portvakt/contracts";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index";
import { providerAdminToken } from "./testing/grant";
import { callSelfService } from "./testing/self-service";

// Every test reads the data folder of the demo simulator started once here, never files an
// earlier test wrote; making the demo PKI is the slow part, so it has the hook's own timeout.
const dataDir = mkdtempSync(join(tmpdir(), "portvakt-simulator-"));
let first: RunningSimulator;
let firstRunning = false;
beforeAll(async () => {
  first = await startSimulator({ mode: "demo", dataDir });
  firstRunning = true;
}, 120_000);
afterAll(async () => {
  if (firstRunning) await first.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("demo mode", () => {
  it("writes the demo PKI to the data folder", () => {
    const provider = first.demo.orgs["991825827"]!;
    expect(provider.dir).toBe(join(dataDir, "orgs", "991825827"));
    for (const file of ["cert.pem", "key.pem", "chain.pem", "cert.p12"]) {
      expect(existsSync(join(provider.dir!, file)), file).toBe(true);
    }
    expect(readFileSync(join(provider.dir!, "key.pem"), "utf8")).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    );
    expect(
      readFileSync(join(provider.dir!, "chain.pem"), "utf8").match(/BEGIN CERTIFICATE/g),
    ).toHaveLength(2);
  });

  it("keeps state across a restart", async () => {
    const provider = first.demo.orgs["991825827"]!;
    const token = await providerAdminToken(first);
    const created = await callSelfService(first.url, "POST", "/api/v1/scopes", {
      token,
      body: { prefix: "digdir", subscope: "varig/v1", description: "Overlever omstart" },
    });
    expect(created.status).toBe(200);
    expect((await callSelfService(first.url, "POST", "/__control/reset")).status).toBe(404);
    expect((await callSelfService(first.url, "GET", "/__control/stats")).status).toBe(404);
    expect(
      (await callSelfService(first.url, "POST", "/__control/faults", { body: { kind: "drop" } }))
        .status,
    ).toBe(404);
    await first.close();
    firstRunning = false;

    const snapshot = JSON.parse(readFileSync(join(dataDir, "state.json"), "utf8")) as {
      scopes: { name: string }[];
    };
    expect(snapshot.scopes.map((scope) => scope.name)).toContain("digdir:varig/v1");

    const second = await startSimulator({ mode: "demo", dataDir });
    try {
      expect(second.demo.orgs["991825827"]!.certPem).toBe(provider.certPem);
      const again = await providerAdminToken(second);
      const read = await callSelfService(
        second.url,
        "GET",
        "/api/v1/scopes/scope?scope=digdir%3Avarig%2Fv1",
        { token: again },
      );
      expect(read.status).toBe(200);
      expect(Scope.parse(read.body).description).toBe("Overlever omstart");
    } finally {
      await second.close();
    }
  }, 60_000);

  it("writes PKCS#12 files that open with the documented password", () => {
    const p12Der = readFileSync(join(dataDir, "orgs", "889640782", "cert.p12"));
    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(p12Der.toString("binary")),
      "demo-password",
    );
    const certBags =
      p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
    const keyBags =
      p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[
        forge.pki.oids.pkcs8ShroudedKeyBag!
      ] ?? [];
    expect(certBags).toHaveLength(2);
    expect(keyBags).toHaveLength(1);
  });
});
