import type { z } from "zod";

/**
 * A JSON body as Digdir's self-service API reads it before validating it. The API is a Spring
 * Boot service whose bodies are bound by Jackson (jackson-databind) with its default coercions
 * (`MapperFeature.ALLOW_COERCION_OF_SCALARS` on, `CoercionConfigs`' defaults,
 * `DeserializationFeature.ACCEPT_FLOAT_AS_INT` on; docs/maskinporten.md §8):
 *
 * - `null`, `""` or blank text for a number or a boolean, and `null` for anything, is "not set"
 *   (the member is left out, so the simulator keeps the value it has or gives its default);
 * - a number or boolean written as text (`"120"`, `" 300 "`, `"true"`, `"FALSE"`) is that value;
 * - a number with a fraction for a whole-number (`int64`) field is cut to its whole part;
 * - a number or boolean where text belongs is that text (`"kid": 7` is `"7"`).
 *
 * Everything else is left as sent, so the schema refuses what Jackson refuses (`"abc"` or
 * `[120]` for a number, `"yes"` for a boolean). Nested objects and arrays of objects are read the
 * same way. This is how the simulator accepts what Portvakt reads leniently and writes back
 * unchanged (an `"authorization_max_lifetime": ""` of an old scope), as Digdir does; Portvakt's
 * own write rules (`@portvakt/contracts`) are not loosened by it.
 */
export function asJacksonReads(schema: z.ZodType, value: unknown): unknown {
  const target = unwrapped(schema);
  const def = target._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === "object" && isPlainObject(value)) {
    const shape = def.shape as Record<string, z.ZodType>;
    const read: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      const memberSchema = shape[name];
      if (memberSchema === undefined) {
        read[name] = member;
        continue;
      }
      if (member === null) continue;
      const coerced = scalar(memberSchema, member);
      if (coerced === NOT_SET) continue;
      read[name] = asJacksonReads(memberSchema, coerced);
    }
    return read;
  }
  if (def.type === "array" && Array.isArray(value)) {
    const element = def.element as z.ZodType;
    return value.map((item) => {
      const coerced = scalar(element, item);
      return coerced === NOT_SET ? null : asJacksonReads(element, coerced);
    });
  }
  return value;
}

const NOT_SET = Symbol("not set");
const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One scalar member coerced toward its schema's type, or `NOT_SET`. */
function scalar(schema: z.ZodType, value: unknown): unknown {
  const target = unwrapped(schema);
  const type = (target._zod.def as { type: string }).type;
  const whole = wholeNumber(target);
  if (type === "number") {
    if (typeof value === "number")
      return whole && Number.isFinite(value) ? Math.trunc(value) : value;
    if (typeof value !== "string") return value;
    const text = value.trim();
    if (text === "") return NOT_SET;
    if (!(whole ? INTEGER_TEXT : DECIMAL_TEXT).test(text)) return value;
    const number = Number(text);
    return Number.isFinite(number) ? number : value;
  }
  if (type === "boolean") {
    if (typeof value !== "string") return value;
    const text = value.trim().toLowerCase();
    if (text === "") return NOT_SET;
    if (text === "true" || text === "false") return text === "true";
    return value;
  }
  if (type === "string" && (typeof value === "number" || typeof value === "boolean")) {
    return String(value);
  }
  return value;
}

/** Whether a number schema takes whole numbers only (`z.number().int()`). */
function wholeNumber(schema: z.ZodType): boolean {
  return (schema as { isInt?: boolean }).isInt === true;
}

/** The schema inside `optional`, `default`, `nullable`, `readonly` and a pipe's input. */
function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (
      def.type === "optional" ||
      def.type === "default" ||
      def.type === "prefault" ||
      def.type === "nullable" ||
      def.type === "readonly" ||
      def.type === "catch"
    ) {
      current = def.innerType as z.ZodType;
    } else if (def.type === "pipe") {
      current = def.in as z.ZodType;
    } else {
      return current;
    }
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
