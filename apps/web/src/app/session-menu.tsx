import { useState } from "react";
import { Button } from "../components/ui/button";
import { Badge } from "../components/ui/status";
import { useEnv } from "../lib/env";
import { useI18n } from "../lib/i18n";
import { signOut, useRole, useSession } from "../lib/session";

/** Who is signed in, their role in the active environment and what it allows, and sign-out. */
export function SessionMenu() {
  const { t } = useI18n();
  const env = useEnv();
  const role = useRole();
  const session = useSession();
  const [leaving, setLeaving] = useState(false);
  const roleName = role ? t(`role.name.${role}`) : t("role.none");
  const explain = t(`role.explain.${role ?? "none"}`);
  return (
    <div className="flex items-center gap-2" data-testid="session-person">
      <div className="flex min-w-0 flex-col text-sm leading-tight">
        <span className="font-medium" data-testid="session-name">
          <span className="sr-only">{t("session.signedInAs")} </span>
          {session.data?.name ?? "…"}
        </span>
        <span className="flex flex-wrap items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
          <span data-testid="session-role">
            <Badge tone={role === "admin" ? "info" : role ? "neutral" : "warning"}>
              {t("role.in", { role: roleName, env: env.label })}
            </Badge>
          </span>
          <span data-testid="session-role-explain">{explain}</span>
        </span>
      </div>
      <Button
        size="sm"
        pending={leaving}
        data-testid="sign-out"
        onClick={() => {
          setLeaving(true);
          void signOut();
        }}
      >
        {leaving ? t("session.signingOut") : t("session.signOut")}
      </Button>
    </div>
  );
}
