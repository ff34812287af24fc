import type { I18n, MessageKey } from "../../../lib/i18n";

/** The actions the BFF records, grouped for the filter; a group's value is its prefix. */
export const ACTION_GROUPS = [
  {
    prefix: "scope.",
    label: "audit.group.scope",
    actions: ["scope.create", "scope.update", "scope.deactivate", "scope.reactivate"],
  },
  { prefix: "access.", label: "audit.group.access", actions: ["access.grant", "access.revoke"] },
  {
    prefix: "client.",
    label: "audit.group.client",
    actions: ["client.create", "client.update", "client.delete"],
  },
  {
    prefix: "key",
    label: "audit.group.key",
    actions: ["key.add", "key.remove", "keys.replace", "keys.remove-all"],
  },
  { prefix: "token.", label: "audit.group.token", actions: ["token.issue", "token.revoke"] },
  { prefix: "", label: "audit.group.other", actions: ["altinn.provision", "config.apply"] },
] as const satisfies readonly { prefix: string; label: MessageKey; actions: readonly string[] }[];

const KNOWN = new Set<string>(ACTION_GROUPS.flatMap((g) => g.actions));

/** An action in plain words; unknown ones (a newer BFF) are shown as they are. */
export function actionLabel(t: I18n["t"], action: string): string {
  if (KNOWN.has(action)) return t(`audit.action.${action}` as MessageKey);
  if (action.startsWith("config.apply.")) {
    return t("audit.action.config.applyStep", { step: action.slice("config.apply.".length) });
  }
  return action;
}

/** A role as the person reads it; "none" (a refusal without a role) and unknown ones too. */
export function roleLabel(t: I18n["t"], role: string): string {
  return role === "viewer" || role === "operator" || role === "admin"
    ? t(`role.name.${role}`)
    : t("audit.role.none");
}
