import type { ScopeAccess } from "@portvakt/contracts";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { ErrorAlert } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { EmptyState, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import {
  GrantConfirmation,
  RegistryStateBadge,
  useGuardedGrant,
  useOrganizationStatuses,
} from "../../../lib/organization-status";
import { useRoleGate } from "../../../lib/session";
import { useAccessRequests, useDecideRequest } from "../api";

/**
 * The access-request inbox (issue 14 #17): rows in state REQUESTED of our scopes, each with
 * approve (grant) and deny (revoke, after a confirmation). Both need the operator role.
 */
export function RequestsPage() {
  const env = useEnv();
  const { t, formatDateTime } = useI18n();
  const toast = useToast();
  const operator = useRoleGate("operator");
  const hasScopesWrite = useHasAdminScope("idporten:scopes.write");
  const canWrite = operator.allowed && hasScopesWrite;
  const requests = useAccessRequests(env.id);
  const decide = useDecideRequest(env.id);
  const [denying, setDenying] = useState<ScopeAccess | null>(null);
  const guard = useGuardedGrant(env.id);
  const rows = requests.data ?? [];
  const statuses = useOrganizationStatuses(env.id, [
    ...new Set(rows.map((row) => row.consumer_orgno)),
  ]);
  const orgOf = (row: ScopeAccess) =>
    row.consumer_organization_name
      ? `${row.consumer_organization_name} (${row.consumer_orgno})`
      : row.consumer_orgno;

  const pendingFor = (row: ScopeAccess, decision: "approve" | "deny") =>
    decide.isPending &&
    decide.variables?.scope === row.scope &&
    decide.variables.orgno === row.consumer_orgno &&
    decide.variables.decision === decision;

  const approve = (row: ScopeAccess) =>
    decide.mutate(
      { scope: row.scope, orgno: row.consumer_orgno, decision: "approve" },
      {
        onSuccess: () =>
          toast.success(({ t }) =>
            t("requests.approved", { orgno: row.consumer_orgno, scope: row.scope }),
          ),
        onError: (error) =>
          toast.error(({ t }) => t("requests.failed", { orgno: row.consumer_orgno }), error),
      },
    );
  const deny = () => {
    const row = denying;
    if (!row) return;
    decide.mutate(
      { scope: row.scope, orgno: row.consumer_orgno, decision: "deny" },
      {
        onSuccess: () => {
          setDenying(null);
          toast.success(({ t }) =>
            t("requests.denied", { orgno: row.consumer_orgno, scope: row.scope }),
          );
        },
        onError: (error) =>
          toast.error(({ t }) => t("requests.failed", { orgno: row.consumer_orgno }), error),
      },
    );
  };

  return (
    <section className="flex flex-col gap-4">
      <PageHeader title={t("requests.title")} description={t("requests.description")} />
      <RoleNotice needed="operator" what="role.what.access" />
      {!hasScopesWrite && <Notice>{t("missing.scope", { scope: "idporten:scopes.write" })}</Notice>}
      {requests.isPending ? (
        <Loading label={t("common.loading")} />
      ) : requests.isError ? (
        <ErrorAlert
          error={requests.error}
          title={t("requests.loadFailed")}
          onRetry={() => void requests.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyState title={t("requests.empty")}>{t("requests.emptyHelp")}</EmptyState>
      ) : (
        <>
          <p aria-live="polite" data-testid="requests-count">
            {t("requests.count", { count: rows.length })}
          </p>
          <ul
            className="flex flex-col gap-3"
            data-testid="requests-list"
            aria-label={t("requests.tableCaption")}
          >
            {rows.map((row) => (
              <li
                key={`${row.scope} ${row.consumer_orgno}`}
                data-request={`${row.scope} ${row.consumer_orgno}`}
                className="flex flex-col gap-3 rounded-md border border-slate-200 p-3 sm:flex-row sm:items-center sm:justify-between dark:border-slate-700"
              >
                <dl className="grid min-w-0 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-600 dark:text-slate-400">{t("access.col.name")}</dt>
                  <dd className="min-w-0 break-words">
                    <Link
                      to="/$env/consumer"
                      params={(current) => ({ env: current.env ?? "" })}
                      search={{ orgno: row.consumer_orgno }}
                      className="text-blue-700 underline dark:text-sky-400"
                    >
                      {orgOf(row)}
                    </Link>{" "}
                    <RegistryStateBadge status={statuses[row.consumer_orgno]} />
                  </dd>
                  <dt className="text-slate-600 dark:text-slate-400">{t("consumer.col.scope")}</dt>
                  <dd className="min-w-0 font-mono break-all">{row.scope}</dd>
                  <dt className="text-slate-600 dark:text-slate-400">
                    {t("requests.col.requested")}
                  </dt>
                  <dd>{formatDateTime(row.created)}</dd>
                </dl>
                <div className="flex shrink-0 gap-2">
                  <Button
                    variant="primary"
                    size="sm"
                    disabled={!canWrite || decide.isPending}
                    pending={pendingFor(row, "approve")}
                    title={operator.reason || undefined}
                    aria-label={t("requests.approveNamed", {
                      orgno: row.consumer_orgno,
                      scope: row.scope,
                    })}
                    onClick={() => void guard.request([row.consumer_orgno], 1, () => approve(row))}
                  >
                    {t("requests.approve")}
                  </Button>
                  <Button
                    variant="danger"
                    size="sm"
                    disabled={!canWrite || decide.isPending}
                    title={operator.reason || undefined}
                    aria-label={t("requests.denyNamed", {
                      orgno: row.consumer_orgno,
                      scope: row.scope,
                    })}
                    onClick={() => setDenying(row)}
                  >
                    {t("requests.deny")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <GrantConfirmation {...guard.dialog} />
      <ConfirmDialog
        open={denying !== null}
        onClose={() => setDenying(null)}
        onConfirm={deny}
        title={t("requests.denyTitle")}
        confirmLabel={t("requests.deny")}
        subjectName={denying?.consumer_orgno ?? ""}
        pending={decide.isPending}
      >
        <p>
          {t("requests.denyBody", {
            org: denying?.consumer_organization_name
              ? `${denying.consumer_organization_name} (${denying.consumer_orgno})`
              : (denying?.consumer_orgno ?? ""),
            scope: denying?.scope ?? "",
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
