import type { requestsNb } from "./messages";

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
