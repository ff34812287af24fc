import type { Client } from "@portvakt/contracts";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { buttonProps } from "../../../components/ui/button";
import { DateTime } from "../../../components/ui/date-time";
import { Field, Input } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { Badge, EmptyState, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { type ColumnDef, DataTable } from "../../../components/ui/table";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useRoleGate } from "../../../lib/session";
import { useClients } from "../api/get-clients";

export function ClientsPage() {
  const env = useEnv();
  const { t } = useI18n();
  const canRead = useHasAdminScope("idporten:dcr.read");
  const hasWrite = useHasAdminScope("idporten:dcr.write");
  const admin = useRoleGate("admin");
  const canCreate = hasWrite && admin.allowed;
  const clients = useClients(env.id);
  const [search, setSearch] = useState("");

  const columns = useMemo<ColumnDef<Client>[]>(
    () => [
      {
        id: "name",
        accessorKey: "client_name",
        header: t("clients.col.name"),
        cell: ({ row }) => (
          <Link
            to="/$env/clients/$clientId"
            params={{ env: env.id, clientId: row.original.client_id }}
            className="font-medium text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
          >
            {row.original.client_name}
          </Link>
        ),
      },
      {
        id: "client_id",
        accessorKey: "client_id",
        header: t("clients.col.clientId"),
        cell: ({ getValue }) => <code className="font-mono text-xs">{String(getValue())}</code>,
      },
      {
        id: "scopes",
        accessorFn: (c) => (c.scopes ?? []).join(" "),
        header: t("clients.col.scopes"),
        cell: ({ row }) => (
          <span className="line-clamp-2 max-w-sm min-w-40 font-mono text-xs">
            {(row.original.scopes ?? []).join(", ") || "—"}
          </span>
        ),
      },
      {
        id: "active",
        accessorFn: (c) => (c.active ? 1 : 0),
        header: t("clients.col.state"),
        enableGlobalFilter: false,
        cell: ({ row }) =>
          row.original.active ? (
            <Badge tone="success">{t("clients.active")}</Badge>
          ) : (
            <Badge>{t("clients.inactive")}</Badge>
          ),
      },
      {
        id: "last_updated",
        accessorKey: "last_updated",
        header: t("clients.col.lastUpdated"),
        enableGlobalFilter: false,
        cell: ({ row }) => <DateTime value={row.original.last_updated} />,
      },
    ],
    [t, env.id],
  );

  return (
    <section>
      <PageHeader
        title={t("clients.title")}
        description={t("clients.description")}
        actions={
          canCreate ? (
            <Link to="/$env/clients/new" params={{ env: env.id }} {...buttonProps("primary")}>
              {t("clients.new")}
            </Link>
          ) : undefined
        }
      />
      <RoleNotice needed="admin" what="role.what.clients" />
      {!canRead && (
        <div className="mb-4">
          <Notice>{t("missing.scope", { scope: "idporten:dcr.read" })}</Notice>
        </div>
      )}
      <div className="mb-3 max-w-sm">
        <Field label={t("common.search")}>
          {({ id }) => (
            <Input
              id={id}
              type="search"
              value={search}
              placeholder={t("clients.searchPlaceholder")}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
      </div>
      {clients.isPending ? (
        <Loading label={t("clients.loading")} />
      ) : clients.isError ? (
        <ErrorAlert
          error={clients.error}
          title={t("clients.loadFailed")}
          onRetry={() => void clients.refetch()}
        />
      ) : (
        <DataTable
          data={clients.data}
          columns={columns}
          getRowId={(c) => c.client_id}
          label={t("clients.title")}
          globalFilter={search}
          initialSorting={[{ id: "name", desc: false }]}
          testId="clients-table"
          empty={
            <EmptyState title={t("clients.empty")}>
              {clients.data.length > 0 ? t("common.noMatches") : t("clients.emptyHelp")}
            </EmptyState>
          }
        />
      )}
    </section>
  );
}
