import { z } from "zod";
import { TEXT_LIMITS } from "./limits";

// Digdir publishes no regex (docs/maskinporten.md §3). The strict reading: lowercase letters including æøå and
// digits, with the separators / . : inside the subscope, never doubled, never first or last.
const WORD = "[a-z0-9æøå]+";
const PREFIX_RE = new RegExp(`^${WORD}$`);
const SUBSCOPE_RE = new RegExp(`^${WORD}(?:[/.:]${WORD})*$`);

export function prefixProblem(prefix: string): string | null {
  if (prefix.length === 0) return "The prefix is empty";
  if (!PREFIX_RE.test(prefix)) return "A prefix has only lowercase letters (a–å) and digits";
  return null;
}

export function subscopeProblem(subscope: string): string | null {
  if (subscope.length === 0) return "The subscope is empty";
  if (subscope.length > TEXT_LIMITS.scopeName) {
    return `A subscope is at most ${TEXT_LIMITS.scopeName} characters`;
  }
  if (/[A-ZÆØÅ]/.test(subscope)) return "A subscope has no uppercase letters";
  if (/^[/.:]/.test(subscope) || /[/.:]$/.test(subscope)) {
    return "A subscope cannot start or end with / . or :";
  }
  if (/[/.:]{2}/.test(subscope)) return "The separators / . : cannot stand next to each other";
  if (!SUBSCOPE_RE.test(subscope)) {
    const bad = [...subscope].find((ch) => !/[a-z0-9æøå/.:]/.test(ch));
    return `A subscope has only lowercase letters, digits and / . : (found "${bad}")`;
  }
  return null;
}

/** Why a full scope name is invalid, or `null`. */
export function scopeNameProblem(name: string): string | null {
  if (name.length > TEXT_LIMITS.scopeName) {
    return `A scope name is at most ${TEXT_LIMITS.scopeName} characters`;
  }
  const colon = name.indexOf(":");
  if (colon < 0) return "A scope name is prefix:subscope";
  return prefixProblem(name.slice(0, colon)) ?? subscopeProblem(name.slice(colon + 1));
}

export function splitScopeName(name: string): { prefix: string; subscope: string } {
  const colon = name.indexOf(":");
  return { prefix: name.slice(0, colon), subscope: name.slice(colon + 1) };
}

function refineWith(problem: (value: string) => string | null) {
  return (value: string, ctx: z.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: "custom", message });
  };
}

export const ScopePrefix = z
  .string()
  .superRefine(refineWith(prefixProblem))
  .meta({ id: "ScopePrefix", description: "A scope prefix assigned by Digdir", example: "nav" });
export type ScopePrefix = z.infer<typeof ScopePrefix>;

export const Subscope = z.string().superRefine(refineWith(subscopeProblem)).meta({
  description: "The part after the prefix; may contain / . :",
  example: "pensjon/v3/alderspensjon",
});

export const ScopeName = z.string().superRefine(refineWith(scopeNameProblem)).meta({
  id: "ScopeName",
  description: "prefix:subscope",
  example: "nav:pensjon/v3/alderspensjon",
});
export type ScopeName = z.infer<typeof ScopeName>;
