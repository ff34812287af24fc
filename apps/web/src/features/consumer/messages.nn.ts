import type { consumerNb } from "./messages";

export const consumerNn: Record<keyof typeof consumerNb, string> = {
  "consumer.nav": "Per organisasjon",
  "consumer.title": "Tilgangar for éin organisasjon",
  "consumer.description":
    "Sjå kva for scope av våre ein organisasjon har, og gi han fleire scope på éin gong.",
  "consumer.orgnoLabel": "Organisasjonsnummer",
  "consumer.orgnoHelp": "Ni siffer, t.d. 889640782.",
  "consumer.show": "Vis tilgangar",
  "consumer.nameUnknown": "Namnet er ikkje kjent i Einingsregisteret",
  "consumer.none": "Inga tilgang",
  "consumer.tableCaption": "Scopa våre og tilgangen til {org}",
  "consumer.col.scope": "Scope",
  "consumer.col.pick": "Vel",
  "consumer.pick": "Vel {scope}",
  "consumer.inactiveScope": "Deaktivert scope",
  "consumer.summary":
    "{org} har {approved, plural, one {# av scopa våre} other {# av scopa våre}} ({total} i alt).",
  "consumer.grantSelected":
    "{count, plural, =0 {Gi valde scope} one {Gi # scope} other {Gi # scope}}",
  "consumer.granted": "{org} har fått {count, plural, one {# nytt scope} other {# nye scope}}",
  "consumer.grantedSome": "{ok} gitt, {failed} feila. Sjå kvar rad.",
  "consumer.result.granted": "Gitt no",
  "consumer.result.failed": "Feila",
  "consumer.loadFailed": "Kunne ikkje hente tilgangane til organisasjonen",
  "consumer.noScopes": "Organisasjonen har ingen scope enno",
  "consumer.noScopesHelp": "Opprett eit scope først.",
  "consumer.enterOrgno": "Skriv eit organisasjonsnummer",
  "consumer.enterOrgnoHelp": "Tilgangane blir viste når nummeret er gyldig.",
};
