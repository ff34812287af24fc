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
