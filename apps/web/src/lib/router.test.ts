import { describe, expect, it } from "vitest";
import { href, splitEnv, withEnv } from "./router";

describe("paths under their environment", () => {
  it("splits the environment off a path", () => {
    expect(splitEnv("/demo/clients/abc")).toEqual({ env: "demo", rest: "/clients/abc" });
    expect(splitEnv("/prod")).toEqual({ env: "prod", rest: "/" });
    expect(splitEnv("/")).toEqual({ env: undefined, rest: "/" });
  });

  it("puts the current environment in front of a page's own path, search kept", () => {
    expect(withEnv("/access?scope=digdir%3Ademo.read", "/prod/scopes")).toBe(
      "/prod/access?scope=digdir%3Ademo.read",
    );
    expect(withEnv("/", "/demo/clients/x")).toBe("/demo");
    // Outside an environment (the unknown-environment page) the path is left as it is.
    expect(withEnv("/scopes", "/")).toBe("/scopes");
  });

  it("encodes search values (scope names have / and :)", () => {
    expect(href("/access", { scope: "digdir:demo/v1.read", empty: undefined })).toBe(
      "/access?scope=digdir%3Ademo%2Fv1.read",
    );
    expect(href("/consumer")).toBe("/consumer");
  });
});
