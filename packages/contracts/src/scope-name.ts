import { z } from "zod";
import { TEXT_LIMITS } from "./limits";
import { validationText } from "./validation-messages";

// The rule for subscopes is the pattern Digdir's validation is reported to use, as NAV's
// production tooling quotes it (nais/liberator `pkg/apis/nais.io/v1/maskinportenclient_types.go`,
// kubebuilder validation of `scopes.exposes[].name`, and nais/doc
// `docs/auth/maskinporten/reference/README.md`, "regex match of subscope"):
//
//   ^([a-zæøå0-9]+\/?)+(\:[a-zæøå0-9]+)*[a-zæøå0-9]+(\.[a-zæøå0-9]+)*$
//
// Digdir's own docs and OpenAPI publish no pattern. The pattern as written backtracks
// catastrophically on a near miss (`(…+\/?)+` is a nested quantifier: about 2.6 s for 26 letters
// and a "!" in V8, doubling with every letter), so it is not used as a regex here: `subscopeProblem`
// scans the same language once, left to right. What that language is, read off the pattern:
//   - words of lowercase letters (a–z, æøå) and digits, joined by separators;
//   - the separators come in order: every "/" before every ":", every ":" before every ".";
//   - a separator stands between two words, except that "/" may be followed by ":";
//   - the part from the last ":" to the first "." (or the end) has at least two characters, and so
//     has the whole subscope up to its first "." when it has no "/" and no ":" (so "a" and "a.b"
//     are refused, "ab" and "a/b" are not).
// `NAV_SUBSCOPE_PATTERN` keeps the pattern itself, for tests that compare the two on short inputs.
const WORD = "[a-z0-9æøå]+";
const PREFIX_RE = new RegExp(`^${WORD}$`);

/** The subscope pattern as NAV's tooling quotes it. Do not run it on long input (see above). */
export const NAV_SUBSCOPE_PATTERN =
  /^([a-zæøå0-9]+\/?)+(:[a-zæøå0-9]+)*[a-zæøå0-9]+(\.[a-zæøå0-9]+)*$/;

export function prefixProblem(prefix: string): string | null {
  if (prefix.length === 0) return validationText("scope.prefix.empty");
  if (!PREFIX_RE.test(prefix)) return validationText("scope.prefix.chars");
  return null;
}

const SLASH = 0x2f;
const COLON = 0x3a;
const DOT = 0x2e;

/** a–z, 0–9, æ, ø, å as UTF-16 code units. */
function isWordUnit(unit: number): boolean {
  return (
    (unit >= 0x61 && unit <= 0x7a) ||
    (unit >= 0x30 && unit <= 0x39) ||
    unit === 0xe6 ||
    unit === 0xf8 ||
    unit === 0xe5
  );
}

const ORDER = validationText("scope.subscope.order");
const SHORT = validationText("scope.subscope.short");

/**
 * Why a subscope is invalid, or `null`: the language of Digdir's reported pattern (see above),
 * decided in one pass over the UTF-16 code units, so the time is linear in the length whatever
 * the input. Messages are English texts of `validationMessages` codes; the web app renders the code.
 */
export function subscopeProblem(subscope: string): string | null {
  if (subscope.length === 0) return validationText("scope.subscope.empty");
  if (subscope.length > TEXT_LIMITS.scopeName) {
    return validationText("scope.subscope.too-long", { max: TEXT_LIMITS.scopeName });
  }
  return subscopeLanguageProblem(subscope);
}

/**
 * The language alone, for any length (`subscopeProblem` adds Portvakt's length limit first): what
 * the benchmark and the linearity test measure.
 */
export function subscopeLanguageProblem(subscope: string): string | null {
  const length = subscope.length;
  if (length === 0) return validationText("scope.subscope.empty");
  // phase 0: words and "/"; 1: after the first ":"; 2: after the first ".".
  let phase = 0;
  let run = 0;
  let sawSlash = false;
  let previous = -1;
  let order: string | null = null;
  let shape: string | null = null;
  for (let i = 0; i < length; i++) {
    const unit = subscope.charCodeAt(i);
    if (isWordUnit(unit)) {
      run++;
    } else if (unit === SLASH || unit === COLON || unit === DOT) {
      // Shape problems are kept until the end: a character outside the alphabet is named first.
      if (shape === null && order === null) {
        if (previous === -1 || i === length - 1) {
          shape = validationText("scope.subscope.edge");
        } else if (
          !isWordUnit(previous) &&
          !(unit === COLON && previous === SLASH && phase === 0)
        ) {
          shape = validationText("scope.subscope.double-separator");
        } else if (unit === SLASH) {
          if (phase !== 0) order = ORDER;
          sawSlash = true;
        } else if (unit === COLON) {
          if (phase === 2) order = ORDER;
          phase = 1;
        } else {
          if (phase !== 2 && run < (phase === 1 || !sawSlash ? 2 : 1)) shape = SHORT;
          phase = 2;
        }
      }
      run = 0;
    } else {
      const found = String.fromCodePoint(subscope.codePointAt(i) ?? unit);
      if (/[A-ZÆØÅ]/.test(found)) return validationText("scope.subscope.uppercase");
      return validationText("scope.subscope.chars", { found });
    }
    previous = unit;
  }
  if (shape ?? order) return shape ?? order;
  if (phase !== 2 && run < (phase === 1 || !sawSlash ? 2 : 1)) return SHORT;
  return null;
}

/** Why a full scope name is invalid, or `null`. */
export function scopeNameProblem(name: string): string | null {
  if (name.length > TEXT_LIMITS.scopeName) {
    return validationText("scope.name.too-long", { max: TEXT_LIMITS.scopeName });
  }
  const colon = name.indexOf(":");
  if (colon < 0) return validationText("scope.name.format");
  return prefixProblem(name.slice(0, colon)) ?? subscopeShapeProblem(name.slice(colon + 1));
}

/**
 * The lenient reading of a subscope in a name Portvakt is given rather than creates (a scope
 * Digdir already has, a config document, an Altinn app's declaration): the same alphabet and
 * separators, none first, last or doubled (except `/:`), but not the order and length rules of
 * the reported pattern, which decide only whether Digdir will create a scope (`subscopeProblem`,
 * used by `Subscope` and so by `ScopeInput`). Read leniently, write strictly.
 */
export function subscopeShapeProblem(subscope: string): string | null {
  const problem = subscopeProblem(subscope);
  return problem === ORDER || problem === SHORT ? null : problem;
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

/** The subscope of a scope to create: exactly the language of Digdir's reported pattern. */
export const Subscope = z.string().superRefine(refineWith(subscopeProblem)).meta({
  description: "The part after the prefix; may contain / . :",
  example: "pensjon/v3/alderspensjon",
});

/** A scope name Portvakt is given (read leniently: see `subscopeShapeProblem`). */
export const ScopeName = z.string().superRefine(refineWith(scopeNameProblem)).meta({
  id: "ScopeName",
  description: "prefix:subscope",
  example: "nav:pensjon/v3/alderspensjon",
});
export type ScopeName = z.infer<typeof ScopeName>;
