import { answeredText, INTEGRATION_TYPES, type Scope, setAsideFields } from "@portvakt/contracts";
import { Link } from "@tanstack/react-router";
import { Fragment, useCallback, useMemo, useState } from "react";
import { Button, buttonProps } from "../../../components/ui/button";
import { DateTime } from "../../../components/ui/date-time";
import { Field, Input, Select } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { RowWarnings } from "../../../components/ui/row-warnings";
import { Badge, EmptyState, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { type ColumnDef, DataTable } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useRoleGate } from "../../../lib/session";
import { useScopes } from "../api/get-scopes";
import { useUpdateScope } from "../api/save-scope";
import { DeactivateScopeDialog } from "./deactivate-scope-dialog";
import { PrefixDetails } from "./prefix-details";

type StateFilter = "all" | "active" | "inactive";

/**
 * The integration types a scope allows as Digdir answered them, also a list the read set aside
 * because it holds a type Portvakt does not know: such a scope is not open to "all types".
 */
function integrationTypesOf(scope: Scope): string[] {
  const answered =
    scope.allowed_integration_types ?? setAsideFields(scope).allowed_integration_types;
  return Array.isArray(answered) ? answered.filter((t): t is string => typeof t === "string") : [];
}

export function ScopesPage() {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const hasScopesWrite = useHasAdminScope("idporten:scopes.write");
  const admin = useRoleGate("admin");
  const canWrite = hasScopesWrite && admin.allowed;
  const roleReason = admin.reason || undefined;
  const scopes = useScopes(env.id);
  const reactivate = useUpdateScope(env.id);

  const [search, setSearch] = useState("");
  const [state, setState] = useState<StateFilter>("active");
  const [visibility, setVisibility] = useState("");
  const [integration, setIntegration] = useState("");
  const [deactivating, setDeactivating] = useState<Scope | null>(null);

  const filtered = useMemo(
    () =>
      (scopes.data ?? []).filter(
        (s) =>
          (state === "all" || (state === "active") === (s.active !== false)) &&
          (!visibility || s.visibility === visibility) &&
          (!integration ||
            integrationTypesOf(s).length === 0 ||
            integrationTypesOf(s).includes(integration)),
      ),
    [scopes.data, state, visibility, integration],
  );

  const { mutate: reactivateMutate } = reactivate;
  const onReactivate = useCallback(
    (scope: Scope) => {
      reactivateMutate(
        { name: scope.name, update: { active: true } },
        {
          onSuccess: () => toast.success(({ t }) => t("scopes.reactivated", { name: scope.name })),
          onError: (error) =>
            toast.error(({ t }) => t("scopes.reactivateFailed", { name: scope.name }), error),
        },
      );
    },
    [reactivateMutate, toast],
  );

  const columns = useMemo<ColumnDef<Scope>[]>(
    () => [
      {
        id: "name",
        accessorKey: "name",
        header: t("scopes.col.name"),
        cell: ({ row }) => (
          <span className="flex flex-wrap items-center gap-2 sm:min-w-48">
            <Link
              to="/$env/scopes/edit"
              params={{ env: env.id }}
              search={{ scope: row.original.name }}
              title={row.original.name}
              className="max-w-[32rem] font-mono [overflow-wrap:anywhere] text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
            >
              <BreakableName name={row.original.name} />
            </Link>
            <RowWarnings warnings={row.original.portvakt_warnings} />
          </span>
        ),
      },
      {
        id: "description",
        accessorKey: "description",
        header: t("scopes.col.description"),
        cell: ({ getValue }) => (
          <span className="line-clamp-2 max-w-md min-w-40">{String(getValue() ?? "")}</span>
        ),
      },
      {
        id: "visibility",
        accessorKey: "visibility",
        header: t("scopes.col.visibility"),
        // A value Portvakt does not know is shown as Digdir answered it (its row is marked).
        cell: ({ row }) =>
          row.original.visibility
            ? t(`visibility.${row.original.visibility}`)
            : (answeredText(row.original, "visibility") ?? "—"),
      },
      {
        id: "integration",
        accessorFn: (s) => answeredText(s, "allowed_integration_types") ?? "",
        header: t("scopes.col.integrationTypes"),
        // A list holding a type Portvakt does not know is set aside by the read: shown as
        // answered, never as "all types".
        cell: ({ row }) =>
          answeredText(row.original, "allowed_integration_types") ||
          t("scopes.allIntegrationTypes"),
      },
      {
        id: "state",
        accessorFn: (s) => (s.active ? 1 : 0),
        header: t("scopes.col.state"),
        enableGlobalFilter: false,
        cell: ({ row }) =>
          row.original.active ? (
            <Badge tone="success">{t("scopes.active")}</Badge>
          ) : (
            <Badge>{t("scopes.inactive")}</Badge>
          ),
      },
      {
        id: "last_updated",
        accessorKey: "last_updated",
        header: t("scopes.col.lastUpdated"),
        enableGlobalFilter: false,
        cell: ({ row }) => <DateTime value={row.original.last_updated} />,
      },
      {
        id: "actions",
        header: () => <span className="sr-only">{t("common.actions")}</span>,
        enableSorting: false,
        cell: ({ row }) => {
          const scope = row.original;
          // Wraps to one action a line when the columns need the room (a long name), so the
          // sticky actions column never covers another column at 1,280 px.
          return (
            <div className="flex flex-wrap gap-1">
              <Link
                to="/$env/access"
                params={{ env: env.id }}
                search={{ scope: scope.name }}
                {...buttonProps("ghost", "sm")}
                aria-label={t("scopes.accessFor", { name: scope.name })}
              >
                {t("scopes.access")}
              </Link>
              {scope.active ? (
                <Button
                  size="sm"
                  variant="danger-ghost"
                  disabled={!canWrite}
                  title={roleReason}
                  aria-label={t("scopes.deactivateNamed", { name: scope.name })}
                  onClick={() => setDeactivating(scope)}
                >
                  {t("scopes.deactivate")}
                </Button>
              ) : (
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={!canWrite}
                  title={roleReason}
                  pending={reactivate.isPending && reactivate.variables?.name === scope.name}
                  aria-label={t("scopes.reactivateNamed", { name: scope.name })}
                  onClick={() => onReactivate(scope)}
                >
                  {t("scopes.reactivate")}
                </Button>
              )}
            </div>
          );
        },
      },
    ],
    [t, env.id, canWrite, roleReason, reactivate.isPending, reactivate.variables, onReactivate],
  );

  return (
    <section>
      <PageHeader
        title={t("scopes.title")}
        description={t("scopes.description")}
        actions={
          canWrite ? (
            <Link to="/$env/scopes/new" params={{ env: env.id }} {...buttonProps("primary")}>
              {t("scopes.new")}
            </Link>
          ) : undefined
        }
      />
      <RoleNotice needed="admin" what="role.what.scopes" />
      {!hasScopesWrite && (
        <div className="mb-4">
          <Notice>{t("missing.scope", { scope: "idporten:scopes.write" })}</Notice>
        </div>
      )}
      <div className="mb-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t("common.search")}>
          {({ id }) => (
            <Input
              id={id}
              type="search"
              value={search}
              placeholder={t("scopes.searchPlaceholder")}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("scopes.col.state")}>
          {({ id }) => (
            <Select id={id} value={state} onChange={(e) => setState(e.target.value as StateFilter)}>
              <option value="active">{t("scopes.filter.active")}</option>
              <option value="inactive">{t("scopes.filter.inactive")}</option>
              <option value="all">{t("scopes.filter.all")}</option>
            </Select>
          )}
        </Field>
        <Field label={t("scopes.col.visibility")}>
          {({ id }) => (
            <Select id={id} value={visibility} onChange={(e) => setVisibility(e.target.value)}>
              <option value="">{t("common.all")}</option>
              <option value="PUBLIC">{t("visibility.PUBLIC")}</option>
              <option value="PRIVATE">{t("visibility.PRIVATE")}</option>
              <option value="INTERNAL">{t("visibility.INTERNAL")}</option>
            </Select>
          )}
        </Field>
        <Field label={t("scopes.integrationType")}>
          {({ id }) => (
            <Select id={id} value={integration} onChange={(e) => setIntegration(e.target.value)}>
              <option value="">{t("common.all")}</option>
              {INTEGRATION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {scopes.isPending ? (
        <Loading label={t("scopes.loading")} />
      ) : scopes.isError ? (
        <ErrorAlert
          error={scopes.error}
          title={t("scopes.loadFailed")}
          onRetry={() => void scopes.refetch()}
        />
      ) : (
        <DataTable
          data={filtered}
          columns={columns}
          getRowId={(s) => s.name}
          label={t("scopes.title")}
          globalFilter={search}
          initialSorting={[{ id: "name", desc: false }]}
          testId="scopes-table"
          empty={
            <EmptyState title={t("scopes.empty")}>
              {(scopes.data?.length ?? 0) > 0 ? t("common.noMatches") : t("scopes.emptyHelp")}
            </EmptyState>
          }
        />
      )}
      <PrefixDetails />
      {deactivating && (
        <DeactivateScopeDialog scope={deactivating} onClose={() => setDeactivating(null)} />
      )}
    </section>
  );
}

/**
 * A scope name that wraps after its separators (`:`, `/`, `.`) rather than anywhere: a soft
 * wrap opportunity (`<wbr>`) after each, so a long name reads as its parts, a few per line
 * (issue 14, defect 6). A part too long for the column still breaks (`overflow-wrap: anywhere`
 * on the link), so its width never forces the table wider than its box.
 */
function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[:/.])/);
  return (
    <>
      {parts.map((part, i) => (
        // The parts of one name never change order: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
