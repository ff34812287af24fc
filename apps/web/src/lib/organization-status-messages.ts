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
  "orgStatus.off": "Status i Enhetsregisteret slås ikke opp (slått av)",
  "orgStatus.confirmTitle": "Gi tilgang likevel?",
  "orgStatus.confirmBody":
    "{org} er registrert som «{state}» i Enhetsregisteret. Vil du likevel gi tilgang til {count, plural, one {# scope} other {# scopes}}?",
  "orgStatus.confirm": "Gi tilgang likevel",
  "orgStatus.confirmManyBody":
    "{orgs, plural, one {# organisasjon er ikke aktiv} other {# organisasjoner er ikke aktive}} i Enhetsregisteret. Vil du likevel gi tilgang til {count, plural, one {# scope} other {# scopes}}?",
} as const;
