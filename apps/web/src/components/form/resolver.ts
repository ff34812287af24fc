import { zodResolver } from "@hookform/resolvers/zod";
import { codedIssue } from "@portvakt/contracts";
import type { FieldValues, Resolver } from "react-hook-form";
import { z } from "zod";

/**
 * zod's own checks ("Too small: expected number to be >=0") get the contracts' coded English
 * ("Must be at least 0"), which `useI18n().tm` reads back into the page's language. Messages
 * the contracts wrote themselves (`validationText`) win over this map and read back the same way.
 */
const codedZodMessage = (issue: unknown) => codedIssue(issue as z.core.$ZodIssue).detail;

/**
 * The react-hook-form resolver of a contract form: the zod resolver of @hookform/resolvers on
 * `toBody` piped into `schema` (a request schema of packages/contracts). Issue paths are the
 * body's field names (`at_max_age`, `scopes.2`), so each error lands on the field of that name;
 * a field error's `message` is the coded English (render it with `useI18n().tm`).
 */
export function contractResolver<Values extends FieldValues, Body>(
  schema: z.ZodType<Body>,
  toBody: (values: Values) => unknown,
): Resolver<Values, unknown, Body> {
  return zodResolver(z.custom<Values>().transform(toBody).pipe(schema), {
    error: codedZodMessage,
  }) as unknown as Resolver<Values, unknown, Body>;
}
