// In a /u regular expression a surrogate pair is one code point, so this matches only a lone
// (unpaired) surrogate: a string that is not well-formed UTF-16 and has no UTF-8 encoding.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * True when the string has no lone surrogate (what `String.prototype.isWellFormed` answers).
 * JSON may write one (`"\ud800"`); such text has no UTF-8 form and broke exports (issue 13 #11).
 */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * The path (`client_name`, `keys.0.kid`; "(root)" for a bare string) of the first string or
 * property name with a lone surrogate in a JSON-like value, or undefined when all are
 * well-formed. Walks with an explicit stack, so any nesting depth is safe.
 */
export function firstMalformedString(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === "string") {
      if (!isWellFormed(item)) return path || "(root)";
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) {
        stack.push([item[i], path ? `${path}.${i}` : String(i)]);
      }
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
