import { defineMessages } from "@portvakt/contracts";

/**
 * What a refusal of the self-service API means, in nb, nn and en (docs/i18n.md). The English
 * side is the `explanation` of a `MaskinportenError` (and the problem `detail`); the code and
 * parameters travel to the browser. `{digdir}` is Digdir's own `error_description`, or `none`.
 * Source of the causes: the seed guide's FAQ and docs/maskinporten.md §7 (409 state); 401 and 403 are explained by the FAQ causes (`faq.*` in ./messages.ts).
 */
export const selfServiceMessages = defineMessages({
  en: {
    "upstream.field.exists": "{value} exists",
    "upstream.400":
      '400 Bad Request: the self-service API did not accept the input.{digdir, select, none {} other { Digdir said: "{digdir}".}}',
    "upstream.404":
      '404 Not Found: the scope, client, key or organisation does not exist (or is not visible to this organisation).{digdir, select, none {} other { Digdir said: "{digdir}".}}',
    "upstream.409":
      '409 Conflict: the thing is in the wrong state for this change, for example a scope name that already exists (active or deactivated).{digdir, select, none {} other { Digdir said: "{digdir}".}}',
    "upstream.429":
      '429 Too Many Requests: the self-service API is rate limiting; try again later.{digdir, select, none {} other { Digdir said: "{digdir}".}}',
    "upstream.unavailable":
      '{status}: the self-service API or a gateway in front of it is unavailable; try again later.{digdir, select, none {} other { Digdir said: "{digdir}".}}',
    "upstream.5xx":
      '{status}: the self-service API failed unexpectedly. Quote the correlation id if you contact Digdir.{digdir, select, none {} other { Digdir said: "{digdir}".}}',
    "upstream.other":
      '{status}: the self-service API refused the call.{digdir, select, none {} other { Digdir said: "{digdir}".}}',
  },
  nb: {
    "upstream.field.exists": "{value} finnes allerede",
    "upstream.400":
      "400 Bad Request: selvbetjenings-API-et godtok ikke det som ble sendt.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.404":
      "404 Not Found: scopet, klienten, nøkkelen eller organisasjonen finnes ikke (eller er ikke synlig for organisasjonen).{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.409":
      "409 Conflict: det du vil endre, er i feil tilstand for denne endringen – for eksempel et scope-navn som finnes fra før (aktivt eller deaktivert).{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.429":
      "429 Too Many Requests: selvbetjenings-API-et begrenser antall kall; prøv igjen senere.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.unavailable":
      "{status}: selvbetjenings-API-et eller en gateway foran det er utilgjengelig; prøv igjen senere.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.5xx":
      "{status}: selvbetjenings-API-et feilet uventet. Oppgi korrelasjons-ID-en hvis du kontakter Digdir.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.other":
      "{status}: selvbetjenings-API-et avviste kallet.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
  },
  nn: {
    "upstream.field.exists": "{value} finst allereie",
    "upstream.400":
      "400 Bad Request: sjølvbetenings-API-et godtok ikkje det som vart sendt.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.404":
      "404 Not Found: scopet, klienten, nøkkelen eller organisasjonen finst ikkje (eller er ikkje synleg for organisasjonen).{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.409":
      "409 Conflict: det du vil endre, er i feil tilstand for denne endringa – til dømes eit scope-namn som finst frå før (aktivt eller deaktivert).{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.429":
      "429 Too Many Requests: sjølvbetenings-API-et avgrensar talet på kall; prøv igjen seinare.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.unavailable":
      "{status}: sjølvbetenings-API-et eller ein gateway framfor det er utilgjengeleg; prøv igjen seinare.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.5xx":
      "{status}: sjølvbetenings-API-et feila uventa. Oppgi korrelasjons-ID-en dersom du kontaktar Digdir.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
    "upstream.other":
      "{status}: sjølvbetenings-API-et avviste kallet.{digdir, select, none {} other { Digdir sa: «{digdir}».}}",
  },
});

/** A code of {@link selfServiceMessages}. */
export type SelfServiceCode = keyof typeof selfServiceMessages.en;
