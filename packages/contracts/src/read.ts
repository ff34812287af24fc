import { z } from "zod";
import { MessageParams } from "./messages";
import { type ValidationCode, validationText } from "./validation-messages";

/**
 * Reading Digdir's answers leniently (docs/maskinporten.md §8, issue 12): in Digdir's 2025 OpenAPI
 * (`digdir/digdir-camp-2025-react-impl`, `app/lib/api.d.ts`) every field of every answer is
 * optional, absent fields are left out (not null), and old rows hold odd values (an empty string
 * where a number belongs). Portvakt reads with "read schemas": every field optional, unknown
 * fields kept (loose objects), and one odd row never fails a list. The row is kept, the odd field
 * is set aside and named in `portvakt_warnings`.
 */

/** Where a row of an answer looks odd, e.g. a key without `use` or a number sent as `""`. */
export const RowWarning = z
  .object({
    /** Stable kind of oddity, e.g. `jwk-without-use`, `invalid-field`; logged once per process. */
    kind: z.string(),
    /** The top-level field concerned, if one. */
    field: z.string().optional(),
    /** What is odd, in English, for logs, API clients and the CLI. */
    message: z.string(),
    /**
     * The text's code in `validationMessages` (`read.*`), rendered in the page's language
     * (docs/i18n.md); `message` is its English side, with zod's own words added when a field
     * was set aside.
     */
    code: z.string(),
    params: MessageParams.optional(),
    /**
     * For `invalid-field`: the value as Digdir answered it. The field is left out of the row,
     * and a write-back of the row (e.g. a scope update) sends this value back unchanged, so a
     * value Portvakt does not understand (an enum value it has not seen) is never dropped.
     */
    value: z.unknown().optional(),
  })
  .meta({
    id: "RowWarning",
    description:
      "Something odd in a row Digdir answered (added by Portvakt, never sent to Digdir). The row is kept and shown.",
  });
export type RowWarning = z.infer<typeof RowWarning>;

/**
 * A row warning of `kind` whose text is the `read.*` code `code` of `validationMessages`:
 * `message` is the English rendering (plus `more`, e.g. zod's words, for logs), `code` and
 * `params` travel beside it so the console shows it in nb, nn or en.
 */
export function rowWarning(
  kind: string,
  field: string | undefined,
  code: ValidationCode & `read.${string}`,
  params?: MessageParams,
  more?: string,
): RowWarning {
  const english = validationText(code, params);
  return {
    kind,
    ...(field !== undefined ? { field } : {}),
    message: more ? english.replace(/; left out$/, ` (${more}); left out`) : english,
    code,
    ...(params ? { params } : {}),
  };
}

/** The member Portvakt adds to a row it read with oddities; stripped before anything is sent. */
export const WARNINGS_FIELD = "portvakt_warnings";

/** The `portvakt_warnings` member every read schema documents. */
export const warningsField = {
  portvakt_warnings: z.array(RowWarning).optional().meta({
    description:
      "Added by Portvakt: what is odd in this row as Digdir answered it (the row is kept). Absent when nothing is odd.",
  }),
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** A decimal number as text (`"120"`, `"-1.5"`), as some services send numbers. */
const NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * A top-level value sent as text where the read schema expects a number or a boolean (`"120"`,
 * `"true"`): the value it stands for, else undefined. Empty text is not a number: it stays odd.
 */
function fromText(expected: unknown, value: unknown): number | boolean | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (expected === "number" && NUMBER_TEXT.test(text)) {
    const number = Number(text);
    return Number.isSafeInteger(number) || !Number.isInteger(number) ? number : undefined;
  }
  if (expected === "boolean" && (text === "true" || text === "false")) return text === "true";
  return undefined;
}

