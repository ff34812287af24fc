import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./sign-in";

const origin = "https://portvakt.example.no";

describe("safeReturnTo", () => {
  it.each([
    ["/\t/evil.example/phish"],
    ["/\r\nSet-Cookie: x=1"],
    ["/\u0000"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["scopes"],
    ["/\u00a0/evil.example"],
    ["/\u2028/evil.example"],
    ["/\ufeff/evil.example"],
    ["/\u200b/evil.example"],
    [""],
    [undefined],
  ])("refuses %j", (value) => {
    expect(safeReturnTo(value, origin)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/scopes", "/scopes"],
    ["/access?scope=digdir:a#row", "/access?scope=digdir:a#row"],
    ["/a/../b", "/b"],
    ["/æ", "/%C3%A6"],
  ])("keeps %j on the same origin as %j", (value, expected) => {
    expect(safeReturnTo(value, origin)).toBe(expected);
  });
});
