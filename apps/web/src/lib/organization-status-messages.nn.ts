import type { orgStatusNb } from "./organization-status-messages";

export const orgStatusNn: Record<keyof typeof orgStatusNb, string> = {
  "orgStatus.state.active": "Aktiv i Einingsregisteret",
  "orgStatus.state.bankrupt": "Konkurs",
  "orgStatus.state.winding-up": "Under avvikling",
  "orgStatus.state.forced-winding-up": "Under tvangsavvikling eller tvangsoppløysing",
  "orgStatus.state.deleted": "Sletta",
  "orgStatus.state.not-found": "Finst ikkje i Einingsregisteret",
  "orgStatus.deletedOn": "Sletta {date}",
  "orgStatus.unavailable": "Status i Einingsregisteret er ukjend (ikkje svar)",
  "orgStatus.off": "Status i Einingsregisteret vert ikkje slått opp (slått av)",
  "orgStatus.confirmTitle": "Gi tilgang likevel?",
  "orgStatus.confirmBody":
    "{org} er registrert som «{state}» i Einingsregisteret. Vil du likevel gi tilgang til {count, plural, one {# scope} other {# scope}}?",
  "orgStatus.confirm": "Gi tilgang likevel",
  "orgStatus.confirmManyBody":
    "{orgs, plural, one {# organisasjon er ikkje aktiv} other {# organisasjonar er ikkje aktive}} i Einingsregisteret. Vil du likevel gi tilgang til {count, plural, one {# scope} other {# scope}}?",
};
