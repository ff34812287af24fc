import type { ApiProblem, FieldProblem, FieldText } from "../../lib/api-client";

/**
 * A server problem's field errors split into those a form shows on its own fields and the rest
 * (shown in the problem panel beside the submit button).
 *
 * The BFF names a field by its path in the request body (`client_name`, `scopes[2]`,
 * `scopes.2`, `body.description`; see `Problem.errors` in packages/contracts): a path whose
 * first segment, or any dotted tail, is one of `fields` lands on that field; `rename` maps a
 * path the form calls something else first (e.g. `description#nb` to `description-nb`). The
 * first error of a field wins, as in the panel.
 */
export type ServerFieldErrors = {
  /** Field name → its coded text (render with `useI18n().tc`). Insertion order = server order. */
  onFields: Record<string, FieldText>;
  /** Errors no field of the form owns, and errors without a field. */
  rest: FieldProblem[];
  /** The server's own paths of the errors placed on fields (for `ErrorAlert`'s `shownFields`). */
  placedPaths: string[];
};

/** The form field a server path belongs to, or undefined when the form has no such field. */
export function fieldOfPath(
  path: string,
  fields: readonly string[],
  rename: (path: string) => string = (p) => p,
): string | undefined {
  const renamed = rename(path);
  // `scopes[2]` and `scopes.2` both belong to `scopes`; `body.client_name` to `client_name`.
  const segments = renamed.replace(/\[(\d+)\]/g, ".$1").split(".");
  for (let start = 0; start < segments.length; start++) {
    for (let end = segments.length; end > start; end--) {
      const candidate = segments.slice(start, end).join(".");
      if (fields.includes(candidate)) return candidate;
    }
  }
  return undefined;
}

/** See `ServerFieldErrors`. Never throws; a problem without field errors gives `{onFields: {}}`. */
export function serverFieldErrors(
  problem: Pick<ApiProblem, "errors">,
  fields: readonly string[],
  rename?: (path: string) => string,
): ServerFieldErrors {
  const onFields: Record<string, FieldText> = {};
  const rest: FieldProblem[] = [];
  const placedPaths: string[] = [];
  for (const error of problem.errors) {
    const field = error.field ? fieldOfPath(error.field, fields, rename) : undefined;
    if (!field) {
      rest.push(error);
      continue;
    }
    if (error.field) placedPaths.push(error.field);
    onFields[field] ??= {
      detail: error.message,
      ...(error.code ? { code: error.code } : {}),
      ...(error.params ? { params: error.params } : {}),
    };
  }
  return { onFields, rest, placedPaths };
}
