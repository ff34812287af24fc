import { defineMessages } from "./messages";

/**
 * The BFF's own problems (`detail` + `code` + `params`) in nb, nn and en (docs/i18n.md).
 * Refusals of Digdir's API are coded in @portvakt/maskinporten-rules (`upstream.*`, `faq.*`).
 */
export const problemMessages = defineMessages({
  en: {
    "problem.title.400": "Bad Request",
    "problem.title.401": "Unauthorized",
    "problem.title.403": "Forbidden",
    "problem.title.404": "Not Found",
    "problem.title.409": "Conflict",
    "problem.title.412": "Precondition Failed",
    "problem.title.413": "Content Too Large",
    "problem.title.415": "Unsupported Media Type",
    "problem.title.428": "Precondition Required",
    "problem.title.429": "Too Many Requests",
    "problem.title.500": "Internal Server Error",
    "problem.title.502": "Bad Gateway",
    "problem.title.503": "Service Unavailable",
    "problem.title.504": "Gateway Timeout",
    "problem.invalid-request": "The request is not valid",
    "problem.unknown-env": 'Unknown environment "{env}"; configured: {configured}',
    "problem.field.unknown-env": "Unknown environment",
    "problem.role-needed":
      'This needs the role "{role}" ({role, select, admin {change scopes, clients and keys} operator {grant and revoke access} other {read everything}}) in the environment "{env}"',
    "problem.rate-limited":
      "Too many changes; try again in {seconds, plural, one {# second} other {# seconds}}",
    "problem.sign-in-rate-limited":
      "Too many sign-ins; try again in {seconds, plural, one {# second} other {# seconds}}",
    "problem.csrf-header": "Missing the X-CSRF: 1 header that every Portvakt API call carries",
    "problem.csrf-origin":
      "A change must come from Portvakt's own pages (the Origin header does not match)",
    "problem.keys.if-match-required":
      "Send If-Match with the ETag of GET .../jwks, so that an edit of someone else is never overwritten",
    "problem.keys.changed":
      "The client's keys changed since you loaded them (someone else edited them). Reload the keys and try again.",
    "problem.change-request.private-key":
      "A change request is stored and shown to others: it must not carry private key material ({field}). Send public keys only.",
    "problem.change-request.not-found": "No change request {id} in your environments",
    "problem.change-request.person-needed":
      "A change request is approved or rejected by a person, not by a pipeline token",
    "problem.change-request.own":
      "You asked for this change yourself: another admin must {verb, select, approve {approve} other {reject}} it",
    "problem.change-request.not-pending":
      "The change request is no longer waiting ({state, select, approved {being carried out} executed {carried out} rejected {rejected} withdrawn {withdrawn} expired {expired} other {gone}})",
    "problem.change-request.not-yours": "Only the person who asked for a change may withdraw it",
    "problem.keys.kid-in-use": 'The client already has a key with kid "{kid}"',
    "problem.field.kid-in-use": "kid already in use on this client",
    "problem.keys.limit":
      "The client already has {max} keys, the most Maskinporten allows; remove one first",
    "problem.field.key-limit": "Key limit reached",
    "problem.keys.no-such-kid": 'The client has no key with kid "{kid}"',
    "problem.access.one-of": "Give exactly one of scope and consumer_orgno",
    "problem.scope.exists":
      "{active, select, yes {The scope {name} already exists (an earlier attempt may have made it); nothing was sent} other {The scope {name} exists but is deactivated: reactivate it instead; nothing was sent}}",
    "problem.field.scope-exists": "{name} exists",
    "problem.altinn.has-errors":
      "applicationmetadata.json has {count, plural, one {# error} other {# errors}}; fix them before provisioning",
    "problem.altinn.nothing": "apiScopes sets no scope that can be created in Maskinporten",
    "problem.config.operator-only":
      'An operator may apply plans that only grant and revoke access; this plan also has {kinds} (needs the role "admin")',
    "problem.promotion.invalid":
      "The promotion cannot be planned or applied: {count, plural, one {# problem} other {# problems}} in the mapping or the chosen steps",
    "problem.promotion.same-environment": "Source and target are the same environment ({env})",
    "problem.promotion.mapping-invalid": "The mapping file: {path}: {message}",
    "problem.promotion.environment-mismatch":
      'The mapping file is for {field} "{mapping}", not "{actual}"',
    "problem.promotion.unmapped-organization":
      'The organisation {orgno} has no entry under organizations: add "{orgno}" with its number in {to}, or null to leave it out',
    "problem.promotion.unmapped-prefix":
      'The scope prefix "{prefix}" ({scope}) has no entry under prefixes: add "{prefix}" with its prefix in {to}',
    "problem.promotion.document-invalid": "The promoted document is not valid: {path}: {message}",
    "problem.promotion.unknown-step": "The plan has no step {step}; plan again",
    "problem.promotion.step-needs": "The step {step} needs {needs}: choose it too",
    "problem.config.unconfirmed":
      "{count, plural, one {A dangerous step is} other {# dangerous steps are}} not confirmed",
    "problem.audit.no-role": "Reading the audit log needs a role in at least one environment",
    "problem.internal":
      "Portvakt failed unexpectedly; the request id identifies it in the server log",
    "problem.no-problem-body": "The server answered {status} without a problem description.",
    "problem.network":
      "Portvakt's server could not be reached. Check the connection and try again.",
    "problem.unexpected-answer": "The server's answer did not have the expected shape: {issues}",
  },
  nb: {
    "problem.title.400": "Ugyldig forespørsel",
    "problem.title.401": "Ikke innlogget",
    "problem.title.403": "Ikke tillatt",
    "problem.title.404": "Finnes ikke",
    "problem.title.409": "Konflikt",
    "problem.title.412": "Endret i mellomtiden",
    "problem.title.413": "For stort innhold",
    "problem.title.415": "Formatet støttes ikke",
    "problem.title.428": "Mangler versjonssjekk",
    "problem.title.429": "For mange forespørsler",
    "problem.title.500": "Feil i Portvakt",
    "problem.title.502": "Feil i svaret fra Digdir",
    "problem.title.503": "Tjenesten er utilgjengelig",
    "problem.title.504": "Digdir svarte ikke i tide",
    "problem.invalid-request": "Forespørselen er ikke gyldig",
    "problem.unknown-env": "Ukjent miljø «{env}»; konfigurert: {configured}",
    "problem.field.unknown-env": "Ukjent miljø",
    "problem.role-needed":
      "Dette krever rollen «{role}» ({role, select, admin {endre scopes, klienter og nøkler} operator {gi og trekke tilbake tilgang} other {lese alt}}) i miljøet «{env}»",
    "problem.rate-limited":
      "For mange endringer; prøv igjen om {seconds, plural, one {# sekund} other {# sekunder}}",
    "problem.sign-in-rate-limited":
      "For mange innlogginger; prøv igjen om {seconds, plural, one {# sekund} other {# sekunder}}",
    "problem.csrf-header": "Mangler headeren X-CSRF: 1 som hvert kall til Portvakts API har",
    "problem.csrf-origin":
      "En endring må komme fra Portvakts egne sider (Origin-headeren stemmer ikke)",
    "problem.keys.if-match-required":
      "Send If-Match med ETag-en fra GET .../jwks, så en endring gjort av noen andre aldri overskrives",
    "problem.keys.changed":
      "Nøklene til klienten er endret siden du hentet dem (noen andre har endret dem). Last nøklene på nytt og prøv igjen.",
    "problem.change-request.private-key":
      "En endringsforespørsel lagres og vises for andre: den kan ikke inneholde privat nøkkelmateriale ({field}). Send bare offentlige nøkler.",
    "problem.change-request.not-found": "Ingen endringsforespørsel {id} i dine miljøer",
    "problem.change-request.person-needed":
      "En endringsforespørsel godkjennes eller avvises av en person, ikke av et pipeline-token",
    "problem.change-request.own":
      "Du ba om denne endringen selv: en annen administrator må {verb, select, approve {godkjenne} other {avvise}} den",
    "problem.change-request.not-pending":
      "Endringsforespørselen venter ikke lenger ({state, select, approved {utføres nå} executed {utført} rejected {avvist} withdrawn {trukket tilbake} expired {utløpt} other {borte}})",
    "problem.change-request.not-yours": "Bare den som ba om en endring, kan trekke den tilbake",
    "problem.keys.kid-in-use": "Klienten har allerede en nøkkel med kid «{kid}»",
    "problem.field.kid-in-use": "kid er allerede i bruk på klienten",
    "problem.keys.limit":
      "Klienten har allerede {max} nøkler, det meste Maskinporten tillater; fjern en først",
    "problem.field.key-limit": "Grensen for antall nøkler er nådd",
    "problem.keys.no-such-kid": "Klienten har ingen nøkkel med kid «{kid}»",
    "problem.access.one-of": "Oppgi nøyaktig én av scope og consumer_orgno",
    "problem.scope.exists":
      "{active, select, yes {Scopet {name} finnes allerede (et tidligere forsøk kan ha laget det); ingenting ble sendt} other {Scopet {name} finnes, men er deaktivert: aktiver det igjen i stedet; ingenting ble sendt}}",
    "problem.field.scope-exists": "{name} finnes allerede",
    "problem.altinn.has-errors":
      "applicationmetadata.json har {count, plural, one {# feil} other {# feil}}; rett dem før scopene opprettes",
    "problem.altinn.nothing": "apiScopes setter ingen scope som kan opprettes i Maskinporten",
    "problem.config.operator-only":
      "En operatør kan bare bruke planer som gir og trekker tilbake tilganger; denne planen har også {kinds} (krever rollen «admin»)",
    "problem.promotion.invalid":
      "Promoteringen kan ikke planlegges eller utføres: {count, plural, one {# feil} other {# feil}} i koblingsfilen eller de valgte stegene",
    "problem.promotion.same-environment": "Kilde og mål er samme miljø ({env})",
    "problem.promotion.mapping-invalid": "Koblingsfilen: {path}: {message}",
    "problem.promotion.environment-mismatch":
      "Koblingsfilen gjelder {field} «{mapping}», ikke «{actual}»",
    "problem.promotion.unmapped-organization":
      "Organisasjonen {orgno} mangler under organizations: legg til «{orgno}» med nummeret i {to}, eller null for å utelate den",
    "problem.promotion.unmapped-prefix":
      "Scope-prefikset «{prefix}» ({scope}) mangler under prefixes: legg til «{prefix}» med prefikset i {to}",
    "problem.promotion.document-invalid":
      "Det promoterte dokumentet er ikke gyldig: {path}: {message}",
    "problem.promotion.unknown-step": "Planen har ikke steget {step}; planlegg på nytt",
    "problem.promotion.step-needs": "Steget {step} trenger {needs}: velg det også",
    "problem.config.unconfirmed":
      "{count, plural, one {Et farlig steg er} other {# farlige steg er}} ikke bekreftet",
    "problem.audit.no-role": "Å lese revisjonsloggen krever en rolle i minst ett miljø",
    "problem.internal": "Portvakt feilet uventet; forespørsels-ID-en finner feilen i serverloggen",
    "problem.no-problem-body": "Serveren svarte {status} uten en feilbeskrivelse.",
    "problem.network": "Fikk ikke kontakt med Portvakt-serveren. Sjekk forbindelsen og prøv igjen.",
    "problem.unexpected-answer": "Svaret fra serveren hadde ikke forventet form: {issues}",
  },
  nn: {
    "problem.title.400": "Ugyldig førespurnad",
    "problem.title.401": "Ikkje innlogga",
    "problem.title.403": "Ikkje tillate",
    "problem.title.404": "Finst ikkje",
    "problem.title.409": "Konflikt",
    "problem.title.412": "Endra i mellomtida",
    "problem.title.413": "For stort innhald",
    "problem.title.415": "Formatet er ikkje støtta",
    "problem.title.428": "Manglar versjonssjekk",
    "problem.title.429": "For mange førespurnader",
    "problem.title.500": "Feil i Portvakt",
    "problem.title.502": "Feil i svaret frå Digdir",
    "problem.title.503": "Tenesta er utilgjengeleg",
    "problem.title.504": "Digdir svarte ikkje i tide",
    "problem.invalid-request": "Førespurnaden er ikkje gyldig",
    "problem.unknown-env": "Ukjent miljø «{env}»; konfigurert: {configured}",
    "problem.field.unknown-env": "Ukjent miljø",
    "problem.role-needed":
      "Dette krev rolla «{role}» ({role, select, admin {endre scope, klientar og nøklar} operator {gi og trekkje tilbake tilgang} other {lese alt}}) i miljøet «{env}»",
    "problem.rate-limited":
      "For mange endringar; prøv igjen om {seconds, plural, one {# sekund} other {# sekund}}",
    "problem.sign-in-rate-limited":
      "For mange innloggingar; prøv igjen om {seconds, plural, one {# sekund} other {# sekund}}",
    "problem.csrf-header": "Manglar headeren X-CSRF: 1 som kvart kall til API-et til Portvakt har",
    "problem.csrf-origin":
      "Ei endring må kome frå Portvakt sine eigne sider (Origin-headeren stemmer ikkje)",
    "problem.keys.if-match-required":
      "Send If-Match med ETag-en frå GET .../jwks, så ei endring som nokon andre har gjort, aldri blir skriven over",
    "problem.keys.changed":
      "Nøklane til klienten er endra sidan du henta dei (nokon andre har endra dei). Last nøklane på nytt og prøv igjen.",
    "problem.change-request.private-key":
      "Ein endringsførespurnad blir lagra og vist for andre: han kan ikkje innehalde privat nøkkelmateriale ({field}). Send berre offentlege nøklar.",
    "problem.change-request.not-found": "Ingen endringsførespurnad {id} i miljøa dine",
    "problem.change-request.person-needed":
      "Ein endringsførespurnad blir godkjend eller avvist av ein person, ikkje av eit pipeline-token",
    "problem.change-request.own":
      "Du bad om denne endringa sjølv: ein annan administrator må {verb, select, approve {godkjenne} other {avvise}} henne",
    "problem.change-request.not-pending":
      "Endringsførespurnaden ventar ikkje lenger ({state, select, approved {blir utført no} executed {utført} rejected {avvist} withdrawn {trekt tilbake} expired {gått ut} other {borte}})",
    "problem.change-request.not-yours":
      "Berre den som bad om ei endring, kan trekkje henne tilbake",
    "problem.keys.kid-in-use": "Klienten har allereie ein nøkkel med kid «{kid}»",
    "problem.field.kid-in-use": "kid er allereie i bruk på klienten",
    "problem.keys.limit":
      "Klienten har allereie {max} nøklar, det meste Maskinporten tillèt; fjern ein først",
    "problem.field.key-limit": "Grensa for talet på nøklar er nådd",
    "problem.keys.no-such-kid": "Klienten har ingen nøkkel med kid «{kid}»",
    "problem.access.one-of": "Oppgi nøyaktig éin av scope og consumer_orgno",
    "problem.scope.exists":
      "{active, select, yes {Scopet {name} finst allereie (eit tidlegare forsøk kan ha laga det); ingenting vart sendt} other {Scopet {name} finst, men er deaktivert: aktiver det igjen i staden; ingenting vart sendt}}",
    "problem.field.scope-exists": "{name} finst allereie",
    "problem.altinn.has-errors":
      "applicationmetadata.json har {count, plural, one {# feil} other {# feil}}; rett dei før scopa blir oppretta",
    "problem.altinn.nothing": "apiScopes set ikkje noko scope som kan opprettast i Maskinporten",
    "problem.config.operator-only":
      "Ein operatør kan berre ta i bruk planar som gir og trekkjer tilbake tilgangar; denne planen har også {kinds} (krev rolla «admin»)",
    "problem.promotion.invalid":
      "Promoteringa kan ikkje planleggjast eller utførast: {count, plural, one {# feil} other {# feil}} i koplingsfila eller dei valde stega",
    "problem.promotion.same-environment": "Kjelde og mål er same miljø ({env})",
    "problem.promotion.mapping-invalid": "Koplingsfila: {path}: {message}",
    "problem.promotion.environment-mismatch":
      "Koplingsfila gjeld {field} «{mapping}», ikkje «{actual}»",
    "problem.promotion.unmapped-organization":
      "Organisasjonen {orgno} manglar under organizations: legg til «{orgno}» med nummeret i {to}, eller null for å utelate han",
    "problem.promotion.unmapped-prefix":
      "Scope-prefikset «{prefix}» ({scope}) manglar under prefixes: legg til «{prefix}» med prefikset i {to}",
    "problem.promotion.document-invalid":
      "Det promoterte dokumentet er ikkje gyldig: {path}: {message}",
    "problem.promotion.unknown-step": "Planen har ikkje steget {step}; planlegg på nytt",
    "problem.promotion.step-needs": "Steget {step} treng {needs}: vel det òg",
    "problem.config.unconfirmed":
      "{count, plural, one {Eitt farleg steg er} other {# farlege steg er}} ikkje stadfesta",
    "problem.audit.no-role": "Å lese revisjonsloggen krev ei rolle i minst eitt miljø",
    "problem.internal": "Portvakt feila uventa; førespurnads-ID-en finn feilen i tenarloggen",
    "problem.no-problem-body": "Tenaren svarte {status} utan ei feilskildring.",
    "problem.network": "Fekk ikkje kontakt med Portvakt-tenaren. Sjekk sambandet og prøv igjen.",
    "problem.unexpected-answer": "Svaret frå tenaren hadde ikkje forventa form: {issues}",
  },
});
export type ProblemCode = keyof typeof problemMessages.en;
