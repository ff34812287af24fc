import { Dropdown } from "@digdir/designsystemet-react";
import { type ReactNode, useState } from "react";
import { Button } from "../components/ui/button";
import { useI18n } from "../lib/i18n";
import { signOut, useRole, useSession } from "../lib/session";

/**
 * The header's person button with Designsystemet's Dropdown: what the role allows and sign-out
 * (issue 14, defect 6). A chunk of its own, loaded by `SessionMenu` (session-menu.tsx): the
 * Dropdown's popover brings Designsystemet's web components (~28 kB gzipped), which the first
 * load need not wait for. `summary` is the name and role shown on the button.
 */
export default function SessionDropdown({ summary }: { summary: ReactNode }) {
  const { t } = useI18n();
  const role = useRole();
  const session = useSession();
  const [leaving, setLeaving] = useState(false);
  const explain = t(`role.explain.${role ?? "none"}`);
  const name = session.data?.name ?? "…";
  return (
    <Dropdown.TriggerContext>
      <Dropdown.Trigger
        variant="tertiary"
        data-testid="session-menu"
        className="h-auto min-h-9 min-w-0 max-w-72 px-2 py-1 text-start"
      >
        {summary}
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
  );
}
