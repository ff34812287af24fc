import type { orgStatusNb } from "./organization-status-messages";

export const orgStatusEn: Record<keyof typeof orgStatusNb, string> = {
  "orgStatus.state.active": "Active in the Central Coordinating Register",
  "orgStatus.state.bankrupt": "Bankrupt",
  "orgStatus.state.winding-up": "Being wound up",
  "orgStatus.state.forced-winding-up": "Under compulsory winding-up or dissolution",
  "orgStatus.state.deleted": "Deleted",
  "orgStatus.state.not-found": "Not in the Central Coordinating Register",
  "orgStatus.deletedOn": "Deleted {date}",
  "orgStatus.unavailable": "State in the Central Coordinating Register unknown (no answer)",
  "orgStatus.off": "State in the Central Coordinating Register not looked up (switched off)",
  "orgStatus.confirmTitle": "Grant access anyway?",
  "orgStatus.confirmBody":
    "{org} is registered as “{state}” in the Central Coordinating Register. Grant it {count, plural, one {# scope} other {# scopes}} anyway?",
  "orgStatus.confirm": "Grant anyway",
  "orgStatus.confirmManyBody":
    "{orgs, plural, one {# organisation is} other {# organisations are}} not active in the Central Coordinating Register. Grant {count, plural, one {# scope} other {# scopes}} anyway?",
};
