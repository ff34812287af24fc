import { zodResolver } from "@hookform/resolvers/zod";
import { codedIssue } from "@portvakt/contracts";
import type { FieldValues, Resolver } from "react-hook-form";
import { z } from "zod";

type CodedText = ReturnType<typeof codedIssue>;

/**
 * The coded texts behind the English messages this resolver made, by message. A message is the
 * English of one code with its parameters, so the map only grows to the number of distinct
 * messages the forms can show. Needed for plural templates ("Must not be empty", "Choose at
 * least one"), which cannot be read back from their English.
 */
const codedByMessage = new Map<string, CodedText>();

/**
 * zod's own checks ("Too small: expected number to be >=0") get the contracts' coded English
 * ("Must be at least 0") as their message, remembered with its code (see `codedMessage`).
 * Messages the contracts wrote themselves (`validationText`) win over this map; `useI18n().tm`
 * reads those back into the page's language.
 */
function codedZodMessage(issue: unknown): string {
  const text = codedIssue(issue as z.core.$ZodIssue);
  if (text.code) codedByMessage.set(text.detail, text);
  return text.detail;
}

/**
 * The code and parameters of a message made by `contractResolver` for one of zod's own checks,
 * or undefined (then render the message with `useI18n().tm`).
 */
export function codedMessage(message: string): CodedText | undefined {
  return codedByMessage.get(message);
}

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
