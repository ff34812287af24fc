import type { keysNb } from "./messages";

/** Nynorsk. */
export const keysNn: Record<keyof typeof keysNb, string> = {
  "keys.legacy": "Utan use",
  "keys.legacyHelp":
    'Registrert før Digdir si API-endring 22.05.2025, utan «use». Nøkkelen verkar; Portvakt skriv han tilbake med "use":"sig".',
  "keys.oddRow": "Avvik",
  "keygen.open": "Lag nøkkel i nettlesaren",
  "keygen.title": "Lag nøkkelpar i nettlesaren",
  "keygen.privacy":
    "Nøkkelparet blir laga i denne nettlesaren. Berre den offentlege delen blir send til Maskinporten; den private nøkkelen forlèt aldri maskina di.",
  "keygen.size": "Nøkkelstorleik",
  "keygen.bits": "RSA {bits} bit",
  "keygen.kid": "Nøkkel-ID (kid)",
  "keygen.kidHelp": "Føreslått ut frå klientnamn og dato; unik blant nøklane til klienten.",
  "keygen.kidInvalid": "Ein kid har berre bokstavar, siffer og . _ -",
  "keygen.generate": "Lag nøkkelpar",
  "keygen.generated": "Laga RSA-nøkkel på {bits} bit med kid {kid}.",
  "keygen.saveTitle": "Lagre den private nøkkelen no",
  "keygen.saveBody":
    "Portvakt tek ikkje vare på han. Lagre han på ein trygg stad og legg han ut i systemet som skal hente token. Lukkar du sida, er han borte.",
  "keygen.downloadPem": "Last ned privat nøkkel (PKCS#8 PEM)",
  "keygen.downloadJwk": "Last ned privat nøkkel (JWK)",
  "keygen.stored": "Eg har lagra den private nøkkelen ein annan stad",
  "keygen.storeFirst":
    "Last ned den private nøkkelen (eller kryss av for at du har lagra han) før du registrerer den offentlege.",
  "keygen.register": "Registrer den offentlege nøkkelen",
  "keygen.registered": "Den offentlege nøkkelen {kid} er registrert.",
  "keygen.testIt": "Test han i token-testaren",
  "rotate.start": "Roter nøkkel",
  "rotate.title": "Nøkkelrotasjon",
  "rotate.intro":
    "Legg den nye nøkkelen ved sida av dei gamle, ta han i bruk, stadfest at han verkar, og fjern så den gamle – utan nedetid.",
  "rotate.close": "Lukk vegvisaren",
  "rotate.done": "ferdig",
  "rotate.step1": "Legg til ein ny nøkkel",
  "rotate.newKey": "Ny nøkkel:",
  "rotate.full":
    "Klienten har allereie {max} nøklar, det meste Maskinporten tillèt. Fjern ein nøkkel som har gått ut eller ikkje er i bruk, først.",
  "rotate.step2": "Ta den nye nøkkelen i bruk",
  "rotate.deployed": "Den nye private nøkkelen er lagd ut i systemet som hentar token",
  "rotate.deployedHelp":
    "Systemet må signere med den nye nøkkelen og kid-en hans før den gamle blir fjerna.",
  "rotate.tested": "Ein token-førespurnad med kid {kid} har lukkast",
  "rotate.testedOk": "Stadfesta",
  "rotate.notTested": "Ikkje testa",
  "rotate.openTester": "Test i token-testaren",
  "rotate.step3": "Fjern den gamle nøkkelen",
  "rotate.oldKey": "Gammal nøkkel",
  "rotate.removeOld": "Fjern den gamle nøkkelen",
  "rotate.removeHelp": "Kryss av for begge punkta over først.",
  "rotate.noOld": "Klienten har ingen andre nøklar.",
  "rotate.finished": "Rotasjonen er ferdig: {kid} er fjerna.",
  "keysOverview.nav": "Nøklar",
  "keysOverview.title": "Alle nøklar",
  "keysOverview.description":
    "Alle nøklar på alle aktive klientar, sorterte etter når dei går ut. Nøklar går ut eitt år etter at dei vart lagde til; roter dei 30 dagar før.",
  "keysOverview.col.client": "Klient",
  "keysOverview.col.customer": "Kunde",
  "keysOverview.empty": "Ingen klientar har nøklar.",
  "keysOverview.rotate": "Roter",
  "keysOverview.warning":
    "{count, plural, one {# nøkkel går} other {# nøklar går}} ut innan 30 dagar eller har gått ut. Roter dei før token-førespurnader feilar (MP-121).",
  "keysOverview.showAll": "Sjå alle nøklar",
};
