/** Text of organisations' state in Enhetsregisteret (issue 14 #16), spread into lib/messages.ts. */
export const orgStatusNb = {
  "orgStatus.state.active": "Aktiv i Enhetsregisteret",
  "orgStatus.state.bankrupt": "Konkurs",
  "orgStatus.state.winding-up": "Under avvikling",
  "orgStatus.state.forced-winding-up": "Under tvangsavvikling eller tvangsoppløsning",
  "orgStatus.state.deleted": "Slettet",
  "orgStatus.state.not-found": "Finnes ikke i Enhetsregisteret",
  "orgStatus.deletedOn": "Slettet {date}",
  "orgStatus.unavailable": "Status i Enhetsregisteret er ukjent (ikke svar)",
  "orgStatus.confirmTitle": "Gi tilgang likevel?",
  "orgStatus.confirmBody":
    "{org} er registrert som «{state}» i Enhetsregisteret. Vil du likevel gi tilgang til {count, plural, one {# scope} other {# scopes}}?",
  "orgStatus.confirm": "Gi tilgang likevel",
  "orgStatus.confirmManyBody":
    "{orgs, plural, one {# organisasjon er ikke aktiv} other {# organisasjoner er ikke aktive}} i Enhetsregisteret. Vil du likevel gi tilgang til {count, plural, one {# scope} other {# scopes}}?",
} as const;

export const orgStatusEn: Record<keyof typeof orgStatusNb, string> = {
  "orgStatus.state.active": "Active in the Central Coordinating Register",
  "orgStatus.state.bankrupt": "Bankrupt",
  "orgStatus.state.winding-up": "Being wound up",
  "orgStatus.state.forced-winding-up": "Under compulsory winding-up or dissolution",
  "orgStatus.state.deleted": "Deleted",
  "orgStatus.state.not-found": "Not in the Central Coordinating Register",
  "orgStatus.deletedOn": "Deleted {date}",
  "orgStatus.unavailable": "State in the Central Coordinating Register unknown (no answer)",
  "orgStatus.confirmTitle": "Grant access anyway?",
  "orgStatus.confirmBody":
    "{org} is registered as “{state}” in the Central Coordinating Register. Grant it {count, plural, one {# scope} other {# scopes}} anyway?",
  "orgStatus.confirm": "Grant anyway",
  "orgStatus.confirmManyBody":
    "{orgs, plural, one {# organisation is} other {# organisations are}} not active in the Central Coordinating Register. Grant {count, plural, one {# scope} other {# scopes}} anyway?",
};

export const orgStatusNn: Record<keyof typeof orgStatusNb, string> = {
  "orgStatus.state.active": "Aktiv i Einingsregisteret",
  "orgStatus.state.bankrupt": "Konkurs",
  "orgStatus.state.winding-up": "Under avvikling",
  "orgStatus.state.forced-winding-up": "Under tvangsavvikling eller tvangsoppløysing",
  "orgStatus.state.deleted": "Sletta",
  "orgStatus.state.not-found": "Finst ikkje i Einingsregisteret",
  "orgStatus.deletedOn": "Sletta {date}",
  "orgStatus.unavailable": "Status i Einingsregisteret er ukjend (ikkje svar)",
  "orgStatus.confirmTitle": "Gi tilgang likevel?",
  "orgStatus.confirmBody":
    "{org} er registrert som «{state}» i Einingsregisteret. Vil du likevel gi tilgang til {count, plural, one {# scope} other {# scope}}?",
  "orgStatus.confirm": "Gi tilgang likevel",
  "orgStatus.confirmManyBody":
    "{orgs, plural, one {# organisasjon er ikkje aktiv} other {# organisasjonar er ikkje aktive}} i Einingsregisteret. Vil du likevel gi tilgang til {count, plural, one {# scope} other {# scope}}?",
};
