import type { Lang } from "./i18n";

/**
 * The shared contracts phrase their validation messages in English. Bokmål users get these
 * translations; a message without one is shown as it is rather than hidden.
 */
const NB: [RegExp, string][] = [
  [/^An organisation number is exactly 9 digits$/, "Et organisasjonsnummer har nøyaktig 9 sifre"],
  [
    /^The check digit \(mod 11\) of this organisation number is wrong$/,
    "Kontrollsifferet (mod 11) i organisasjonsnummeret er feil",
  ],
  [/^The subscope is empty$/, "Subscope mangler"],
  [/^The prefix is empty$/, "Prefiks mangler"],
  [
    /^A prefix has only lowercase letters \(a–å\) and digits$/,
    "Et prefiks har bare små bokstaver (a–å) og sifre",
  ],
  [/^A subscope has no uppercase letters$/, "Et subscope har ikke store bokstaver"],
  [
    /^A subscope cannot start or end with \/ \. or :$/,
    "Et subscope kan ikke begynne eller slutte med / . eller :",
  ],
  [
    /^The separators \/ \. : cannot stand next to each other$/,
    "Skilletegnene / . : kan ikke stå rett etter hverandre",
  ],
  [
    /^A subscope has only lowercase letters, digits and \/ \. : \(found "(.*)"\)$/,
    "Et subscope har bare små bokstaver, sifre og / . : (fant «$1»)",
  ],
  [/^A scope name is prefix:subscope$/, "Et scope-navn er prefiks:subscope"],
  [/^A description is required$/, "Beskrivelse må fylles ut"],
  [/^A client needs a name$/, "Klienten må ha et navn"],
  [/^A client needs a description$/, "Klienten må ha en beskrivelse"],
  [
    /^This JWK contains the private member "(\w+)": it is a private key\. .*$/,
    "Denne JWK-en inneholder det private feltet «$1»: den er en privat nøkkel. Send bare den offentlige nøkkelen (kty, n, e, kid, use, alg).",
  ],
  [
    /^Only RSA keys are accepted \(kty must be "RSA"\)$/,
    'Bare RSA-nøkler godtas (kty må være "RSA")',
  ],
  [/^A client key must have use: "sig"$/, 'En klientnøkkel må ha use: "sig"'],
  [/^alg must be RS256, RS384 or RS512$/, "alg må være RS256, RS384 eller RS512"],
  [/^A key needs a kid$/, "Nøkkelen må ha en kid"],
  [/^A kid has only letters, digits and \. _ -$/, "En kid har bare bokstaver, sifre og . _ -"],
  [
    /^The RSA key is (\d+) bits; Maskinporten requires at least (\d+)$/,
    "RSA-nøkkelen er på $1 bit; Maskinporten krever minst $2",
  ],
  [/^n must be base64url$/, "n må være base64url"],
  [/^e must be base64url$/, "e må være base64url"],
];

export function contractMessage(message: string, lang: Lang): string {
  if (lang === "en") return message;
  for (const [pattern, replacement] of NB) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return message;
}
