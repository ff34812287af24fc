import type { z } from "zod";
import { type Coded, coded, defineMessages, formatMessage, type MessageParams } from "./messages";

/**
 * Validation texts of the shared contracts (org numbers, scope names, clients, keys) and of
 * zod's own checks, in nb, nn and en (docs/i18n.md). The contracts build their English messages
 * from the `en` side, so every message they make maps back to its code.
 */
export const validationMessages = defineMessages({
  en: {
    "orgno.length": "An organisation number is exactly 9 digits",
    "orgno.check-digit": "The check digit (mod 11) of this organisation number is wrong",
    "scope.prefix.empty": "The prefix is empty",
    "scope.prefix.chars": "A prefix has only lowercase letters (a–å) and digits",
    "scope.subscope.empty": "The subscope is empty",
    "scope.subscope.uppercase": "A subscope has no uppercase letters",
    "scope.subscope.edge": "A subscope cannot start or end with / . or :",
    "scope.subscope.double-separator": "The separators / . : cannot stand next to each other",
    "scope.subscope.chars":
      'A subscope has only lowercase letters, digits and / . : (found "{found}")',
    "scope.subscope.order":
      "A subscope has its / parts first, then its : parts, then its . parts (e.g. pensjon/v3:vedtak.read)",
    "scope.subscope.short":
      "The part of a subscope after its last : (or, without / and :, the whole subscope) has at least two letters or digits before any .",
    "scope.name.format": "A scope name is prefix:subscope",
    "scope.name.too-long": "A scope name is at most {max} characters",
    "scope.subscope.too-long": "A subscope is at most {max} characters",
    "scope.description.required": "A description is required",
    "scope.url": "Give a full https:// address (or http:// for a local test)",
    "client.name.required": "A client needs a name",
    "client.description.required": "A client needs a description",
    "token.name.chars": "A token name has only letters, digits, spaces and . _ : / -",
    "jwk.private-member":
      'This JWK contains the private member "{member}": it is a private key. Send only the public key (kty, n, e, kid, use, alg).',
    "jwk.kty": 'Only RSA keys are accepted (kty must be "RSA")',
    "jwk.use": 'A client key must have use: "sig"',
    "jwk.alg": "alg must be RS256 or RS512 (Digdir's API registers no other algorithm)",
    "jwk.kid.required": "A key needs a kid",
    "jwk.kid.chars": "A kid has only letters, digits and . _ -",
    "jwk.rsa.too-small": "The RSA key is {bits} bits; Maskinporten requires at least {min}",
    "jwk.n.base64url": "n must be base64url",
    "jwk.e.base64url": "e must be base64url",
    "jwks.too-many": "A client can hold at most {max} keys; remove one first",
    "jwks.kid.duplicate": 'The kid "{kid}" appears twice in the set',
    "validation.type":
      "Expected {expected, select, string {text} number {a number} int {a whole number} boolean {yes or no} array {a list} object {an object} other {{expected}}}",
    "validation.too-small.number": "Must be at least {minimum}",
    "validation.too-small.string":
      "{minimum, plural, =1 {Must not be empty} other {Must be at least # characters}}",
    "validation.too-small.array":
      "{minimum, plural, =1 {Choose at least one} other {Choose at least #}}",
    "validation.too-big.number": "Must be at most {maximum}",
    "validation.too-big.string": "Must be at most {maximum} characters",
    "validation.too-big.array": "At most {maximum}",
    "validation.format": "Not a valid {format}",
    "validation.value": "Must be one of: {values}",
    "validation.unknown-keys": "Unknown fields: {keys}",
    "validation.integer": "Must be a whole number",
    "validation.invalid": "Not valid",
    "audit.range.to-before-from": "The end must not be before the start",
    "read.date-as-number": "{field} {value} is a date sent as a number; read as {read}",
    "read.invalid-field": "{field} {value} is not what Digdir's API documents; left out",
    "read.jwk-without-use":
      'The key {kid} has no "use": registered before Digdir\'s 2025-05-22 API change. It works; Portvakt writes it back with "use":"sig".',
    "read.scope-without-name": "The row has no name; Portvakt named it prefix:subscope",
    "read.value-as-text": "{field} {value} is sent as text; read as {read}",
  },
  nb: {
    "orgno.length": "Et organisasjonsnummer har nøyaktig 9 sifre",
    "orgno.check-digit": "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
    "scope.prefix.empty": "Prefiks mangler",
    "scope.prefix.chars": "Et prefiks har bare små bokstaver (a–å) og sifre",
    "scope.subscope.empty": "Subscope mangler",
    "scope.subscope.uppercase": "Et subscope har ikke store bokstaver",
    "scope.subscope.edge": "Et subscope kan ikke begynne eller slutte med / . eller :",
    "scope.subscope.double-separator": "Skilletegnene / . : kan ikke stå rett etter hverandre",
    "scope.subscope.chars": "Et subscope har bare små bokstaver, sifre og / . : (fant «{found}»)",
    "scope.subscope.order":
      "Et subscope har først delene med /, så delene med :, så delene med . (f.eks. pensjon/v3:vedtak.read)",
    "scope.subscope.short":
      "Delen av et subscope etter siste : (eller, uten / og :, hele subscopet) har minst to bokstaver eller sifre før et eventuelt .",
    "scope.name.format": "Et scope-navn er prefiks:subscope",
    "scope.name.too-long": "Et scope-navn har høyst {max} tegn",
    "scope.subscope.too-long": "Et subscope har høyst {max} tegn",
    "scope.description.required": "Beskrivelse må fylles ut",
    "scope.url": "Skriv en full https://-adresse (eller http:// for en lokal test)",
    "client.name.required": "Klienten må ha et navn",
    "client.description.required": "Klienten må ha en beskrivelse",
    "token.name.chars": "Et tokennavn har bare bokstaver, siffer, mellomrom og . _ : / -",
    "jwk.private-member":
      "Denne JWK-en inneholder det private feltet «{member}»: den er en privat nøkkel. Send bare den offentlige nøkkelen (kty, n, e, kid, use, alg).",
    "jwk.kty": 'Bare RSA-nøkler godtas (kty må være "RSA")',
    "jwk.use": 'En klientnøkkel må ha use: "sig"',
    "jwk.alg": "alg må være RS256 eller RS512 (Digdirs API registrerer ingen andre algoritmer)",
    "jwk.kid.required": "Nøkkelen må ha en kid",
    "jwk.kid.chars": "En kid har bare bokstaver, sifre og . _ -",
    "jwk.rsa.too-small": "RSA-nøkkelen er på {bits} bit; Maskinporten krever minst {min}",
    "jwk.n.base64url": "n må være base64url",
    "jwk.e.base64url": "e må være base64url",
    "jwks.too-many": "En klient kan ha høyst {max} nøkler; fjern en først",
    "jwks.kid.duplicate": "kid «{kid}» står to ganger i settet",
    "validation.type":
      "Forventet {expected, select, string {tekst} number {et tall} int {et helt tall} boolean {ja eller nei} array {en liste} object {et objekt} other {{expected}}}",
    "validation.too-small.number": "Må være minst {minimum}",
    "validation.too-small.string":
      "{minimum, plural, =1 {Kan ikke være tomt} other {Må ha minst # tegn}}",
    "validation.too-small.array": "{minimum, plural, =1 {Velg minst én} other {Velg minst #}}",
    "validation.too-big.number": "Kan være høyst {maximum}",
    "validation.too-big.string": "Kan ha høyst {maximum} tegn",
    "validation.too-big.array": "Høyst {maximum}",
    "validation.format": "Ikke gyldig {format}",
    "validation.value": "Må være en av: {values}",
    "validation.unknown-keys": "Ukjente felt: {keys}",
    "validation.integer": "Må være et helt tall",
    "validation.invalid": "Ikke gyldig",
    "audit.range.to-before-from": "Slutten kan ikke være før starten",
    "read.date-as-number": "{field} {value} er en dato sendt som tall; lest som {read}",
    "read.invalid-field": "{field} {value} er ikke slik Digdirs API beskriver feltet; utelatt",
    "read.jwk-without-use":
      'Nøkkelen {kid} har ikke "use": registrert før Digdirs API-endring 2025-05-22. Den virker; Portvakt skriver den tilbake med "use":"sig".',
    "read.scope-without-name": "Raden har ikke navn; Portvakt kalte den prefiks:subscope",
    "read.value-as-text": "{field} {value} er sendt som tekst; lest som {read}",
  },
  nn: {
    "orgno.length": "Eit organisasjonsnummer har nøyaktig 9 siffer",
    "orgno.check-digit": "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
    "scope.prefix.empty": "Prefiks manglar",
    "scope.prefix.chars": "Eit prefiks har berre små bokstavar (a–å) og siffer",
    "scope.subscope.empty": "Subscope manglar",
    "scope.subscope.uppercase": "Eit subscope har ikkje store bokstavar",
    "scope.subscope.edge": "Eit subscope kan ikkje byrje eller slutte med / . eller :",
    "scope.subscope.double-separator": "Skiljeteikna / . : kan ikkje stå rett etter kvarandre",
    "scope.subscope.chars":
      "Eit subscope har berre små bokstavar, siffer og / . : (fann «{found}»)",
    "scope.subscope.order":
      "Eit subscope har først delane med /, så delane med :, så delane med . (t.d. pensjon/v3:vedtak.read)",
    "scope.subscope.short":
      "Delen av eit subscope etter siste : (eller, utan / og :, heile subscopet) har minst to bokstavar eller siffer før eit eventuelt .",
    "scope.name.format": "Eit scope-namn er prefiks:subscope",
    "scope.name.too-long": "Eit scope-namn har høgst {max} teikn",
    "scope.subscope.too-long": "Eit subscope har høgst {max} teikn",
    "scope.description.required": "Skildring må fyllast ut",
    "scope.url": "Skriv ei full https://-adresse (eller http:// for ein lokal test)",
    "client.name.required": "Klienten må ha eit namn",
    "client.description.required": "Klienten må ha ei skildring",
    "token.name.chars": "Eit tokennamn har berre bokstavar, siffer, mellomrom og . _ : / -",
    "jwk.private-member":
      "Denne JWK-en inneheld det private feltet «{member}»: han er ein privat nøkkel. Send berre den offentlege nøkkelen (kty, n, e, kid, use, alg).",
    "jwk.kty": 'Berre RSA-nøklar blir godtekne (kty må vere "RSA")',
    "jwk.use": 'Ein klientnøkkel må ha use: "sig"',
    "jwk.alg":
      "alg må vere RS256 eller RS512 (API-et til Digdir registrerer ingen andre algoritmar)",
    "jwk.kid.required": "Nøkkelen må ha ein kid",
    "jwk.kid.chars": "Ein kid har berre bokstavar, siffer og . _ -",
    "jwk.rsa.too-small": "RSA-nøkkelen er på {bits} bit; Maskinporten krev minst {min}",
    "jwk.n.base64url": "n må vere base64url",
    "jwk.e.base64url": "e må vere base64url",
    "jwks.too-many": "Ein klient kan ha høgst {max} nøklar; fjern ein først",
    "jwks.kid.duplicate": "kid «{kid}» står to gonger i settet",
    "validation.type":
      "Venta {expected, select, string {tekst} number {eit tal} int {eit heilt tal} boolean {ja eller nei} array {ei liste} object {eit objekt} other {{expected}}}",
    "validation.too-small.number": "Må vere minst {minimum}",
    "validation.too-small.string":
      "{minimum, plural, =1 {Kan ikkje vere tomt} other {Må ha minst # teikn}}",
    "validation.too-small.array": "{minimum, plural, =1 {Vel minst éin} other {Vel minst #}}",
    "validation.too-big.number": "Kan vere høgst {maximum}",
    "validation.too-big.string": "Kan ha høgst {maximum} teikn",
    "validation.too-big.array": "Høgst {maximum}",
    "validation.format": "Ikkje gyldig {format}",
    "validation.value": "Må vere ein av: {values}",
    "validation.unknown-keys": "Ukjende felt: {keys}",
    "validation.integer": "Må vere eit heilt tal",
    "validation.invalid": "Ikkje gyldig",
    "audit.range.to-before-from": "Slutten kan ikkje vere før starten",
    "read.date-as-number": "{field} {value} er ein dato sendt som tal; lesen som {read}",
    "read.invalid-field":
      "{field} {value} er ikkje slik API-et til Digdir skildrar feltet; utelate",
    "read.jwk-without-use":
      'Nøkkelen {kid} har ikkje "use": registrert før API-endringa til Digdir 2025-05-22. Han verkar; Portvakt skriv han tilbake med "use":"sig".',
    "read.scope-without-name": "Rada har ikkje namn; Portvakt kalla ho prefiks:subscope",
    "read.value-as-text": "{field} {value} er sendt som tekst; lesen som {read}",
  },
});
export type ValidationCode = keyof typeof validationMessages.en;

