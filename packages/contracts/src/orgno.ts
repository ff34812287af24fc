import { z } from "zod";
import { validationText } from "./validation-messages";

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Why an org number is invalid, or `null` when it is a valid Norwegian organisation number. */
export function orgNumberProblem(value: string): string | null {
  if (!/^\d{9}$/.test(value)) return validationText("orgno.length");
  const check = orgNumberCheckDigit(value.slice(0, 8));
  if (check === null || check !== Number(value[8])) {
    return validationText("orgno.check-digit");
  }
  return null;
}

/**
 * The mod-11 check digit (weights 3 2 7 6 5 4 3 2) of an organisation number's first 8 digits,
 * or `null` when the remainder gives 10: Brønnøysund never issues such a number.
 * `first8` must be 8 digits (not checked here).
 */
export function orgNumberCheckDigit(first8: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * WEIGHTS[i]!;
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : check;
}

/**
 * A source of valid organisation numbers counted upwards from the 8-digit base `from` (bases
 * whose check digit would be 10 are skipped): each call of the returned function gives the next
 * `count` numbers, never one given before. For synthetic consumers in tests, the benchmarks and
 * the demo; they are well-formed, not registered organisations.
 */
export function orgNumberSequence(from: number): (count: number) => string[] {
  let next = Math.floor(from);
  return (count) => {
    const out: string[] = [];
    for (; out.length < count; next++) {
      const digits = String(next).padStart(8, "0");
      const check = orgNumberCheckDigit(digits);
      if (check !== null) out.push(`${digits}${check}`);
    }
    return out;
  };
}

export function isValidOrgNumber(value: string): boolean {
  return orgNumberProblem(value) === null;
}

/**
 * An organisation number as people write it, made the 9 digits Digdir's API takes: spaces of any
 * kind dropped (Brønnøysundregistrene shows "889 640 782"; a copied number may hold no-break or
 * thin spaces), and the ISO 6523 form `0192:889640782` and the VAT form `NO889640782MVA` reduced
 * to the number. Anything else is returned as it is, for the check to name.
 */
export function normalizeOrgNumber(value: string): string {
  const compact = value.replace(/[\s\u200b\u2060\ufeff]+/g, "");
  const match = /^(?:0192:(\d{9})|NO(\d{9})(?:MVA)?)$/i.exec(compact);
  return match ? (match[1] ?? match[2]!) : compact;
}

/**
 * Norwegian organisation number: 9 digits with a mod-11 check digit (docs/maskinporten.md §4).
 * Written forms are accepted and normalised first (`normalizeOrgNumber`): `"889 640 782"`,
 * `"0192:889640782"` and `"NO889640782MVA"` parse to `"889640782"`.
 */
export const OrgNumber = z
  .string()
  .overwrite(normalizeOrgNumber)
  .superRefine((value, ctx) => {
    const problem = orgNumberProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    id: "OrgNumber",
    description: "9-digit Norwegian organisation number",
    example: "889640782",
  });
export type OrgNumber = z.infer<typeof OrgNumber>;
