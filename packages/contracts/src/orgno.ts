import { z } from "zod";
import { validationText } from "./validation-messages";

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Why an org number is invalid, or `null` when it is a valid Norwegian organisation number. */
export function orgNumberProblem(value: string): string | null {
  if (!/^\d{9}$/.test(value)) return validationText("orgno.length");
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * WEIGHTS[i]!;
  const rest = 11 - (sum % 11);
  const check = rest === 11 ? 0 : rest;
  // A remainder giving 10 means Brønnøysund never issues the number.
  if (check === 10 || check !== Number(value[8])) {
    return validationText("orgno.check-digit");
  }
  return null;
}

export function isValidOrgNumber(value: string): boolean {
  return orgNumberProblem(value) === null;
}

/** Norwegian organisation number: 9 digits with a mod-11 check digit (docs/maskinporten.md §4). */
export const OrgNumber = z
  .string()
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
