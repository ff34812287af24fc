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
