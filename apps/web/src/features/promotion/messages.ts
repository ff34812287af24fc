/** Text of the promotion page (issue 18, 3), spread into lib/messages.ts. */
export const promotionNb = {
  "promotion.nav": "Promotering",
  "promotion.title": "Promotering fra test til prod",
  "promotion.description":
    "Sammenlign konfigurasjonen i to miljøer (scopes, tilganger og klienter, klienter matchet på navn), se forskjellen som en plan og bruk de stegene du velger i målmiljøet. Nøkler promoteres aldri: hvert miljø har sine egne.",
  "promotion.role.what": "promotere til målmiljøet",
  "promotion.envs": "Miljøer",
  "promotion.from": "Fra (kilde)",
  "promotion.to": "Til (mål)",
  "promotion.toHelp": "Endringene gjøres her. I prod må hvert steg velges enkeltvis.",
  "promotion.noRoleTo": "Du har ingen rolle i {env}.",
  "promotion.sameEnv": "Velg to ulike miljøer.",
  "promotion.mappingEmpty": "Lim inn eller last opp koblingsfilen.",
  "promotion.mappingNotJson": "Koblingsfilen ser ut som JSON, men er ikke gyldig JSON.",
  "promotion.onlyOneEnv": "Promotering trenger minst to konfigurerte miljøer.",
  "promotion.mapping": "Koblingsfil",
  "promotion.mappingFile": "Last opp koblingsfil (YAML eller JSON)",
  "promotion.mappingFileHelp":
    "Eller lim den inn under. Formatet står i README-en under «Promotion from test to prod».",
  "promotion.mappingText": "Koblingsfilen",
  "promotion.mappingHelp":
    "organizations: organisasjonsnummer i kilden → nummer i målet (null = utelat). prefixes: scope-prefiks i kilden → prefiks i målet. clients: klientnavn som er ulike.",
  "promotion.example": "Sett inn eksempel",
  "promotion.plan": "Lag plan",
  "promotion.planFailed": "Kunne ikke lage planen",
  "promotion.planTitle": "Plan for {to}",
  "promotion.planSummary": "{total, plural, =0 {Ingen forskjeller} one {# steg} other {# steg}}",
  "promotion.choose": "Ta med: {summary}",
  "promotion.chooseAll": "{count, plural, one {Ta med steget} other {Ta med alle # stegene}}",
  "promotion.chosen": "{chosen} av {total} steg er valgt",
  "promotion.apply":
    "{count, plural, =0 {Velg steg å bruke} one {Bruk # valgt steg i {to}} other {Bruk # valgte steg i {to}}}",
  "promotion.applyHelp":
    "Et steg som trenger et annet (f.eks. en tilgang til et nytt scope) avvises til det andre også er valgt.",
  "promotion.applyFailed": "Promoteringen ble ikke utført",
  "promotion.changed": "Koblingsfilen eller miljøene er endret etter planen. Lag planen på nytt.",
  "promotion.document": "Det promoterte dokumentet (YAML)",
  "promotion.documentHelp":
    "Kilden gjennom koblingsfilen, for målmiljøet, med målets egne nøkler. Planen er dette dokumentet mot målet.",
  "promotion.adminNeeded":
    "Bare tilganger kan brukes med operatørrollen; de andre valgte stegene trenger administrator.",
} as const;
