import { defineMessages } from "@portvakt/contracts";

/**
 * The texts of Maskinporten's rules in nb, nn and en (docs/i18n.md): the token errors' causes
 * and fixes (`token-error.<id>.cause|fix`, ids lowercased: `mp-121`), the 401/403 FAQ's causes
 * (`faq.*`) and the private JWK shapes (`jwk.*`). The English side is what the client library,
 * the BFF and the CLI say; the web app registers the table and renders every language.
 */
export const maskinportenRulesMessages = defineMessages({
  en: {
    "token-error.mp-121.cause":
      "The key registered on the client under the grant's kid has expired. A key lives one year from when it was posted on the client.",
    "token-error.mp-121.fix":
      "Register a new key on the client and sign with it (or post the same key again to renew it), then remove the old one.",
    "token-error.mp-110.cause":
      "The grant's aud is not this environment's issuer: another environment, a typo, the token endpoint URL, or a missing or extra trailing slash.",
    "token-error.mp-110.fix":
      "Set aud to the issuer exactly, e.g. https://test.maskinporten.no/ (with the trailing slash, without /token).",
    "token-error.mp-120.cause":
      "Maskinporten does not accept the certificate in x5c: it is not a valid business certificate, it has expired or been revoked, or a production certificate is used in test (or a test certificate in production).",
    "token-error.mp-120.fix":
      "Sign with a valid business certificate (virksomhetssertifikat) issued for this environment.",
    "token-error.mp-122.cause":
      "The business certificate was issued to another organisation number than the one that owns the client.",
    "token-error.mp-122.fix":
      "Sign with a certificate issued to the client's organisation, or register the client on the certificate's organisation.",
    "token-error.mp-123.cause":
      "The x5c header cannot be used: it must be an array of base64 DER certificates, leaf first (a single string is refused). A client with registered keys must name one with kid instead.",
    "token-error.mp-123.fix":
      "Send x5c as an array of base64 DER certificates, leaf first, without PEM headers or line breaks; or, for a client with registered keys, send kid.",
    "token-error.mp-124.cause":
      "The grant's signature does not verify with the key its header names: the kid is not registered on the client (for example removed in a rotation), or the grant was signed with another private key than the one registered under that kid or than the certificate in x5c.",
    "token-error.mp-124.fix":
      "Sign with the private key whose public half is registered on the client under the kid in the header (or that belongs to the certificate in x5c).",
    "token-error.mp-130.cause":
      "The grant's times are off: it has expired (used too late, or already used), it lives longer than 120 seconds, or the signing machine's clock is more than 10 seconds ahead of Maskinporten's.",
    "token-error.mp-130.fix":
      "Make a new grant for each request with iat = now and exp at most iat + 120, send it at once, and keep the clock in sync (NTP).",
    "token-error.mp-012.cause":
      "This grant (its jti) was used before; every grant may be used once.",
    "token-error.mp-012.fix":
      "Make a new grant with a fresh random jti (a UUID) for every token request.",
    "token-error.mp-100.cause":
      "Maskinporten does not know the client in iss in this environment: a typo in the client_id, something other than the client_id in iss, or a client from the other environment (test vs production).",
    "token-error.mp-100.fix":
      "Set iss to the client_id of an active client registered in the environment whose aud you use.",
    "token-error.consumer-org-own.cause":
      "consumer_org names the same organisation as the one that owns the client; delegation only applies when a supplier acts for another organisation.",
    "token-error.consumer-org-own.fix": "Remove the consumer_org claim.",
    "token-error.mp-011.cause":
      "The grant cannot be read: often an accidental line break or another typo in the JWT, a claim Maskinporten does not know, a missing claim, or a claim of the wrong type.",
    "token-error.mp-011.fix":
      "Send the JWT on one line without spaces or line breaks, with only aud, iss, scope, iat, exp, jti (and resource, pid, consumer_org, iss_onbehalfof or authorization_details when needed).",
    "token-error.mp-201.cause":
      "A requested scope does not allow Maskinporten clients: its allowed_integration_types leave out maskinporten.",
    "token-error.mp-201.fix":
      "Use a client of an integration type the scope allows, or ask the scope's owner to allow maskinporten.",
    "token-error.mp-200.cause":
      "A requested scope is not registered on the client (or is misspelt, does not exist or is deactivated).",
    "token-error.mp-200.fix":
      "Add the scope to the client, or request only scopes the client carries; check the spelling.",
    "token-error.mp-251.cause":
      "The organisation in consumer_org has not delegated this scope to the supplier in Altinn (or delegated another right). Delegations made in Altinn do not apply in Altinn's test environment tt02.",
    "token-error.mp-251.fix":
      "The consumer must sign in to Altinn and delegate the right to the supplier.",
    "token-error.mp-250.cause":
      "The organisation has not been granted access to the requested scope.",
    "token-error.mp-250.fix":
      "Ask the scope's owner (the API provider) to grant your organisation access, or request a scope you have access to.",
    "token-error.mp-301.cause":
      "authorization_details asks for a type Maskinporten does not support.",
    "token-error.mp-301.fix":
      "Request only the authorization_details types listed in Maskinporten's metadata.",
    "token-error.mp-302.cause": "authorization_details contains fields Maskinporten does not know.",
    "token-error.mp-302.fix": "Remove the unknown fields from authorization_details.",
    "token-error.mp-303.cause": "One or more values in authorization_details are not valid.",
    "token-error.mp-303.fix":
      "Correct the values the error message names in authorization_details.",

    "faq.token-missing": "The call was sent without an access token.",
    "faq.token-missing.fix":
      "Send the header Authorization: Bearer followed by the access token with every call; every self-service call needs a token from Maskinporten.",
    "faq.token-expired":
      "The access token had expired when it was sent (tokens live about 120 seconds).",
    "faq.token-expired.fix":
      "Request a new token before the call, and check that this machine's clock is right (NTP).",
    "faq.token-environment":
      "The token was issued by the other Maskinporten environment (test vs prod).",
    "faq.token-environment.known":
      "The token comes from the {tokenEnvironment} environment ({issuer}) but was sent to the {apiEnvironment} self-service API ({api}).",
    "faq.token-environment.fix":
      "Use the issuer and credential of the same environment as the API (test.maskinporten.no for api.test.samarbeid.digdir.no).",
    "faq.not-admin-client":
      "The token's client is not an admin client: the token holds no idporten: admin scope.",
    "faq.not-admin-client.scopes":
      "The token carries no admin scope (it has: {scopes}), so its client is not an admin client of the self-service API.",
    "faq.not-admin-client.fix":
      "Use the admin client Digdir registered for the organisation, and request its idporten: admin scopes.",
    "faq.unknown":
      "The self-service API did not accept the token. The usual causes are an expired or missing token, a token from the other environment (test vs prod), or a token whose client is not registered as an admin client.",
    "faq.unknown.retried":
      "The self-service API did not accept the token. The call was repeated once with a freshly fetched token and was refused again, so an expired token is unlikely: the token is probably from the other environment, or its client is not registered as an admin client.",
    "faq.unknown.fix":
      "Request a fresh token in the same environment with the admin client and its idporten: scopes.",
    "faq.forbidden":
      "The token is valid but not allowed to do this: the admin client may lack an admin scope, or the resource belongs to another organisation.",
    "faq.forbidden.fix":
      "Check the admin client's scopes and that the resource is this organisation's.",
    "faq.other-organisation":
      "The token carries {scope}, so the refusal is about the resource itself: it most likely belongs to another organisation than the one in the token.",
    "faq.other-organisation.fix":
      "Check that the scope, client or grant belongs to this organisation.",
    "faq.admin-scope-not-issued":
      "This call needs the admin scope {scope}, which the token does not carry (it has: {scopes}).",
    "faq.admin-scope-not-issued.fix":
      "Maskinporten did not issue it, so the admin client does not have it: ask Digdir (servicedesk@digdir.no) to add it.",
    "faq.admin-scope-missing": "This call needs the admin scope {scope}.",
    "faq.admin-scope-missing.carried":
      "This call needs the admin scope {scope}, which the token does not carry (it has: {scopes}).",
    "faq.admin-scope-missing.fix":
      "Add it to the admin scopes requested (and ask Digdir to add it to the admin client if it lacks it).",

    "jwk.unreadable": "The text is neither JSON nor base64 of JSON; expected a private JWK.",
    "jwk.no-private-key":
      "The text is {shape, select, jwk {a JWK} base64 {base64 of a JWK} jwks {a key set} other {a JSON array of keys}} with {keys, plural, one {# key} other {# keys}}, none of them private (no d). A public key cannot sign.",
    "jwk.several-private-keys":
      "The text is {shape, select, jwk {a JWK} base64 {base64 of a JWK} jwks {a key set} other {a JSON array of keys}} with {keys} private keys; give exactly one.",
    "jwk.not-rsa":
      "The private key is of type {kty}; Maskinporten grants are signed with RSA keys.",
  },
  nb: {
    "token-error.mp-121.cause":
      "Nøkkelen som er registrert på klienten under grantens kid, er utløpt. En nøkkel lever ett år fra den ble lagt på klienten.",
    "token-error.mp-121.fix":
      "Registrer en ny nøkkel på klienten og signer med den (eller legg inn den samme nøkkelen på nytt for å fornye den), og fjern så den gamle.",
    "token-error.mp-110.cause":
      "aud i granten er ikke utstederen i dette miljøet: et annet miljø, en skrivefeil, token-endepunktets URL, eller skråstrek til slutt mangler eller er for mye.",
    "token-error.mp-110.fix":
      "Sett aud til utstederen nøyaktig, f.eks. https://test.maskinporten.no/ (med skråstrek til slutt, uten /token).",
    "token-error.mp-120.cause":
      "Maskinporten godtar ikke sertifikatet i x5c: det er ikke et gyldig virksomhetssertifikat, det er utløpt eller tilbakekalt, eller et produksjonssertifikat brukes i test (eller et testsertifikat i produksjon).",
    "token-error.mp-120.fix":
      "Signer med et gyldig virksomhetssertifikat utstedt for dette miljøet.",
    "token-error.mp-122.cause":
      "Virksomhetssertifikatet er utstedt til et annet organisasjonsnummer enn det som eier klienten.",
    "token-error.mp-122.fix":
      "Signer med et sertifikat utstedt til klientens organisasjon, eller registrer klienten på sertifikatets organisasjon.",
    "token-error.mp-123.cause":
      "x5c-headeren kan ikke brukes: den må være en liste med base64 DER-sertifikater, bladsertifikatet først (én enkelt tekst avvises). En klient med registrerte nøkler må i stedet nevne en av dem med kid.",
    "token-error.mp-123.fix":
      "Send x5c som en liste med base64 DER-sertifikater, bladsertifikatet først, uten PEM-hoder eller linjeskift; eller send kid for en klient med registrerte nøkler.",
    "token-error.mp-124.cause":
      "Signaturen på granten stemmer ikke med nøkkelen headeren nevner: kid er ikke registrert på klienten (for eksempel fjernet ved rotasjon), eller granten er signert med en annen privat nøkkel enn den som er registrert under denne kid, eller enn sertifikatet i x5c.",
    "token-error.mp-124.fix":
      "Signer med den private nøkkelen som har sin offentlige del registrert på klienten under kid i headeren (eller som hører til sertifikatet i x5c).",
    "token-error.mp-130.cause":
      "Tidene i granten stemmer ikke: den er utløpt (brukt for sent, eller allerede brukt), den lever lenger enn 120 sekunder, eller klokka på maskinen som signerer, går mer enn 10 sekunder foran Maskinportens.",
    "token-error.mp-130.fix":
      "Lag en ny grant for hver forespørsel med iat = nå og exp høyst iat + 120, send den straks, og hold klokka synkronisert (NTP).",
    "token-error.mp-012.cause":
      "Denne granten (dens jti) er brukt før; hver grant kan brukes én gang.",
    "token-error.mp-012.fix":
      "Lag en ny grant med en ny tilfeldig jti (en UUID) for hver token-forespørsel.",
    "token-error.mp-100.cause":
      "Maskinporten kjenner ikke klienten i iss i dette miljøet: en skrivefeil i client_id, noe annet enn client_id i iss, eller en klient fra det andre miljøet (test eller produksjon).",
    "token-error.mp-100.fix":
      "Sett iss til client_id for en aktiv klient registrert i miljøet du bruker som aud.",
    "token-error.consumer-org-own.cause":
      "consumer_org nevner den samme organisasjonen som eier klienten; delegering gjelder bare når en leverandør opptrer for en annen organisasjon.",
    "token-error.consumer-org-own.fix": "Fjern claimet consumer_org.",
    "token-error.mp-011.cause":
      "Granten kan ikke leses: ofte et utilsiktet linjeskift eller en annen skrivefeil i JWT-en, et claim Maskinporten ikke kjenner, et manglende claim eller et claim av feil type.",
    "token-error.mp-011.fix":
      "Send JWT-en på én linje uten mellomrom eller linjeskift, med bare aud, iss, scope, iat, exp, jti (og resource, pid, consumer_org, iss_onbehalfof eller authorization_details ved behov).",
    "token-error.mp-201.cause":
      "Et scope det bes om, tillater ikke Maskinporten-klienter: allowed_integration_types utelater maskinporten.",
    "token-error.mp-201.fix":
      "Bruk en klient av en integrasjonstype scopet tillater, eller be eieren av scopet tillate maskinporten.",
    "token-error.mp-200.cause":
      "Et scope det bes om, er ikke registrert på klienten (eller er feilstavet, finnes ikke eller er deaktivert).",
    "token-error.mp-200.fix":
      "Legg scopet til på klienten, eller be bare om scopes klienten har; sjekk stavemåten.",
    "token-error.mp-251.cause":
      "Organisasjonen i consumer_org har ikke delegert dette scopet til leverandøren i Altinn (eller har delegert en annen rettighet). Delegeringer gjort i Altinn gjelder ikke i Altinns testmiljø tt02.",
    "token-error.mp-251.fix":
      "Konsumenten må logge inn i Altinn og delegere rettigheten til leverandøren.",
    "token-error.mp-250.cause": "Organisasjonen har ikke fått tilgang til scopet det bes om.",
    "token-error.mp-250.fix":
      "Be eieren av scopet (API-tilbyderen) gi organisasjonen din tilgang, eller be om et scope dere har tilgang til.",
    "token-error.mp-301.cause": "authorization_details ber om en type Maskinporten ikke støtter.",
    "token-error.mp-301.fix":
      "Be bare om authorization_details-typer som står i Maskinportens metadata.",
    "token-error.mp-302.cause": "authorization_details har felt Maskinporten ikke kjenner.",
    "token-error.mp-302.fix": "Fjern de ukjente feltene fra authorization_details.",
    "token-error.mp-303.cause": "En eller flere verdier i authorization_details er ugyldige.",
    "token-error.mp-303.fix": "Rett verdiene feilmeldingen nevner i authorization_details.",

    "faq.token-missing": "Kallet ble sendt uten access token.",
    "faq.token-missing.fix":
      "Send headeren Authorization: Bearer etterfulgt av access tokenet med hvert kall; alle kall til selvbetjeningen trenger et token fra Maskinporten.",
    "faq.token-expired":
      "Access tokenet var utløpt da det ble sendt (tokens lever rundt 120 sekunder).",
    "faq.token-expired.fix":
      "Hent et nytt token før kallet, og sjekk at klokka på denne maskinen går riktig (NTP).",
    "faq.token-environment":
      "Tokenet er utstedt av det andre Maskinporten-miljøet (test eller prod).",
    "faq.token-environment.known":
      "Tokenet kommer fra miljøet {tokenEnvironment} ({issuer}), men ble sendt til selvbetjenings-API-et i {apiEnvironment} ({api}).",
    "faq.token-environment.fix":
      "Bruk utsteder og virksomhetssertifikat/nøkkel fra samme miljø som API-et (test.maskinporten.no for api.test.samarbeid.digdir.no).",
    "faq.not-admin-client":
      "Tokenets klient er ikke en admin-klient: tokenet har ikke noe idporten:-admin-scope.",
    "faq.not-admin-client.scopes":
      "Tokenet har ikke noe admin-scope (det har: {scopes}), så klienten er ikke en admin-klient for selvbetjenings-API-et.",
    "faq.not-admin-client.fix":
      "Bruk admin-klienten Digdir har registrert for organisasjonen, og be om dens idporten:-admin-scopes.",
    "faq.unknown":
      "Selvbetjenings-API-et godtok ikke tokenet. De vanlige årsakene er et utløpt eller manglende token, et token fra det andre miljøet (test eller prod), eller et token med en klient som ikke er registrert som admin-klient.",
    "faq.unknown.retried":
      "Selvbetjenings-API-et godtok ikke tokenet. Kallet ble gjentatt én gang med et nytt token og ble avvist igjen, så et utløpt token er lite sannsynlig: tokenet er trolig fra det andre miljøet, eller klienten er ikke registrert som admin-klient.",
    "faq.unknown.fix":
      "Hent et nytt token i samme miljø med admin-klienten og dens idporten:-scopes.",
    "faq.forbidden":
      "Tokenet er gyldig, men har ikke lov til dette: admin-klienten kan mangle et admin-scope, eller ressursen tilhører en annen organisasjon.",
    "faq.forbidden.fix":
      "Sjekk admin-klientens scopes og at ressursen tilhører denne organisasjonen.",
    "faq.other-organisation":
      "Tokenet har {scope}, så avvisningen gjelder selve ressursen: den tilhører mest sannsynlig en annen organisasjon enn den i tokenet.",
    "faq.other-organisation.fix":
      "Sjekk at scopet, klienten eller tilgangen tilhører denne organisasjonen.",
    "faq.admin-scope-not-issued":
      "Dette kallet trenger admin-scopet {scope}, som tokenet ikke har (det har: {scopes}).",
    "faq.admin-scope-not-issued.fix":
      "Maskinporten utstedte det ikke, så admin-klienten har det ikke: be Digdir (servicedesk@digdir.no) legge det til.",
    "faq.admin-scope-missing": "Dette kallet trenger admin-scopet {scope}.",
    "faq.admin-scope-missing.carried":
      "Dette kallet trenger admin-scopet {scope}, som tokenet ikke har (det har: {scopes}).",
    "faq.admin-scope-missing.fix":
      "Legg det til blant admin-scopene det bes om (og be Digdir legge det til på admin-klienten om den mangler det).",

    "jwk.unreadable": "Teksten er verken JSON eller base64 av JSON; forventet en privat JWK.",
    "jwk.no-private-key":
      "Teksten er {shape, select, jwk {en JWK} base64 {base64 av en JWK} jwks {et nøkkelsett} other {en JSON-liste med nøkler}} med {keys, plural, one {# nøkkel} other {# nøkler}}, ingen av dem private (ingen d). En offentlig nøkkel kan ikke signere.",
    "jwk.several-private-keys":
      "Teksten er {shape, select, jwk {en JWK} base64 {base64 av en JWK} jwks {et nøkkelsett} other {en JSON-liste med nøkler}} med {keys} private nøkler; gi nøyaktig én.",
    "jwk.not-rsa":
      "Den private nøkkelen er av typen {kty}; granter til Maskinporten signeres med RSA-nøkler.",
  },
  nn: {
    "token-error.mp-121.cause":
      "Nøkkelen som er registrert på klienten under kid-en i granten, har gått ut. Ein nøkkel lever eitt år frå han vart lagd på klienten.",
    "token-error.mp-121.fix":
      "Registrer ein ny nøkkel på klienten og signer med han (eller legg inn den same nøkkelen på nytt for å fornye han), og fjern så den gamle.",
    "token-error.mp-110.cause":
      "aud i granten er ikkje utferdaren i dette miljøet: eit anna miljø, ein skrivefeil, URL-en til token-endepunktet, eller skråstrek til slutt manglar eller er for mykje.",
    "token-error.mp-110.fix":
      "Set aud til utferdaren nøyaktig, t.d. https://test.maskinporten.no/ (med skråstrek til slutt, utan /token).",
    "token-error.mp-120.cause":
      "Maskinporten godtek ikkje sertifikatet i x5c: det er ikkje eit gyldig verksemdssertifikat, det har gått ut eller er tilbakekalla, eller eit produksjonssertifikat blir brukt i test (eller eit testsertifikat i produksjon).",
    "token-error.mp-120.fix":
      "Signer med eit gyldig verksemdssertifikat utferda for dette miljøet.",
    "token-error.mp-122.cause":
      "Verksemdssertifikatet er utferda til eit anna organisasjonsnummer enn det som eig klienten.",
    "token-error.mp-122.fix":
      "Signer med eit sertifikat utferda til organisasjonen som eig klienten, eller registrer klienten på organisasjonen til sertifikatet.",
    "token-error.mp-123.cause":
      "x5c-headeren kan ikkje brukast: han må vere ei liste med base64 DER-sertifikat, bladsertifikatet først (éin einskild tekst blir avvist). Ein klient med registrerte nøklar må i staden nemne ein av dei med kid.",
    "token-error.mp-123.fix":
      "Send x5c som ei liste med base64 DER-sertifikat, bladsertifikatet først, utan PEM-hovud eller linjeskift; eller send kid for ein klient med registrerte nøklar.",
    "token-error.mp-124.cause":
      "Signaturen på granten stemmer ikkje med nøkkelen headeren nemner: kid-en er ikkje registrert på klienten (til dømes fjerna ved rotasjon), eller granten er signert med ein annan privat nøkkel enn den som er registrert under denne kid-en, eller enn sertifikatet i x5c.",
    "token-error.mp-124.fix":
      "Signer med den private nøkkelen som har den offentlege delen sin registrert på klienten under kid-en i headeren (eller som høyrer til sertifikatet i x5c).",
    "token-error.mp-130.cause":
      "Tidene i granten stemmer ikkje: han har gått ut (brukt for seint, eller alt brukt), han lever lenger enn 120 sekund, eller klokka på maskinen som signerer, går meir enn 10 sekund føre Maskinporten si.",
    "token-error.mp-130.fix":
      "Lag ein ny grant for kvar førespurnad med iat = no og exp høgst iat + 120, send han med ein gong, og hald klokka synkronisert (NTP).",
    "token-error.mp-012.cause":
      "Denne granten (jti-en hans) er brukt før; kvar grant kan brukast éin gong.",
    "token-error.mp-012.fix":
      "Lag ein ny grant med ein ny tilfeldig jti (ein UUID) for kvar token-førespurnad.",
    "token-error.mp-100.cause":
      "Maskinporten kjenner ikkje klienten i iss i dette miljøet: ein skrivefeil i client_id, noko anna enn client_id i iss, eller ein klient frå det andre miljøet (test eller produksjon).",
    "token-error.mp-100.fix":
      "Set iss til client_id for ein aktiv klient registrert i miljøet du brukar som aud.",
    "token-error.consumer-org-own.cause":
      "consumer_org nemner den same organisasjonen som eig klienten; delegering gjeld berre når ein leverandør opptrer for ein annan organisasjon.",
    "token-error.consumer-org-own.fix": "Fjern claimet consumer_org.",
    "token-error.mp-011.cause":
      "Granten kan ikkje lesast: ofte eit utilsikta linjeskift eller ein annan skrivefeil i JWT-en, eit claim Maskinporten ikkje kjenner, eit claim som manglar, eller eit claim av feil type.",
    "token-error.mp-011.fix":
      "Send JWT-en på éi linje utan mellomrom eller linjeskift, med berre aud, iss, scope, iat, exp, jti (og resource, pid, consumer_org, iss_onbehalfof eller authorization_details ved behov).",
    "token-error.mp-201.cause":
      "Eit scope det blir bede om, tillèt ikkje Maskinporten-klientar: allowed_integration_types utelèt maskinporten.",
    "token-error.mp-201.fix":
      "Bruk ein klient av ein integrasjonstype scopet tillèt, eller be eigaren av scopet tillate maskinporten.",
    "token-error.mp-200.cause":
      "Eit scope det blir bede om, er ikkje registrert på klienten (eller er feilstava, finst ikkje eller er deaktivert).",
    "token-error.mp-200.fix":
      "Legg scopet til på klienten, eller be berre om scope klienten har; sjekk stavemåten.",
    "token-error.mp-251.cause":
      "Organisasjonen i consumer_org har ikkje delegert dette scopet til leverandøren i Altinn (eller har delegert ein annan rett). Delegeringar gjorde i Altinn gjeld ikkje i testmiljøet tt02 til Altinn.",
    "token-error.mp-251.fix":
      "Konsumenten må logge inn i Altinn og delegere retten til leverandøren.",
    "token-error.mp-250.cause":
      "Organisasjonen har ikkje fått tilgang til scopet det blir bede om.",
    "token-error.mp-250.fix":
      "Be eigaren av scopet (API-tilbydaren) gi organisasjonen din tilgang, eller be om eit scope de har tilgang til.",
    "token-error.mp-301.cause": "authorization_details bed om ein type Maskinporten ikkje støttar.",
    "token-error.mp-301.fix":
      "Be berre om authorization_details-typar som står i metadataa til Maskinporten.",
    "token-error.mp-302.cause": "authorization_details har felt Maskinporten ikkje kjenner.",
    "token-error.mp-302.fix": "Fjern dei ukjende felta frå authorization_details.",
    "token-error.mp-303.cause": "Éin eller fleire verdiar i authorization_details er ugyldige.",
    "token-error.mp-303.fix": "Rett verdiane feilmeldinga nemner i authorization_details.",

    "faq.token-missing": "Kallet vart sendt utan access token.",
    "faq.token-missing.fix":
      "Send headeren Authorization: Bearer etterfølgd av access tokenet med kvart kall; alle kall til sjølvbeteninga treng eit token frå Maskinporten.",
    "faq.token-expired":
      "Access tokenet hadde gått ut då det vart sendt (token lever rundt 120 sekund).",
    "faq.token-expired.fix":
      "Hent eit nytt token før kallet, og sjekk at klokka på denne maskinen går rett (NTP).",
    "faq.token-environment":
      "Tokenet er utferda av det andre Maskinporten-miljøet (test eller prod).",
    "faq.token-environment.known":
      "Tokenet kjem frå miljøet {tokenEnvironment} ({issuer}), men vart sendt til API-et for sjølvbetening i {apiEnvironment} ({api}).",
    "faq.token-environment.fix":
      "Bruk utferdar og verksemdssertifikat/nøkkel frå same miljø som API-et (test.maskinporten.no for api.test.samarbeid.digdir.no).",
    "faq.not-admin-client":
      "Klienten til tokenet er ikkje ein admin-klient: tokenet har ikkje noko idporten:-admin-scope.",
    "faq.not-admin-client.scopes":
      "Tokenet har ikkje noko admin-scope (det har: {scopes}), så klienten er ikkje ein admin-klient for API-et for sjølvbetening.",
    "faq.not-admin-client.fix":
      "Bruk admin-klienten Digdir har registrert for organisasjonen, og be om idporten:-admin-scopa hans.",
    "faq.unknown":
      "API-et for sjølvbetening godtok ikkje tokenet. Dei vanlege årsakene er eit token som har gått ut eller manglar, eit token frå det andre miljøet (test eller prod), eller eit token med ein klient som ikkje er registrert som admin-klient.",
    "faq.unknown.retried":
      "API-et for sjølvbetening godtok ikkje tokenet. Kallet vart gjenteke éin gong med eit nytt token og vart avvist igjen, så eit token som har gått ut, er lite truleg: tokenet er truleg frå det andre miljøet, eller klienten er ikkje registrert som admin-klient.",
    "faq.unknown.fix":
      "Hent eit nytt token i same miljø med admin-klienten og idporten:-scopa hans.",
    "faq.forbidden":
      "Tokenet er gyldig, men har ikkje lov til dette: admin-klienten kan mangle eit admin-scope, eller ressursen høyrer til ein annan organisasjon.",
    "faq.forbidden.fix":
      "Sjekk scopa til admin-klienten og at ressursen høyrer til denne organisasjonen.",
    "faq.other-organisation":
      "Tokenet har {scope}, så avvisinga gjeld sjølve ressursen: han høyrer truleg til ein annan organisasjon enn den i tokenet.",
    "faq.other-organisation.fix":
      "Sjekk at scopet, klienten eller tilgangen høyrer til denne organisasjonen.",
    "faq.admin-scope-not-issued":
      "Dette kallet treng admin-scopet {scope}, som tokenet ikkje har (det har: {scopes}).",
    "faq.admin-scope-not-issued.fix":
      "Maskinporten utferda det ikkje, så admin-klienten har det ikkje: be Digdir (servicedesk@digdir.no) leggje det til.",
    "faq.admin-scope-missing": "Dette kallet treng admin-scopet {scope}.",
    "faq.admin-scope-missing.carried":
      "Dette kallet treng admin-scopet {scope}, som tokenet ikkje har (det har: {scopes}).",
    "faq.admin-scope-missing.fix":
      "Legg det til mellom admin-scopa det blir bede om (og be Digdir leggje det til på admin-klienten om han manglar det).",

    "jwk.unreadable": "Teksten er verken JSON eller base64 av JSON; venta ein privat JWK.",
    "jwk.no-private-key":
      "Teksten er {shape, select, jwk {ein JWK} base64 {base64 av ein JWK} jwks {eit nøkkelsett} other {ei JSON-liste med nøklar}} med {keys, plural, one {# nøkkel} other {# nøklar}}, ingen av dei private (ingen d). Ein offentleg nøkkel kan ikkje signere.",
    "jwk.several-private-keys":
      "Teksten er {shape, select, jwk {ein JWK} base64 {base64 av ein JWK} jwks {eit nøkkelsett} other {ei JSON-liste med nøklar}} med {keys} private nøklar; gi nøyaktig éin.",
    "jwk.not-rsa":
      "Den private nøkkelen er av typen {kty}; grantar til Maskinporten blir signerte med RSA-nøklar.",
  },
});

export type MaskinportenRulesCode = keyof typeof maskinportenRulesMessages.en;
