/** Text of the access-request inbox (issue 14 #17), spread into lib/messages.ts. */
export const requestsNb = {
  "requests.nav": "Forespørsler",
  "requests.title": "Forespørsler om tilgang",
  "requests.description":
    "Organisasjoner som har bedt om tilgang til våre scopes. Godkjenn gir tilgang; avslå lagrer forespørselen som trukket tilbake.",
  "requests.tableCaption": "Forespørsler som venter på svar",
  "requests.col.requested": "Forespurt",
  "requests.approve": "Godkjenn",
  "requests.deny": "Avslå",
  "requests.approveNamed": "Godkjenn {orgno} for {scope}",
  "requests.denyNamed": "Avslå {orgno} for {scope}",
  "requests.approved": "{orgno} har fått tilgang til {scope}",
  "requests.denied": "Forespørselen fra {orgno} om {scope} er avslått",
  "requests.failed": "Kunne ikke svare på forespørselen fra {orgno}",
  "requests.denyTitle": "Avslå forespørselen?",
  "requests.denyBody":
    "{org} får ikke tilgang til {scope}. Raden blir stående som trukket tilbake.",
  "requests.empty": "Ingen forespørsler venter",
  "requests.emptyHelp": "Når en organisasjon ber om tilgang til et av våre scopes, vises det her.",
  "requests.loadFailed": "Kunne ikke hente forespørslene",
  "requests.count": "{count, plural, one {# forespørsel venter} other {# forespørsler venter}}",
} as const;

export const requestsEn: Record<keyof typeof requestsNb, string> = {
  "requests.nav": "Requests",
  "requests.title": "Access requests",
  "requests.description":
    "Organisations that asked for access to our scopes. Approve grants access; deny keeps the request as revoked.",
  "requests.tableCaption": "Requests waiting for an answer",
  "requests.col.requested": "Requested",
  "requests.approve": "Approve",
  "requests.deny": "Deny",
  "requests.approveNamed": "Approve {orgno} for {scope}",
  "requests.denyNamed": "Deny {orgno} for {scope}",
  "requests.approved": "{orgno} was granted {scope}",
  "requests.denied": "The request of {orgno} for {scope} was denied",
  "requests.failed": "Could not answer the request of {orgno}",
  "requests.denyTitle": "Deny the request?",
  "requests.denyBody": "{org} does not get access to {scope}. The row stays, as revoked.",
  "requests.empty": "No requests are waiting",
  "requests.emptyHelp": "When an organisation asks for access to one of our scopes, it shows here.",
  "requests.loadFailed": "Could not load the requests",
  "requests.count": "{count, plural, one {# request is waiting} other {# requests are waiting}}",
};

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
