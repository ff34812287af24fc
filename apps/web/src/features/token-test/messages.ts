/** Text of the token request tester (spread into lib/messages.ts). */
export const tokenTestNb = {
  "tokenTest.nav": "Token-test",
  "tokenTest.title": "Test en token-forespørsel",
  "tokenTest.description":
    "Signer en JWT-grant i nettleseren med en privat nøkkel du har, send den til Maskinportens token-endepunkt og se tokenet eller feilen forklart.",
  "tokenTest.loadFailed": "Kunne ikke hente miljøets token-endepunkt",
  "tokenTest.prod":
    "Token-tester kjøres ikke i produksjon: et produksjonstoken er en ekte tilgang til ekte API-er. Bruk demo- eller testmiljøet.",
  "tokenTest.privacy":
    "Den private nøkkelen blir i nettleseren. Bare den signerte granten sendes; Portvakt viser tokenet dekodet og sender aldri selve tokenet til nettleseren.",
  "tokenTest.issuer": "Utsteder (aud)",
  "tokenTest.endpoint": "Token-endepunkt",
  "tokenTest.client": "Klient",
  "tokenTest.chooseClient": "Velg klient …",
  "tokenTest.keySource": "Privat nøkkel",
  "tokenTest.useGenerated": "Nøkkelen laget i denne fanen",
  "tokenTest.noGenerated": "ingen laget for klienten",
  "tokenTest.useFile": "Fra fil (PKCS#8 PEM eller privat JWK)",
  "tokenTest.keyFile": "Fil med privat nøkkel",
  "tokenTest.keyFileHelp": "Leses bare i nettleseren. PKCS#8 (BEGIN PRIVATE KEY) eller JWK med d.",
  "tokenTest.keyLoaded": "Lastet {name} (bare i nettleseren).",
  "tokenTest.key.pkcs1":
    "Dette er PKCS#1 (BEGIN RSA PRIVATE KEY). Gjør den om med: openssl pkcs8 -topk8 -nocrypt -in key.pem",
  "tokenTest.key.public":
    "Dette er en offentlig nøkkel eller et sertifikat; signering krever den private nøkkelen.",
  "tokenTest.key.unreadable": "Filen kan ikke leses som en privat RSA-nøkkel.",
  "tokenTest.key.reload": "Algoritmen er endret: velg filen på nytt.",
  "tokenTest.kid": "kid i headeren",
  "tokenTest.kidHelp": "ID-en nøkkelen er registrert med på klienten.",
  "tokenTest.alg": "Algoritme",
  "tokenTest.scopes": "Scopes",
  "tokenTest.noScopes": "Klienten har ingen scopes.",
  "tokenTest.send": "Signer og send",
  "tokenTest.signFailed": "Kunne ikke signere: {detail}",
  "tokenTest.sendFailed": "Token-testen feilet",
  "tokenTest.ok": "Token utstedt med kid {kid}",
  "tokenTest.okDetail":
    "Scope: {scope}. Gyldig i {seconds, plural, one {# sekund} other {# sekunder}}.",
  "tokenTest.okNote": "Selve tokenet blir på serveren; her vises det dekodet.",
  "tokenTest.header": "Header",
  "tokenTest.claims": "Claims",
  "tokenTest.back": "Tilbake til nøkkelrotasjonen",
  "tokenTest.failed": "Maskinporten avviste granten",
  "tokenTest.cause": "Årsak:",
  "tokenTest.fix": "Slik fikser du det:",
  "tokenTest.checks": "Diagnose av granten",
  "tokenTest.seeChecks": "Diagnosen av granten står under.",
} as const;
