import { defineMessages } from "@portvakt/contracts";

/**
 * Step summaries that read the same in bokmål and nynorsk, written once. A translator who wants
 * one of them to differ moves its key into both `nb` and `nn`.
 */
const sameInNbAndNn = {
  "config.step.scope.create": "Opprett scopet {name}",
  "config.step.scope.reactivate": "Aktiver scopet {name} igjen",
  "config.step.scope.update": "Endre {fields} på {name}",
  "config.step.access.grant": "Gi {label} tilgang til {name}",
  "config.step.access.revoke": "Trekk tilbake tilgangen {label} har til {name}",
  "config.step.scope.deactivate": "Deaktiver scopet {name}",
  "config.step.client.create": "Opprett Maskinporten-klienten «{name}»",
  "config.step.client.update": "Endre {fields} på klienten «{name}»",
  "config.step.key.add": "Legg nøkkelen {kid} til klienten «{name}»",
};

/**
 * Texts of a config plan (step summaries, reasons, dangers, warnings) in nb, nn and en
 * (docs/i18n.md). The English side is what `summary`, `reason`, `dangers` and `warnings` say
 * (the CLI and `--json`); the codes travel beside them in `texts` for the browser.
 */
export const configMessages = defineMessages({
  en: {
    "config.step.scope.create": "Create scope {name}",
    "config.step.scope.reactivate": "Reactivate scope {name}",
    "config.step.scope.update": "Change {fields} of {name}",
    "config.step.access.grant": "Grant {label} access to {name}",
    "config.step.access.revoke": "Revoke {label}'s access to {name}",
    "config.step.scope.deactivate": "Deactivate scope {name}",
    "config.step.client.create": 'Create Maskinporten client "{name}"',
    "config.step.client.update": 'Change {fields} of client "{name}"',
    "config.step.key.add": 'Add key {kid} to client "{name}"',
    "config.step.key.remove": 'Remove key {kid} from client "{name}"',
    "config.reason.scope.missing": "The scope is in the document but not in the environment",
    "config.reason.scope.reactivate":
      "The scope is deactivated in the environment and active in the document",
    "config.reason.scope.fields": "Fields of the scope differ from the document",
    "config.reason.grant.state": "{orgno} is a consumer in the document; its access is {state}",
    "config.reason.grant.none": "{orgno} is a consumer in the document and has no access",
    "config.reason.revoke.not-consumer":
      "{orgno} has APPROVED access and is not a consumer in the document",
    "config.reason.revoke.scope-gone":
      "{orgno} has APPROVED access and the scope is not in the document",
    "config.reason.deactivate.inactive": "The document marks the scope active: false",
    "config.reason.deactivate.not-listed":
      "The scope is owned by the organisation but not in the document",
    "config.reason.client.missing": "No client in the environment matches the entry",
    "config.reason.client.fields": "Fields of the client differ from the document",
    "config.reason.key.missing": "The key is in the document but not registered on the client",
    "config.reason.key.extra": "The key is registered on the client but not in the document",
    "config.danger.production": "this is the production environment",
    "config.danger.revoke": "{label} loses access to {name}; its tokens for the scope stop working",
    "config.danger.grants-remain":
      "{count, plural, one {# organisation keeps an approved grant of the deactivated scope and keeps seeing it} other {# organisations keep an approved grant of the deactivated scope and keep seeing it}}",
    "config.danger.grants-revoked":
      "the scope has {count, plural, one {# approved grant} other {# approved grants}}, revoked by this plan first",
    "config.danger.for-all": "the scope is accessible to all organisations, without grants",
    "config.danger.no-keys-left":
      'the client "{name}" is left without keys: systems signing with {kid} can no longer get tokens',
    "config.warning.delegation-source":
      "{name}: delegation_source cannot be removed through the self-service API; it stays {value}",
    "config.warning.inactive-fields":
      "{name} is deactivated: its fields ({fields}) can only change while it is active; set active: true to change them",
    "config.warning.inactive-grants":
      "{name} is deactivated: {orgnos} cannot be granted access until it is reactivated (active: true)",
    "config.warning.client-unlisted":
      'The client "{name}" ({clientId}) is not in the document and is left unchanged',
    "config.document.jwk-and-file": "Give either jwk or file, not both",
    "config.document.kid-differs":
      'The JWK\'s kid "{jwkKid}" differs from the entry\'s kid "{kid}"',
    "config.document.scope-twice": "{name} is already declared at {first}",
    "config.document.listed-twice": "{value} is listed twice",
    "config.document.client-twice": 'The client "{name}" is already declared at {first}',
    "config.document.client-id-twice": "client_id {clientId} is already used at {first}",
    "config.document.kid-twice": 'The kid "{kid}" is also on client "{name}"',
    "config.document.prefix-not-held":
      'The organisation does not hold the prefix "{prefix}" (it holds: {held})',
    "config.document.client-id-unknown":
      "No active Maskinporten client {clientId} in this environment; leave client_id out to create the client",
    "config.document.client-ambiguous":
      '{count} clients are named "{name}" ({clientIds}); add client_id to say which one',
    "config.document.client-orgno-fixed":
      "The client belongs to {orgno}; client_orgno cannot change",
    "config.document.key-file-here":
      "Key files are read by the CLI (portvakt plan/apply); paste the key as jwk to use the document here",
    "config.document.kid-other-material":
      'The kid "{kid}" is registered with other key material; give the new key a new kid',
    "config.document.kid-elsewhere":
      'The kid "{kid}" is registered on the client "{name}"; kids are unique across all clients',
    "config.document.kid-unregistered":
      'The kid "{kid}" is not registered on the client; give its public key as jwk or file',
    "config.document.other-environment":
      'The document is for the environment "{documentEnvironment}", not "{environment}"; change environment to apply it here',
    "config.error.client-no-id": 'The client "{name}" has no client_id yet',
    "config.mapping.unreadable": "The mapping file is not readable as {format}",
    "config.error.unconfirmed-step": "The dangerous step {step} is not confirmed",
    "config.mapping.quote-orgno":
      'Write the organisation number as a quoted string, e.g. "889640782"',
    "config.error.unexpected":
      "The step failed on an unexpected error in Portvakt; the server log has the details",
  },
  nb: {
    ...sameInNbAndNn,
    "config.step.key.remove": "Fjern nøkkelen {kid} fra klienten «{name}»",
    "config.reason.scope.missing": "Scopet står i dokumentet, men finnes ikke i miljøet",
    "config.reason.scope.reactivate": "Scopet er deaktivert i miljøet og aktivt i dokumentet",
    "config.reason.scope.fields": "Felt i scopet er ulike dokumentet",
    "config.reason.grant.state": "{orgno} er konsument i dokumentet; tilgangen er {state}",
    "config.reason.grant.none": "{orgno} er konsument i dokumentet og har ikke tilgang",
    "config.reason.revoke.not-consumer":
      "{orgno} har godkjent tilgang og er ikke konsument i dokumentet",
    "config.reason.revoke.scope-gone":
      "{orgno} har godkjent tilgang, og scopet står ikke i dokumentet",
    "config.reason.deactivate.inactive": "Dokumentet setter scopet til active: false",
    "config.reason.deactivate.not-listed":
      "Scopet eies av organisasjonen, men står ikke i dokumentet",
    "config.reason.client.missing": "Ingen klient i miljøet passer til oppføringen",
    "config.reason.client.fields": "Felt i klienten er ulike dokumentet",
    "config.reason.key.missing": "Nøkkelen står i dokumentet, men er ikke registrert på klienten",
    "config.reason.key.extra": "Nøkkelen er registrert på klienten, men står ikke i dokumentet",
    "config.danger.production": "dette er produksjonsmiljøet",
    "config.danger.revoke":
      "{label} mister tilgangen til {name}; tokens for scopet slutter å virke",
    "config.danger.grants-remain":
      "{count, plural, one {# organisasjon beholder en godkjent tilgang} other {# organisasjoner beholder en godkjent tilgang}} til det deaktiverte scopet og ser det fortsatt",
    "config.danger.grants-revoked":
      "scopet har {count, plural, one {# godkjent tilgang} other {# godkjente tilganger}}, som planen trekker tilbake først",
    "config.danger.for-all": "scopet er tilgjengelig for alle organisasjoner, uten tilgang",
    "config.danger.no-keys-left":
      "klienten «{name}» blir stående uten nøkler: systemer som signerer med {kid}, får ikke lenger tokens",
    "config.warning.delegation-source":
      "{name}: delegation_source kan ikke fjernes gjennom selvbetjenings-API-et; den forblir {value}",
    "config.warning.inactive-fields":
      "{name} er deaktivert: feltene ({fields}) kan bare endres mens scopet er aktivt; sett active: true for å endre dem",
    "config.warning.inactive-grants":
      "{name} er deaktivert: {orgnos} kan ikke få tilgang før scopet aktiveres igjen (active: true)",
    "config.warning.client-unlisted":
      "Klienten «{name}» ({clientId}) står ikke i dokumentet og blir ikke endret",
    "config.document.jwk-and-file": "Oppgi enten jwk eller file, ikke begge",
    "config.document.kid-differs": "JWK-ens kid «{jwkKid}» er ulik oppføringens kid «{kid}»",
    "config.document.scope-twice": "{name} er allerede oppgitt i {first}",
    "config.document.listed-twice": "{value} står to ganger",
    "config.document.client-twice": "Klienten «{name}» er allerede oppgitt i {first}",
    "config.document.client-id-twice": "client_id {clientId} er allerede brukt i {first}",
    "config.document.kid-twice": "kid «{kid}» står også på klienten «{name}»",
    "config.document.prefix-not-held":
      "Organisasjonen har ikke prefikset «{prefix}» (den har: {held})",
    "config.document.client-id-unknown":
      "Ingen aktiv Maskinporten-klient {clientId} i dette miljøet; ta bort client_id for å opprette klienten",
    "config.document.client-ambiguous":
      "{count} klienter heter «{name}» ({clientIds}); legg til client_id for å si hvilken",
    "config.document.client-orgno-fixed": "Klienten tilhører {orgno}; client_orgno kan ikke endres",
    "config.document.key-file-here":
      "Nøkkelfiler leses av CLI-et (portvakt plan/apply); lim inn nøkkelen som jwk for å bruke dokumentet her",
    "config.document.kid-other-material":
      "kid «{kid}» er registrert med annet nøkkelmateriale; gi den nye nøkkelen en ny kid",
    "config.document.kid-elsewhere":
      "kid «{kid}» er registrert på klienten «{name}»; en kid er unik på tvers av alle klienter",
    "config.document.kid-unregistered":
      "kid «{kid}» er ikke registrert på klienten; oppgi den offentlige nøkkelen som jwk eller file",
    "config.document.other-environment":
      "Dokumentet gjelder miljøet «{documentEnvironment}», ikke «{environment}»; endre environment for å bruke det her",
    "config.error.client-no-id": "Klienten «{name}» har ingen client_id ennå",
    "config.mapping.unreadable": "Koblingsfilen kan ikke leses som {format}",
    "config.error.unconfirmed-step": "Det farlige steget {step} er ikke bekreftet",
    "config.mapping.quote-orgno":
      'Skriv organisasjonsnummeret som en tekst i anførselstegn, f.eks. "889640782"',
    "config.error.unexpected":
      "Steget mislyktes på grunn av en uventet feil i Portvakt; serverloggen har detaljene",
  },
  nn: {
    ...sameInNbAndNn,
    "config.step.key.remove": "Fjern nøkkelen {kid} frå klienten «{name}»",
    "config.reason.scope.missing": "Scopet står i dokumentet, men finst ikkje i miljøet",
    "config.reason.scope.reactivate": "Scopet er deaktivert i miljøet og aktivt i dokumentet",
    "config.reason.scope.fields": "Felt i scopet er ulike dokumentet",
    "config.reason.grant.state": "{orgno} er konsument i dokumentet; tilgangen er {state}",
    "config.reason.grant.none": "{orgno} er konsument i dokumentet og har ikkje tilgang",
    "config.reason.revoke.not-consumer":
      "{orgno} har godkjend tilgang og er ikkje konsument i dokumentet",
    "config.reason.revoke.scope-gone":
      "{orgno} har godkjend tilgang, og scopet står ikkje i dokumentet",
    "config.reason.deactivate.inactive": "Dokumentet set scopet til active: false",
    "config.reason.deactivate.not-listed":
      "Scopet er eigd av organisasjonen, men står ikkje i dokumentet",
    "config.reason.client.missing": "Ingen klient i miljøet passar til oppføringa",
    "config.reason.client.fields": "Felt i klienten er ulike dokumentet",
    "config.reason.key.missing": "Nøkkelen står i dokumentet, men er ikkje registrert på klienten",
    "config.reason.key.extra": "Nøkkelen er registrert på klienten, men står ikkje i dokumentet",
    "config.danger.production": "dette er produksjonsmiljøet",
    "config.danger.revoke": "{label} mistar tilgangen til {name}; token for scopet sluttar å verke",
    "config.danger.grants-remain":
      "{count, plural, one {# organisasjon beheld ein godkjend tilgang} other {# organisasjonar beheld ein godkjend tilgang}} til det deaktiverte scopet og ser det framleis",
    "config.danger.grants-revoked":
      "scopet har {count, plural, one {# godkjend tilgang} other {# godkjende tilgangar}}, som planen trekkjer tilbake først",
    "config.danger.for-all": "scopet er tilgjengeleg for alle organisasjonar, utan tilgang",
    "config.danger.no-keys-left":
      "klienten «{name}» blir ståande utan nøklar: system som signerer med {kid}, får ikkje lenger token",
    "config.warning.delegation-source":
      "{name}: delegation_source kan ikkje fjernast gjennom sjølvbetenings-API-et; han blir verande {value}",
    "config.warning.inactive-fields":
      "{name} er deaktivert: felta ({fields}) kan berre endrast medan scopet er aktivt; set active: true for å endre dei",
    "config.warning.inactive-grants":
      "{name} er deaktivert: {orgnos} kan ikkje få tilgang før scopet blir aktivert igjen (active: true)",
    "config.warning.client-unlisted":
      "Klienten «{name}» ({clientId}) står ikkje i dokumentet og blir ikkje endra",
    "config.document.jwk-and-file": "Oppgi anten jwk eller file, ikkje begge",
    "config.document.kid-differs":
      "kid-en til JWK-en, «{jwkKid}», er ulik kid-en til oppføringa, «{kid}»",
    "config.document.scope-twice": "{name} er alt oppgitt i {first}",
    "config.document.listed-twice": "{value} står to gonger",
    "config.document.client-twice": "Klienten «{name}» er alt oppgitt i {first}",
    "config.document.client-id-twice": "client_id {clientId} er alt brukt i {first}",
    "config.document.kid-twice": "kid «{kid}» står òg på klienten «{name}»",
    "config.document.prefix-not-held":
      "Organisasjonen har ikkje prefikset «{prefix}» (ho har: {held})",
    "config.document.client-id-unknown":
      "Ingen aktiv Maskinporten-klient {clientId} i dette miljøet; ta bort client_id for å opprette klienten",
    "config.document.client-ambiguous":
      "{count} klientar heiter «{name}» ({clientIds}); legg til client_id for å seie kva for ein",
    "config.document.client-orgno-fixed":
      "Klienten høyrer til {orgno}; client_orgno kan ikkje endrast",
    "config.document.key-file-here":
      "Nøkkelfiler blir lesne av CLI-et (portvakt plan/apply); lim inn nøkkelen som jwk for å bruke dokumentet her",
    "config.document.kid-other-material":
      "kid «{kid}» er registrert med anna nøkkelmateriale; gi den nye nøkkelen ein ny kid",
    "config.document.kid-elsewhere":
      "kid «{kid}» er registrert på klienten «{name}»; ein kid er eintydig på tvers av alle klientar",
    "config.document.kid-unregistered":
      "kid «{kid}» er ikkje registrert på klienten; oppgi den offentlege nøkkelen som jwk eller file",
    "config.document.other-environment":
      "Dokumentet gjeld miljøet «{documentEnvironment}», ikkje «{environment}»; endre environment for å bruke det her",
    "config.error.client-no-id": "Klienten «{name}» har ingen client_id enno",
    "config.mapping.unreadable": "Koplingsfila kan ikkje lesast som {format}",
    "config.error.unconfirmed-step": "Det farlege steget {step} er ikkje stadfesta",
    "config.mapping.quote-orgno":
      'Skriv organisasjonsnummeret som ein tekst i hermeteikn, t.d. "889640782"',
    "config.error.unexpected":
      "Steget mislukkast på grunn av ein uventa feil i Portvakt; serverloggen har detaljane",
  },
});
export type ConfigCode = keyof typeof configMessages.en;
