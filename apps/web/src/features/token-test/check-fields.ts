import type { DiagnosisCheck } from "@portvakt/diagnosis";
import { ApiProblem, type FieldProblem } from "../../lib/api-client";

/**
 * The token test form's field a failed grant check belongs to, by the check's text code
 * (packages/diagnosis, `diagnosis.<rule>.<outcome>`): the header's kid (`diagnosis.header.kid.*`,
 * MP-121/123/124) on `kid`, the scope claim and the client's or grant's scopes
 * (`diagnosis.claims.scope.*`, `diagnosis.scope.*`, MP-200/250/011) on `scopes`, the issuer
 * (`diagnosis.claims.iss.*`) on `clientId`. Other checks (aud, times, signature) are about the
 * grant as Portvakt made it, not a choice in the form: undefined.
 */
export function fieldOfCheck(code: string): "kid" | "scopes" | "clientId" | undefined {
  if (code.startsWith("diagnosis.header.kid.")) return "kid";
  if (code.startsWith("diagnosis.claims.scope.") || code.startsWith("diagnosis.scope.")) {
    return "scopes";
  }
  if (code.startsWith("diagnosis.claims.iss.")) return "clientId";
  return undefined;
}

/**
 * Maskinporten's refusal of a tested grant as a problem whose field errors are the failed
 * checks of its diagnosis (`POST /api/envs/{env}/diagnose`) that belong to a field of the form
 * (see `fieldOfCheck`), each with its code and parameters (rendered in the page's language).
 * Only failed checks of severity `error`; undefined when none belongs to a field, so the form
 * shows nothing more than the checks' list does. Status 400: what the token endpoint answered.
 */
export function grantChecksProblem(
  checks: readonly Pick<DiagnosisCheck, "code" | "params" | "ok" | "severity" | "message">[],
): ApiProblem | undefined {
  const errors: FieldProblem[] = [];
  for (const check of checks) {
    if (check.ok || check.severity !== "error") continue;
    const field = fieldOfCheck(check.code);
    if (field)
      errors.push({ field, message: check.message, code: check.code, params: check.params });
  }
  if (errors.length === 0) return undefined;
  return new ApiProblem({
    type: "urn:portvakt:problem:grant-refused",
    title: "Maskinporten refused the grant",
    status: 400,
    errors,
  });
}
