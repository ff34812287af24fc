import type { requestsNb } from "./messages";

export const requestsNn: Record<keyof typeof requestsNb, string> = {
  "requests.nav": "Førespurnader",
  "requests.title": "Førespurnader om tilgang",
  "requests.description":
    "Organisasjonar som har bede om tilgang til scopa våre. Godkjenn gir tilgang; avslå lagrar førespurnaden som trekt tilbake.",
  "requests.tableCaption": "Førespurnader som ventar på svar",
  "requests.col.requested": "Førespurd",
  "requests.approve": "Godkjenn",
  "requests.deny": "Avslå",
  "requests.approveNamed": "Godkjenn {orgno} for {scope}",
  "requests.denyNamed": "Avslå {orgno} for {scope}",
  "requests.approved": "{orgno} har fått tilgang til {scope}",
  "requests.denied": "Førespurnaden frå {orgno} om {scope} er avslått",
  "requests.failed": "Kunne ikkje svare på førespurnaden frå {orgno}",
  "requests.denyTitle": "Avslå førespurnaden?",
  "requests.denyBody": "{org} får ikkje tilgang til {scope}. Rada blir ståande som trekt tilbake.",
  "requests.empty": "Ingen førespurnader ventar",
  "requests.emptyHelp":
    "Når ein organisasjon ber om tilgang til eit av scopa våre, blir det vist her.",
  "requests.loadFailed": "Kunne ikkje hente førespurnadene",
  "requests.count": "{count, plural, one {# førespurnad ventar} other {# førespurnader ventar}}",
};
