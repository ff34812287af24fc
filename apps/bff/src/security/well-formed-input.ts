import type { MiddlewareHandler } from "hono";
import type { BffEnv } from "../context";
import { badRequest } from "../problem";

// In a /u regular expression a surrogate pair is one code point, so this matches only a lone
// (unpaired) surrogate: a string that is not well-formed UTF-16 and has no UTF-8 encoding.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** True when the string has no lone surrogate (what `String.prototype.isWellFormed` answers). */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * The JSON path (`client_name`, `keys.0.kid`) of the first string or property name with a lone
 * surrogate in a parsed JSON value, or undefined. Walks with an explicit stack, so any depth is
 * safe here (depth limits are the body parser's concern).
 */
export function firstMalformedString(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === "string") {
      if (!isWellFormed(item)) return path || "(body)";
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--)
        stack.push([item[i], path ? `${path}.${i}` : String(i)]);
    } else if (item !== null && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        if (!isWellFormed(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

const refuse = (field: string) =>
  badRequest("The request has text that is not well-formed Unicode (a lone surrogate)", [
    { field, message: "Not well-formed Unicode text (a lone surrogate, e.g. \\ud800)" },
  ]);

/**
 * Every string Portvakt takes in is well-formed Unicode (issue 13 #11): a lone surrogate in a JSON
 * body (`"\ud800"` is valid JSON) or a query value answers 400 with the field, before any route
 * sees it; such text broke exports and has no UTF-8 form to send to Digdir. Bodies that are not
 * JSON, or not parseable, are left to the route's own validation.
 */
export function wellFormedInput(): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (!isWellFormed(name) || values.some((v) => !isWellFormed(v))) throw refuse(name);
    }
    const type = c.req.header("Content-Type") ?? "";
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && /json/i.test(type)) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        body = undefined;
      }
      const field = firstMalformedString(body);
      if (field !== undefined) throw refuse(field);
    }
    await next();
  };
}
