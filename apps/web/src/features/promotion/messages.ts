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
  "promotion.chooseAll": "Ta med alle {count} stegene",
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

export const promotionNn: Record<keyof typeof promotionNb, string> = {
  "promotion.nav": "Promotering",
  "promotion.title": "Promotering frå test til prod",
  "promotion.description":
    "Samanlikn konfigurasjonen i to miljø (scope, tilgangar og klientar, klientar matcha på namn), sjå skilnaden som ein plan og bruk dei stega du vel i målmiljøet. Nøklar blir aldri promoterte: kvart miljø har sine eigne.",
  "promotion.role.what": "promotere til målmiljøet",
  "promotion.envs": "Miljø",
  "promotion.from": "Frå (kjelde)",
  "promotion.to": "Til (mål)",
  "promotion.toHelp": "Endringane blir gjorde her. I prod må kvart steg veljast enkeltvis.",
  "promotion.noRoleTo": "Du har inga rolle i {env}.",
  "promotion.sameEnv": "Vel to ulike miljø.",
  "promotion.onlyOneEnv": "Promotering treng minst to konfigurerte miljø.",
  "promotion.mapping": "Koplingsfil",
  "promotion.mappingFile": "Last opp koplingsfil (YAML eller JSON)",
  "promotion.mappingFileHelp":
    "Eller lim ho inn under. Formatet står i README-en under «Promotion from test to prod».",
  "promotion.mappingText": "Koplingsfila",
  "promotion.mappingHelp":
    "organizations: organisasjonsnummer i kjelda → nummer i målet (null = utelat). prefixes: scope-prefiks i kjelda → prefiks i målet. clients: klientnamn som er ulike.",
  "promotion.example": "Set inn døme",
  "promotion.plan": "Lag plan",
  "promotion.planFailed": "Kunne ikkje lage planen",
  "promotion.planTitle": "Plan for {to}",
  "promotion.planSummary": "{total, plural, =0 {Ingen skilnader} one {# steg} other {# steg}}",
  "promotion.choose": "Ta med: {summary}",
  "promotion.chooseAll": "Ta med alle dei {count} stega",
  "promotion.chosen": "{chosen} av {total} steg er valde",
  "promotion.apply":
    "{count, plural, =0 {Vel steg å bruke} one {Bruk # valt steg i {to}} other {Bruk # valde steg i {to}}}",
  "promotion.applyHelp":
    "Eit steg som treng eit anna (t.d. ein tilgang til eit nytt scope) blir avvist til det andre òg er valt.",
  "promotion.applyFailed": "Promoteringa vart ikkje utført",
  "promotion.changed": "Koplingsfila eller miljøa er endra etter planen. Lag planen på nytt.",
  "promotion.document": "Det promoterte dokumentet (YAML)",
  "promotion.documentHelp":
    "Kjelda gjennom koplingsfila, for målmiljøet, med målet sine eigne nøklar. Planen er dette dokumentet mot målet.",
  "promotion.adminNeeded":
    "Berre tilgangar kan brukast med operatørrolla; dei andre valde stega treng administrator.",
};

export const promotionEn: Record<keyof typeof promotionNb, string> = {
  "promotion.nav": "Promotion",
  "promotion.title": "Promotion from test to prod",
  "promotion.description":
    "Compare two environments' configuration (scopes, grants and clients, clients matched by name), see the difference as a plan, and apply the steps you choose to the target. Keys are never promoted: each environment has its own.",
  "promotion.role.what": "promote to the target environment",
  "promotion.envs": "Environments",
  "promotion.from": "From (source)",
  "promotion.to": "To (target)",
  "promotion.toHelp": "The changes are made here. In prod every step must be chosen one by one.",
  "promotion.noRoleTo": "You have no role in {env}.",
  "promotion.sameEnv": "Choose two different environments.",
  "promotion.onlyOneEnv": "Promotion needs at least two configured environments.",
  "promotion.mapping": "Mapping file",
  "promotion.mappingFile": "Upload a mapping file (YAML or JSON)",
  "promotion.mappingFileHelp":
    "Or paste it below. The README describes the format under “Promotion from test to prod”.",
  "promotion.mappingText": "The mapping file",
  "promotion.mappingHelp":
    "organizations: org number in the source → number in the target (null = leave out). prefixes: scope prefix in the source → prefix in the target. clients: client names that differ.",
  "promotion.example": "Insert an example",
  "promotion.plan": "Make the plan",
  "promotion.planFailed": "The plan could not be made",
  "promotion.planTitle": "Plan for {to}",
  "promotion.planSummary": "{total, plural, =0 {No differences} one {# step} other {# steps}}",
  "promotion.choose": "Include: {summary}",
  "promotion.chooseAll": "Include all {count} steps",
  "promotion.chosen": "{chosen} of {total} steps chosen",
  "promotion.apply":
    "{count, plural, =0 {Choose steps to apply} one {Apply # chosen step to {to}} other {Apply # chosen steps to {to}}}",
  "promotion.applyHelp":
    "A step that needs another (e.g. a grant of a new scope) is refused until that one is chosen too.",
  "promotion.applyFailed": "The promotion was not applied",
  "promotion.changed":
    "The mapping or the environments changed after the plan. Make the plan again.",
  "promotion.document": "The promoted document (YAML)",
  "promotion.documentHelp":
    "The source through the mapping, for the target, with the target's own keys. The plan is this document against the target.",
  "promotion.adminNeeded":
    "An operator may apply grants and revokes only; the other chosen steps need an administrator.",
};
