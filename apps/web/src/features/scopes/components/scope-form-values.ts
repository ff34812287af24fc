import type {
  IntegrationType,
  Scope,
  ScopeTextLanguage,
  TokenType,
  Visibility,
} from "@portvakt/contracts";
import { SCOPE_TEXT_LANGUAGES, splitScopeName } from "@portvakt/contracts";
import { changedFields } from "../../../lib/changed-fields";

/** `description#nn`, `long_description#en`, …: the language variants Digdir's own client edits. */
export type VariantKey = `${"description" | "long_description"}#${ScopeTextLanguage}`;
export const VARIANT_KEYS: VariantKey[] = SCOPE_TEXT_LANGUAGES.flatMap((lang) => [
  `description#${lang}` as const,
  `long_description#${lang}` as const,
]);

export type Values = Record<VariantKey, string> & {
  prefix: string;
  subscope: string;
  description: string;
  long_description: string;
  visibility: Visibility;
  allowed_integration_types: IntegrationType[];
  token_type: TokenType;
  at_max_age: string;
  authorization_max_lifetime: string;
  requires_user_consent: boolean;
  requires_user_authentication: boolean;
  requires_pseudonymous_tokens: boolean;
  accessible_for_all: boolean;
  delegation_source: string;
  enforced_aud_for_access_token: string;
};

const NO_VARIANTS = Object.fromEntries(VARIANT_KEYS.map((key) => [key, ""])) as Record<
  VariantKey,
  string
>;

// A machine-to-machine API is what Portvakt is for, so new scopes admit Maskinporten only.
export const DEFAULTS: Values = {
  ...NO_VARIANTS,
  prefix: "",
  subscope: "",
  description: "",
  long_description: "",
  visibility: "PUBLIC",
  allowed_integration_types: ["maskinporten"],
  token_type: "SELF_CONTAINED",
  at_max_age: "",
  authorization_max_lifetime: "",
  requires_user_consent: false,
  requires_user_authentication: false,
  requires_pseudonymous_tokens: false,
  accessible_for_all: false,
  delegation_source: "",
  enforced_aud_for_access_token: "",
};

/** A lifetime in seconds as the form shows it: empty for unset or 0 (Maskinporten's default). */
const secondsText = (value: number | null | undefined) => (value ? String(value) : "");

export function valuesOf(scope: Scope): Values {
  const variants = { ...NO_VARIANTS };
  for (const key of VARIANT_KEYS) variants[key] = scope[key] ?? "";
  return {
    ...variants,
    prefix: scope.prefix ?? splitScopeName(scope.name).prefix,
    subscope: scope.subscope ?? splitScopeName(scope.name).subscope,
    description: scope.description ?? "",
    long_description: scope.long_description ?? "",
    visibility: scope.visibility ?? "PUBLIC",
    allowed_integration_types: scope.allowed_integration_types ?? [],
    token_type: scope.token_type ?? "SELF_CONTAINED",
    // Unset stays empty, as in the create form ("Empty: Maskinporten's default"), never 0: Digdir
    // answers 0 for a lifetime it was never given (the simulator imitates it). Emptied, a lifetime
    // the scope had is sent as 0 (back to the default; `bodyOf`).
    at_max_age: secondsText(scope.at_max_age),
    authorization_max_lifetime: secondsText(scope.authorization_max_lifetime),
    requires_user_consent: scope.requires_user_consent ?? false,
    requires_user_authentication: scope.requires_user_authentication ?? false,
    requires_pseudonymous_tokens: scope.requires_pseudonymous_tokens ?? false,
    accessible_for_all: scope.accessible_for_all ?? false,
    delegation_source: scope.delegation_source ?? "",
    enforced_aud_for_access_token: scope.enforced_aud_for_access_token ?? "",
  };
}

/**
 * Empty optional fields are left out so Maskinporten applies its own defaults. A language variant
 * the scope had and the person emptied is sent as "" (cleared); one it never had is left out.
 */
export function bodyOf(
  values: Values,
  initial: Values = DEFAULTS,
  mode: "create" | "edit" = "create",
) {
  // An emptied lifetime the scope had goes back to Maskinporten's default: Digdir's 0 for unset
  // (left out, the scope would keep its value). One it never had is left out.
  const seconds = (field: "at_max_age" | "authorization_max_lifetime") => {
    const value = values[field].trim();
    if (value !== "") return Number(value);
    return mode === "edit" && initial[field] !== "" ? 0 : undefined;
  };
  const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
  const variants: Partial<Record<VariantKey, string>> = {};
  for (const key of VARIANT_KEYS) {
    const value = values[key].trim();
    if (value !== "" || initial[key] !== "") variants[key] = value;
  }
  return {
    ...variants,
    // Prefix and subscope cannot change: an update leaves them out.
    ...(mode === "create" ? { prefix: values.prefix, subscope: values.subscope } : {}),
    description: values.description,
    long_description: text(values.long_description),
    visibility: values.visibility,
    allowed_integration_types: values.allowed_integration_types,
    token_type: values.token_type,
    at_max_age: seconds("at_max_age"),
    authorization_max_lifetime: seconds("authorization_max_lifetime"),
    requires_user_consent: values.requires_user_consent,
    requires_user_authentication: values.requires_user_authentication,
    requires_pseudonymous_tokens: values.requires_pseudonymous_tokens,
    accessible_for_all: values.accessible_for_all,
    delegation_source: text(values.delegation_source),
    enforced_aud_for_access_token: text(values.enforced_aud_for_access_token),
  };
}

/**
 * The body of an update: only what the person changed (`changedFields`). A `visibility`,
 * `token_type` or integration type Portvakt does not know is set aside by the read, and the form
 * shows its own default in its place; left out, it goes back as Digdir had it.
 */
export function updateBodyOf(values: Values, initial: Values): Partial<ReturnType<typeof bodyOf>> {
  return changedFields(bodyOf(values, initial, "edit"), bodyOf(initial, initial, "edit"));
}
