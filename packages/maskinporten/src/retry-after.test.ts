import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./errors";

describe("parseRetryAfter (RFC 9110 §10.2.3)", () => {
  const now = () => Date.parse("2026-11-30T12:00:00Z");
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 120 ", now)).toBe(120);
  });
  it("reads an HTTP date as the seconds until it, never below 0", () => {
    expect(parseRetryAfter("Mon, 30 Nov 2026 12:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Mon, 30 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("answers undefined when absent or unreadable", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter("1.5", now)).toBeUndefined();
  });
});
