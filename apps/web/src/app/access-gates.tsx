import type { ReactNode } from "react";
import { buttonProps } from "../components/ui/button";
import { Dialog } from "../components/ui/dialog";
import { Notice, PageHeader } from "../components/ui/status";
import { signInUrl } from "../lib/api-client";
import { useEnv } from "../lib/env";
import { useI18n } from "../lib/i18n";
import { useRole, useSession, useSignInRequired } from "../lib/session";

/** A person without a role in the active environment gets an explanation instead of pages. */
export function RoleGate({ children }: { children: ReactNode }) {
  const role = useRole();
  const env = useEnv();
  const session = useSession();
  const { t } = useI18n();
  if (role) return <>{children}</>;
  return (
    <section data-testid="no-access">
      <PageHeader title={t("role.noAccessTitle", { env: env.label })} />
      <Notice tone="info">
        {t("role.noAccessBody", { name: session.data?.name ?? "…", env: env.label })}
      </Notice>
    </section>
  );
}

/**
 * Shown over the page when any call answered 401: the page stays underneath (so nothing typed is
 * thrown away before the person chooses), and signing in brings them back to the same address.
 */
export function SignInAgain() {
  const required = useSignInRequired();
  const { t } = useI18n();
  return (
    <Dialog open={required} onClose={() => undefined} title={t("session.expiredTitle")}>
      <div className="flex flex-col items-start gap-4" data-testid="sign-in-again">
        <p>{t("session.expiredBody")}</p>
        <a href={signInUrl()} {...buttonProps("primary")}>
          {t("session.signInAgain")}
        </a>
      </div>
    </Dialog>
  );
}
