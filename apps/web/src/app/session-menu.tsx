import { Dropdown } from "@digdir/designsystemet-react";
import { useState } from "react";
import { Button } from "../components/ui/button";
import { Badge } from "../components/ui/status";
import { useEnv } from "../lib/env";
import { useI18n } from "../lib/i18n";
import { signOut, useRole, useSession } from "../lib/session";

/**
 * Who is signed in and their role in the active environment, in the header; what the role allows
 * and sign-out in Designsystemet's Dropdown under it, so the header stays one row (issue 14,
 * defect 6).
 */
export function SessionMenu() {
  const { t } = useI18n();
  const env = useEnv();
  const role = useRole();
  const session = useSession();
  const [leaving, setLeaving] = useState(false);
  const roleName = role ? t(`role.name.${role}`) : t("role.none");
  const explain = t(`role.explain.${role ?? "none"}`);
  const name = session.data?.name ?? "…";
  return (
    <div className="flex min-w-0 items-center" data-testid="session-person">
      <Dropdown.TriggerContext>
        <Dropdown.Trigger
          variant="tertiary"
          data-testid="session-menu"
          className="h-auto min-h-9 min-w-0 max-w-72 px-2 py-1 text-start"
        >
          <span className="flex min-w-0 flex-col items-start gap-0.5 text-sm leading-tight">
            <span className="max-w-full truncate font-medium" data-testid="session-name">
              <span className="sr-only">{t("session.signedInAs")} </span>
              {name}
            </span>
            <span data-testid="session-role" className="max-w-full overflow-hidden text-xs">
              <Badge tone={role === "admin" ? "info" : role ? "neutral" : "warning"}>
                {t("role.in", { role: roleName, env: env.label })}
              </Badge>
            </span>
          </span>
          <span aria-hidden="true" className="text-xs">
            ▾
          </span>
        </Dropdown.Trigger>
        <Dropdown placement="bottom-end" className="max-w-80">
          <Dropdown.Heading>{name}</Dropdown.Heading>
          <p className="px-4 pb-2 text-sm" data-testid="session-role-explain">
            {explain}
          </p>
          <div className="px-4 pb-3">
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
        </Dropdown>
      </Dropdown.TriggerContext>
    </div>
  );
}
