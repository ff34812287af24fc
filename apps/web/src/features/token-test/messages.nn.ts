import type { tokenTestNb } from "./messages";

/** Nynorsk. */
export const tokenTestNn: Record<keyof typeof tokenTestNb, string> = {
  "tokenTest.nav": "Token-test",
  "tokenTest.title": "Test ein token-førespurnad",
  "tokenTest.description":
    "Signer ein JWT-grant i nettlesaren med ein privat nøkkel du har, send han til token-endepunktet til Maskinporten og sjå tokenet eller feilen forklart.",
  "tokenTest.loadFailed": "Kunne ikkje hente token-endepunktet til miljøet",
  "tokenTest.prod":
    "Token-testaren blir ikkje køyrd i produksjon: eit produksjonstoken er ein ekte tilgang til ekte API-ar. Bruk demo- eller testmiljøet.",
  "tokenTest.privacy":
    "Den private nøkkelen blir verande i nettlesaren. Berre den signerte granten blir send; Portvakt viser tokenet dekoda og sender aldri sjølve tokenet til nettlesaren.",
  "tokenTest.issuer": "Utferdar (aud)",
  "tokenTest.endpoint": "Token-endepunkt",
  "tokenTest.client": "Klient",
  "tokenTest.chooseClient": "Vel klient …",
  "tokenTest.keySource": "Privat nøkkel",
  "tokenTest.useGenerated": "Nøkkelen som er laga i denne fana",
  "tokenTest.noGenerated": "ingen laga for klienten",
  "tokenTest.useFile": "Frå fil (PKCS#8 PEM eller privat JWK)",
  "tokenTest.keyFile": "Fil med privat nøkkel",
  "tokenTest.keyFileHelp":
    "Blir berre lesen i nettlesaren. PKCS#8 (BEGIN PRIVATE KEY) eller JWK med d.",
  "tokenTest.keyLoaded": "Lasta {name} (berre i nettlesaren).",
  "tokenTest.key.pkcs1":
    "Dette er PKCS#1 (BEGIN RSA PRIVATE KEY). Gjer han om med: openssl pkcs8 -topk8 -nocrypt -in key.pem",
  "tokenTest.key.public":
    "Dette er ein offentleg nøkkel eller eit sertifikat; signering krev den private nøkkelen.",
  "tokenTest.key.unreadable": "Fila kan ikkje lesast som ein privat RSA-nøkkel.",
  "tokenTest.key.missing": "Vel ei fil med den private nøkkelen.",
  "tokenTest.key.reload": "Algoritmen er endra: vel fila på nytt.",
  "tokenTest.kid": "kid i headeren",
  "tokenTest.kidHelp": "ID-en som nøkkelen er registrert med på klienten.",
  "tokenTest.alg": "Algoritme",
  "tokenTest.scopes": "Scope",
  "tokenTest.noScopes": "Klienten har ingen scope.",
  "tokenTest.send": "Signer og send",
  "tokenTest.signFailed": "Kunne ikkje signere: {detail}",
  "tokenTest.sendFailed": "Token-testen feila",
  "tokenTest.ok": "Token utferda med kid {kid}",
  "tokenTest.okDetail":
    "Scope: {scope}. Gyldig i {seconds, plural, one {# sekund} other {# sekund}}.",
  "tokenTest.okNote": "Sjølve tokenet blir verande på tenaren; her blir det vist dekoda.",
  "tokenTest.header": "Header",
  "tokenTest.claims": "Claims",
  "tokenTest.back": "Tilbake til nøkkelrotasjonen",
  "tokenTest.failed": "Maskinporten avviste granten",
  "tokenTest.cause": "Årsak:",
  "tokenTest.fix": "Slik rettar du det:",
  "tokenTest.checks": "Diagnose av granten",
  "tokenTest.seeChecks": "Diagnosen av granten står under.",
};
