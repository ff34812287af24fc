import { isValidOrgNumber } from "@portvakt/contracts";

/**
 * The few .NET primitives the Altinn app library leans on, reproduced exactly: `char.IsWhiteSpace`,
 * `string.IsNullOrWhiteSpace`, the `Scopes` enumerator, `int.TryParse`, `Guid.TryParse` and
 * `OrganisationNumber.TryParse`. JavaScript's own versions differ in small ways that change
 * answers (`\s` holds U+FEFF and lacks U+0085; `Number("1e3")` is a number).
 *
 * Sources (Altinn/app-lib-dotnet): `src/Altinn.App.Core/Features/Auth/Scopes.cs`,
 * `src/Altinn.App.Core/Models/OrganisationNumber.cs`; .NET: the `char.IsWhiteSpace` reference
 * (Unicode categories Zs, Zl, Zp plus U+0009–U+000D, U+0085).
 */

/**
 * `char.IsWhiteSpace`: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000. Not U+FEFF (a format character) nor U+200B.
 */
export function isDotnetWhiteSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** `string.IsNullOrWhiteSpace`: undefined, null, "" or only `char.IsWhiteSpace` characters. */
export function isNullOrWhiteSpace(value: string | null | undefined): boolean {
  if (value === undefined || value === null) return true;
  for (const ch of value) if (!isDotnetWhiteSpace(ch)) return false;
  return true;
}

/**
 * The scopes of a scope claim as `Scopes.ScopeEnumerator` yields them (Scopes.cs lines 104-132):
 * split on `char.IsWhiteSpace`, empty parts dropped, nothing else changed.
 */
export function splitDotnetScopes(value: string | null | undefined): string[] {
  const scopes: string[] = [];
  if (!value) return scopes;
  let current = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    // UTF-16 units, as the C# span: a surrogate pair is never whitespace.
    if (isDotnetWhiteSpace(ch)) {
      if (current) scopes.push(current);
      current = "";
    } else current += ch;
  }
  if (current) scopes.push(current);
  return scopes;
}

/** `Scopes.HasScope` (Scopes.cs lines 140-152): ordinal, case-sensitive, whole scopes only. */
export function hasScope(value: string | null | undefined, scope: string): boolean {
  if (isNullOrWhiteSpace(value)) return false;
  return splitDotnetScopes(value).includes(scope);
}

/** `Scopes.HasScopeWithPrefix` (Scopes.cs lines 161-173): an ordinal string prefix. */
export function hasScopeWithPrefix(value: string | null | undefined, prefix: string): boolean {
  if (isNullOrWhiteSpace(value)) return false;
  return splitDotnetScopes(value).some((scope) => scope.startsWith(prefix));
}

/** The four built-in instance scopes `Scopes.HasAltinnInstanceScope` looks for (lines 180-199). */
export const ALTINN_INSTANCE_SCOPES = [
  "altinn:instances.read",
  "altinn:instances.write",
  "altinn:serviceowner/instances.read",
  "altinn:serviceowner/instances.write",
] as const;

/** `Scopes.HasAltinnInstanceScope` (Scopes.cs lines 180-199). */
export function hasAltinnInstanceScope(value: string | null | undefined): boolean {
  if (isNullOrWhiteSpace(value)) return false;
  return splitDotnetScopes(value).some((scope) =>
    (ALTINN_INSTANCE_SCOPES as readonly string[]).includes(scope),
  );
}

/**
 * The white a .NET number may have around it: U+0009–U+000D and U+0020 only, not every
 * `char.IsWhiteSpace` character (dotnet/runtime `Number.Parsing.cs`, `IsWhite`).
 */
function isNumberWhite(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * `int.TryParse(s, CultureInfo.InvariantCulture)` (NumberStyles.Integer): optional surrounding
 * ASCII white (`isNumberWhite`: a no-break space or U+0085 fails), an optional sign, ASCII
 * digits, within Int32, then any number of NUL characters (`Number.Parsing.cs`,
 * `TrailingZeros`). Undefined when it would fail.
 */
export function parseDotnetInt(value: string): number | undefined {
  let start = 0;
  let end = value.length;
  while (end > start && value[end - 1] === "\0") end--;
  while (start < end && isNumberWhite(value[start]!)) start++;
  while (end > start && isNumberWhite(value[end - 1]!)) end--;
  const match = /^([+-]?)(\d+)$/.exec(value.slice(start, end));
  if (!match) return undefined;
  // `+ 0` turns "-0" into 0: an Int32 has no negative zero.
  const number = Number(`${match[1]}${match[2]}`) + 0;
  return number >= -2147483648 && number <= 2147483647 ? number : undefined;
}

const GUID_D = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** `value` without the `char.IsWhiteSpace` characters at its ends (`MemoryExtensions.Trim`). */
export function trimDotnet(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isDotnetWhiteSpace(value[start]!)) start++;
  while (end > start && isDotnetWhiteSpace(value[end - 1]!)) end--;
  return value.slice(start, end);
}

/**
 * `Guid.TryParse` for the formats a URL carries: D (`8-4-4-4-12`), N (32 hex digits), B (`{D}`)
 * and P (`(D)`), after trimming `char.IsWhiteSpace` from both ends (`Guid.cs`, `TryParseGuid`:
 * U+0085 is trimmed, U+FEFF is not). The X format `{0x…,{0x…}}` is not modelled. Decides the
 * `{x:guid}` route constraint.
 */
export function isDotnetGuid(value: string): boolean {
  return new RegExp(`^(?:${GUID_D}|[0-9a-fA-F]{32}|\\{${GUID_D}\\}|\\(${GUID_D}\\))$`).test(
    trimDotnet(value),
  );
}

/**
 * A Guid as System.Text.Json reads a JSON string into a `Guid` member: the D form only, no
 * braces, no whitespace (`Utf8JsonReader.TryGetGuid`: "only parses Guid values with hyphens and
 * without any surrounding decorations"). Decides a system user's `systemuser_id`.
 */
export function isJsonGuid(value: string): boolean {
  return new RegExp(`^${GUID_D}$`).test(value);
}

/**
 * `OrganisationNumber.TryParse` (OrganisationNumber.cs lines 67-115): nine digits, or the same
 * behind `0192:`, with a mod-11 control digit (`isValidOrgNumber` of `@portvakt/contracts`: weights
 * 3 2 7 6 5 4 3 2, remainder 0 gives 0, a control of 10 is never issued).
 */
export function isOrganisationNumber(value: string | null | undefined): boolean {
  if (value === null || value === undefined || isNullOrWhiteSpace(value)) return false;
  if (value.length !== 9 && value.length !== 14) return false;
  let local = value;
  if (value.length === 14) {
    if (!value.startsWith("0192:")) return false;
    local = value.slice(5);
  }
  // The mod-11 rule itself is the contracts' one definition (`isValidOrgNumber`).
  return isValidOrgNumber(local);
}

/** Ordinal, case-insensitive equality (`StringComparison.OrdinalIgnoreCase`) for ASCII names. */
export function equalsIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && a.toUpperCase() === b.toUpperCase();
}
