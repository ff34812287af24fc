import { type AccessState, answeredText, type ScopeAccess } from "@portvakt/contracts";
import { useNavigate } from "@tanstack/react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "../../../components/ui/button";
import { DateTime } from "../../../components/ui/date-time";
import { ConfirmDialog, Dialog } from "../../../components/ui/dialog";
import { Field, Input, Select } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { Badge, EmptyState, Loading, Notice, PageHeader } from "../../../components/ui/status";
import {
  type ColumnDef,
  DataTable,
  IndeterminateCheckbox,
  type RowSelectionState,
} from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { GrantConfirmation, useGuardedGrant } from "../../../lib/organization-status";
import { useRoleGate } from "../../../lib/session";
import { jobEnded, startAccessJob, useAccessJob } from "../api/access-jobs";
import { useGrantAccess, useRefreshAccess, useRevokeAccess } from "../api/change-access";
import { useGrants } from "../api/get-grants";
import { useOwnScopes } from "../api/get-own-scopes";
import { GrantForm } from "./grant-form";
import { JobProgress } from "./job-progress";

const STATE_TONE: Record<AccessState, "success" | "warning" | "neutral"> = {
  APPROVED: "success",
  REQUESTED: "warning",
  DENIED: "neutral",
};

export function AccessPage({ scopeName }: { scopeName?: string }) {
  const env = useEnv();
  const { t } = useI18n();
  const navigate = useNavigate();
  const scopes = useOwnScopes(env.id);
  const sorted = useMemo(
    () =>
      [...(scopes.data ?? [])].sort(
        (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name),
      ),
    [scopes.data],
  );

  return (
    <section>
      <PageHeader title={t("access.title")} description={t("access.description")} />
      <div className="mb-4 max-w-xl">
        <Field label={t("access.pickScope")} help={t("access.pickScopeHelp")}>
          {({ id, describedBy }) => (
            <Select
              id={id}
              aria-describedby={describedBy}
              value={scopeName ?? ""}
              disabled={scopes.isPending}
              data-testid="scope-picker"
              onChange={(e) =>
                void navigate({
                  to: "/$env/access",
                  params: { env: env.id },
                  search: { scope: e.target.value || undefined },
                  replace: true,
                  resetScroll: false,
                })
              }
            >
              <option value="">
                {scopes.isPending ? t("common.loading") : t("access.choose")}
              </option>
              {sorted.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                  {s.active ? "" : ` (${t("scopes.inactive").toLowerCase()})`}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {scopes.isError && <ErrorAlert error={scopes.error} title={t("scopes.loadFailed")} />}
      {scopeName ? (
        <ScopeGrants
          key={scopeName}
          scope={scopeName}
          inactive={sorted.find((s) => s.name === scopeName)?.active === false}
        />
      ) : (
        <EmptyState title={t("access.noScopeChosen")}>{t("access.noScopeChosenHelp")}</EmptyState>
      )}
    </section>
  );
}

function ScopeGrants({ scope, inactive }: { scope: string; inactive: boolean }) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const hasScopesWrite = useHasAdminScope("idporten:scopes.write");
  const operator = useRoleGate("operator");
  const canWrite = hasScopesWrite && operator.allowed;
  const roleReason = operator.reason || undefined;
  const grants = useGrants(env.id, scope);
  const revoke = useRevokeAccess(env.id, scope);
  const regrant = useGrantAccess(env.id, scope);
  const refresh = useRefreshAccess(env.id);
  const guard = useGuardedGrant(env.id);

  const [search, setSearch] = useState("");
  const [stateFilter, setStateFilter] = useState<"" | AccessState>("APPROVED");
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [revoking, setRevoking] = useState<ScopeAccess | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [revokeStarting, setRevokeStarting] = useState(false);
  const [revokeJobId, setRevokeJobId] = useState<string | null>(null);
  const revokeJob = useAccessJob(env.id, revokeJobId).data;
  const revokeRunning = revokeStarting || (revokeJobId !== null && !jobEnded(revokeJob));
  const [grantOpen, setGrantOpen] = useState(false);

  const rows = useMemo(
    () => (grants.data ?? []).filter((g) => !stateFilter || g.state === stateFilter),
    [grants.data, stateFilter],
  );
  const selected = useMemo(
    () => rows.filter((r) => selection[r.consumer_orgno] && r.state === "APPROVED"),
    [rows, selection],
  );
  const approvedOrgnos = useMemo(
    () =>
      new Set(
        (grants.data ?? []).filter((g) => g.state === "APPROVED").map((g) => g.consumer_orgno),
      ),
    [grants.data],
  );

  const columns = useMemo<ColumnDef<ScopeAccess>[]>(
    () => [
      {
        id: "select",
        enableSorting: false,
        enableGlobalFilter: false,
        header: ({ table }) => (
          <IndeterminateCheckbox
            aria-label={t("access.selectAll")}
            checked={table.getIsAllPageRowsSelected()}
            indeterminate={table.getIsSomePageRowsSelected()}
            onChange={table.getToggleAllPageRowsSelectedHandler()}
            disabled={!canWrite}
          />
        ),
        cell: ({ row }) => (
          <IndeterminateCheckbox
            aria-label={t("access.selectRow", { orgno: row.original.consumer_orgno })}
            checked={row.getIsSelected()}
            disabled={!row.getCanSelect() || !canWrite}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      },
      {
        id: "orgno",
        accessorKey: "consumer_orgno",
        header: t("access.col.orgno"),
        cell: ({ getValue }) => <span className="font-mono">{String(getValue())}</span>,
      },
      {
        id: "name",
        accessorFn: (g) => g.consumer_organization_name ?? "",
        header: t("access.col.name"),
        cell: ({ getValue }) => (
          <span className="min-w-40 inline-block">{String(getValue()) || "—"}</span>
        ),
      },
      {
        id: "state",
        accessorKey: "state",
        header: t("access.col.state"),
        cell: ({ row }) => (
          <Badge tone={STATE_TONE[row.original.state ?? "REQUESTED"]}>
            {row.original.state
              ? t(`access.state.${row.original.state}`)
              : (answeredText(row.original, "state") ?? "—")}
          </Badge>
        ),
      },
      {
        id: "created",
        accessorKey: "created",
        header: t("access.col.created"),
        enableGlobalFilter: false,
        cell: ({ row }) => <DateTime value={row.original.created} />,
      },
      {
        id: "last_updated",
        accessorKey: "last_updated",
        header: t("access.col.lastUpdated"),
        enableGlobalFilter: false,
        cell: ({ row }) => <DateTime value={row.original.last_updated} />,
      },
      {
        id: "actions",
        enableSorting: false,
        header: () => <span className="sr-only">{t("common.actions")}</span>,
        cell: ({ row }) =>
          row.original.state === "APPROVED" ? (
            <Button
              size="sm"
              variant="danger-ghost"
              disabled={!canWrite}
              title={roleReason}
              aria-label={t("access.revokeNamed", { orgno: row.original.consumer_orgno })}
              onClick={() => setRevoking(row.original)}
            >
              {t("access.revoke")}
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              disabled={!canWrite || inactive}
              title={roleReason}
              pending={regrant.isPending && regrant.variables === row.original.consumer_orgno}
              aria-label={t("access.regrantNamed", { orgno: row.original.consumer_orgno })}
              onClick={() => {
                const orgno = row.original.consumer_orgno;
                void guard.request([orgno], 1, () =>
                  regrant.mutate(orgno, {
                    onSuccess: (a) =>
                      toast.success(({ t }) =>
                        t("access.granted", { orgno: a.consumer_orgno, scope }),
                      ),
                    onError: (error) =>
                      toast.error(({ t }) => t("access.grantFailedOne", { orgno }), error),
                  }),
                );
              }}
            >
              {t("access.regrant")}
            </Button>
          ),
      },
    ],
    [t, canWrite, roleReason, inactive, regrant, toast, scope, guard.request],
  );

  const confirmRevoke = () => {
    if (!revoking) return;
    const orgno = revoking.consumer_orgno;
    revoke.mutate(orgno, {
      onSuccess: () => {
        toast.success(({ t }) => t("access.revoked", { orgno, scope }));
        setRevoking(null);
      },
      onError: (error) => toast.error(({ t }) => t("access.revokeFailedOne", { orgno }), error),
    });
  };

  // The selected consumers are revoked as one job in the BFF; the dialog shows its progress.
  const revokeSelected = async () => {
    const orgnos = selected.map((s) => s.consumer_orgno);
    setRevokeStarting(true);
    try {
      setRevokeJobId((await startAccessJob(env.id, "revoke", scope, orgnos)).id);
    } catch (error) {
      toast.error(({ t }) => t("accessJob.startFailed"), error);
    } finally {
      setRevokeStarting(false);
    }
  };
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (!revokeJob || !jobEnded(revokeJob) || reported.current === revokeJob.id) return;
    reported.current = revokeJob.id;
    void refresh();
    setSelection({});
    const { success, failure, unknown } = revokeJob.counts;
    if (revokeJob.status === "cancelled") return;
    setBulkOpen(false);
    setRevokeJobId(null);
    if (failure + unknown === 0)
      toast.success(({ t }) => t("access.revokedMany", { count: success }));
    else {
      const first = revokeJob.rows.find((r) => r.state === "failure" || r.state === "unknown");
      toast.error(
        ({ t }) => t("access.revokedSome", { ok: success, failed: failure + unknown }),
        first?.detail,
      );
    }
  }, [revokeJob, refresh, toast]);

  return (
    <div className="flex flex-col gap-4">
      {inactive && <Notice>{t("access.scopeInactive")}</Notice>}
      <RoleNotice needed="operator" what="role.what.access" />
      {!hasScopesWrite && <Notice>{t("missing.scope", { scope: "idporten:scopes.write" })}</Notice>}
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t("common.search")} className="min-w-0 flex-1 sm:max-w-xs">
          {({ id }) => (
            <Input
              id={id}
              type="search"
              value={search}
              placeholder={t("access.searchPlaceholder")}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("access.col.state")}>
          {({ id }) => (
            <Select
              id={id}
              value={stateFilter}
              onChange={(e) => setStateFilter(e.target.value as "" | AccessState)}
            >
              <option value="APPROVED">{t("access.state.APPROVED")}</option>
              <option value="DENIED">{t("access.state.DENIED")}</option>
              <option value="REQUESTED">{t("access.state.REQUESTED")}</option>
              <option value="">{t("common.all")}</option>
            </Select>
          )}
        </Field>
        <div className="ml-auto flex flex-wrap gap-2">
          <Button
            variant="danger"
            disabled={selected.length === 0 || !canWrite}
            title={roleReason}
            onClick={() => setBulkOpen(true)}
          >
            {t("access.revokeSelected", { count: selected.length })}
          </Button>
          <Button
            variant="primary"
            disabled={!canWrite || inactive}
            title={roleReason}
            onClick={() => setGrantOpen(true)}
          >
            {t("access.grant")}
          </Button>
        </div>
      </div>

      {grants.isPending ? (
        <Loading label={t("access.loading")} />
      ) : grants.isError ? (
        <ErrorAlert
          error={grants.error}
          title={t("access.loadFailed")}
          onRetry={() => void grants.refetch()}
        />
      ) : (
        <DataTable
          data={rows}
          columns={columns}
          getRowId={(g) => g.consumer_orgno}
          label={t("access.tableLabel", { scope })}
          globalFilter={search}
          initialSorting={[{ id: "name", desc: false }]}
          rowSelection={selection}
          onRowSelectionChange={setSelection}
          canSelect={(g) => g.state === "APPROVED"}
          testId="grants-table"
          empty={
            <EmptyState title={t("access.empty")}>
              {(grants.data?.length ?? 0) > 0 ? t("common.noMatches") : t("access.emptyHelp")}
            </EmptyState>
          }
        />
      )}

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={confirmRevoke}
        title={t("access.revokeTitle")}
        confirmLabel={t("access.revoke")}
        subjectName={revoking?.consumer_orgno ?? ""}
        pending={revoke.isPending}
      >
        <p>
          {t("access.revokeBody", {
            org: `${revoking?.consumer_organization_name ?? ""} (${revoking?.consumer_orgno ?? ""})`,
            scope,
          })}
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={bulkOpen}
        onClose={() => {
          setBulkOpen(false);
          if (!revokeRunning) setRevokeJobId(null);
        }}
        onConfirm={() => void revokeSelected()}
        title={t("access.revokeSelectedTitle", { count: selected.length })}
        confirmLabel={t("access.revokeSelected", { count: selected.length })}
        subjectName={scope}
        pending={revokeRunning}
      >
        <div className="flex flex-col gap-3">
          <p>{t("access.revokeSelectedBody", { count: selected.length, scope })}</p>
          <ul className="max-h-40 list-disc overflow-auto pl-5 font-mono text-xs">
            {selected.slice(0, 50).map((s) => (
              <li key={s.consumer_orgno}>
                {s.consumer_orgno} {s.consumer_organization_name}
              </li>
            ))}
            {selected.length > 50 && <li>… +{selected.length - 50}</li>}
          </ul>
          {revokeJob && <JobProgress job={revokeJob} label={t("access.revokingProgress")} />}
        </div>
      </ConfirmDialog>

      <Dialog
        open={grantOpen}
        onClose={() => setGrantOpen(false)}
        title={t("access.grantTitle", { scope })}
        size="lg"
      >
        <GrantForm
          scope={scope}
          alreadyApproved={approvedOrgnos}
          onDone={() => setGrantOpen(false)}
          guard={guard}
        />
      </Dialog>
      {/* After the Give access dialog, not inside it: a sibling opened on top of it. */}
      <GrantConfirmation {...guard.dialog} />
    </div>
  );
}
