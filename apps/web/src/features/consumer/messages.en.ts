import type { consumerNb } from "./messages";

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