/** The English text of a validation code (what the contracts' checks and zod schemas say). */
export function validationText(code: ValidationCode, params?: MessageParams): string {
  return formatMessage(validationMessages.en[code], "en", params);
}

type Reverse = { code: string; pattern: RegExp; names: string[]; literal: number };
const reverseCache = new WeakMap<object, Reverse[]>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Regexes that read an English text back into its code and parameters (simple templates only). */
function reverseOf(table: { en: Record<string, string> }): Reverse[] {
  const cached = reverseCache.get(table);
  if (cached) return cached;
  const list: Reverse[] = [];
  for (const [code, template] of Object.entries(table.en)) {
    // Plural/select templates are not read back; those codes travel explicitly.
    if (/\{\w+,/.test(template)) continue;
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name) {
          names.push(name);
          return "(.+?)";
        }
        return escapeRegExp(part);
      })
      .join("");
    const literal = template.replace(/\{\w+\}/g, "").length;
    if (literal === 0) continue;
    list.push({ code, pattern: new RegExp(`^${source}$`, "s"), names, literal });
  }
  list.sort((a, b) => b.literal - a.literal);
  reverseCache.set(table, list);
  return list;
}

/**
 * Reads an English text made from one of `tables` back into `{code, params, detail}`; undefined
 * when no simple template of the tables produces it (then show the text as it is).
 */
