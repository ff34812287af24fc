import { useEnv } from "../../lib/env";
import { useI18n } from "../../lib/i18n";
import type { MessageKey } from "../../lib/messages";
import { type Role, useRoleGate } from "../../lib/session";
import { Notice } from "./status";

/**
 * Says, once per page, what the person's role leaves out, so disabled buttons are not a puzzle.
 * Renders nothing when the role allows `needed`.
 */
export function RoleNotice({ needed, what }: { needed: Role; what: MessageKey }) {
  const { t } = useI18n();
  const env = useEnv();
  const gate = useRoleGate(needed);
  if (gate.allowed) return null;
  return (
    <div className="mb-4" data-testid="role-notice">
      <Notice tone="info">
        {t("role.limited", {
          env: env.label,
          role: gate.role ? t(`role.name.${gate.role}`) : t("role.none"),
          explain: t(`role.explain.${gate.role ?? "none"}`),
          what: t(what),
          needed: t(`role.name.${needed}`),
        })}
      </Notice>
    </div>
  );
}
