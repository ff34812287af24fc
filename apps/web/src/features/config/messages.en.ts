import type { configNb } from "./messages";

export const configEn: Record<keyof typeof configNb, string> = {
  "nav.config": "Export / import",
  "config.title": "Export / import",
  "config.description":
    "The environment's scopes, grants and clients as one file: download it, change it, and see exactly what will change before you apply it.",

  "config.export.title": "Export",
  "config.export.help":
    "The document describes the current state of {env}. Two exports of the same state are byte-identical.",
  "config.export.format": "Format",
  "config.export.download": "Download",
  "config.export.openInEditor": "Open in the editor",
  "config.export.failed": "Could not export the environment",
  "config.export.schema": "JSON Schema of the document",

  "config.import.title": "Import",
  "config.import.file": "Upload a document",
  "config.import.fileHelp": ".yaml, .yml or .json",
  "config.import.label": "The document",
  "config.import.help": "YAML or JSON. Nothing changes until you have seen the plan and confirmed.",
  "config.import.plan": "Make a plan",
  "config.import.planFailed": "Could not plan the document",
  "config.import.changed": "The document has changed since the plan. Make the plan again.",

  "config.plan.title": "Plan for {env}",
  "config.plan.production": "Production: every step counts as dangerous and must be confirmed.",
  "config.plan.empty": "No changes: the environment already is as the document says.",
  "config.plan.summary": "{total, plural, one {# change} other {# changes}}, {dangerous} dangerous",
  "config.plan.warnings": "Notes",
  "config.plan.byScope": "By scope",
  "config.plan.byClient": "By client",
  "config.plan.other": "Other steps",
  "config.plan.reason": "Why: {reason}",
  "config.plan.dangerous": "Dangerous",
  "config.plan.confirm": "I confirm: {summary}",
  "config.plan.confirmAll":
    "{count, plural, one {Confirm the dangerous step} other {Confirm all # dangerous steps}}",
  "config.plan.confirmed":
    "{confirmed} of {total, plural, one {# dangerous step} other {# dangerous steps}} confirmed",
  "config.plan.col.field": "Field",
  "config.plan.col.before": "Before",
  "config.plan.col.after": "After",
  "config.plan.unsetLifetime": "empty: Maskinporten's default",
  "config.plan.fieldsCaption": "Field changes of the step",
  "config.plan.none": "—",
  "config.plan.apply": "Apply the plan ({count})",
  "config.plan.applyNeedsConfirm": "Confirm the dangerous steps first.",
  "config.plan.operatorOnly":
    "Your role may only grant and revoke access; this plan has other changes and needs an administrator.",
  "config.role.what": "Applying a plan",

  "config.kind.scope.create": "Create scope",
  "config.kind.scope.reactivate": "Reactivate scope",
  "config.kind.scope.update": "Update scope",
  "config.kind.scope.deactivate": "Deactivate scope",
  "config.kind.access.grant": "Grant access",
  "config.kind.access.revoke": "Revoke access",
  "config.kind.client.create": "Create client",
  "config.kind.client.update": "Update client",
  "config.kind.key.add": "Add key",
  "config.kind.key.remove": "Remove key",

  "config.apply.running": "Applying {count, plural, one {# step} other {# steps}} in {env} …",
  "config.apply.title": "Result",
  "config.apply.applied":
    "The plan has been applied: {done, plural, one {# step} other {# steps}} done",
  "config.apply.noChanges": "Nothing to do: the environment already was as the document says.",
  "config.apply.failedStatus": "Stopped at a failed step: {done} done, {notRun} not run",
  "config.apply.failed": "Could not apply the plan",
  "config.apply.caption": "Outcome per step",
  "config.apply.col.step": "Step",
  "config.apply.col.outcome": "Outcome",
  "config.outcome.pending": "Waiting",
  "config.outcome.done": "Done",
  "config.outcome.failed": "Failed",
  "config.outcome.not-run": "Not run",
  "config.stale.title": "The environment changed since the plan",
  "config.stale.body":
    "Someone changed {env} after the plan was made, so nothing was applied. Here is a new plan for the same document; review it and confirm again.",
  "config.stale.useNew": "Show the new plan",
};
