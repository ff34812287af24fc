/** Text of key generation, rotation and the keys overview (spread into lib/messages.ts). */
export const keysNb = {
  "keys.legacy": "Uten use",
  "keys.legacyHelp":
    'Registrert før Digdirs API-endring 22.05.2025, uten «use». Nøkkelen virker; Portvakt skriver den tilbake med "use":"sig".',
  "keys.oddRow": "Avvik",
  "keygen.open": "Lag nøkkel i nettleseren",
  "keygen.title": "Lag nøkkelpar i nettleseren",
  "keygen.privacy":
    "Nøkkelparet lages i denne nettleseren. Bare den offentlige delen sendes til Maskinporten; den private nøkkelen forlater aldri maskinen din.",
  "keygen.size": "Nøkkelstørrelse",
  "keygen.bits": "RSA {bits} bit",
  "keygen.kid": "Nøkkel-ID (kid)",
  "keygen.kidHelp": "Foreslått ut fra klientnavn og dato; unik blant klientens nøkler.",
  "keygen.kidInvalid": "En kid har bare bokstaver, sifre og . _ -",
  "keygen.generate": "Lag nøkkelpar",
  "keygen.generated": "Laget RSA-nøkkel på {bits} bit med kid {kid}.",
  "keygen.saveTitle": "Lagre den private nøkkelen nå",
  "keygen.saveBody":
    "Portvakt tar ikke vare på den. Lagre den på et trygt sted og legg den ut i systemet som skal hente token. Lukker du siden, er den borte.",
  "keygen.downloadPem": "Last ned privat nøkkel (PKCS#8 PEM)",
  "keygen.downloadJwk": "Last ned privat nøkkel (JWK)",
  "keygen.stored": "Jeg har lagret den private nøkkelen et annet sted",
  "keygen.storeFirst":
    "Last ned den private nøkkelen (eller kryss av for at du har lagret den) før du registrerer den offentlige.",
  "keygen.register": "Registrer den offentlige nøkkelen",
  "keygen.registered": "Den offentlige nøkkelen {kid} er registrert.",
  "keygen.testIt": "Test den i token-testeren",
  "rotate.start": "Roter nøkkel",
  "rotate.title": "Nøkkelrotasjon",
  "rotate.intro":
    "Legg den nye nøkkelen ved siden av de gamle, ta den i bruk, bekreft at den virker, og fjern så den gamle – uten nedetid.",
  "rotate.close": "Lukk veiviseren",
  "rotate.done": "ferdig",
  "rotate.step1": "Legg til en ny nøkkel",
  "rotate.newKey": "Ny nøkkel:",
  "rotate.full":
    "Klienten har allerede {max} nøkler, det meste Maskinporten tillater. Fjern en utløpt eller ubrukt nøkkel først.",
  "rotate.step2": "Ta den nye nøkkelen i bruk",
  "rotate.deployed": "Den nye private nøkkelen er lagt ut i systemet som henter token",
  "rotate.deployedHelp":
    "Systemet må signere med den nye nøkkelen og dens kid før den gamle fjernes.",
  "rotate.tested": "En token-forespørsel med kid {kid} har lyktes",
  "rotate.testedOk": "Bekreftet",
  "rotate.notTested": "Ikke testet",
  "rotate.openTester": "Test i token-testeren",
  "rotate.step3": "Fjern den gamle nøkkelen",
  "rotate.oldKey": "Gammel nøkkel",
  "rotate.removeOld": "Fjern den gamle nøkkelen",
  "rotate.removeHelp": "Kryss av for begge punktene over først.",
  "rotate.noOld": "Klienten har ingen andre nøkler.",
  "rotate.finished": "Rotasjonen er ferdig: {kid} er fjernet.",
  "keysOverview.nav": "Nøkler",
  "keysOverview.title": "Alle nøkler",
  "keysOverview.description":
    "Alle nøkler på alle aktive klienter, sortert etter utløp. Nøkler utløper ett år etter at de ble lagt til; roter dem 30 dager før.",
  "keysOverview.col.client": "Klient",
  "keysOverview.col.customer": "Kunde",
  "keysOverview.empty": "Ingen klienter har nøkler.",
  "keysOverview.rotate": "Roter",
  "keysOverview.warning":
    "{count, plural, one {# nøkkel utløper} other {# nøkler utløper}} innen 30 dager eller har utløpt. Roter dem før token-forespørsler feiler (MP-121).",
  "keysOverview.showAll": "Se alle nøkler",
} as const;
