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
    "problem.change-request.target-changed":
      "Someone changed {fields} after this change was asked for (now {current}; requested {requested}): carrying it out would overwrite that. Nothing was changed; ask again against the current values.",
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
    "problem.field.scope-exists":
      "{active, select, no {{name} exists but is deactivated: reactivate it instead} other {{name} exists}}",
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
    "problem.promotion.source-changed":
      "The source environment {env} changed since the plan was made; make the plan again and review it",
    "problem.config.unconfirmed":
      "{count, plural, one {A dangerous step is} other {# dangerous steps are}} not confirmed",
    "problem.audit.no-role": "Reading the audit log needs a role in at least one environment",
    "problem.internal":
      "Portvakt failed unexpectedly; the request id identifies it in the server log",
    "problem.own-admin-client":
      '{clientId} is Portvakt\'s own admin client in "{env}": without it Portvakt gets no token there and locks itself, and everyone using it, out. Nothing was sent. To go ahead anyway, send the header X-Portvakt-Confirm-Own-Admin-Client with the client id (the console does so after you type it).',
    "problem.prod-confirmation.action":
      '"{env}" is a production environment: "{action}" needs the header X-Portvakt-Confirm-Env: {env} (the console sends it after you type the name; the CLI with --confirm-env {env})',
    "problem.prod-confirmation.plan":
      '"{env}" is a production environment: a plan with {kinds} needs the header X-Portvakt-Confirm-Env: {env} (the console sends it after you type the name; the CLI with --confirm-env {env})',
    "problem.path-param": 'The path parameter "{field}" is not valid',
    "problem.field.client-id": "A client id has 1–100 letters, digits and . _ : -",
    "problem.field.path-encoding": "Not valid percent-encoded UTF-8",
    "problem.field.path-segment-length": "A path segment is at most {max} characters",
    "problem.field.path-segment-chars": "A path segment has no control characters, spaces, / or \\",
    "problem.malformed-unicode":
      "The request has text that is not well-formed Unicode (a lone surrogate)",
    "problem.field.malformed-unicode":
      "Not well-formed Unicode text (a lone surrogate, e.g. \\ud800)",
    "problem.body-too-large": "The request body is larger than {bytes} bytes",
    "problem.no-api-route": "No API route {path}",
    "problem.not-found": "Nothing at {path}",
    "problem.http": "The request was refused (HTTP {status})",
    "problem.sign-in-required": "Sign in to continue",
    "problem.sign-in.expired":
      "The sign-in took too long or was started elsewhere; start again from /auth/login",
    "problem.sign-in.not-confirmed": "The identity provider did not confirm the sign-in",
    "problem.sign-in.no-id-token": "The identity provider sent no ID token",
    "problem.metrics-token": "/metrics needs the configured bearer token",
    "problem.outcome-unknown":
      'Digdir did not confirm the change in time and a re-read does not show it yet, so it may or may not be made. Portvakt keeps this resource locked and checks again; within {seconds, plural, one {# second} other {# seconds}} the audit log has an entry following up this one that says what happened. The current state at Digdir is in "current".',
    "problem.outcome-pending":
      "An earlier change of this resource has an unknown outcome (audit entry {auditId}); Portvakt is checking it. Nothing was sent. Try again in {seconds, plural, one {# second} other {# seconds}}.",
    "problem.made-by-earlier-attempt":
      "An earlier attempt already registered this client ({clientId}); nothing new was sent",
    "problem.made-but-unread":
      "The change was made at Digdir, but what came after it failed. Reload to see the result.",
    "problem.audit-unavailable":
      "The audit log cannot be written now, and the record of an earlier change is still waiting to be written. Nothing was sent to Digdir. Try again shortly.",
    "problem.audit-store-down":
      "The audit log cannot be written now, so nothing was changed. Try again shortly.",
    "problem.change-request.result-unsaved":
      "The change request was carried out ({outcome, select, success {it succeeded} failure {it failed} other {its outcome is unknown}}, HTTP {status}), but its result could not be stored now; its audit entry says what happened, and the request shows it once the database answers again",
    "problem.lock-timeout":
      "Another Portvakt instance is changing this resource; try again shortly",
    "problem.keys.replace-empty":
      "Replacing the key set needs at least one key; to remove every key, delete the key set",
    "problem.tokens.bearer-format":
      "The Authorization header must be Bearer followed by a Portvakt API token",
    "problem.tokens.with-cookie":
      "The request carries both an API token and a session cookie; send exactly one of them",
    "problem.tokens.not-enabled": "API tokens are not enabled",
    "problem.tokens.refused":
      "{reason, select, expired {The API token has expired} revoked {The API token has been revoked} other {The API token is not known}}",
    "problem.tokens.token-cannot-manage":
      "An API token cannot list, issue or revoke API tokens; sign in as an admin",
    "problem.tokens.admin-needed": "Managing API tokens needs the role admin in an environment",
    "problem.tokens.unknown-env": "Unknown environment {envs}",
    "problem.tokens.admin-needed-in": "A token for {envs} needs you to be admin there",
    "problem.tokens.not-found": "No API token {id} in your environments",
    "problem.bulk.not-found": 'No bulk job {id} in "{env}"',
    "problem.config.invalid-document":
      "The document is not valid ({count, plural, one {# problem} other {# problems}}); each is shown at its place",
    "problem.config.unreadable": "The document is not readable as {format}",
    "problem.config.empty": "The document is empty",
    "problem.upstream":
      "{kind, select, timeout {Digdir did not answer in time} network {Digdir could not be reached} invalid {Digdir's answer did not have the shape Portvakt expects} token {Maskinporten refused the admin client's grant} other {Digdir refused the request (HTTP {status})}}. Digdir's words: {words}",
    "problem.change-requests.unavailable": "Change requests are not available",
    "problem.change-requests.not-found": "No change request {id} in your environments",
    "problem.config.stale-plan":
      "The environment changed since the plan was made; review the new plan and apply that instead",
    "problem.token-test.private-key":
      "The request contains a private key. A private key must never leave the machine it belongs to: Portvakt only needs the signed grant (or the public key). Nothing was sent.",
    "problem.field.private-key": "Private key material refused",
    "problem.token-test.prod":
      'Token tests are not run in the production environment "{env}": a production token is a live credential for real APIs, and a test should never create one. Test in the demo or test environment.',
    "problem.token-test.unreachable":
      "{timeout, select, yes {Maskinporten's token endpoint did not answer within {seconds, plural, one {# second} other {# seconds}}} other {Maskinporten's token endpoint could not be reached}}",
    "problem.token-test.not-jwt":
      "The assertion is not a signed JWT (three base64url parts separated by dots)",
    "problem.field.not-jwt": "Not a JWT",
    "problem.readiness.starting": "The first check has not finished",
    "problem.readiness.config-valid": "valid",
    "problem.readiness.certificate-expired": "the business certificate expired on {date}: renew it",
    "problem.readiness.certificate-not-yet-valid":
      "the business certificate is not valid before {date}: check the clock",
    "problem.readiness.certificate-expiring":
      "the business certificate expires in {days, plural, one {# day} other {# days}} ({date}): renew it",
    "problem.readiness.certificate-valid":
      "certificate valid for {days, plural, one {# more day} other {# more days}}",
    "problem.readiness.own-key": "own key (JWK) loaded",
    "problem.readiness.token-ok": "a token is obtainable",
    "problem.readiness.token-failed": "no token from Maskinporten: {words}",
    "problem.readiness.audit-ok": "audit store reachable",
    "problem.readiness.audit-failed": "audit store unreachable: {words}",
    "problem.upstream.field": 'Digdir said: "{digdir}"',
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
    "problem.title.428": "Forutsetning mangler",
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
    "problem.change-request.target-changed":
      "Noen endret {fields} etter at denne endringen ble bedt om (nå {current}; bedt om {requested}): å utføre den ville overskrive det. Ingenting ble endret; be om endringen på nytt ut fra verdiene nå.",
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
    "problem.field.scope-exists":
      "{active, select, no {{name} finnes, men er deaktivert: aktiver det igjen i stedet} other {{name} finnes allerede}}",
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
    "problem.promotion.source-changed":
      "Kildemiljøet {env} er endret etter at planen ble laget; lag planen på nytt og se over den",
    "problem.config.unconfirmed":
      "{count, plural, one {Et farlig steg er} other {# farlige steg er}} ikke bekreftet",
    "problem.audit.no-role": "Å lese revisjonsloggen krever en rolle i minst ett miljø",
    "problem.internal": "Portvakt feilet uventet; forespørsels-ID-en finner feilen i serverloggen",
    "problem.own-admin-client":
      "{clientId} er Portvakts egen adminklient i «{env}»: uten den får Portvakt ikke token der og låser seg selv, og alle som bruker den, ute. Ingenting ble sendt. For å gjøre det likevel må klient-ID-en bekreftes (konsollen gjør det når du skriver den inn; API-et med headeren X-Portvakt-Confirm-Own-Admin-Client).",
    "problem.prod-confirmation.action":
      "«{env}» er et produksjonsmiljø: «{action}» krever headeren X-Portvakt-Confirm-Env: {env} (konsollen sender den når du har skrevet navnet; CLI-en med --confirm-env {env})",
    "problem.prod-confirmation.plan":
      "«{env}» er et produksjonsmiljø: en plan med {kinds} krever headeren X-Portvakt-Confirm-Env: {env} (konsollen sender den når du har skrevet navnet; CLI-en med --confirm-env {env})",
    "problem.path-param": "Parameteren «{field}» i adressen er ikke gyldig",
    "problem.field.client-id": "En klient-ID har 1–100 bokstaver, sifre og . _ : -",
    "problem.field.path-encoding": "Ikke gyldig prosentkodet UTF-8",
    "problem.field.path-segment-length": "En del av adressen har høyst {max} tegn",
    "problem.field.path-segment-chars":
      "En del av adressen har ingen kontrolltegn, mellomrom, / eller \\",
    "problem.malformed-unicode":
      "Forespørselen har tekst som ikke er gyldig Unicode (et enslig surrogat)",
    "problem.field.malformed-unicode":
      "Ikke gyldig Unicode-tekst (et enslig surrogat, f.eks. \\ud800)",
    "problem.body-too-large": "Innholdet i forespørselen er større enn {bytes} byte",
    "problem.no-api-route": "Ingen API-rute {path}",
    "problem.not-found": "Ingenting på {path}",
    "problem.http": "Forespørselen ble avvist (HTTP {status})",
    "problem.sign-in-required": "Logg inn for å fortsette",
    "problem.sign-in.expired":
      "Innloggingen tok for lang tid eller ble startet et annet sted; start på nytt fra /auth/login",
    "problem.sign-in.not-confirmed": "Innloggingstjenesten bekreftet ikke innloggingen",
    "problem.sign-in.no-id-token": "Innloggingstjenesten sendte ikke noe ID-token",
    "problem.metrics-token": "/metrics krever det konfigurerte bearer-tokenet",
    "problem.outcome-unknown":
      "Digdir bekreftet ikke endringen i tide, og en ny lesing viser den ikke ennå, så den kan være gjort eller ikke. Portvakt holder ressursen låst og sjekker igjen; innen {seconds, plural, one {# sekund} other {# sekunder}} har revisjonsloggen en oppfølging av denne oppføringen som sier hva som skjedde.",
    "problem.outcome-pending":
      "En tidligere endring av denne ressursen har ukjent utfall (revisjonsoppføring {auditId}); Portvakt sjekker den. Ingenting ble sendt. Prøv igjen om {seconds, plural, one {# sekund} other {# sekunder}}.",
    "problem.made-by-earlier-attempt":
      "Et tidligere forsøk har allerede registrert denne klienten ({clientId}); ingenting nytt ble sendt",
    "problem.made-but-unread":
      "Endringen ble gjort hos Digdir, men det som kom etter feilet. Last siden på nytt for å se resultatet.",
    "problem.audit-unavailable":
      "Revisjonsloggen kan ikke skrives nå, og oppføringen for en tidligere endring venter fortsatt på å bli skrevet. Ingenting ble sendt til Digdir. Prøv igjen om litt.",
    "problem.audit-store-down":
      "Revisjonsloggen kan ikke skrives nå, så ingenting ble endret. Prøv igjen om litt.",
    "problem.change-request.result-unsaved":
      "Endringsforespørselen ble utført ({outcome, select, success {utførelsen lyktes} failure {utførelsen feilet} other {utfallet er ukjent}}, HTTP {status}), men resultatet kunne ikke lagres nå; loggoppføringen sier hva som skjedde, og forespørselen viser det når databasen svarer igjen",
    "problem.lock-timeout": "En annen Portvakt-instans endrer denne ressursen; prøv igjen om litt",
    "problem.keys.replace-empty":
      "Å erstatte nøkkelsettet krever minst én nøkkel; for å fjerne alle nøkler, slett nøkkelsettet",
    "problem.tokens.bearer-format":
      "Authorization-headeren må være Bearer fulgt av et API-token fra Portvakt",
    "problem.tokens.with-cookie":
      "Forespørselen har både et API-token og en innloggingscookie; send bare én av dem",
    "problem.tokens.not-enabled": "API-tokener er ikke slått på",
    "problem.tokens.refused":
      "{reason, select, expired {API-tokenet er utløpt} revoked {API-tokenet er trukket tilbake} other {API-tokenet er ukjent}}",
    "problem.tokens.token-cannot-manage":
      "Et API-token kan ikke liste, utstede eller trekke tilbake API-tokener; logg inn som admin",
    "problem.tokens.admin-needed": "Å forvalte API-tokener krever rollen admin i et miljø",
    "problem.tokens.unknown-env": "Ukjent miljø {envs}",
    "problem.tokens.admin-needed-in": "Et token for {envs} krever at du er admin der",
    "problem.tokens.not-found": "Ingen API-token {id} i miljøene dine",
    "problem.bulk.not-found": "Ingen massejobb {id} i «{env}»",
    "problem.config.invalid-document":
      "Dokumentet er ikke gyldig ({count, plural, one {# feil} other {# feil}}); hver feil vises der den er",
    "problem.config.unreadable": "Dokumentet kan ikke leses som {format}",
    "problem.config.empty": "Dokumentet er tomt",
    "problem.upstream":
      "{kind, select, timeout {Digdir svarte ikke i tide} network {Fikk ikke kontakt med Digdir} invalid {Svaret fra Digdir hadde ikke formen Portvakt venter} token {Maskinporten avviste granten til adminklienten} other {Digdir avviste forespørselen (HTTP {status})}}. Digdirs ord: {words}",
    "problem.change-requests.unavailable": "Endringsforespørsler er ikke tilgjengelige",
    "problem.change-requests.not-found": "Ingen endringsforespørsel {id} i miljøene dine",
    "problem.config.stale-plan":
      "Miljøet er endret siden planen ble laget; se gjennom den nye planen og bruk den i stedet",
    "problem.token-test.private-key":
      "Forespørselen inneholder en privat nøkkel. En privat nøkkel skal aldri forlate maskinen den hører til: Portvakt trenger bare den signerte granten (eller den offentlige nøkkelen). Ingenting ble sendt.",
    "problem.field.private-key": "Privat nøkkelmateriale avvist",
    "problem.token-test.prod":
      "Token-tester kjøres ikke i produksjonsmiljøet «{env}»: et produksjonstoken er en ekte tilgang til ekte API-er, og en test skal aldri lage et. Test i demo- eller testmiljøet.",
    "problem.token-test.unreachable":
      "{timeout, select, yes {Token-endepunktet til Maskinporten svarte ikke innen {seconds, plural, one {# sekund} other {# sekunder}}} other {Fikk ikke kontakt med token-endepunktet til Maskinporten}}",
    "problem.token-test.not-jwt":
      "Granten er ikke en signert JWT (tre base64url-deler skilt med punktum)",
    "problem.field.not-jwt": "Ikke en JWT",
    "problem.readiness.starting": "Den første sjekken er ikke ferdig",
    "problem.readiness.config-valid": "gyldig",
    "problem.readiness.certificate-expired": "virksomhetssertifikatet gikk ut {date}: forny det",
    "problem.readiness.certificate-not-yet-valid":
      "virksomhetssertifikatet er ikke gyldig før {date}: sjekk klokka",
    "problem.readiness.certificate-expiring":
      "virksomhetssertifikatet går ut om {days, plural, one {# dag} other {# dager}} ({date}): forny det",
    "problem.readiness.certificate-valid":
      "sertifikatet er gyldig {days, plural, one {# dag} other {# dager}} til",
    "problem.readiness.own-key": "egen nøkkel (JWK) lastet",
    "problem.readiness.token-ok": "et token kan hentes",
    "problem.readiness.token-failed": "ikke noe token fra Maskinporten: {words}",
    "problem.readiness.audit-ok": "revisjonsloggen kan nås",
    "problem.readiness.audit-failed": "revisjonsloggen kan ikke nås: {words}",
    "problem.upstream.field": "Digdir sa: «{digdir}»",
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
    "problem.title.428": "Føresetnad manglar",
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
    "problem.change-request.target-changed":
      "Nokon endra {fields} etter at det vart bede om denne endringa (no {current}; bede om {requested}): å utføre henne ville skrive over det. Ingenting vart endra; be om endringa på nytt ut frå verdiane no.",
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
    "problem.field.scope-exists":
      "{active, select, no {{name} finst, men er deaktivert: aktiver det igjen i staden} other {{name} finst allereie}}",
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
    "problem.promotion.source-changed":
      "Kjeldemiljøet {env} er endra etter at planen vart laga; lag planen på nytt og sjå over han",
    "problem.config.unconfirmed":
      "{count, plural, one {Eitt farleg steg er} other {# farlege steg er}} ikkje stadfesta",
    "problem.audit.no-role": "Å lese revisjonsloggen krev ei rolle i minst eitt miljø",
    "problem.internal": "Portvakt feila uventa; førespurnads-ID-en finn feilen i tenarloggen",
    "problem.own-admin-client":
      "{clientId} er Portvakt sin eigen adminklient i «{env}»: utan han får ikkje Portvakt token der og låser seg sjølv, og alle som bruker han, ute. Ingenting vart sendt. For å gjere det likevel må klient-ID-en stadfestast (konsollen gjer det når du skriv han inn; API-et med headeren X-Portvakt-Confirm-Own-Admin-Client).",
    "problem.prod-confirmation.action":
      "«{env}» er eit produksjonsmiljø: «{action}» krev headeren X-Portvakt-Confirm-Env: {env} (konsollen sender han når du har skrive namnet; CLI-en med --confirm-env {env})",
    "problem.prod-confirmation.plan":
      "«{env}» er eit produksjonsmiljø: ein plan med {kinds} krev headeren X-Portvakt-Confirm-Env: {env} (konsollen sender han når du har skrive namnet; CLI-en med --confirm-env {env})",
    "problem.path-param": "Parameteren «{field}» i adressa er ikkje gyldig",
    "problem.field.client-id": "Ein klient-ID har 1–100 bokstavar, siffer og . _ : -",
    "problem.field.path-encoding": "Ikkje gyldig prosentkoda UTF-8",
    "problem.field.path-segment-length": "Ein del av adressa har høgst {max} teikn",
    "problem.field.path-segment-chars":
      "Ein del av adressa har ingen kontrollteikn, mellomrom, / eller \\",
    "problem.malformed-unicode":
      "Førespurnaden har tekst som ikkje er gyldig Unicode (eit einsleg surrogat)",
    "problem.field.malformed-unicode":
      "Ikkje gyldig Unicode-tekst (eit einsleg surrogat, t.d. \\ud800)",
    "problem.body-too-large": "Innhaldet i førespurnaden er større enn {bytes} byte",
    "problem.no-api-route": "Inga API-rute {path}",
    "problem.not-found": "Ingenting på {path}",
    "problem.http": "Førespurnaden vart avvist (HTTP {status})",
    "problem.sign-in-required": "Logg inn for å halde fram",
    "problem.sign-in.expired":
      "Innlogginga tok for lang tid eller vart starta ein annan stad; start på nytt frå /auth/login",
    "problem.sign-in.not-confirmed": "Innloggingstenesta stadfesta ikkje innlogginga",
    "problem.sign-in.no-id-token": "Innloggingstenesta sende ikkje noko ID-token",
    "problem.metrics-token": "/metrics krev det konfigurerte bearer-tokenet",
    "problem.outcome-unknown":
      "Digdir stadfesta ikkje endringa i tide, og ei ny lesing viser henne ikkje enno, så ho kan vere gjord eller ikkje. Portvakt held ressursen låst og sjekkar igjen; innan {seconds, plural, one {# sekund} other {# sekund}} har revisjonsloggen ei oppfølging av denne oppføringa som seier kva som skjedde.",
    "problem.outcome-pending":
      "Ei tidlegare endring av denne ressursen har ukjent utfall (revisjonsoppføring {auditId}); Portvakt sjekkar henne. Ingenting vart sendt. Prøv igjen om {seconds, plural, one {# sekund} other {# sekund}}.",
    "problem.made-by-earlier-attempt":
      "Eit tidlegare forsøk har allereie registrert denne klienten ({clientId}); ingenting nytt vart sendt",
    "problem.made-but-unread":
      "Endringa vart gjord hos Digdir, men det som kom etter, feila. Last sida på nytt for å sjå resultatet.",
    "problem.audit-unavailable":
      "Revisjonsloggen kan ikkje skrivast no, og oppføringa for ei tidlegare endring ventar framleis på å bli skriven. Ingenting vart sendt til Digdir. Prøv igjen om litt.",
    "problem.audit-store-down":
      "Revisjonsloggen kan ikkje skrivast no, så ingenting vart endra. Prøv igjen om litt.",
    "problem.change-request.result-unsaved":
      "Endringsførespurnaden vart utført ({outcome, select, success {utføringa lukkast} failure {utføringa feila} other {utfallet er ukjent}}, HTTP {status}), men resultatet kunne ikkje lagrast no; loggoppføringa seier kva som skjedde, og førespurnaden viser det når databasen svarar att",
    "problem.lock-timeout": "Ein annan Portvakt-instans endrar denne ressursen; prøv igjen om litt",
    "problem.keys.replace-empty":
      "Å byte ut nøkkelsettet krev minst éin nøkkel; for å fjerne alle nøklane, slett nøkkelsettet",
    "problem.tokens.bearer-format":
      "Authorization-headeren må vere Bearer følgd av eit API-token frå Portvakt",
    "problem.tokens.with-cookie":
      "Førespurnaden har både eit API-token og ein innloggingscookie; send berre éin av dei",
    "problem.tokens.not-enabled": "API-token er ikkje slått på",
    "problem.tokens.refused":
      "{reason, select, expired {API-tokenet har gått ut} revoked {API-tokenet er trekt tilbake} other {API-tokenet er ukjent}}",
    "problem.tokens.token-cannot-manage":
      "Eit API-token kan ikkje liste, skrive ut eller trekkje tilbake API-token; logg inn som admin",
    "problem.tokens.admin-needed": "Å forvalte API-token krev rolla admin i eit miljø",
    "problem.tokens.unknown-env": "Ukjent miljø {envs}",
    "problem.tokens.admin-needed-in": "Eit token for {envs} krev at du er admin der",
    "problem.tokens.not-found": "Ingen API-token {id} i miljøa dine",
    "problem.bulk.not-found": "Inga massejobb {id} i «{env}»",
    "problem.config.invalid-document":
      "Dokumentet er ikkje gyldig ({count, plural, one {# feil} other {# feil}}); kvar feil blir vist der han er",
    "problem.config.unreadable": "Dokumentet kan ikkje lesast som {format}",
    "problem.config.empty": "Dokumentet er tomt",
    "problem.upstream":
      "{kind, select, timeout {Digdir svarte ikkje i tide} network {Fekk ikkje kontakt med Digdir} invalid {Svaret frå Digdir hadde ikkje forma Portvakt ventar} token {Maskinporten avviste granten til adminklienten} other {Digdir avviste førespurnaden (HTTP {status})}}. Orda til Digdir: {words}",
    "problem.change-requests.unavailable": "Endringsførespurnader er ikkje tilgjengelege",
    "problem.change-requests.not-found": "Inga endringsførespurnad {id} i miljøa dine",
    "problem.config.stale-plan":
      "Miljøet er endra sidan planen vart laga; sjå gjennom den nye planen og bruk han i staden",
    "problem.token-test.private-key":
      "Førespurnaden inneheld ein privat nøkkel. Ein privat nøkkel skal aldri forlate maskina han høyrer til: Portvakt treng berre den signerte granten (eller den offentlege nøkkelen). Ingenting vart sendt.",
    "problem.field.private-key": "Privat nøkkelmateriale avvist",
    "problem.token-test.prod":
      "Token-testar blir ikkje køyrde i produksjonsmiljøet «{env}»: eit produksjonstoken er ein ekte tilgang til ekte API-ar, og ein test skal aldri lage eit. Test i demo- eller testmiljøet.",
    "problem.token-test.unreachable":
      "{timeout, select, yes {Token-endepunktet til Maskinporten svarte ikkje innan {seconds, plural, one {# sekund} other {# sekund}}} other {Fekk ikkje kontakt med token-endepunktet til Maskinporten}}",
    "problem.token-test.not-jwt":
      "Granten er ikkje ein signert JWT (tre base64url-delar skilde med punktum)",
    "problem.field.not-jwt": "Ikkje ein JWT",
    "problem.readiness.starting": "Den første sjekken er ikkje ferdig",
    "problem.readiness.config-valid": "gyldig",
    "problem.readiness.certificate-expired": "verksemdssertifikatet gjekk ut {date}: forny det",
    "problem.readiness.certificate-not-yet-valid":
      "verksemdssertifikatet er ikkje gyldig før {date}: sjekk klokka",
    "problem.readiness.certificate-expiring":
      "verksemdssertifikatet går ut om {days, plural, one {# dag} other {# dagar}} ({date}): forny det",
    "problem.readiness.certificate-valid":
      "sertifikatet er gyldig {days, plural, one {# dag} other {# dagar}} til",
    "problem.readiness.own-key": "eigen nøkkel (JWK) lasta",
    "problem.readiness.token-ok": "eit token kan hentast",
    "problem.readiness.token-failed": "ikkje noko token frå Maskinporten: {words}",
    "problem.readiness.audit-ok": "revisjonsloggen kan nåast",
    "problem.readiness.audit-failed": "revisjonsloggen kan ikkje nåast: {words}",
    "problem.upstream.field": "Digdir sa: «{digdir}»",
  },
});
export type ProblemCode = keyof typeof problemMessages.en;

/**
 * The problems the browser makes itself (no answer, no problem body, an answer of the wrong
 * shape), apart from the BFF's: the web app's first load carries only this table and loads the
 * others when it has shown its first page (docs/i18n.md).
 */
export const browserProblemMessages = defineMessages({
  en: {
    "problem.no-problem-body": "The server answered {status} without a problem description.",
    "problem.network":
      "Portvakt's server could not be reached. Check the connection and try again.",
    "problem.unexpected-answer":
      "The server's answer did not have the expected shape (fields: {issues})",
  },
  nb: {
    "problem.no-problem-body": "Serveren svarte {status} uten en feilbeskrivelse.",
    "problem.network": "Fikk ikke kontakt med Portvakt-serveren. Sjekk forbindelsen og prøv igjen.",
    "problem.unexpected-answer": "Svaret fra serveren hadde ikke forventet form (felt: {issues})",
  },
  nn: {
    "problem.no-problem-body": "Tenaren svarte {status} utan ei feilskildring.",
    "problem.network": "Fekk ikkje kontakt med Portvakt-tenaren. Sjekk sambandet og prøv igjen.",
    "problem.unexpected-answer": "Svaret frå tenaren hadde ikkje forventa form (felt: {issues})",
  },
});
