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
}

export class JsonSyntaxError extends Error {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  constructor(message: string, text: string, offset: number) {
    const { line, column } = lineAndColumn(text, offset);
    super(`${message} at line ${line}, column ${column}`);
    this.name = "JsonSyntaxError";
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

export function parseJsonSource(text: string): JsonSource {
  const spans = new Map<string, SourceSpan>();
  const duplicateKeys: string[] = [];
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, text, at);
  };
  const skipWhitespace = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos]!)) pos++;
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
    if (ch === "{") value = readObject(path);
    else if (ch === "[") value = readArray(path);
    else if (ch === '"') value = readString();
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
      if (Object.hasOwn(result, key)) duplicateKeys.push(memberPath);
      result[key] = readValue(memberPath, keyStart);
      skipWhitespace();
      if (text[pos] === ",") {
        pos++;
        skipWhitespace();
        if (text[pos] === "}") fail("A comma cannot come before }");
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
        pos++;
        skipWhitespace();
        if (text[pos] === "]") fail("A comma cannot come before ]");
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
  return { value, spans, duplicateKeys };
}
