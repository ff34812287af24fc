/**
 * A small JSON reader that remembers where every value sits in the text. `JSON.parse` gives
 * neither positions (so a report could not say "line 12") nor spans (so `insertApiScopes`
 * could not replace one block and leave every other byte of the file alone).
 */

export interface SourceSpan {
  /** Offset of the value's first character. */
  start: number;
  /** Offset just after the value's last character. */
  end: number;
  /** Offset of the property name's opening quote, for object members. */
  keyStart?: number;
}

export interface JsonSource {
  value: unknown;
  /** Keyed by JSON path (`$`, `$.apiScopes.users.read`, `$.list[0]`). */
  spans: Map<string, SourceSpan>;
  /** Paths of object members that appear more than once (JSON.parse keeps the last). */
  duplicateKeys: string[];
  /**
   * The earlier values of members that appear more than once, in the order of the text, each
   * with its path: System.Text.Json reads each of them before the last replaces it, so a value
   * of the wrong type there still fails (`resolveApiScopes` checks them).
   */
  replaced: Array<{ path: string; value: unknown }>;
  /** Offsets of commas before `}` or `]` (only when `allowTrailingCommas`). */
  trailingCommas: number[];
}

/** How `parseJsonSource` reads. */
export interface JsonSourceOptions {
  /**
   * Accept a comma before `}` and `]`, as the app reads `applicationmetadata.json`
   * (`AppMetadata.cs` line 21, `AllowTrailingCommas = true`); each is listed in `trailingCommas`.
   */
  allowTrailingCommas?: boolean;
  /** The deepest nesting of objects and arrays accepted; default `MAX_JSON_DEPTH`. */
  maxDepth?: number;
  /**
   * Skip `// …` (to the end of the line) and `/* … *\/` comments wherever white space may be,
   * as the app reads its text resource files (`AppResourcesSI.cs` line 26,
   * `JsonCommentHandling.Skip`); its metadata allows none (`AppMetadata.cs` lines 17-22).
   */
  skipComments?: boolean;
}

/**
 * System.Text.Json's default `MaxDepth` (64), which the app uses to read its metadata
 * (`AppMetadata.cs` lines 17-22 set no other): a 65th nested object or array fails there, and
 * here. It also keeps this recursive reader far from the stack's end on hostile input.
 */
export const MAX_JSON_DEPTH = 64;

export class JsonSyntaxError extends Error {
  /** `too-deep` when the nesting limit was hit, else `syntax`. */
  readonly kind: "syntax" | "too-deep";
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  constructor(
    message: string,
    text: string,
    offset: number,
    kind: "syntax" | "too-deep" = "syntax",
  ) {
    const { line, column } = lineAndColumn(text, offset);
    super(`${message} at line ${line}, column ${column}`);
    this.name = "JsonSyntaxError";
    this.kind = kind;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON path segment appended to `parent`, in the one scheme every report uses. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * How deeply objects and arrays nest in a JSON text, counted without parsing (strings skipped)
 * and without recursion, stopping as soon as `limit` is exceeded (then `limit + 1`). For
 * refusing hostile input before any parser sees it.
 */
export function jsonNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (ch === 0x7d || ch === 0x5d) depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/**
 * Parses JSON text into its value, a span per JSON path, the duplicate keys and (when allowed)
 * the trailing commas. Throws `JsonSyntaxError` (with line and column) for bad JSON and for
 * nesting deeper than `maxDepth` (kind `too-deep`). `__proto__` is an ordinary member.
 */
export function parseJsonSource(text: string, options: JsonSourceOptions = {}): JsonSource {
  const spans = new Map<string, SourceSpan>();
  const duplicateKeys: string[] = [];
  const replaced: Array<{ path: string; value: unknown }> = [];
  const trailingCommas: number[] = [];
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  let depth = 0;
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, text, at);
  };
  const skipWhitespace = () => {
    for (;;) {
      while (pos < text.length && " \t\n\r".includes(text[pos]!)) pos++;
      if (!options.skipComments || text[pos] !== "/") return;
      if (text[pos + 1] === "/") {
        while (pos < text.length && text[pos] !== "\n" && text[pos] !== "\r") pos++;
      } else if (text[pos + 1] === "*") {
        const close = text.indexOf("*/", pos + 2);
        if (close < 0) fail("A comment is not closed");
        pos = close + 2;
      } else return;
    }
  };
  const describe = (at: number) => (at >= text.length ? "the end of the text" : `"${text[at]}"`);

