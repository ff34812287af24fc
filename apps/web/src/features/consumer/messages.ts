/** Text of the per-consumer page (issue 14 #15), spread into lib/messages.ts. */
export const consumerNb = {
  "consumer.nav": "Per organisasjon",
  "consumer.title": "Tilganger for én organisasjon",
  "consumer.description":
    "Se hvilke av våre scopes en organisasjon har, og gi den flere scopes på én gang.",
  "consumer.orgnoLabel": "Organisasjonsnummer",
  "consumer.orgnoHelp": "Ni siffer, f.eks. 889640782.",
  "consumer.show": "Vis tilganger",
  "consumer.nameUnknown": "Navnet er ikke kjent i Enhetsregisteret",
  "consumer.none": "Ingen tilgang",
  "consumer.tableCaption": "Våre scopes og tilgangen til {org}",
  "consumer.col.scope": "Scope",
  "consumer.col.pick": "Velg",
  "consumer.pick": "Velg {scope}",
  "consumer.inactiveScope": "Deaktivert scope",
  "consumer.summary":
    "{org} har {approved, plural, one {# av våre scopes} other {# av våre scopes}} ({total} i alt).",
  "consumer.grantSelected":
    "{count, plural, =0 {Gi valgte scopes} one {Gi # scope} other {Gi # scopes}}",
  "consumer.granted": "{org} har fått {count, plural, one {# nytt scope} other {# nye scopes}}",
  "consumer.grantedSome": "{ok} gitt, {failed} feilet. Se hver rad.",
  "consumer.result.granted": "Gitt nå",
  "consumer.result.failed": "Feilet",
  "consumer.loadFailed": "Kunne ikke hente tilgangene til organisasjonen",
  "consumer.noScopes": "Organisasjonen har ingen scopes ennå",
  "consumer.noScopesHelp": "Opprett et scope først.",
  "consumer.enterOrgno": "Skriv et organisasjonsnummer",
  "consumer.enterOrgnoHelp": "Tilgangene vises når nummeret er gyldig.",
} as const;

export const consumerEn: Record<keyof typeof consumerNb, string> = {
  "consumer.nav": "Per organisation",
  "consumer.title": "Access of one organisation",
  "consumer.description":
    "See which of our scopes an organisation has, and grant it several scopes at once.",
  "consumer.orgnoLabel": "Organisation number",
  "consumer.orgnoHelp": "Nine digits, e.g. 889640782.",
  "consumer.show": "Show access",
  "consumer.nameUnknown": "The name is not known in the Central Coordinating Register",
  "consumer.none": "No access",
  "consumer.tableCaption": "Our scopes and the access of {org}",
  "consumer.col.scope": "Scope",
  "consumer.col.pick": "Pick",
  "consumer.pick": "Pick {scope}",
  "consumer.inactiveScope": "Deactivated scope",
  "consumer.summary":
    "{org} has {approved, plural, one {# of our scopes} other {# of our scopes}} ({total} in all).",
  "consumer.grantSelected":
    "{count, plural, =0 {Grant the picked scopes} one {Grant # scope} other {Grant # scopes}}",
  "consumer.granted": "{org} was granted {count, plural, one {# new scope} other {# new scopes}}",
  "consumer.grantedSome": "{ok} granted, {failed} failed. See each row.",
  "consumer.result.granted": "Granted now",
  "consumer.result.failed": "Failed",
  "consumer.loadFailed": "Could not load the organisation's access",
  "consumer.noScopes": "The organisation has no scopes yet",
  "consumer.noScopesHelp": "Create a scope first.",
  "consumer.enterOrgno": "Enter an organisation number",
  "consumer.enterOrgnoHelp": "The access is shown once the number is valid.",
};

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
