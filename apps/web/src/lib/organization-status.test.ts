import type { OrganizationStatus } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { flaggedOrganizations, orgnosIn } from "./organization-status";

describe("orgnosIn (organisation numbers named in an audit target)", () => {
  it("finds valid numbers once each, in order", () => {
    expect(orgnosIn("digdir:demo.read → 911000008")).toEqual(["911000008"]);
    expect(orgnosIn("974761076, 911000016 and 974761076 again")).toEqual([
      "974761076",
      "911000016",
    ]);
  });

  it("skips numbers that fail mod-11 and digits that are part of a longer run", () => {
    expect(orgnosIn("digdir:demo.read → 911000009")).toEqual([]);
    expect(orgnosIn("client 1974761076 and key 9747610761")).toEqual([]);
    expect(orgnosIn("digdir:demo.read → 3")).toEqual([]);
    expect(orgnosIn("")).toEqual([]);
  });
});

const status = (orgno: string, state: OrganizationStatus["state"]): OrganizationStatus => ({
  orgno,
  registry: "on",
  ...(state ? { state } : {}),
  needs_confirmation: state !== undefined && state !== "active",
});

describe("flaggedOrganizations (the check before a grant)", () => {
  const register: Record<string, OrganizationStatus["state"]> = {
    "911000008": "bankrupt",
    "911000016": "deleted",
    "974761076": "active",
    "911000024": "winding-up",
  };

  it("returns each organisation that is not active once, in the order given", async () => {
    const asked: string[] = [];
    const flagged = await flaggedOrganizations(
      ["974761076", "911000016", "911000008", "911000016", "911000024"],
      async (orgno) => {
        asked.push(orgno);
        return status(orgno, register[orgno]);
      },
    );
    expect(flagged.map((s) => [s.orgno, s.state])).toEqual([
      ["911000016", "deleted"],
      ["911000008", "bankrupt"],
      ["911000024", "winding-up"],
    ]);
    expect(asked.sort()).toEqual(["911000008", "911000016", "911000024", "974761076"]);
  });

  it("waits for slow answers and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const orgnos = Array.from({ length: 20 }, (_, i) => `9110000${String(i).padStart(2, "0")}`);
    const flagged = await flaggedOrganizations(
      orgnos,
      async (orgno) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return status(orgno, orgno.endsWith("9") ? "bankrupt" : "active");
      },
      3,
    );
    expect(most).toBe(3);
    expect(flagged.map((s) => s.orgno)).toEqual(["911000009", "911000019"]);
  });

  it("counts a failed look-up as not known (no question) and a registry switched off as none", async () => {
    const flagged = await flaggedOrganizations(["911000008", "974761076"], async (orgno) => {
      if (orgno === "911000008") throw new Error("503");
      return { orgno, registry: "off", needs_confirmation: false };
    });
    expect(flagged).toEqual([]);
  });
});
