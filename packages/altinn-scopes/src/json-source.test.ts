import { describe, expect, it } from "vitest";
import { childPath, JsonSyntaxError, jsonNestingDepth, parseJsonSource } from "./json-source";

describe("parseJsonSource", () => {
  it("gives the same value as JSON.parse, with spans of every value", () => {
    const text = `\uFEFF{"a": [1, -2.5e3, true, null, "x\\u00e6\\n"], "b c": {"d": false}}`;
    const source = parseJsonSource(text);
    expect(source.value).toEqual(JSON.parse(text.slice(1)));
    const span = source.spans.get('$["b c"].d')!;
    expect(text.slice(span.start, span.end)).toBe("false");
    expect(text.slice(span.keyStart, span.end)).toBe('"d": false');
    expect(text.slice(source.spans.get("$.a[4]")!.start, source.spans.get("$.a[4]")!.end)).toBe(
      '"x\\u00e6\\n"',
    );
  });

  it.each([
    ['{"a": 1,}', 1, 9],
    ['{"a" 1}', 1, 6],
    ["{\n  'a': 1\n}", 2, 3],
    ['{"a": 01}', 1, 8],
    ['{"a": "b\nc"}', 1, 9],
    ['{"a": 1} x', 1, 10],
    ['{"a": [1 2]}', 1, 10],
    ["", 1, 1],
    ['{"a": "open', 1, 7],
  ])("refuses %j at line %i, column %i", (text, line, column) => {
    let error: unknown;
    try {
      parseJsonSource(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect(error).toMatchObject({ line, column });
    expect(() => JSON.parse(text)).toThrow();
  });

  it("notes duplicate keys", () => {
    expect(parseJsonSource('{"a":1,"a":2}').duplicateKeys).toEqual(["$.a"]);
  });

  it("names paths in one scheme", () => {
    expect(childPath("$", "apiScopes")).toBe("$.apiScopes");
    expect(childPath("$.x", "a-b")).toBe('$.x["a-b"]');
    expect(childPath("$.x", 2)).toBe("$.x[2]");
  });

  it("keeps __proto__ an ordinary member and changes no prototype", () => {
    const { value } = parseJsonSource('{"__proto__": {"polluted": true}, "a": 1}');
    const record = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("stops at 64 levels of nesting with a too-deep error instead of overflowing the stack", () => {
    const deep = `${"[".repeat(4000)}${"]".repeat(4000)}`;
    expect(() => parseJsonSource(deep)).toThrow(JsonSyntaxError);
    try {
      parseJsonSource(deep);
    } catch (error) {
      expect(error).toMatchObject({ kind: "too-deep", line: 1, column: 65 });
    }
    expect(() => parseJsonSource(`${"[".repeat(64)}${"]".repeat(64)}`)).not.toThrow();
    expect(jsonNestingDepth(deep)).toBe(4000);
    expect(jsonNestingDepth(deep, 64)).toBe(65);
    expect(jsonNestingDepth('{"a": "[[[[", "b": [1, {"c": "\\"}]}')).toBe(3);
  });

  it("accepts trailing commas only when asked, and lists them", () => {
    expect(() => parseJsonSource('{"a": [1,],}')).toThrow(/comma/);
    expect(parseJsonSource('{"a": [1,],}', { allowTrailingCommas: true })).toMatchObject({
      value: { a: [1] },
      trailingCommas: [8, 10],
    });
    expect(() => parseJsonSource("[1,,]", { allowTrailingCommas: true })).toThrow();
    expect(() => parseJsonSource("{,}", { allowTrailingCommas: true })).toThrow();
  });
});

describe("comments, as the app reads its text files (AppResourcesSI.cs line 26)", () => {
  const text = `// first\n{ /* a */ "a": 1 // b\n, "b": /* c */ [2] }\r// last`;
  it("are skipped only when asked", () => {
    expect(parseJsonSource(text, { skipComments: true }).value).toEqual({ a: 1, b: [2] });
    expect(() => parseJsonSource(text)).toThrow(JsonSyntaxError);
  });
  it("an unclosed comment or a lone slash is still an error", () => {
    expect(() => parseJsonSource('{"a": 1} /* open', { skipComments: true })).toThrow(/comment/);
    expect(() => parseJsonSource('{"a": 1} /', { skipComments: true })).toThrow(JsonSyntaxError);
  });
});

describe("duplicates", () => {
  it("keep the earlier values, and the member sits where its last occurrence is", () => {
    const source = parseJsonSource('{"a":1,"b":2,"a":"x"}');
    expect(source.replaced).toEqual([{ path: "$.a", value: 1 }]);
    expect(Object.keys(source.value as object)).toEqual(["b", "a"]);
  });
});