  const readString = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length) {
      const ch = text[pos]!;
      if (ch === '"') {
        pos++;
        // JSON.parse decodes the escapes exactly as the standard says.
        return JSON.parse(text.slice(start, pos)) as string;
      }
      if (ch === "\\") {
        const next = text[pos + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("Bad \\u escape");
          pos += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) pos += 2;
        else fail("Bad escape in a string");
        continue;
      }
      if (ch < " ") fail("A string cannot hold a raw line break or control character");
      pos++;
    }
    return fail("A string is not closed", start);
  };

  const readNumber = (): number => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!match) return fail(`Unexpected ${describe(pos)}`);
    pos += match[0].length;
    return Number(match[0]);
  };

  const readValue = (path: string, keyStart?: number): unknown => {
    skipWhitespace();
    const start = pos;
    const ch = text[pos];
    let value: unknown;
    if (ch === "{" || ch === "[") {
      if (++depth > maxDepth) {
        throw new JsonSyntaxError(
          `Objects and arrays nest deeper than ${maxDepth} levels`,
          text,
          pos,
          "too-deep",
        );
      }
      value = ch === "{" ? readObject(path) : readArray(path);
      depth--;
    } else if (ch === '"') value = readString();
    else if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) value = readNumber();
    else if (text.startsWith("true", pos)) {
      pos += 4;
      value = true;
    } else if (text.startsWith("false", pos)) {
      pos += 5;
      value = false;
    } else if (text.startsWith("null", pos)) {
      pos += 4;
      value = null;
    } else fail(`Expected a value but found ${describe(pos)}`);
    spans.set(path, { start, end: pos, ...(keyStart !== undefined ? { keyStart } : {}) });
    return value;
  };

  const readObject = (path: string): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    pos++;
    skipWhitespace();
    if (text[pos] === "}") {
      pos++;
      return result;
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] !== '"') fail(`Expected a property name in quotes but found ${describe(pos)}`);
      const keyStart = pos;
      const key = readString();
      skipWhitespace();
      if (text[pos] !== ":")
        fail(`Expected ":" after the property name but found ${describe(pos)}`);
      pos++;
      const memberPath = childPath(path, key);
      if (Object.hasOwn(result, key)) {
        duplicateKeys.push(memberPath);
        replaced.push({ path: memberPath, value: result[key] });
        // The member moves to where its last occurrence is, so key order is the text's order.
        delete result[key];
      }
      // defineProperty: a member named "__proto__" stays a member and changes no prototype.
      Object.defineProperty(result, key, {
        value: readValue(memberPath, keyStart),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      skipWhitespace();
      if (text[pos] === ",") {
        const comma = pos;
        pos++;
        skipWhitespace();
        if (text[pos] === "}") {
          if (!options.allowTrailingCommas) fail("A comma cannot come before }");
          trailingCommas.push(comma);
          pos++;
          return result;
        }
        continue;
      }
      if (text[pos] === "}") {
        pos++;
        return result;
      }
      fail(`Expected "," or "}" but found ${describe(pos)}`);
    }
  };

  const readArray = (path: string): unknown[] => {
    const result: unknown[] = [];
    pos++;
    skipWhitespace();
    if (text[pos] === "]") {
      pos++;
      return result;
    }
    for (;;) {
      result.push(readValue(childPath(path, result.length)));
      skipWhitespace();
      if (text[pos] === ",") {
        const comma = pos;
        pos++;
        skipWhitespace();
        if (text[pos] === "]") {
          if (!options.allowTrailingCommas) fail("A comma cannot come before ]");
          trailingCommas.push(comma);
          pos++;
          return result;
        }
        continue;
      }
      if (text[pos] === "]") {
        pos++;
        return result;
      }
      fail(`Expected "," or "]" but found ${describe(pos)}`);
    }
  };

  // Editors on Windows save UTF-8 with a byte-order mark; the app reads such files fine.
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  const value = readValue("$");
  skipWhitespace();
  if (pos < text.length) fail(`Unexpected ${describe(pos)} after the JSON value`);
  return { value, spans, duplicateKeys, replaced, trailingCommas };
}
