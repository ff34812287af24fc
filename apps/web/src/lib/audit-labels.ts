import type { StepKind } from "@portvakt/config-as-code/answer";
import type { AuditAction } from "@portvakt/contracts";
import type { I18n, MessageKey } from "./i18n";

/** The label of every action the BFF records: a missing one is a compile error. */
const ACTION_LABELS: Record<AuditAction, MessageKey> = {
  "scope.create": "audit.action.scope.create",
  "scope.update": "audit.action.scope.update",
  "scope.deactivate": "audit.action.scope.deactivate",
  "scope.reactivate": "audit.action.scope.reactivate",
  "access.grant": "audit.action.access.grant",
  "access.revoke": "audit.action.access.revoke",
  "access.grant-many": "audit.action.access.grant-many",
  "access.revoke-many": "audit.action.access.revoke-many",
  "client.create": "audit.action.client.create",
  "client.update": "audit.action.client.update",
  "client.delete": "audit.action.client.delete",
  "key.add": "audit.action.key.add",
  "key.remove": "audit.action.key.remove",
  "keys.replace": "audit.action.keys.replace",
  "keys.remove-all": "audit.action.keys.remove-all",
  "altinn.provision": "audit.action.altinn.provision",
  "altinn.provision.dry-run": "audit.action.altinn.provision.dry-run",
  "config.apply": "audit.action.config.apply",
  "promotion.apply": "audit.action.promotion.apply",
  "token.issue": "audit.action.token.issue",
  "token.revoke": "audit.action.token.revoke",
  "admin-key.rotate": "audit.action.admin-key.rotate",
  "change-request.approve": "audit.action.change-request.approve",
  "change-request.reject": "audit.action.change-request.reject",
  "change-request.withdraw": "audit.action.change-request.withdraw",
};

/** Labels of config plan step kinds (`config.apply.<kind>`): a kind without one is a compile error. */
const STEP_LABELS: Record<StepKind, MessageKey> = {
  "scope.create": "config.kind.scope.create",
  "scope.reactivate": "config.kind.scope.reactivate",
  "scope.update": "config.kind.scope.update",
  "scope.deactivate": "config.kind.scope.deactivate",
  "access.grant": "config.kind.access.grant",
  "access.revoke": "config.kind.access.revoke",
  "client.create": "config.kind.client.create",
  "client.update": "config.kind.client.update",
  "key.add": "config.kind.key.add",
  "key.remove": "config.kind.key.remove",
};

/** The actions the BFF records, grouped for the filter; a group's value is its prefix. */
export const ACTION_GROUPS = [
  {
    prefix: "scope.",
    label: "audit.group.scope",
    actions: ["scope.create", "scope.update", "scope.deactivate", "scope.reactivate"],
  },
  {
    prefix: "access.",
    label: "audit.group.access",
    actions: ["access.grant", "access.revoke", "access.grant-many", "access.revoke-many"],
  },
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
  {
    prefix: "change-request.",
    label: "changeRequests.nav",
    actions: ["change-request.approve", "change-request.reject", "change-request.withdraw"],
  },
  {
    prefix: "",
    label: "audit.group.other",
    actions: [
      "altinn.provision",
      "altinn.provision.dry-run",
      "config.apply",
      "promotion.apply",
      "admin-key.rotate",
    ],
  },
] as const satisfies readonly {
  prefix: string;
  label: MessageKey;
  actions: readonly AuditAction[];
}[];

/** An action in plain words; unknown ones (a newer BFF) are shown as they are. */
export function actionLabel(t: I18n["t"], action: string): string {
  if (Object.hasOwn(ACTION_LABELS, action)) return t(ACTION_LABELS[action as AuditAction]);
  if (action.startsWith("config.apply.")) {
    const kind = action.slice("config.apply.".length);
    const step = Object.hasOwn(STEP_LABELS, kind) ? t(STEP_LABELS[kind as StepKind]) : kind;
    return t("audit.action.config.applyStep", { step });
  }
  return action;
}

/** A role as the person reads it; "none" (a refusal without a role) and unknown ones too. */
export function roleLabel(t: I18n["t"], role: string): string {
  return role === "viewer" || role === "operator" || role === "admin"
    ? t(`role.name.${role}`)
    : t("audit.role.none");
}

/** A coded sentence or target part from the BFF (`{code, params}`, docs/i18n.md). */
export interface CodedPart {
  code: string;
  params?: Record<string, string | number>;
}

/**
 * Coded parts (an audit target's `targetParts`, a change request's result `code` + `more`) in
 * the page's language, each part's text in order; an `action` parameter (an audit action key such
 * as `scope.update`) is shown by its label. `undefined` when there are no parts or a part's code
 * is not known to this version (the caller then shows the English as it came).
 */
export function codedPartsText(
  i18n: Pick<I18n, "t" | "tc">,
  parts: readonly CodedPart[] | undefined,
): string[] | undefined {
  if (!parts?.length) return undefined;
  const texts = parts.map((part) => {
    const params =
      typeof part.params?.action === "string"
        ? { ...part.params, action: actionLabel(i18n.t, part.params.action) }
        : part.params;
    return i18n.tc({ code: part.code, ...(params ? { params } : {}) }, "");
  });
  return texts.some((text) => !text) ? undefined : texts;
}
