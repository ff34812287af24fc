import type { promotionNb } from "./messages";

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
  "promotion.mappingEmpty": "Lim inn eller last opp koplingsfila.",
  "promotion.mappingNotJson": "Koplingsfila ser ut som JSON, men er ikkje gyldig JSON.",
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
  "promotion.chooseAll": "{count, plural, one {Ta med steget} other {Ta med alle dei # stega}}",
  "promotion.chosen":
    "{chosen, plural, one {# av {total} steg er valt} other {# av {total} steg er valde}}",
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