export function codedFromText(
  text: string,
  tables: readonly { en: Record<string, string> }[] = [validationMessages],
): Coded | undefined {
  for (const table of tables) {
    for (const { code, pattern, names } of reverseOf(table)) {
      const match = pattern.exec(text);
      if (!match) continue;
      const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ""]));
      return { code, ...(names.length ? { params } : {}), detail: text };
    }
  }
  return undefined;
}

/**
 * One zod issue as a coded text. Messages the contracts wrote map back to their codes; zod's
 * own checks (too small, wrong type …) get `validation.*` codes with their limits as
 * parameters, so "Too small: expected number to be >=0" is shown as "Må være minst 0". A custom
 * refinement keeps its own message (no code) unless it passes `params: { code, params }`.
 */
export function codedIssue(issue: z.core.$ZodIssue): {
  code?: string;
  params?: MessageParams;
  detail: string;
} {
  const own = codedFromText(issue.message);
  if (own) return own;
  // A refinement that coded itself (`params: { code, params }`), or one with its own words.
  if (issue.code === "custom") {
    const given = issue.params as { code?: unknown; params?: MessageParams } | undefined;
    if (typeof given?.code === "string") {
      return {
        code: given.code,
        ...(given.params ? { params: given.params } : {}),
        detail: issue.message,
      };
    }
    return { detail: issue.message };
  }
  const origin = "origin" in issue ? String(issue.origin) : "";
  const kind = origin === "string" || origin === "array" ? origin : "number";
  switch (issue.code) {
    case "invalid_type":
      return coded(validationMessages, "validation.type", { expected: String(issue.expected) });
    case "too_small":
      return coded(validationMessages, `validation.too-small.${kind}`, {
        minimum: Number(issue.minimum),
      });
    case "too_big":
      return coded(validationMessages, `validation.too-big.${kind}`, {
        maximum: Number(issue.maximum),
      });
    case "invalid_format":
      return coded(validationMessages, "validation.format", { format: String(issue.format) });
    case "invalid_value":
      return coded(validationMessages, "validation.value", {
        values: issue.values.map(String).join(", "),
      });
    case "unrecognized_keys":
      return coded(validationMessages, "validation.unknown-keys", { keys: issue.keys.join(", ") });
    case "not_multiple_of":
      return coded(validationMessages, "validation.integer");
    default:
      return coded(validationMessages, "validation.invalid");
  }
}
