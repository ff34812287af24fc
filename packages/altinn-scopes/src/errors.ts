import type { MessageParams } from "@portvakt/contracts";
import type { z } from "zod";

/** One refused member of an input: zod's path joined with `.` (empty for the whole value). */
export interface AltinnInputIssue {
  field: string;
  message: string;
}

/**
 * Bad input to `insertApiScopes`, with a stable `code` worded in nb/nn/en by `altinnMessages`
 * (like jose's errors: branch on `code`, never on zod's own error, which never escapes):
 * - `altinn.metadata.not-an-object`: the file text holds JSON that is not an object;
 * - `altinn.api-scopes.invalid`: the `apiScopes` given break `ApiScopesConfig` (`issues` name
 *   each member).
 * A `TypeError`, as before it had a code.
 */
export class AltinnInputError extends TypeError {
  override readonly name = "AltinnInputError";
  readonly code: "altinn.metadata.not-an-object" | "altinn.api-scopes.invalid";
  readonly params: MessageParams;
  readonly issues: readonly AltinnInputIssue[];
  constructor(
    code: AltinnInputError["code"],
    message: string,
    params: MessageParams = {},
    issues: readonly AltinnInputIssue[] = [],
  ) {
    super(message);
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

/**
 * A bad option of `generateApiScopes`, with a stable `code` worded by `altinnMessages`:
 * `altinn.generate.invalid-prefix` (`params.prefix`, `params.reason`: the naming rule's own
 * message from `@portvakt/contracts`) or `altinn.generate.invalid-app` (`params.app`). A
 * `RangeError`, as before it had a code.
 */
export class AltinnOptionError extends RangeError {
  override readonly name = "AltinnOptionError";
  readonly code: "altinn.generate.invalid-prefix" | "altinn.generate.invalid-app";
  readonly params: MessageParams;
  constructor(code: AltinnOptionError["code"], message: string, params: MessageParams) {
    super(message);
    this.code = code;
    this.params = params;
  }
}

/** zod's refusal as this package's issues. */
export function altinnIssuesOf(error: z.ZodError): AltinnInputIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
}
