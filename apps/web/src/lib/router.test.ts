import { describe, expect, it } from "vitest";
import { splitEnv } from "./router";

describe("paths under their environment", () => {
  it("splits the environment off a path", () => {
    expect(splitEnv("/demo/clients/abc")).toEqual({ env: "demo", rest: "/clients/abc" });
    expect(splitEnv("/prod")).toEqual({ env: "prod", rest: "/" });
    expect(splitEnv("/")).toEqual({ env: undefined, rest: "/" });
  });
});
