import type { z } from "zod";

/** One refused member of an input: `field` is zod's path joined with `.` (empty for the whole value). */
export interface ContractIssue {
  field: string;
  message: string;
}

/**
 * The stable codes of `ContractError`:
 * - `KEY_NOT_WRITABLE`: `writableKey` was given a key Portvakt's write rules refuse (e.g. `alg`
 *   RS384, a modulus under 2048 bits, no `kid`; docs/maskinporten.md §8).
 */
export type ContractErrorCode = "KEY_NOT_WRITABLE";

/**
 * Bad input to one of this package's functions. Like jose's errors it carries a stable `code`
 * (`ContractErrorCode`) to branch on, and `issues` naming each refused member; callers never see
 * zod's own `ZodError`, so they depend on this package only.
 */
export class ContractError extends Error {
  override readonly name = "ContractError";
  readonly code: ContractErrorCode;
  readonly issues: readonly ContractIssue[];
  constructor(code: ContractErrorCode, message: string, issues: readonly ContractIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

/** zod's issues as `ContractIssue`s (path joined with `.`, zod's message kept). */
export function contractIssuesOf(error: z.ZodError): ContractIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
}
