import type { promotionNb } from "./messages";

export const promotionEn: Record<keyof typeof promotionNb, string> = {
  "promotion.nav": "Promotion",
  "promotion.title": "Promotion from test to prod",
  "promotion.description":
    "Compare two environments' configuration (scopes, grants and clients, clients matched by name), see the difference as a plan, and apply the steps you choose to the target. Keys are never promoted: each environment has its own.",
  "promotion.role.what": "promote to the target environment",
  "promotion.envs": "Environments",
  "promotion.from": "From (source)",
  "promotion.to": "To (target)",
  "promotion.toHelp": "The changes are made here. In prod every step must be chosen one by one.",
  "promotion.noRoleTo": "You have no role in {env}.",
  "promotion.sameEnv": "Choose two different environments.",
  "promotion.mappingEmpty": "Paste or upload the mapping file.",
  "promotion.mappingNotJson": "The mapping file looks like JSON but is not valid JSON.",
  "promotion.onlyOneEnv": "Promotion needs at least two configured environments.",
  "promotion.mapping": "Mapping file",
  "promotion.mappingFile": "Upload a mapping file (YAML or JSON)",
  "promotion.mappingFileHelp":
    "Or paste it below. The README describes the format under “Promotion from test to prod”.",
  "promotion.mappingText": "The mapping file",
  "promotion.mappingHelp":
    "organizations: org number in the source → number in the target (null = leave out). prefixes: scope prefix in the source → prefix in the target. clients: client names that differ.",
  "promotion.example": "Insert an example",
  "promotion.plan": "Make the plan",
  "promotion.planFailed": "The plan could not be made",
  "promotion.planTitle": "Plan for {to}",
  "promotion.planSummary": "{total, plural, =0 {No differences} one {# step} other {# steps}}",
  "promotion.choose": "Include: {summary}",
  "promotion.chooseAll": "{count, plural, one {Include the step} other {Include all # steps}}",
  "promotion.chosen": "{chosen} of {total, plural, one {# step} other {# steps}} chosen",
  "promotion.apply":
    "{count, plural, =0 {Choose steps to apply} one {Apply # chosen step to {to}} other {Apply # chosen steps to {to}}}",
  "promotion.applyHelp":
    "A step that needs another (e.g. a grant of a new scope) is refused until that one is chosen too.",
  "promotion.applyFailed": "The promotion was not applied",
  "promotion.changed":
    "The mapping or the environments changed after the plan. Make the plan again.",
  "promotion.document": "The promoted document (YAML)",
  "promotion.documentHelp":
    "The source through the mapping, for the target, with the target's own keys. The plan is this document against the target.",
  "promotion.adminNeeded":
    "An operator may apply grants and revokes only; the other chosen steps need an administrator.",
};
