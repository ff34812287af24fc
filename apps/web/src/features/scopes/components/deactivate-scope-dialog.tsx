import type { Scope } from "@portvakt/contracts";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { Choice } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { Loading, Notice, ProgressBar } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useDeactivateScope } from "../api/save-scope";
import { revokeGrant, useInvalidateGrants, useScopeGrants } from "../api/scope-grants";

/**
 * Deactivating a scope keeps its grants, and consumers keep seeing the scope (docs/maskinporten.md §3), so the
 * dialog counts the remaining grants and offers to revoke them first.
 */
export function DeactivateScopeDialog({ scope, onClose }: { scope: Scope; onClose: () => void }) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const grants = useScopeGrants(env.id, scope.name, true);
  const deactivate = useDeactivateScope(env.id);
  const invalidateGrants = useInvalidateGrants(env.id);
  const [revokeFirst, setRevokeFirst] = useState(true);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const approved = (grants.data ?? []).filter((g) => g.state === "APPROVED");
  const busy = progress !== null || deactivate.isPending;

  const run = async () => {
    setFailure(null);
    try {
      if (revokeFirst && approved.length > 0) {
        setProgress({ done: 0, total: approved.length });
        let done = 0;
        for (const grant of approved) {
          await revokeGrant(env.id, scope.name, grant.consumer_orgno);
          done++;
          setProgress({ done, total: approved.length });
        }
        await invalidateGrants();
      }
      await deactivate.mutateAsync(scope.name);
      toast.success(({ t }) => t("scopes.deactivated", { name: scope.name }));
      onClose();
    } catch (error) {
      setFailure(error);
      await invalidateGrants();
    } finally {
      setProgress(null);
    }
  };

  return (
    <ConfirmDialog
      open
      onClose={busy ? () => {} : onClose}
      onConfirm={() => void run()}
      title={t("scopes.deactivateTitle", { name: scope.name })}
      confirmLabel={
        revokeFirst && approved.length > 0
          ? t("scopes.revokeAndDeactivate", { count: approved.length })
          : t("scopes.deactivate")
      }
      subjectName={scope.name}
      pending={busy || grants.isPending}
    >
      <div className="flex flex-col gap-3">
        <p>{t("scopes.deactivateBody")}</p>
        {grants.isPending && <Loading label={t("scopes.countingGrants")} />}
        {grants.isError && <ErrorAlert error={grants.error} title={t("scopes.grantsFailed")} />}
        {grants.isSuccess && approved.length === 0 && <p>{t("scopes.noGrantsLeft")}</p>}
        {approved.length > 0 && (
          <Notice>
            <p className="font-medium" data-testid="remaining-grants">
              {t("scopes.grantsRemain", { count: approved.length })}
            </p>
            <fieldset className="mt-2 flex flex-col gap-1">
              <legend className="sr-only">{t("scopes.deactivateChoice")}</legend>
              <Choice
                type="radio"
                name="revoke-first"
                checked={revokeFirst}
                onChange={() => setRevokeFirst(true)}
                label={t("scopes.revokeFirst", { count: approved.length })}
              />
              <Choice
                type="radio"
                name="revoke-first"
                checked={!revokeFirst}
                onChange={() => setRevokeFirst(false)}
                label={t("scopes.keepGrants")}
              />
            </fieldset>
          </Notice>
        )}
        {progress && (
          <ProgressBar value={progress.done} max={progress.total} label={t("scopes.revoking")} />
        )}
        {failure !== null && <ErrorAlert error={failure} title={t("scopes.deactivateFailed")} />}
      </div>
    </ConfirmDialog>
  );
}