/** Whether `field` of a read schema is a date (`AnsweredDateTime`, optional or not). */
function isDateField(schema: z.ZodType, field: string): boolean {
  const member = (schema as { shape?: Record<string, z.ZodType> }).shape?.[field];
  if (member === undefined) return false;
  const inner =
    member instanceof z.ZodOptional ? (member.unwrap() as z.ZodType) : (member as z.ZodType);
  return inner === AnsweredDateTime;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/**
 * A date Digdir's service sent the way Jackson writes dates as timestamps (its default unless a
 * service turns `WRITE_DATES_AS_TIMESTAMPS` off), as ISO text; undefined when `value` is none of
 * these shapes:
 * - a number: epoch seconds, possibly with a fraction (java.time's `Instant`, `OffsetDateTime`),
 *   or epoch milliseconds (`java.util.Date`); 10^11 and more is read as milliseconds (10^11
 *   seconds is the year 5138). Answered in UTC (`…Z`).
 * - an array `[year, month, day, hour?, minute?, second?, nanosecond?]` (java.time's
 *   `LocalDateTime`, which has no zone): answered without a zone, as Jackson writes it as text.
 */
export function dateFromTimestamp(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) {
    const ms = Math.abs(value) >= 1e11 ? value : value * 1000;
    const date = new Date(Math.floor(ms));
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (Array.isArray(value) && value.length >= 3 && value.length <= 7) {
    if (!value.every((part) => Number.isInteger(part) && part >= 0)) return undefined;
    const [year, month, day, hour = 0, minute = 0, second = 0, nano = 0] = value as number[];
    const date = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
    if (
      date.getUTCFullYear() !== year ||
      date.getUTCMonth() !== month! - 1 ||
      date.getUTCDate() !== day ||
      date.getUTCHours() !== hour ||
      date.getUTCMinutes() !== minute ||
      date.getUTCSeconds() !== second ||
      nano > 999_999_999
    ) {
      return undefined;
    }
    return `${pad(year!, 4)}-${pad(month!)}-${pad(day!)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${pad(Math.floor(nano / 1e6), 3)}`;
  }
  return undefined;
}

/**
 * Reads one row with a loose read schema. A number or boolean sent as text (`"120"`, `"true"`)
 * is read as the value it stands for and flagged `number-as-text` / `boolean-as-text`. Any other
 * field whose value does not fit its read type is set aside (left out of the result) and named in
 * `portvakt_warnings` with its value (`invalid-field`, `value`); every other field, known or
 * not, is kept. `extraWarnings` adds domain oddities (e.g. a key without `use`).
 * Returns `undefined` only when the row is not a JSON object at all.
 */
export function readRow<T extends object>(
  schema: z.ZodType<T>,
  raw: unknown,
  extraWarnings?: (row: T) => RowWarning[],
): (T & { portvakt_warnings?: RowWarning[] }) | undefined {
  if (!isPlainObject(raw)) return undefined;
  const { [WARNINGS_FIELD]: _previous, ...row } = raw;
  const warnings: RowWarning[] = [];
  let candidate: Record<string, unknown> = row;
  for (let attempt = 0; attempt < 50; attempt++) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) {
      warnings.push(...(extraWarnings?.(parsed.data) ?? []));
      const value = parsed.data as T & { portvakt_warnings?: RowWarning[] };
      if (warnings.length > 0) value.portvakt_warnings = warnings;
      return value;
    }
    const next = { ...candidate };
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === undefined || typeof field === "symbol") return undefined;
      const name = String(field);
      if (!(name in next)) continue;
      const expected = issue.code === "invalid_type" ? issue.expected : undefined;
      const date =
        issue.path.length === 1 && expected === "string" && isDateField(schema, name)
          ? dateFromTimestamp(next[name])
          : undefined;
      if (date !== undefined) {
        warnings.push(
          rowWarning("date-as-number", name, "read.date-as-number", {
            field: name,
            value: shortJson(next[name]),
            read: date,
          }),
        );
        next[name] = date;
        continue;
      }
      const read = issue.path.length === 1 ? fromText(expected, next[name]) : undefined;
      if (read !== undefined) {
        warnings.push(
          rowWarning(`${typeof read}-as-text`, name, "read.value-as-text", {
            field: name,
            value: shortJson(next[name]),
            read: String(read),
          }),
        );
        next[name] = read;
        continue;
      }
      warnings.push({
        ...rowWarning(
          "invalid-field",
          name,
          "read.invalid-field",
          { field: name, value: shortJson(next[name]) },
          issue.message,
        ),
        value: next[name],
      });
      delete next[name];
    }
    candidate = next;
  }
  return undefined;
}

/**
 * A list answer read row by row (see `readRow`): one odd row never fails the list. A row that is
 * not an object cannot be shown and is dropped; `onDropped` hears about it.
 */
export function readList<T extends object>(
  schema: z.ZodType<T>,
  extraWarnings?: (row: T) => RowWarning[],
) {
  return z.array(z.unknown()).transform((rows) =>
    rows.flatMap((raw) => {
      const row = readRow(schema, raw, extraWarnings);
      return row === undefined ? [] : [row];
    }),
  );
}

/**
 * The fields a row's read left out (`invalid-field` warnings) with the values Digdir answered,
 * to send back unchanged when the row is written back: a write never drops what Portvakt did
 * not understand.
 */
export function setAsideFields(row: {
  portvakt_warnings?: readonly RowWarning[];
}): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const warning of row.portvakt_warnings ?? []) {
    if (warning.kind === "invalid-field" && warning.field && warning.value !== undefined) {
      fields[warning.field] = warning.value;
    }
  }
  return fields;
}

/**
 * A row's `field` as Digdir answered it, for showing as-is: the read value, else the value the
 * read set aside (`invalid-field`, e.g. an enum value Portvakt has not seen: `"SECRET"`),
 * written as text (a list joined with ", ", anything else as JSON); undefined when the row has
 * neither.
 */
export function answeredText(
  row: { portvakt_warnings?: readonly RowWarning[] } & Record<string, unknown>,
  field: string,
): string | undefined {
  const value = row[field] ?? setAsideFields(row)[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return value.join(", ");
  }
  return JSON.stringify(value);
}

/** Removes Portvakt's `portvakt_warnings` from a row before it is sent anywhere. */
export function withoutWarnings<T extends object>(row: T): Omit<T, "portvakt_warnings"> {
  const { [WARNINGS_FIELD]: _w, ...rest } = row as T & { portvakt_warnings?: unknown };
  return rest as Omit<T, "portvakt_warnings">;
}

/** Every `portvakt_warnings` entry in an answer (a row, a list, or `{keys:[…]}`). */
export function warningsIn(value: unknown): RowWarning[] {
  const found: RowWarning[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 2) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    if (!isPlainObject(node)) return;
    const own = node[WARNINGS_FIELD];
    if (Array.isArray(own)) found.push(...(own as RowWarning[]));
    for (const member of Object.values(node)) if (Array.isArray(member)) visit(member, depth + 1);
  };
  visit(value, 0);
  return found;
}

/** An ISO date-time as read: any string (Digdir's formats vary between services). */
export const AnsweredDateTime = z.string();
