import { defineMessages } from "@portvakt/contracts";

/**
 * The texts of this package's coded messages (docs/i18n.md): the validator's problems
 * (`altinn.metadata.*`) and the explanation of a decision (`altinn.decision.*`,
 * `altinn.endpoint.*`, `altinn.caller.*`, `altinn.message.*`, `altinn.rule.*`). Parameters are
 * JSON names, scope names, keys and numbers, never prose; `reason` is the naming rule's own
 * message from `@portvakt/contracts`, which the web translates before filling it in.
 */
export const altinnMessages = defineMessages({
  en: {
    "altinn.metadata.invalid-json": "The file is not valid JSON (line {line}, column {column})",
    "altinn.metadata.too-deep":
      "Objects and arrays nest deeper than {max} levels (line {line}, column {column}); the app cannot read such a file",
    "altinn.metadata.trailing-comma":
      "A comma before '}' or ] (line {line}, column {column}): the app reads the file anyway, but it is not JSON and the published schema rejects it",
    "altinn.metadata.property-case":
      '"{name}" is read by the app as "{expected}" (names ignore case there), but the published schema only allows "{expected}"',
    "altinn.metadata.duplicate-property": "This property appears more than once; the last one wins",
    "altinn.metadata.not-an-object": "applicationmetadata.json must hold a JSON object",
    "altinn.metadata.invalid-id":
      'The id must be "org/app" with exactly one "/" (it is "{id}"); the app does not start without it, and [app] has no app name',
    "altinn.metadata.wrong-type-string":
      "{name} must be a string; the app cannot read the file and does not start",
    "altinn.metadata.wrong-type-object":
      "{name} must be an object; the app cannot read the file and does not start",
    "altinn.metadata.unknown-property":
      '"{name}" is not a property of {parent}; allowed: {allowed}',
    "altinn.metadata.unknown-property-similar":
      '"{name}" is not a property of {parent} (did you mean "{similar}"?)',
    "altinn.metadata.empty-scope":
      "The scope for {name} is empty; the app treats it as not set, so nothing is checked for it",
    "altinn.metadata.empty-message-key":
      'The message key is empty; the app uses it as it is (it does not fall back to another key) and answers "Insufficient scope"',
    "altinn.metadata.blank-message-key":
      'The message key is blank; the app uses it as it is (it does not fall back to another key), finds no text and answers "Insufficient scope"',
    "altinn.metadata.invalid-scope":
      '"{scope}" is not a valid prefix:subscope: {reason}{hint, select, placeholderCase { (the placeholder is [app], in lowercase)} orgPlaceholder { (there is no [org] placeholder)} both { (the placeholder is [app], in lowercase; there is no [org] placeholder)} other {}}',
    "altinn.metadata.app-name-subscope":
      '[app] becomes "{app}", which makes "{scope}" break the scope naming rule ({reason}); Maskinporten may refuse to create it',
    "altinn.metadata.unresolved-placeholder":
      "[app] in {scope} cannot be replaced: the metadata has no valid id",
    "altinn.metadata.prefix-not-held":
      'The organisation does not hold the prefix "{prefix}" (it holds: {held}), so the scope cannot be created',
    "altinn.metadata.altinn-scope":
      '"{scope}" is one of Altinn\'s own scopes: it is not app-specific and cannot be provisioned here',
    "altinn.metadata.write-equals-read":
      'Writing needs the same scope as reading ("{scope}"): every client that may read may also change instances',
    "altinn.metadata.half-configured":
      "{group}.{operation} is not set, so that operation is not checked at all for {group}",
    "altinn.metadata.nothing-checked":
      "apiScopes sets no scope, so the app checks none (the built-in altinn: scopes apply)",
    "altinn.metadata.missing-text":
      'The text resources for {languages} have no text with id "{key}": the 403 will say "Insufficient scope" there',
    "altinn.metadata.missing-text-none":
      'The text resources are empty, so there is no text with id "{key}": the 403 will say "Insufficient scope"',
    "altinn.metadata.not-in-maskinporten":
      '"{scope}" does not exist in Maskinporten yet: no token can carry it until it is provisioned',
    "altinn.metadata.deactivated-in-maskinporten":
      '"{scope}" is deactivated in Maskinporten: provisioning reactivates it',

    "altinn.request.too-deep":
      "The request nests objects and arrays deeper than {max} levels, which Portvakt does not read",
    "altinn.request.metadata-empty": "Paste or upload applicationmetadata.json",
    "altinn.endpoint.invalid-lines": 'Not "METHOD route" (line {lines})',
    "altinn.request.metadata-too-deep":
      "applicationmetadata.json nests objects and arrays deeper than {max} levels; the app cannot read it",

    "altinn.token.not-jwt": "A JWT has three parts separated by dots",
    "altinn.token.not-base64url": "The token's payload is not base64url",
    "altinn.token.not-json": "The token's payload is not JSON",
    "altinn.token.not-object": "The token's payload is not a JSON object",
    "altinn.api-scopes.invalid": "The apiScopes block is not valid at: {fields}",
    "altinn.generate.invalid-prefix": '"{prefix}" cannot be used as a prefix: {reason}',
    "altinn.generate.invalid-app": 'An app name has no "/" or spaces: "{app}"',

    "altinn.rule.0": "The basic rule: a scope must be set",
    "altinn.rule.1": "Rule 1: which endpoints are checked",
    "altinn.rule.2": "Rule 2: who the caller is",
    "altinn.rule.3": "Rule 3: the message text",
    "altinn.rule.4": "Rule 4: the token's scopes (exact, split on .NET whitespace)",
    "altinn.rule.5": "Rule 5: reading applicationmetadata.json",
    "altinn.rule.6": "Rule 6: the answer the app sends",

    "altinn.decision.app-does-not-start":
      "The app cannot read applicationmetadata.json ({path}) and does not start, so it answers nothing",
    "altinn.decision.no-token": "A request without a token is never checked",
    "altinn.decision.no-custom-scopes":
      "apiScopes sets none of the four scopes, so the app checks none",
    "altinn.decision.no-route-404":
      "No endpoint of the app has this path: the app answers 404 before any check",
    "altinn.decision.no-route-405":
      "The path exists, but not for this method (allowed: {allowed}): the app answers 405 before any check",
    "altinn.decision.token-error":
      "The app cannot place the token and ends the request with 500: {reason}",
    "altinn.decision.anonymous-endpoint":
      "{route} allows anonymous callers, so it is never checked",
    "altinn.decision.not-instance-endpoint":
      "{route} has no instanceGuid, instanceId or instanceOwnerPartyId parameter and is not in the instances controller, so it is not checked",
    "altinn.decision.unknown-caller":
      "The token has none of userid, orgNumber, org or authorization_details: the app does not know the caller and checks nothing",
    "altinn.decision.group-not-configured":
      "apiScopes.{group}.{operation} is not set, so this is not checked",
    "altinn.decision.scope-matched": "Allowed: the token has {scope}",
    "altinn.decision.scope-missing": "Refused with 403: the token has none of {accepted}",

    "altinn.endpoint.manually-included":
      "{route} is the stateless data endpoint, checked by hand as a read (also POST)",
    "altinn.endpoint.instance-parameter": "{route} is checked: it has the parameter {parameter}",
    "altinn.endpoint.instances-controller":
      "{route} is checked: it belongs to the instances controller",

    "altinn.caller.user": "The caller is a signed-in person (urn:altinn:userid)",
    "altinn.caller.systemUser":
      "The caller is a system user (authorization_details, even with urn:altinn:org)",
    "altinn.caller.org": "The caller is an organisation (urn:altinn:orgNumber)",
    "altinn.caller.serviceOwner": "The caller is a service owner (urn:altinn:org)",
    "altinn.caller.unknown": "The app cannot place the caller (no Altinn claims)",
    "altinn.caller.none": "There is no token",
    "altinn.caller.error": "The token breaks the app's parsing: {reason}",
    "altinn.caller.scopes": "The token's scopes ({claim}): {scopes}",
    "altinn.caller.no-scopes": "The token has no scope claim",

    "altinn.message.key-group": 'The group\'s message key "{key}"',
    "altinn.message.key-top": 'The top-level message key "{key}" (the group has none)',
    "altinn.message.key-default": 'The default message key "{key}" (none is set)',
    "altinn.message.key-empty":
      'The message key is set but empty: it is used as it is, so "Insufficient scope"',
    "altinn.message.language": "Looked up in {language}, the language the app uses for this caller",
    "altinn.message.language-fallback": "The app has no texts in {language}, so it looked in nb",
    "altinn.message.found": "The text: {text}",
    "altinn.message.not-found": 'No text with this key, so "Insufficient scope"',
    "altinn.message.content-type":
      "Sent as application/json; charset=utf-8 (not application/problem+json)",
    "altinn.message.startup":
      "The app reads apiScopes once at start-up: a change takes effect after a new deployment",
    "altinn.provision.description": "Altinn app {app}: {uses}",
    "altinn.provision.use.users.read": "read instances as a user or system",
    "altinn.provision.use.users.write": "change instances as a user or system",
    "altinn.provision.use.serviceOwners.read": "read instances as the service owner",
    "altinn.provision.use.serviceOwners.write": "change instances as the service owner",
  },
  nb: {
    "altinn.metadata.invalid-json": "Filen er ikke gyldig JSON (linje {line}, kolonne {column})",
    "altinn.metadata.too-deep":
      "Objekter og lister er nøstet dypere enn {max} nivåer (linje {line}, kolonne {column}); appen kan ikke lese en slik fil",
    "altinn.metadata.trailing-comma":
      "Komma foran '}' eller ] (linje {line}, kolonne {column}): appen leser filen likevel, men det er ikke JSON, og det publiserte skjemaet avviser det",
    "altinn.metadata.property-case":
      "«{name}» leses av appen som «{expected}» (den ser bort fra store og små bokstaver), men det publiserte skjemaet tillater bare «{expected}»",
    "altinn.metadata.duplicate-property":
      "Denne egenskapen står mer enn én gang; den siste gjelder",
    "altinn.metadata.not-an-object": "applicationmetadata.json må inneholde et JSON-objekt",
    "altinn.metadata.invalid-id":
      "id må være «org/app» med nøyaktig én «/» (den er «{id}»); uten det starter ikke appen, og [app] har ikke noe appnavn",
    "altinn.metadata.wrong-type-string":
      "{name} må være en tekst; appen kan ikke lese filen og starter ikke",
    "altinn.metadata.wrong-type-object":
      "{name} må være et objekt; appen kan ikke lese filen og starter ikke",
    "altinn.metadata.unknown-property":
      "«{name}» er ikke en egenskap i {parent}; tillatt: {allowed}",
    "altinn.metadata.unknown-property-similar":
      "«{name}» er ikke en egenskap i {parent} (mente du «{similar}»?)",
    "altinn.metadata.empty-scope":
      "Scopet for {name} er tomt; appen regner det som ikke satt, så ingenting sjekkes for det",
    "altinn.metadata.empty-message-key":
      "Meldingsnøkkelen er tom; appen bruker den som den er (den faller ikke tilbake til en annen nøkkel) og svarer «Insufficient scope»",
    "altinn.metadata.blank-message-key":
      "Meldingsnøkkelen er bare mellomrom; appen bruker den som den er (den faller ikke tilbake til en annen nøkkel), finner ingen tekst og svarer «Insufficient scope»",
    "altinn.metadata.invalid-scope":
      "«{scope}» er ikke et gyldig prefiks:subscope: {reason}{hint, select, placeholderCase { (plassholderen er [app], med små bokstaver)} orgPlaceholder { (det finnes ingen [org]-plassholder)} both { (plassholderen er [app], med små bokstaver; det finnes ingen [org]-plassholder)} other {}}",
    "altinn.metadata.app-name-subscope":
      "[app] blir «{app}», og da bryter «{scope}» navneregelen for scopes ({reason}); Maskinporten kan nekte å opprette det",
    "altinn.metadata.unresolved-placeholder":
      "[app] i {scope} kan ikke erstattes: metadataene har ingen gyldig id",
    "altinn.metadata.prefix-not-held":
      "Organisasjonen har ikke prefikset «{prefix}» (den har: {held}), så scopet kan ikke opprettes",
    "altinn.metadata.altinn-scope":
      "«{scope}» er et av Altinns egne scopes: det er ikke knyttet til appen og kan ikke opprettes her",
    "altinn.metadata.write-equals-read":
      "Skriving krever samme scope som lesing («{scope}»): alle klienter som kan lese, kan også endre instanser",
    "altinn.metadata.half-configured":
      "{group}.{operation} er ikke satt, så den operasjonen sjekkes ikke i det hele tatt for {group}",
    "altinn.metadata.nothing-checked":
      "apiScopes setter ikke noe scope, så appen sjekker ingenting (de innebygde altinn:-scopene gjelder)",
    "altinn.metadata.missing-text":
      "Tekstressursene for {languages} har ingen tekst med id «{key}»: 403-svaret sier «Insufficient scope» der",
    "altinn.metadata.missing-text-none":
      "Tekstressursene er tomme, så det finnes ingen tekst med id «{key}»: 403-svaret sier «Insufficient scope»",
    "altinn.metadata.not-in-maskinporten":
      "«{scope}» finnes ikke i Maskinporten ennå: ingen token kan ha det før det er opprettet",
    "altinn.metadata.deactivated-in-maskinporten":
      "«{scope}» er deaktivert i Maskinporten: opprettingen aktiverer det igjen",

    "altinn.request.too-deep":
      "Forespørselen har objekter og lister nøstet dypere enn {max} nivåer, og det leser ikke Portvakt",
    "altinn.request.metadata-empty": "Lim inn eller last opp applicationmetadata.json",
    "altinn.endpoint.invalid-lines": "Ikke «METODE rutemal» (linje {lines})",
    "altinn.request.metadata-too-deep":
      "applicationmetadata.json har objekter og lister nøstet dypere enn {max} nivåer; appen kan ikke lese den",

    "altinn.token.not-jwt": "En JWT har tre deler skilt med punktum",
    "altinn.token.not-base64url": "Innholdet (payload) i tokenet er ikke base64url",
    "altinn.token.not-json": "Innholdet (payload) i tokenet er ikke JSON",
    "altinn.token.not-object": "Innholdet (payload) i tokenet er ikke et JSON-objekt",
    "altinn.api-scopes.invalid": "apiScopes-blokken er ikke gyldig ved: {fields}",
    "altinn.generate.invalid-prefix": "«{prefix}» kan ikke brukes som prefiks: {reason}",
    "altinn.generate.invalid-app": "Et appnavn har ikke «/» eller mellomrom: «{app}»",

    "altinn.rule.0": "Grunnregelen: et scope må være satt",
    "altinn.rule.1": "Regel 1: hvilke endepunkter som sjekkes",
    "altinn.rule.2": "Regel 2: hvem som kaller",
    "altinn.rule.3": "Regel 3: meldingsteksten",
    "altinn.rule.4": "Regel 4: tokenets scopes (nøyaktig, delt på .NET-mellomrom)",
    "altinn.rule.5": "Regel 5: lesingen av applicationmetadata.json",
    "altinn.rule.6": "Regel 6: svaret appen sender",

    "altinn.decision.app-does-not-start":
      "Appen kan ikke lese applicationmetadata.json ({path}) og starter ikke, så den svarer ingenting",
    "altinn.decision.no-token": "En forespørsel uten token sjekkes aldri",
    "altinn.decision.no-custom-scopes":
      "apiScopes setter ingen av de fire scopene, så appen sjekker ingenting",
    "altinn.decision.no-route-404":
      "Ingen av appens endepunkter har denne stien: appen svarer 404 før noen sjekk",
    "altinn.decision.no-route-405":
      "Stien finnes, men ikke for denne metoden (tillatt: {allowed}): appen svarer 405 før noen sjekk",
    "altinn.decision.token-error":
      "Appen kan ikke plassere tokenet og avslutter forespørselen med 500: {reason}",
    "altinn.decision.anonymous-endpoint": "{route} tillater anonyme kall, så det sjekkes aldri",
    "altinn.decision.not-instance-endpoint":
      "{route} har ingen parameter instanceGuid, instanceId eller instanceOwnerPartyId og hører ikke til instances-kontrolleren, så det sjekkes ikke",
    "altinn.decision.unknown-caller":
      "Tokenet har ingen av userid, orgNumber, org eller authorization_details: appen vet ikke hvem som kaller, og sjekker ingenting",
    "altinn.decision.group-not-configured":
      "apiScopes.{group}.{operation} er ikke satt, så dette sjekkes ikke",
    "altinn.decision.scope-matched": "Tillatt: tokenet har {scope}",
    "altinn.decision.scope-missing": "Avvist med 403: tokenet har ingen av {accepted}",

    "altinn.endpoint.manually-included":
      "{route} er det tilstandsløse dataendepunktet, som sjekkes særskilt som lesing (også POST)",
    "altinn.endpoint.instance-parameter": "{route} sjekkes: det har parameteren {parameter}",
    "altinn.endpoint.instances-controller": "{route} sjekkes: det hører til instances-kontrolleren",

    "altinn.caller.user": "Den som kaller, er en innlogget person (urn:altinn:userid)",
    "altinn.caller.systemUser":
      "Den som kaller, er en systembruker (authorization_details, også med urn:altinn:org)",
    "altinn.caller.org": "Den som kaller, er en organisasjon (urn:altinn:orgNumber)",
    "altinn.caller.serviceOwner": "Den som kaller, er en tjenesteeier (urn:altinn:org)",
    "altinn.caller.unknown": "Appen vet ikke hvem som kaller (ingen Altinn-claims)",
    "altinn.caller.none": "Det er ikke noe token",
    "altinn.caller.error": "Tokenet får appens tolkning til å feile: {reason}",
    "altinn.caller.scopes": "Tokenets scopes ({claim}): {scopes}",
    "altinn.caller.no-scopes": "Tokenet har ikke noe scope-claim",

    "altinn.message.key-group": "Gruppens meldingsnøkkel «{key}»",
    "altinn.message.key-top": "Meldingsnøkkelen på toppnivå «{key}» (gruppen har ingen)",
    "altinn.message.key-default": "Standardnøkkelen «{key}» (ingen er satt)",
    "altinn.message.key-empty":
      "Meldingsnøkkelen er satt, men tom: den brukes som den er, så «Insufficient scope»",
    "altinn.message.language": "Slått opp på {language}, språket appen bruker for denne som kaller",
    "altinn.message.language-fallback": "Appen har ingen tekster på {language}, så den så i nb",
    "altinn.message.found": "Teksten: {text}",
    "altinn.message.not-found": "Ingen tekst med denne nøkkelen, så «Insufficient scope»",
    "altinn.message.content-type":
      "Sendes som application/json; charset=utf-8 (ikke application/problem+json)",
    "altinn.message.startup":
      "Appen leser apiScopes én gang ved oppstart: en endring virker først etter en ny utrulling",
    "altinn.provision.description": "Altinn-appen {app}: {uses}",
    "altinn.provision.use.users.read": "lese instanser som bruker eller system",
    "altinn.provision.use.users.write": "endre instanser som bruker eller system",
    "altinn.provision.use.serviceOwners.read": "lese instanser som tjenesteeier",
    "altinn.provision.use.serviceOwners.write": "endre instanser som tjenesteeier",
  },
  nn: {
    "altinn.metadata.invalid-json": "Fila er ikkje gyldig JSON (linje {line}, kolonne {column})",
    "altinn.metadata.too-deep":
      "Objekt og lister er nøsta djupare enn {max} nivå (linje {line}, kolonne {column}); appen kan ikkje lese ei slik fil",
    "altinn.metadata.trailing-comma":
      "Komma framfor '}' eller ] (linje {line}, kolonne {column}): appen les fila likevel, men det er ikkje JSON, og det publiserte skjemaet avviser det",
    "altinn.metadata.property-case":
      "«{name}» blir lesen av appen som «{expected}» (han ser bort frå store og små bokstavar), men det publiserte skjemaet tillèt berre «{expected}»",
    "altinn.metadata.duplicate-property":
      "Denne eigenskapen står meir enn éin gong; den siste gjeld",
    "altinn.metadata.not-an-object": "applicationmetadata.json må innehalde eit JSON-objekt",
    "altinn.metadata.invalid-id":
      "id må vere «org/app» med nøyaktig éin «/» (han er «{id}»); utan det startar ikkje appen, og [app] har ikkje noko appnamn",
    "altinn.metadata.wrong-type-string":
      "{name} må vere ein tekst; appen kan ikkje lese fila og startar ikkje",
    "altinn.metadata.wrong-type-object":
      "{name} må vere eit objekt; appen kan ikkje lese fila og startar ikkje",
    "altinn.metadata.unknown-property":
      "«{name}» er ikkje ein eigenskap i {parent}; tillate: {allowed}",
    "altinn.metadata.unknown-property-similar":
      "«{name}» er ikkje ein eigenskap i {parent} (meinte du «{similar}»?)",
    "altinn.metadata.empty-scope":
      "Scopet for {name} er tomt; appen reknar det som ikkje sett, så ingenting blir sjekka for det",
    "altinn.metadata.empty-message-key":
      "Meldingsnøkkelen er tom; appen brukar han som han er (han fell ikkje tilbake til ein annan nøkkel) og svarar «Insufficient scope»",
    "altinn.metadata.blank-message-key":
      "Meldingsnøkkelen er berre mellomrom; appen brukar han som han er (han fell ikkje tilbake til ein annan nøkkel), finn ingen tekst og svarar «Insufficient scope»",
    "altinn.metadata.invalid-scope":
      "«{scope}» er ikkje eit gyldig prefiks:subscope: {reason}{hint, select, placeholderCase { (plasshaldaren er [app], med små bokstavar)} orgPlaceholder { (det finst ingen [org]-plasshaldar)} both { (plasshaldaren er [app], med små bokstavar; det finst ingen [org]-plasshaldar)} other {}}",
    "altinn.metadata.app-name-subscope":
      "[app] blir «{app}», og då bryt «{scope}» namneregelen for scope ({reason}); Maskinporten kan nekte å opprette det",
    "altinn.metadata.unresolved-placeholder":
      "[app] i {scope} kan ikkje bytast ut: metadataa har ingen gyldig id",
    "altinn.metadata.prefix-not-held":
      "Organisasjonen har ikkje prefikset «{prefix}» (han har: {held}), så scopet kan ikkje opprettast",
    "altinn.metadata.altinn-scope":
      "«{scope}» er eitt av dei eigne scopa til Altinn: det er ikkje knytt til appen og kan ikkje opprettast her",
    "altinn.metadata.write-equals-read":
      "Skriving krev same scope som lesing («{scope}»): alle klientar som kan lese, kan òg endre instansar",
    "altinn.metadata.half-configured":
      "{group}.{operation} er ikkje sett, så den operasjonen blir ikkje sjekka i det heile for {group}",
    "altinn.metadata.nothing-checked":
      "apiScopes set ikkje noko scope, så appen sjekkar ingenting (dei innebygde altinn:-scopa gjeld)",
    "altinn.metadata.missing-text":
      "Tekstressursane for {languages} har ingen tekst med id «{key}»: 403-svaret seier «Insufficient scope» der",
    "altinn.metadata.missing-text-none":
      "Tekstressursane er tomme, så det finst ingen tekst med id «{key}»: 403-svaret seier «Insufficient scope»",
    "altinn.metadata.not-in-maskinporten":
      "«{scope}» finst ikkje i Maskinporten enno: ingen token kan ha det før det er oppretta",
    "altinn.metadata.deactivated-in-maskinporten":
      "«{scope}» er deaktivert i Maskinporten: opprettinga aktiverer det att",

    "altinn.request.too-deep":
      "Førespurnaden har objekt og lister nøsta djupare enn {max} nivå, og det les ikkje Portvakt",
    "altinn.request.metadata-empty": "Lim inn eller last opp applicationmetadata.json",
    "altinn.endpoint.invalid-lines": "Ikkje «METODE rutemal» (linje {lines})",
    "altinn.request.metadata-too-deep":
      "applicationmetadata.json har objekt og lister nøsta djupare enn {max} nivå; appen kan ikkje lese han",

    "altinn.token.not-jwt": "Ein JWT har tre delar skilde med punktum",
    "altinn.token.not-base64url": "Innhaldet (payload) i tokenet er ikkje base64url",
    "altinn.token.not-json": "Innhaldet (payload) i tokenet er ikkje JSON",
    "altinn.token.not-object": "Innhaldet (payload) i tokenet er ikkje eit JSON-objekt",
    "altinn.api-scopes.invalid": "apiScopes-blokka er ikkje gyldig ved: {fields}",
    "altinn.generate.invalid-prefix": "«{prefix}» kan ikkje brukast som prefiks: {reason}",
    "altinn.generate.invalid-app": "Eit appnamn har ikkje «/» eller mellomrom: «{app}»",

    "altinn.rule.0": "Grunnregelen: eit scope må vere sett",
    "altinn.rule.1": "Regel 1: kva endepunkt som blir sjekka",
    "altinn.rule.2": "Regel 2: kven som kallar",
    "altinn.rule.3": "Regel 3: meldingsteksten",
    "altinn.rule.4": "Regel 4: scopa i tokenet (nøyaktig, delte på .NET-mellomrom)",
    "altinn.rule.5": "Regel 5: lesinga av applicationmetadata.json",
    "altinn.rule.6": "Regel 6: svaret appen sender",

    "altinn.decision.app-does-not-start":
      "Appen kan ikkje lese applicationmetadata.json ({path}) og startar ikkje, så han svarar ingenting",
    "altinn.decision.no-token": "Ein førespurnad utan token blir aldri sjekka",
    "altinn.decision.no-custom-scopes":
      "apiScopes set ingen av dei fire scopa, så appen sjekkar ingenting",
    "altinn.decision.no-route-404":
      "Ingen av endepunkta til appen har denne stien: appen svarar 404 før nokon sjekk",
    "altinn.decision.no-route-405":
      "Stien finst, men ikkje for denne metoden (tillate: {allowed}): appen svarar 405 før nokon sjekk",
    "altinn.decision.token-error":
      "Appen kan ikkje plassere tokenet og avsluttar førespurnaden med 500: {reason}",
    "altinn.decision.anonymous-endpoint": "{route} tillèt anonyme kall, så det blir aldri sjekka",
    "altinn.decision.not-instance-endpoint":
      "{route} har ingen parameter instanceGuid, instanceId eller instanceOwnerPartyId og høyrer ikkje til instances-kontrollaren, så det blir ikkje sjekka",
    "altinn.decision.unknown-caller":
      "Tokenet har ingen av userid, orgNumber, org eller authorization_details: appen veit ikkje kven som kallar, og sjekkar ingenting",
    "altinn.decision.group-not-configured":
      "apiScopes.{group}.{operation} er ikkje sett, så dette blir ikkje sjekka",
    "altinn.decision.scope-matched": "Tillate: tokenet har {scope}",
    "altinn.decision.scope-missing": "Avvist med 403: tokenet har ingen av {accepted}",

    "altinn.endpoint.manually-included":
      "{route} er det tilstandslause dataendepunktet, som blir sjekka særskilt som lesing (òg POST)",
    "altinn.endpoint.instance-parameter": "{route} blir sjekka: det har parameteren {parameter}",
    "altinn.endpoint.instances-controller":
      "{route} blir sjekka: det høyrer til instances-kontrollaren",

    "altinn.caller.user": "Den som kallar, er ein innlogga person (urn:altinn:userid)",
    "altinn.caller.systemUser":
      "Den som kallar, er ein systembrukar (authorization_details, òg med urn:altinn:org)",
    "altinn.caller.org": "Den som kallar, er ein organisasjon (urn:altinn:orgNumber)",
    "altinn.caller.serviceOwner": "Den som kallar, er ein tenesteeigar (urn:altinn:org)",
    "altinn.caller.unknown": "Appen veit ikkje kven som kallar (ingen Altinn-claims)",
    "altinn.caller.none": "Det er ikkje noko token",
    "altinn.caller.error": "Tokenet får tolkinga i appen til å feile: {reason}",
    "altinn.caller.scopes": "Scopa i tokenet ({claim}): {scopes}",
    "altinn.caller.no-scopes": "Tokenet har ikkje noko scope-claim",

    "altinn.message.key-group": "Meldingsnøkkelen til gruppa «{key}»",
    "altinn.message.key-top": "Meldingsnøkkelen på toppnivå «{key}» (gruppa har ingen)",
    "altinn.message.key-default": "Standardnøkkelen «{key}» (ingen er sett)",
    "altinn.message.key-empty":
      "Meldingsnøkkelen er sett, men tom: han blir brukt som han er, så «Insufficient scope»",
    "altinn.message.language": "Slått opp på {language}, språket appen brukar for den som kallar",
    "altinn.message.language-fallback": "Appen har ingen tekstar på {language}, så han såg i nb",
    "altinn.message.found": "Teksten: {text}",
    "altinn.message.not-found": "Ingen tekst med denne nøkkelen, så «Insufficient scope»",
    "altinn.message.content-type":
      "Blir sendt som application/json; charset=utf-8 (ikkje application/problem+json)",
    "altinn.message.startup":
      "Appen les apiScopes éin gong ved oppstart: ei endring verkar først etter ei ny utrulling",
    "altinn.provision.description": "Altinn-appen {app}: {uses}",
    "altinn.provision.use.users.read": "lese instansar som brukar eller system",
    "altinn.provision.use.users.write": "endre instansar som brukar eller system",
    "altinn.provision.use.serviceOwners.read": "lese instansar som tenesteeigar",
    "altinn.provision.use.serviceOwners.write": "endre instansar som tenesteeigar",
  },
});

/** The codes of `altinnMessages`. */
export type AltinnMessageCode = keyof typeof altinnMessages.en;
