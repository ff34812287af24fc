import { defineMessages } from "@portvakt/contracts";

/**
 * The diagnosis's texts in nb, nn and en (docs/i18n.md): every check outcome `diagnosis.<rule>.<outcome>`
 * (with `.fix` where it fails), every summary `diagnosis.summary.*`. The English side is the
 * `message`, `fix` and `summary` a diagnosis carries; the web app registers the table and renders
 * the page's language. Token errors and the 401 FAQ are `maskinportenRulesMessages`' codes.
 */
export const diagnosisMessages = defineMessages({
  en: {
    "diagnosis.input.json-invalid": "The text starts like JSON but cannot be read as JSON.",
    "diagnosis.input.json-invalid.fix":
      "Paste the whole JSON body of the response, from the first brace to the last.",
    "diagnosis.input.unknown":
      "This is neither a JWT (three base64url parts separated by dots) nor a JSON error body.",
    "diagnosis.input.unknown.fix":
      "Paste a JWT grant, an access token, or the JSON body of an error response.",
    "diagnosis.input.json-unknown":
      "The JSON is not a token response, a Maskinporten token error, a self-service API error or a Portvakt problem.",
    "diagnosis.input.json-unknown.fix": "Paste the body of the response exactly as it came.",
    "diagnosis.input.linebreak":
      "The JWT has {count, plural, one {# line break or space} other {# line breaks or spaces}} inside it. Maskinporten reads such a grant as garbled (“Invalid assertion. Invalid parameter value”), not as a bad signature; the rest of this diagnosis reads it with them removed.",
    "diagnosis.input.linebreak.fix":
      "Remove the line breaks: send the JWT as one line (check how it is copied, wrapped or put in the form body).",
    "diagnosis.jwt.undecodable": "The header or payload is not base64url-encoded JSON.",
    "diagnosis.jwt.undecodable.fix":
      "Copy the whole token (three parts separated by dots) without line breaks.",
    "diagnosis.mp.unknown":
      "Maskinporten refused the grant with {error}, an error Portvakt cannot explain further.",
    "diagnosis.mp.unknown.fix":
      "Paste the grant itself here too: its checks usually show the cause.",
    "diagnosis.selfservice.status.400":
      "The self-service API answered {status}: it did not accept the input.",
    "diagnosis.selfservice.status.400.fix": "Correct the fields named in errors and send again.",
    "diagnosis.selfservice.status.409":
      "The self-service API answered {status}: the thing is in the wrong state for this change.",
    "diagnosis.selfservice.status.409.fix":
      "It exists already or is deactivated: read it first and change it instead.",
    "diagnosis.selfservice.status.other": "The self-service API answered {status}.",
    "diagnosis.selfservice.status.other.fix":
      "Quote the correlation_id to Digdir if the error persists.",
    "diagnosis.portvakt.session":
      "Portvakt answered {status}: the session has ended or is missing.",
    "diagnosis.portvakt.session.fix": "Sign in to Portvakt again.",
    "diagnosis.portvakt.role":
      "Portvakt refused the action ({status}): the person lacks the role for it.",
    "diagnosis.portvakt.role.fix":
      "Ask an administrator for the role the message names in this environment.",
    "diagnosis.portvakt.problem": "Portvakt answered {status}.",
    "diagnosis.portvakt.problem.fix":
      "Follow the message; quote request_id and correlation_id when asking for help.",
    "diagnosis.token.response": "Maskinporten issued a token.",
    "diagnosis.token.iss.ok": "Issued by this environment's Maskinporten ({issuer}).",
    "diagnosis.token.iss.other":
      "Issued by {iss}, not by this environment ({issuer}). An API of the other environment answers 401.",
    "diagnosis.token.iss.other.fix":
      "Request the token from the token endpoint of the environment whose API you call.",
    "diagnosis.token.exp.ok": "Valid for {seconds} s more.",
    "diagnosis.token.exp.expired": "Expired {seconds} s ago; an API answers 401.",
    "diagnosis.token.exp.expired.fix": "Request a new token; access tokens live about 2 minutes.",
    "diagnosis.token.admin.ok": "Carries admin scopes: {scopes}.",
    "diagnosis.token.admin.none":
      "Carries no idporten: admin scope: the self-service API answers 401 (not an admin client). Fine for calling an API provider.",
    "diagnosis.token.admin.none.fix":
      "For the self-service API, use the admin client and request idporten: scopes.",
    "diagnosis.token.consumer": "Issued to the organisation {orgno}.",
    "diagnosis.token.supplier":
      "Issued to the supplier {supplier}, acting for {consumer} by delegation.",
    "diagnosis.token.aud": "Audience-restricted to {aud} (from the grant's resource).",
    "diagnosis.header.alg.ok": "alg {alg} is accepted.",
    "diagnosis.header.alg.bad": "alg {alg} is not accepted; Maskinporten takes {algs}.",
    "diagnosis.header.alg.bad.fix": "Sign with RSA and RS256 (or RS384/RS512).",
    "diagnosis.header.x5c.ok":
      "x5c is an array of {count, plural, one {# certificate} other {# certificates}}.",
    "diagnosis.header.x5c.string":
      "x5c is a plain string; it must be an array of base64 DER certificates.",
    "diagnosis.header.x5c.string.fix":
      "Send x5c as an array of base64 DER certificates, leaf first, without PEM headers or line breaks.",
    "diagnosis.header.x5c.bad": "x5c is not an array of base64 DER certificates.",
    "diagnosis.header.x5c.bad.fix":
      "Send x5c as an array of base64 DER certificates, leaf first, without PEM headers or line breaks.",
    "diagnosis.header.key.none": "The header names no key: neither kid nor x5c.",
    "diagnosis.header.key.none.fix":
      "Put the kid of the registered key (or x5c with the business certificate) in the header.",
    "diagnosis.header.kid.required":
      "The client has registered keys, so the grant must name one with kid (x5c is refused).",
    "diagnosis.header.kid.required.fix": "Put kid in the header: one of {kids}.",
    "diagnosis.header.kid.unknown":
      'kid "{kid}" is not registered on the client (it has {kids}). A removed key fails like this.',
    "diagnosis.header.kid.unknown.fix":
      "Sign with a private key registered on the client now, or register this key first.",
    "diagnosis.header.kid.no-keys": 'kid "{kid}" is unknown: the client has no registered keys.',
    "diagnosis.header.kid.no-keys.fix":
      "Register the key's public half on the client, or use x5c with the business certificate.",
    "diagnosis.header.kid.expired": 'The key "{kid}" expired {expired}.',
    "diagnosis.header.kid.expired.fix":
      "Rotate: register a new key, switch to it, then remove the expired one.",
    "diagnosis.header.kid.expiring":
      'The key "{kid}" is registered but expires in {days, plural, one {# day} other {# days}}.',
    "diagnosis.header.kid.expiring.fix": "Rotate the key now: register a new one next to it.",
    "diagnosis.header.kid.ok": 'kid "{kid}" is registered on the client.',
    "diagnosis.header.consumer-org":
      "consumer_org ({consumerOrg}) is in the JWT header; Maskinporten reads it only from the claims, so the token would be for the supplier's own organisation.",
    "diagnosis.header.consumer-org.fix":
      "Move consumer_org from the header into the grant's claims.",
    "diagnosis.signature.ok-kid": 'The signature verifies with the key registered under "{kid}".',
    "diagnosis.signature.ok-x5c": "The signature verifies with the certificate in x5c.",
    "diagnosis.signature.kid-mismatch":
      'The signature does not verify with the key registered under "{kid}" at Digdir: the grant was signed with another private key than the one its kid names.',
    "diagnosis.signature.kid-mismatch.fix":
      'Sign with the private key whose public half is registered under "{kid}", or register this key\'s public half under its own kid and name that one.',
    "diagnosis.signature.x5c-mismatch":
      "The signature does not verify with the certificate in x5c: the grant was signed with another key than the certificate's.",
    "diagnosis.signature.x5c-mismatch.fix":
      "Sign with the private key of the business certificate you put in x5c (from the same PKCS#12 file).",
    "diagnosis.signature.x5c-unreadable":
      "The first certificate in x5c cannot be read as an X.509 certificate with an RSA key.",
    "diagnosis.signature.x5c-unreadable.fix":
      "Put the business certificate (base64 DER, leaf first) in x5c, as delivered by Buypass or Commfides.",
    "diagnosis.signature.unchecked-key":
      'The signature was not checked: the public key registered under "{kid}" could not be read.',
    "diagnosis.signature.unchecked-unknown":
      "The signature was not checked: the client's registered keys are not known here.",
    "diagnosis.claims.allowed.ok": "No claims outside the allowed set.",
    "diagnosis.claims.allowed.unknown":
      "Claims Maskinporten does not allow: {claims} (“Invalid assertion”).",
    "diagnosis.claims.allowed.unknown.fix": "Remove them; allowed are {allowed}.",
    "diagnosis.claims.required.ok": "aud, iss, scope, iat and exp are present.",
    "diagnosis.claims.required.missing": "Missing claims: {claims}.",
    "diagnosis.claims.required.missing.fix":
      "Add every required claim: aud, iss, scope, iat, exp (and a jti).",
    "diagnosis.claims.aud.array": "aud is an array; Maskinporten wants a single string.",
    "diagnosis.claims.aud.array.fix": "Set aud to the issuer as a single string.",
    "diagnosis.claims.aud.ok": "aud is this environment's issuer ({issuer}).",
    "diagnosis.claims.aud.token-endpoint":
      "aud is the token endpoint URL ({aud}); Maskinporten wants the issuer.",
    "diagnosis.claims.aud.token-endpoint.fix": "Set aud to {issuer} exactly.",
    "diagnosis.claims.aud.slash":
      'aud "{aud}" lacks the issuer\'s trailing slash; it must match exactly.',
    "diagnosis.claims.aud.slash.fix": "Set aud to {issuer} exactly.",
    "diagnosis.claims.aud.other":
      'aud "{aud}" is not this environment\'s issuer ({issuer}): another environment?',
    "diagnosis.claims.aud.other.fix": "Set aud to {issuer} exactly.",
    "diagnosis.claims.iss.ok": "iss is the client's client_id.",
    "diagnosis.claims.iss.other": 'iss "{iss}" is not the chosen client ({clientId}).',
    "diagnosis.claims.iss.other.fix":
      "Set iss to the client_id of the client whose key signs the grant.",
    "diagnosis.claims.times.type":
      "iat and exp must be whole epoch seconds (numbers, not strings or milliseconds).",
    "diagnosis.claims.times.type.fix":
      "Use the current time in whole seconds for iat, and iat + {max} at most for exp.",
    "diagnosis.claims.lifetime.ok": "exp − iat is {lifetime} s (at most {max}).",
    "diagnosis.claims.lifetime.not-positive": "exp is not after iat (exp − iat = {lifetime} s).",
    "diagnosis.claims.lifetime.not-positive.fix": "Set exp after iat, at most iat + {max}.",
    "diagnosis.claims.lifetime.over":
      "exp − iat is {lifetime} s. Maskinporten's documentation allows at most {max} s; the service has been seen to accept somewhat longer grants, but that is not promised and the simulator refuses them (MP-130).",
    "diagnosis.claims.lifetime.over.fix": "Set exp to iat + {max} at most.",
    "diagnosis.claims.iat.ok": "iat is {skew} s from now (within {max} s).",
    "diagnosis.claims.iat.past":
      "iat is {seconds} s in the past; Maskinporten accepts that while exp has not passed (a clock behind is fine).",
    "diagnosis.claims.iat.ahead":
      "iat is {skew} s ahead of now; Maskinporten accepts at most {max} s ahead (“Issue time is after now”). The signing machine's clock runs ahead.",
    "diagnosis.claims.iat.ahead.fix":
      "Keep the clock in sync (NTP) and set iat to the current time.",
    "diagnosis.claims.exp.expired": "The grant expired {seconds} s ago.",
    "diagnosis.claims.exp.expired.fix": "Make a new grant and send it at once.",
    "diagnosis.claims.jti.ok": "jti is present (each grant may be used once).",
    "diagnosis.claims.jti.missing":
      "jti is missing. Maskinporten's documentation recommends it rather than requiring it; without it a replayed grant cannot be refused.",
    "diagnosis.claims.jti.missing.fix": "Add a fresh random jti (a UUID) to every grant.",
    "diagnosis.claims.consumer-org.ok":
      "The grant asks for a token on behalf of {consumerOrg}: Maskinporten checks that {consumerOrg} has delegated the scope to the client's organisation in Altinn (MP-251 if not), and the token's consumer becomes {consumerOrg}.",
    "diagnosis.claims.consumer-org.format":
      "consumer_org {consumerOrg} is not an organisation number (9 digits, as a string).",
    "diagnosis.claims.consumer-org.format.fix":
      'Send consumer_org as a string of 9 digits, e.g. "910753614".',
    "diagnosis.claims.resource":
      "resource asks for an audience-restricted token: its aud will be {resource}.",
    "diagnosis.claims.pid": "pid restricts the token to one end user (allowed, optional).",
    "diagnosis.claims.scope.empty": "scope is empty.",
    "diagnosis.claims.scope.empty.fix": "Request at least one scope the client carries.",
    "diagnosis.claims.scope.type": "scope must be a space-separated string.",
    "diagnosis.claims.scope.type.fix":
      "Send scope as one string with the scopes separated by spaces, not as an array.",
    "diagnosis.scope.client.ok": "Every requested scope is on the client.",
    "diagnosis.scope.client.missing": "Not on the client: {scopes}.",
    "diagnosis.scope.client.missing.fix": "Add the scope to the client, or stop requesting it.",
    "diagnosis.scope.granted.ok": "The organisation may use every requested scope.",
    "diagnosis.scope.granted.missing":
      "The organisation has no access to: {scopes} (not granted, not own, not accessible to all).",
    "diagnosis.scope.granted.missing.fix":
      "Ask the scope's owner to grant your organisation access.",
    "diagnosis.summary.grant.ok": "A JWT grant; every rule that can be checked here passes.",
    "diagnosis.summary.grant.fails":
      "A JWT grant that Maskinporten will refuse: {count, plural, one {# rule fails} other {# rules fail}}.",
    "diagnosis.summary.grant.fails-mp":
      "A JWT grant that Maskinporten will refuse: {count, plural, one {# rule fails} other {# rules fail}} (expect {mpCode}).",
    "diagnosis.summary.access-token.ok": "An access token from Maskinporten.",
    "diagnosis.summary.access-token.refused":
      "An access token from Maskinporten, but an API will refuse it.",
    "diagnosis.summary.token-response.opaque":
      "A successful token response with an opaque access token (not a JWT).",
    "diagnosis.summary.token-error": "Maskinporten's token endpoint refused the grant.",
    "diagnosis.summary.token-error-mp":
      "Maskinporten's token endpoint refused the grant with {mpCode}.",
    "diagnosis.summary.self-service-error": "The self-service API refused the call with {status}.",
    "diagnosis.summary.self-service-error-correlation":
      "The self-service API refused the call with {status} (correlation_id {correlationId}).",
    "diagnosis.summary.problem": "Portvakt's server answered {status} ({title}).",
    "diagnosis.summary.unknown": "Portvakt does not recognise this input.",
    "diagnosis.summary.jwt.undecodable":
      "This looks like a JWT, but its header or payload cannot be decoded.",
    "diagnosis.context.client-unreadable":
      "The client {clientId} could not be read in this environment (not this organisation's, or unknown); its keys, scopes and the grant's signature were not checked.",
  },
  nb: {
    "diagnosis.input.json-invalid": "Teksten begynner som JSON, men kan ikke leses som JSON.",
    "diagnosis.input.json-invalid.fix":
      "Lim inn hele JSON-kroppen i responsen, fra første klammeparentes til siste.",
    "diagnosis.input.unknown":
      "Dette er verken en JWT (tre base64url-deler skilt med punktum) eller en feilrespons i JSON.",
    "diagnosis.input.unknown.fix":
      "Lim inn en JWT-grant, et access token eller JSON-kroppen i en feilrespons.",
    "diagnosis.input.json-unknown":
      "JSON-en er verken en token-respons, en token-feil fra Maskinporten, en feil fra selvbetjenings-API-et eller en feil fra Portvakt.",
    "diagnosis.input.json-unknown.fix": "Lim inn kroppen i responsen nøyaktig slik den kom.",
    "diagnosis.input.linebreak":
      "JWT-en har {count, plural, one {# linjeskift eller mellomrom} other {# linjeskift eller mellomrom}} inni seg. Maskinporten leser en slik grant som uleselig («Invalid assertion. Invalid parameter value»), ikke som feil signatur; resten av diagnosen leser den uten dem.",
    "diagnosis.input.linebreak.fix":
      "Fjern linjeskiftene: send JWT-en som én linje (sjekk hvordan den blir kopiert, brutt eller lagt i skjemakroppen).",
    "diagnosis.jwt.undecodable": "Headeren eller innholdet er ikke base64url-kodet JSON.",
    "diagnosis.jwt.undecodable.fix":
      "Kopier hele tokenet (tre deler skilt med punktum) uten linjeskift.",
    "diagnosis.mp.unknown":
      "Maskinporten avviste granten med {error}, en feil Portvakt ikke kan forklare nærmere.",
    "diagnosis.mp.unknown.fix":
      "Lim inn selve granten her også: sjekkene av den viser som regel årsaken.",
    "diagnosis.selfservice.status.400":
      "Selvbetjenings-API-et svarte {status}: det godtok ikke det som ble sendt.",
    "diagnosis.selfservice.status.400.fix": "Rett feltene som er nevnt i errors, og send på nytt.",
    "diagnosis.selfservice.status.409":
      "Selvbetjenings-API-et svarte {status}: tingen er i feil tilstand for denne endringen.",
    "diagnosis.selfservice.status.409.fix":
      "Den finnes allerede eller er deaktivert: les den først og endre den i stedet.",
    "diagnosis.selfservice.status.other": "Selvbetjenings-API-et svarte {status}.",
    "diagnosis.selfservice.status.other.fix":
      "Oppgi correlation_id til Digdir hvis feilen vedvarer.",
    "diagnosis.portvakt.session": "Portvakt svarte {status}: økten er avsluttet eller mangler.",
    "diagnosis.portvakt.session.fix": "Logg inn i Portvakt på nytt.",
    "diagnosis.portvakt.role":
      "Portvakt avviste handlingen ({status}): personen mangler rollen for den.",
    "diagnosis.portvakt.role.fix":
      "Be en administrator om rollen meldingen nevner, i dette miljøet.",
    "diagnosis.portvakt.problem": "Portvakt svarte {status}.",
    "diagnosis.portvakt.problem.fix":
      "Følg meldingen; oppgi request_id og correlation_id når du ber om hjelp.",
    "diagnosis.token.response": "Maskinporten utstedte et token.",
    "diagnosis.token.iss.ok": "Utstedt av Maskinporten i dette miljøet ({issuer}).",
    "diagnosis.token.iss.other":
      "Utstedt av {iss}, ikke av dette miljøet ({issuer}). Et API i det andre miljøet svarer 401.",
    "diagnosis.token.iss.other.fix":
      "Hent tokenet fra token-endepunktet i miljøet der API-et du kaller, ligger.",
    "diagnosis.token.exp.ok": "Gyldig i {seconds} s til.",
    "diagnosis.token.exp.expired": "Utløpt for {seconds} s siden; et API svarer 401.",
    "diagnosis.token.exp.expired.fix": "Hent et nytt token; access tokens lever rundt 2 minutter.",
    "diagnosis.token.admin.ok": "Har admin-scopes: {scopes}.",
    "diagnosis.token.admin.none":
      "Har ikke noe idporten:-admin-scope: selvbetjenings-API-et svarer 401 (ikke en admin-klient). Greit for å kalle en API-tilbyder.",
    "diagnosis.token.admin.none.fix":
      "For selvbetjenings-API-et: bruk admin-klienten og be om idporten:-scopes.",
    "diagnosis.token.consumer": "Utstedt til organisasjonen {orgno}.",
    "diagnosis.token.supplier":
      "Utstedt til leverandøren {supplier}, som opptrer for {consumer} ved delegering.",
    "diagnosis.token.aud": "Begrenset til audience {aud} (fra resource i granten).",
    "diagnosis.header.alg.ok": "alg {alg} godtas.",
    "diagnosis.header.alg.bad": "alg {alg} godtas ikke; Maskinporten tar {algs}.",
    "diagnosis.header.alg.bad.fix": "Signer med RSA og RS256 (eller RS384/RS512).",
    "diagnosis.header.x5c.ok":
      "x5c er en liste med {count, plural, one {# sertifikat} other {# sertifikater}}.",
    "diagnosis.header.x5c.string":
      "x5c er en enkelt tekst; den må være en liste med base64 DER-sertifikater.",
    "diagnosis.header.x5c.string.fix":
      "Send x5c som en liste med base64 DER-sertifikater, bladsertifikatet først, uten PEM-hoder eller linjeskift.",
    "diagnosis.header.x5c.bad": "x5c er ikke en liste med base64 DER-sertifikater.",
    "diagnosis.header.x5c.bad.fix":
      "Send x5c som en liste med base64 DER-sertifikater, bladsertifikatet først, uten PEM-hoder eller linjeskift.",
    "diagnosis.header.key.none": "Headeren nevner ingen nøkkel: verken kid eller x5c.",
    "diagnosis.header.key.none.fix":
      "Legg kid for den registrerte nøkkelen (eller x5c med virksomhetssertifikatet) i headeren.",
    "diagnosis.header.kid.required":
      "Klienten har registrerte nøkler, så granten må nevne en av dem med kid (x5c avvises).",
    "diagnosis.header.kid.required.fix": "Legg kid i headeren: en av {kids}.",
    "diagnosis.header.kid.unknown":
      'kid "{kid}" er ikke registrert på klienten (den har {kids}). En fjernet nøkkel feiler slik.',
    "diagnosis.header.kid.unknown.fix":
      "Signer med en privat nøkkel som er registrert på klienten nå, eller registrer denne nøkkelen først.",
    "diagnosis.header.kid.no-keys": 'kid "{kid}" er ukjent: klienten har ingen registrerte nøkler.',
    "diagnosis.header.kid.no-keys.fix":
      "Registrer den offentlige delen av nøkkelen på klienten, eller bruk x5c med virksomhetssertifikatet.",
    "diagnosis.header.kid.expired": 'Nøkkelen "{kid}" utløp {expired}.',
    "diagnosis.header.kid.expired.fix":
      "Roter: registrer en ny nøkkel, bytt til den, og fjern så den utløpte.",
    "diagnosis.header.kid.expiring":
      'Nøkkelen "{kid}" er registrert, men utløper om {days, plural, one {# dag} other {# dager}}.',
    "diagnosis.header.kid.expiring.fix": "Roter nøkkelen nå: registrer en ny ved siden av.",
    "diagnosis.header.kid.ok": 'kid "{kid}" er registrert på klienten.',
    "diagnosis.header.consumer-org":
      "consumer_org ({consumerOrg}) står i JWT-headeren; Maskinporten leser den bare fra claims, så tokenet ville blitt for leverandørens egen organisasjon.",
    "diagnosis.header.consumer-org.fix": "Flytt consumer_org fra headeren inn i grantens claims.",
    "diagnosis.signature.ok-kid": 'Signaturen stemmer med nøkkelen registrert under "{kid}".',
    "diagnosis.signature.ok-x5c": "Signaturen stemmer med sertifikatet i x5c.",
    "diagnosis.signature.kid-mismatch":
      'Signaturen stemmer ikke med nøkkelen registrert under "{kid}" hos Digdir: granten er signert med en annen privat nøkkel enn den kid-en nevner.',
    "diagnosis.signature.kid-mismatch.fix":
      'Signer med den private nøkkelen som har sin offentlige del registrert under "{kid}", eller registrer den offentlige delen av denne nøkkelen under en egen kid og nevn den.',
    "diagnosis.signature.x5c-mismatch":
      "Signaturen stemmer ikke med sertifikatet i x5c: granten er signert med en annen nøkkel enn sertifikatets.",
    "diagnosis.signature.x5c-mismatch.fix":
      "Signer med den private nøkkelen til virksomhetssertifikatet du legger i x5c (fra samme PKCS#12-fil).",
    "diagnosis.signature.x5c-unreadable":
      "Det første sertifikatet i x5c kan ikke leses som et X.509-sertifikat med en RSA-nøkkel.",
    "diagnosis.signature.x5c-unreadable.fix":
      "Legg virksomhetssertifikatet (base64 DER, bladsertifikatet først) i x5c, slik Buypass eller Commfides leverte det.",
    "diagnosis.signature.unchecked-key":
      'Signaturen ble ikke sjekket: den offentlige nøkkelen registrert under "{kid}" kunne ikke leses.',
    "diagnosis.signature.unchecked-unknown":
      "Signaturen ble ikke sjekket: klientens registrerte nøkler er ikke kjent her.",
    "diagnosis.claims.allowed.ok": "Ingen claims utenfor de tillatte.",
    "diagnosis.claims.allowed.unknown":
      "Claims Maskinporten ikke tillater: {claims} («Invalid assertion»).",
    "diagnosis.claims.allowed.unknown.fix": "Fjern dem; tillatt er {allowed}.",
    "diagnosis.claims.required.ok": "aud, iss, scope, iat og exp finnes.",
    "diagnosis.claims.required.missing": "Claims som mangler: {claims}.",
    "diagnosis.claims.required.missing.fix":
      "Legg til alle påkrevde claims: aud, iss, scope, iat, exp (og en jti).",
    "diagnosis.claims.aud.array": "aud er en liste; Maskinporten vil ha én tekst.",
    "diagnosis.claims.aud.array.fix": "Sett aud til utstederen som én tekst.",
    "diagnosis.claims.aud.ok": "aud er utstederen i dette miljøet ({issuer}).",
    "diagnosis.claims.aud.token-endpoint":
      "aud er URL-en til token-endepunktet ({aud}); Maskinporten vil ha utstederen.",
    "diagnosis.claims.aud.token-endpoint.fix": "Sett aud til {issuer} nøyaktig.",
    "diagnosis.claims.aud.slash":
      'aud "{aud}" mangler skråstreken til slutt som utstederen har; den må stemme nøyaktig.',
    "diagnosis.claims.aud.slash.fix": "Sett aud til {issuer} nøyaktig.",
    "diagnosis.claims.aud.other":
      'aud "{aud}" er ikke utstederen i dette miljøet ({issuer}): et annet miljø?',
    "diagnosis.claims.aud.other.fix": "Sett aud til {issuer} nøyaktig.",
    "diagnosis.claims.iss.ok": "iss er klientens client_id.",
    "diagnosis.claims.iss.other": 'iss "{iss}" er ikke den valgte klienten ({clientId}).',
    "diagnosis.claims.iss.other.fix":
      "Sett iss til client_id for klienten som eier nøkkelen granten signeres med.",
    "diagnosis.claims.times.type":
      "iat og exp må være hele epoch-sekunder (tall, ikke tekst eller millisekunder).",
    "diagnosis.claims.times.type.fix":
      "Bruk nåtid i hele sekunder for iat, og høyst iat + {max} for exp.",
    "diagnosis.claims.lifetime.ok": "exp − iat er {lifetime} s (høyst {max}).",
    "diagnosis.claims.lifetime.not-positive": "exp er ikke etter iat (exp − iat = {lifetime} s).",
    "diagnosis.claims.lifetime.not-positive.fix": "Sett exp etter iat, høyst iat + {max}.",
    "diagnosis.claims.lifetime.over":
      "exp − iat er {lifetime} s. Dokumentasjonen til Maskinporten tillater høyst {max} s; tjenesten er sett å godta noe lengre granter, men det er ikke lovet, og simulatoren avviser dem (MP-130).",
    "diagnosis.claims.lifetime.over.fix": "Sett exp til høyst iat + {max}.",
    "diagnosis.claims.iat.ok": "iat er {skew} s fra nå (innenfor {max} s).",
    "diagnosis.claims.iat.past":
      "iat er {seconds} s tilbake i tid; Maskinporten godtar det så lenge exp ikke er passert (en klokke som går etter, er greit).",
    "diagnosis.claims.iat.ahead":
      "iat er {skew} s foran nå; Maskinporten godtar høyst {max} s foran («Issue time is after now»). Klokka på maskinen som signerer, går for fort.",
    "diagnosis.claims.iat.ahead.fix": "Hold klokka synkronisert (NTP) og sett iat til nåtid.",
    "diagnosis.claims.exp.expired": "Granten utløp for {seconds} s siden.",
    "diagnosis.claims.exp.expired.fix": "Lag en ny grant og send den straks.",
    "diagnosis.claims.jti.ok": "jti finnes (hver grant kan brukes én gang).",
    "diagnosis.claims.jti.missing":
      "jti mangler. Dokumentasjonen til Maskinporten anbefaler den heller enn å kreve den; uten den kan en grant som sendes på nytt, ikke avvises.",
    "diagnosis.claims.jti.missing.fix": "Legg en ny tilfeldig jti (en UUID) i hver grant.",
    "diagnosis.claims.consumer-org.ok":
      "Granten ber om et token på vegne av {consumerOrg}: Maskinporten sjekker at {consumerOrg} har delegert scopet til klientens organisasjon i Altinn (MP-251 hvis ikke), og consumer i tokenet blir {consumerOrg}.",
    "diagnosis.claims.consumer-org.format":
      "consumer_org {consumerOrg} er ikke et organisasjonsnummer (9 sifre, som tekst).",
    "diagnosis.claims.consumer-org.format.fix":
      'Send consumer_org som en tekst med 9 sifre, f.eks. "910753614".',
    "diagnosis.claims.resource":
      "resource ber om et token med begrenset audience: aud blir {resource}.",
    "diagnosis.claims.pid": "pid begrenser tokenet til én sluttbruker (tillatt, valgfritt).",
    "diagnosis.claims.scope.empty": "scope er tomt.",
    "diagnosis.claims.scope.empty.fix": "Be om minst ett scope klienten har.",
    "diagnosis.claims.scope.type": "scope må være en tekst med scopes skilt med mellomrom.",
    "diagnosis.claims.scope.type.fix":
      "Send scope som én tekst med scopene skilt med mellomrom, ikke som en liste.",
    "diagnosis.scope.client.ok": "Alle scopes det bes om, er på klienten.",
    "diagnosis.scope.client.missing": "Ikke på klienten: {scopes}.",
    "diagnosis.scope.client.missing.fix": "Legg scopet til på klienten, eller slutt å be om det.",
    "diagnosis.scope.granted.ok": "Organisasjonen kan bruke alle scopes det bes om.",
    "diagnosis.scope.granted.missing":
      "Organisasjonen har ikke tilgang til: {scopes} (ikke gitt tilgang, ikke eget, ikke åpent for alle).",
    "diagnosis.scope.granted.missing.fix": "Be eieren av scopet gi organisasjonen din tilgang.",
    "diagnosis.summary.grant.ok": "En JWT-grant; alle regler som kan sjekkes her, er i orden.",
    "diagnosis.summary.grant.fails":
      "En JWT-grant Maskinporten vil avvise: {count, plural, one {# regel feiler} other {# regler feiler}}.",
    "diagnosis.summary.grant.fails-mp":
      "En JWT-grant Maskinporten vil avvise: {count, plural, one {# regel feiler} other {# regler feiler}} (forvent {mpCode}).",
    "diagnosis.summary.access-token.ok": "Et access token fra Maskinporten.",
    "diagnosis.summary.access-token.refused":
      "Et access token fra Maskinporten, men et API vil avvise det.",
    "diagnosis.summary.token-response.opaque":
      "En vellykket token-respons med et ugjennomsiktig access token (ikke en JWT).",
    "diagnosis.summary.token-error": "Token-endepunktet i Maskinporten avviste granten.",
    "diagnosis.summary.token-error-mp":
      "Token-endepunktet i Maskinporten avviste granten med {mpCode}.",
    "diagnosis.summary.self-service-error": "Selvbetjenings-API-et avviste kallet med {status}.",
    "diagnosis.summary.self-service-error-correlation":
      "Selvbetjenings-API-et avviste kallet med {status} (correlation_id {correlationId}).",
    "diagnosis.summary.problem": "Portvakt-serveren svarte {status} ({title}).",
    "diagnosis.summary.unknown": "Portvakt kjenner ikke igjen det du limte inn.",
    "diagnosis.summary.jwt.undecodable":
      "Dette ser ut som en JWT, men headeren eller innholdet kan ikke dekodes.",
    "diagnosis.context.client-unreadable":
      "Klienten {clientId} kunne ikke leses i dette miljøet (ikke denne organisasjonens, eller ukjent); nøklene, scopene og grantens signatur ble ikke sjekket.",
  },
  nn: {
    "diagnosis.input.json-invalid": "Teksten byrjar som JSON, men kan ikkje lesast som JSON.",
    "diagnosis.input.json-invalid.fix":
      "Lim inn heile JSON-kroppen i responsen, frå første klammeparentes til siste.",
    "diagnosis.input.unknown":
      "Dette er verken ein JWT (tre base64url-delar skilde med punktum) eller ein feilrespons i JSON.",
    "diagnosis.input.unknown.fix":
      "Lim inn ein JWT-grant, eit access token eller JSON-kroppen i ein feilrespons.",
    "diagnosis.input.json-unknown":
      "JSON-en er verken ein token-respons, ein token-feil frå Maskinporten, ein feil frå API-et for sjølvbetening eller ein feil frå Portvakt.",
    "diagnosis.input.json-unknown.fix": "Lim inn kroppen i responsen nøyaktig slik han kom.",
    "diagnosis.input.linebreak":
      "JWT-en har {count, plural, one {# linjeskift eller mellomrom} other {# linjeskift eller mellomrom}} inni seg. Maskinporten les ein slik grant som uleseleg («Invalid assertion. Invalid parameter value»), ikkje som feil signatur; resten av diagnosen les han utan dei.",
    "diagnosis.input.linebreak.fix":
      "Fjern linjeskifta: send JWT-en som éi linje (sjekk korleis han blir kopiert, broten eller lagd i skjemakroppen).",
    "diagnosis.jwt.undecodable": "Headeren eller innhaldet er ikkje base64url-koda JSON.",
    "diagnosis.jwt.undecodable.fix":
      "Kopier heile tokenet (tre delar skilde med punktum) utan linjeskift.",
    "diagnosis.mp.unknown":
      "Maskinporten avviste granten med {error}, ein feil Portvakt ikkje kan forklare nærare.",
    "diagnosis.mp.unknown.fix":
      "Lim inn sjølve granten her òg: sjekkane av han viser som regel årsaka.",
    "diagnosis.selfservice.status.400":
      "API-et for sjølvbetening svarte {status}: det godtok ikkje det som vart sendt.",
    "diagnosis.selfservice.status.400.fix": "Rett felta som er nemnde i errors, og send på nytt.",
    "diagnosis.selfservice.status.409":
      "API-et for sjølvbetening svarte {status}: tingen er i feil tilstand for denne endringa.",
    "diagnosis.selfservice.status.409.fix":
      "Han finst alt eller er deaktivert: les han først og endra han i staden.",
    "diagnosis.selfservice.status.other": "API-et for sjølvbetening svarte {status}.",
    "diagnosis.selfservice.status.other.fix":
      "Oppgi correlation_id til Digdir dersom feilen held fram.",
    "diagnosis.portvakt.session": "Portvakt svarte {status}: økta er avslutta eller manglar.",
    "diagnosis.portvakt.session.fix": "Logg inn i Portvakt på nytt.",
    "diagnosis.portvakt.role":
      "Portvakt avviste handlinga ({status}): personen manglar rolla for ho.",
    "diagnosis.portvakt.role.fix":
      "Be ein administrator om rolla meldinga nemner, i dette miljøet.",
    "diagnosis.portvakt.problem": "Portvakt svarte {status}.",
    "diagnosis.portvakt.problem.fix":
      "Følg meldinga; oppgi request_id og correlation_id når du ber om hjelp.",
    "diagnosis.token.response": "Maskinporten utferda eit token.",
    "diagnosis.token.iss.ok": "Utferda av Maskinporten i dette miljøet ({issuer}).",
    "diagnosis.token.iss.other":
      "Utferda av {iss}, ikkje av dette miljøet ({issuer}). Eit API i det andre miljøet svarer 401.",
    "diagnosis.token.iss.other.fix":
      "Hent tokenet frå token-endepunktet i miljøet der API-et du kallar, ligg.",
    "diagnosis.token.exp.ok": "Gyldig i {seconds} s til.",
    "diagnosis.token.exp.expired": "Gjekk ut for {seconds} s sidan; eit API svarer 401.",
    "diagnosis.token.exp.expired.fix": "Hent eit nytt token; access token lever rundt 2 minutt.",
    "diagnosis.token.admin.ok": "Har admin-scope: {scopes}.",
    "diagnosis.token.admin.none":
      "Har ikkje noko idporten:-admin-scope: API-et for sjølvbetening svarer 401 (ikkje ein admin-klient). Greitt for å kalle ein API-tilbydar.",
    "diagnosis.token.admin.none.fix":
      "For API-et for sjølvbetening: bruk admin-klienten og be om idporten:-scope.",
    "diagnosis.token.consumer": "Utferda til organisasjonen {orgno}.",
    "diagnosis.token.supplier":
      "Utferda til leverandøren {supplier}, som opptrer for {consumer} ved delegering.",
    "diagnosis.token.aud": "Avgrensa til audience {aud} (frå resource i granten).",
    "diagnosis.header.alg.ok": "alg {alg} blir godteken.",
    "diagnosis.header.alg.bad": "alg {alg} blir ikkje godteken; Maskinporten tek {algs}.",
    "diagnosis.header.alg.bad.fix": "Signer med RSA og RS256 (eller RS384/RS512).",
    "diagnosis.header.x5c.ok":
      "x5c er ei liste med {count, plural, one {# sertifikat} other {# sertifikat}}.",
    "diagnosis.header.x5c.string":
      "x5c er ein einskild tekst; han må vere ei liste med base64 DER-sertifikat.",
    "diagnosis.header.x5c.string.fix":
      "Send x5c som ei liste med base64 DER-sertifikat, bladsertifikatet først, utan PEM-hovud eller linjeskift.",
    "diagnosis.header.x5c.bad": "x5c er ikkje ei liste med base64 DER-sertifikat.",
    "diagnosis.header.x5c.bad.fix":
      "Send x5c som ei liste med base64 DER-sertifikat, bladsertifikatet først, utan PEM-hovud eller linjeskift.",
    "diagnosis.header.key.none": "Headeren nemner ingen nøkkel: verken kid eller x5c.",
    "diagnosis.header.key.none.fix":
      "Legg kid for den registrerte nøkkelen (eller x5c med verksemdssertifikatet) i headeren.",
    "diagnosis.header.kid.required":
      "Klienten har registrerte nøklar, så granten må nemne ein av dei med kid (x5c blir avvist).",
    "diagnosis.header.kid.required.fix": "Legg kid i headeren: ein av {kids}.",
    "diagnosis.header.kid.unknown":
      'kid "{kid}" er ikkje registrert på klienten (han har {kids}). Ein fjerna nøkkel feilar slik.',
    "diagnosis.header.kid.unknown.fix":
      "Signer med ein privat nøkkel som er registrert på klienten no, eller registrer denne nøkkelen først.",
    "diagnosis.header.kid.no-keys": 'kid "{kid}" er ukjend: klienten har ingen registrerte nøklar.',
    "diagnosis.header.kid.no-keys.fix":
      "Registrer den offentlege delen av nøkkelen på klienten, eller bruk x5c med verksemdssertifikatet.",
    "diagnosis.header.kid.expired": 'Nøkkelen "{kid}" gjekk ut {expired}.',
    "diagnosis.header.kid.expired.fix":
      "Roter: registrer ein ny nøkkel, byt til han, og fjern så den som har gått ut.",
    "diagnosis.header.kid.expiring":
      'Nøkkelen "{kid}" er registrert, men går ut om {days, plural, one {# dag} other {# dagar}}.',
    "diagnosis.header.kid.expiring.fix": "Roter nøkkelen no: registrer ein ny ved sida av.",
    "diagnosis.header.kid.ok": 'kid "{kid}" er registrert på klienten.',
    "diagnosis.header.consumer-org":
      "consumer_org ({consumerOrg}) står i JWT-headeren; Maskinporten les han berre frå claims, så tokenet ville blitt for den eigne organisasjonen til leverandøren.",
    "diagnosis.header.consumer-org.fix": "Flytt consumer_org frå headeren inn i claims i granten.",
    "diagnosis.signature.ok-kid": 'Signaturen stemmer med nøkkelen registrert under "{kid}".',
    "diagnosis.signature.ok-x5c": "Signaturen stemmer med sertifikatet i x5c.",
    "diagnosis.signature.kid-mismatch":
      'Signaturen stemmer ikkje med nøkkelen registrert under "{kid}" hos Digdir: granten er signert med ein annan privat nøkkel enn den kid-en nemner.',
    "diagnosis.signature.kid-mismatch.fix":
      'Signer med den private nøkkelen som har den offentlege delen sin registrert under "{kid}", eller registrer den offentlege delen av denne nøkkelen under ein eigen kid og nemn han.',
    "diagnosis.signature.x5c-mismatch":
      "Signaturen stemmer ikkje med sertifikatet i x5c: granten er signert med ein annan nøkkel enn den til sertifikatet.",
    "diagnosis.signature.x5c-mismatch.fix":
      "Signer med den private nøkkelen til verksemdssertifikatet du legg i x5c (frå same PKCS#12-fil).",
    "diagnosis.signature.x5c-unreadable":
      "Det første sertifikatet i x5c kan ikkje lesast som eit X.509-sertifikat med ein RSA-nøkkel.",
    "diagnosis.signature.x5c-unreadable.fix":
      "Legg verksemdssertifikatet (base64 DER, bladsertifikatet først) i x5c, slik Buypass eller Commfides leverte det.",
    "diagnosis.signature.unchecked-key":
      'Signaturen vart ikkje sjekka: den offentlege nøkkelen registrert under "{kid}" kunne ikkje lesast.',
    "diagnosis.signature.unchecked-unknown":
      "Signaturen vart ikkje sjekka: dei registrerte nøklane til klienten er ikkje kjende her.",
    "diagnosis.claims.allowed.ok": "Ingen claims utanfor dei tillatne.",
    "diagnosis.claims.allowed.unknown":
      "Claims Maskinporten ikkje tillèt: {claims} («Invalid assertion»).",
    "diagnosis.claims.allowed.unknown.fix": "Fjern dei; tillatne er {allowed}.",
    "diagnosis.claims.required.ok": "aud, iss, scope, iat og exp finst.",
    "diagnosis.claims.required.missing": "Claims som manglar: {claims}.",
    "diagnosis.claims.required.missing.fix":
      "Legg til alle påkravde claims: aud, iss, scope, iat, exp (og ein jti).",
    "diagnosis.claims.aud.array": "aud er ei liste; Maskinporten vil ha éin tekst.",
    "diagnosis.claims.aud.array.fix": "Set aud til utferdaren som éin tekst.",
    "diagnosis.claims.aud.ok": "aud er utferdaren i dette miljøet ({issuer}).",
    "diagnosis.claims.aud.token-endpoint":
      "aud er URL-en til token-endepunktet ({aud}); Maskinporten vil ha utferdaren.",
    "diagnosis.claims.aud.token-endpoint.fix": "Set aud til {issuer} nøyaktig.",
    "diagnosis.claims.aud.slash":
      'aud "{aud}" manglar skråstreken til slutt som utferdaren har; han må stemme nøyaktig.',
    "diagnosis.claims.aud.slash.fix": "Set aud til {issuer} nøyaktig.",
    "diagnosis.claims.aud.other":
      'aud "{aud}" er ikkje utferdaren i dette miljøet ({issuer}): eit anna miljø?',
    "diagnosis.claims.aud.other.fix": "Set aud til {issuer} nøyaktig.",
    "diagnosis.claims.iss.ok": "iss er client_id til klienten.",
    "diagnosis.claims.iss.other": 'iss "{iss}" er ikkje den valde klienten ({clientId}).',
    "diagnosis.claims.iss.other.fix":
      "Set iss til client_id for klienten som eig nøkkelen granten blir signert med.",
    "diagnosis.claims.times.type":
      "iat og exp må vere heile epoch-sekund (tal, ikkje tekst eller millisekund).",
    "diagnosis.claims.times.type.fix":
      "Bruk notid i heile sekund for iat, og høgst iat + {max} for exp.",
    "diagnosis.claims.lifetime.ok": "exp − iat er {lifetime} s (høgst {max}).",
    "diagnosis.claims.lifetime.not-positive": "exp er ikkje etter iat (exp − iat = {lifetime} s).",
    "diagnosis.claims.lifetime.not-positive.fix": "Set exp etter iat, høgst iat + {max}.",
    "diagnosis.claims.lifetime.over":
      "exp − iat er {lifetime} s. Dokumentasjonen til Maskinporten tillèt høgst {max} s; tenesta er sett å godta noko lengre grantar, men det er ikkje lova, og simulatoren avviser dei (MP-130).",
    "diagnosis.claims.lifetime.over.fix": "Set exp til høgst iat + {max}.",
    "diagnosis.claims.iat.ok": "iat er {skew} s frå no (innanfor {max} s).",
    "diagnosis.claims.iat.past":
      "iat er {seconds} s tilbake i tid; Maskinporten godtek det så lenge exp ikkje er passert (ei klokke som går etter, er greitt).",
    "diagnosis.claims.iat.ahead":
      "iat er {skew} s føre no; Maskinporten godtek høgst {max} s føre («Issue time is after now»). Klokka på maskinen som signerer, går for fort.",
    "diagnosis.claims.iat.ahead.fix": "Hald klokka synkronisert (NTP) og set iat til notid.",
    "diagnosis.claims.exp.expired": "Granten gjekk ut for {seconds} s sidan.",
    "diagnosis.claims.exp.expired.fix": "Lag ein ny grant og send han med ein gong.",
    "diagnosis.claims.jti.ok": "jti finst (kvar grant kan brukast éin gong).",
    "diagnosis.claims.jti.missing":
      "jti manglar. Dokumentasjonen til Maskinporten tilrår han heller enn å krevje han; utan han kan ein grant som blir send på nytt, ikkje avvisast.",
    "diagnosis.claims.jti.missing.fix": "Legg ein ny tilfeldig jti (ein UUID) i kvar grant.",
    "diagnosis.claims.consumer-org.ok":
      "Granten bed om eit token på vegner av {consumerOrg}: Maskinporten sjekkar at {consumerOrg} har delegert scopet til organisasjonen til klienten i Altinn (MP-251 om ikkje), og consumer i tokenet blir {consumerOrg}.",
    "diagnosis.claims.consumer-org.format":
      "consumer_org {consumerOrg} er ikkje eit organisasjonsnummer (9 siffer, som tekst).",
    "diagnosis.claims.consumer-org.format.fix":
      'Send consumer_org som ein tekst med 9 siffer, t.d. "910753614".',
    "diagnosis.claims.resource":
      "resource bed om eit token med avgrensa audience: aud blir {resource}.",
    "diagnosis.claims.pid": "pid avgrensar tokenet til éin sluttbrukar (tillate, valfritt).",
    "diagnosis.claims.scope.empty": "scope er tomt.",
    "diagnosis.claims.scope.empty.fix": "Be om minst eitt scope klienten har.",
    "diagnosis.claims.scope.type": "scope må vere ein tekst med scope skilde med mellomrom.",
    "diagnosis.claims.scope.type.fix":
      "Send scope som éin tekst med scopa skilde med mellomrom, ikkje som ei liste.",
    "diagnosis.scope.client.ok": "Alle scopa det blir bede om, er på klienten.",
    "diagnosis.scope.client.missing": "Ikkje på klienten: {scopes}.",
    "diagnosis.scope.client.missing.fix": "Legg scopet til på klienten, eller slutt å be om det.",
    "diagnosis.scope.granted.ok": "Organisasjonen kan bruke alle scopa det blir bede om.",
    "diagnosis.scope.granted.missing":
      "Organisasjonen har ikkje tilgang til: {scopes} (ikkje gitt tilgang, ikkje eige, ikkje ope for alle).",
    "diagnosis.scope.granted.missing.fix": "Be eigaren av scopet gi organisasjonen din tilgang.",
    "diagnosis.summary.grant.ok": "Ein JWT-grant; alle reglar som kan sjekkast her, er i orden.",
    "diagnosis.summary.grant.fails":
      "Ein JWT-grant Maskinporten vil avvise: {count, plural, one {# regel feilar} other {# reglar feilar}}.",
    "diagnosis.summary.grant.fails-mp":
      "Ein JWT-grant Maskinporten vil avvise: {count, plural, one {# regel feilar} other {# reglar feilar}} (vent {mpCode}).",
    "diagnosis.summary.access-token.ok": "Eit access token frå Maskinporten.",
    "diagnosis.summary.access-token.refused":
      "Eit access token frå Maskinporten, men eit API vil avvise det.",
    "diagnosis.summary.token-response.opaque":
      "Ein vellukka token-respons med eit ugjennomsiktig access token (ikkje ein JWT).",
    "diagnosis.summary.token-error": "Token-endepunktet i Maskinporten avviste granten.",
    "diagnosis.summary.token-error-mp":
      "Token-endepunktet i Maskinporten avviste granten med {mpCode}.",
    "diagnosis.summary.self-service-error": "API-et for sjølvbetening avviste kallet med {status}.",
    "diagnosis.summary.self-service-error-correlation":
      "API-et for sjølvbetening avviste kallet med {status} (correlation_id {correlationId}).",
    "diagnosis.summary.problem": "Portvakt-serveren svarte {status} ({title}).",
    "diagnosis.summary.unknown": "Portvakt kjenner ikkje att det du limte inn.",
    "diagnosis.summary.jwt.undecodable":
      "Dette ser ut som ein JWT, men headeren eller innhaldet kan ikkje dekodast.",
    "diagnosis.context.client-unreadable":
      "Klienten {clientId} kunne ikkje lesast i dette miljøet (ikkje organisasjonen sin, eller ukjend); nøklane, scopa og signaturen til granten vart ikkje sjekka.",
  },
});

/** Every code of the diagnosis's table. */
export type DiagnosisMessageCode = keyof typeof diagnosisMessages.en;
