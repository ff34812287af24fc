import { zodResolver } from "@hookform/resolvers/zod";
import { codedIssue } from "@portvakt/contracts";
import type { FieldValues, Resolver } from "react-hook-form";
import { z } from "zod";
import type { Vars } from "../../lib/i18n";
import type { MessageKey } from "../../lib/messages";

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

/** A form's own check's text: a catalogue key and its variables (see `formMessage`). */
export type FormText = { key: MessageKey; vars?: Vars };

/** The catalogue texts behind the messages `formMessage` made, by message. */
const formTextByMessage = new Map<string, FormText>();

/**
 * The message a form's own check (a `refine` or `superRefine` of its schema) gives zod: the
 * catalogue key with its variables, e.g. `keys.duplicateKid {"kid":"a"}`, rendered in the page's
 * language when it is shown (`useFieldError`), not in the language of the moment it was checked.
 * A text made with `t(...)` inside a schema stays in that language after a language switch.
 */
export function formMessage(key: MessageKey, vars?: Vars): string {
  const message = vars ? `${key} ${JSON.stringify(vars)}` : key;
  formTextByMessage.set(message, vars ? { key, vars } : { key });
  return message;
}

/** The catalogue key and variables of a message made by `formMessage`, or undefined. */
export function formText(message: string): FormText | undefined {
  return formTextByMessage.get(message);
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
