import { lazy, Suspense } from "react";
import { Badge } from "../components/ui/status";
import { useEnv } from "../lib/env";
import { useI18n } from "../lib/i18n";
import { useRole, useSession } from "../lib/session";

const SessionDropdown = lazy(() => import("./session-dropdown"));

/**
 * Who is signed in and their role in the active environment, in the header. The name and role
 * show at once; the button that opens what the role allows and sign-out (session-dropdown.tsx)
 * takes their place when its chunk is in, so the first load stays within its budget (issue 14:
 * first-load JS ≤ 200 kB gzipped, bench/web-access.ts).
 */
export function SessionMenu() {
  const { t } = useI18n();
  const env = useEnv();
  const role = useRole();
  const session = useSession();
  const roleName = role ? t(`role.name.${role}`) : t("role.none");
  const name = session.data?.name ?? "…";
  const summary = (
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
  );
  return (
    <div className="flex min-w-0 items-center" data-testid="session-person">
      <Suspense fallback={<div className="min-w-0 max-w-72 px-2 py-1">{summary}</div>}>
        <SessionDropdown summary={summary} />
      </Suspense>
    </div>
  );
}
