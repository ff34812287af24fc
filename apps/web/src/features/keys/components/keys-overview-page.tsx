import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { Field, Input } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { Badge, EmptyState, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { type ColumnDef, DataTable } from "../../../components/ui/table";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { expiryState, type KeyRow, useAllKeys } from "../api/get-clients";

function ExpiryBadge({ exp, now }: { exp: number | undefined; now: number }) {
  const { t } = useI18n();
  const { state, days } = expiryState(exp, now);
  if (state === "expired") return <Badge tone="danger">{t("keys.expired")}</Badge>;
  if (state === "soon") return <Badge tone="warning">{t("keys.expiresIn", { days })}</Badge>;
  return null;
}

/** Every key of every active client, soonest expiry first. */
export function KeysOverviewPage() {
  const env = useEnv();
  const { t, formatDate } = useI18n();
  const all = useAllKeys(env.id);
  const [now] = useState(Date.now);
  const [search, setSearch] = useState("");

  const columns = useMemo<ColumnDef<KeyRow>[]>(
    () => [
      {
        id: "exp",
        accessorFn: (row) => row.exp ?? Number.MAX_SAFE_INTEGER,
        header: t("keys.col.expires"),
        enableGlobalFilter: false,
        cell: ({ row }) => (
          <span className="flex flex-wrap items-center gap-2 whitespace-nowrap">
            {row.original.exp ? formatDate(row.original.exp * 1000) : "—"}
            <ExpiryBadge exp={row.original.exp} now={now} />
          </span>
        ),
      },
      {
        id: "kid",
        accessorKey: "kid",
        header: t("keys.col.kid"),
        cell: ({ getValue }) => (
          <code className="font-mono text-xs break-all">{String(getValue())}</code>
        ),
      },
      {
        id: "client",
        accessorFn: (row) => row.client.client_name,
        header: t("keysOverview.col.client"),
        cell: ({ row }) => (
          <Link
            to="/$env/clients/$clientId"
            params={{ env: env.id, clientId: row.original.client.client_id }}
            className="font-medium text-blue-800 hover:underline dark:text-sky-300"
          >
            {row.original.client.client_name}
          </Link>
        ),
      },
      {
        id: "customer",
        accessorFn: (row) => (row.client.client_orgno === env.orgno ? "" : row.client.client_orgno),
        header: t("keysOverview.col.customer"),
        cell: ({ getValue }) =>
          getValue() ? <span className="font-mono text-xs">{String(getValue())}</span> : "—",
      },
      {
        id: "actions",
        enableSorting: false,
        header: () => <span className="sr-only">{t("common.actions")}</span>,
        cell: ({ row }) => (
          <Link
            to="/$env/clients/$clientId"
            params={{ env: env.id, clientId: row.original.client.client_id }}
            search={{ rotate: "1", oldKid: row.original.kid }}
            className="text-sm text-blue-800 underline dark:text-sky-300"
            aria-label={`${t("keysOverview.rotate")} ${row.original.kid}`}
          >
            {t("keysOverview.rotate")}
          </Link>
        ),
      },
    ],
    [t, formatDate, now, env.orgno, env.id],
  );

  return (
    <section>
      <PageHeader title={t("keysOverview.title")} description={t("keysOverview.description")} />
      <KeyExpiryWarning />
      <div className="mb-3 max-w-sm">
        <Field label={t("common.search")}>
          {({ id }) => (
            <Input
              id={id}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
      </div>
      {all.isPending ? (
        <Loading label={t("keys.loading")} />
      ) : all.error ? (
        <ErrorAlert error={all.error} title={t("keys.loadFailed")} />
      ) : (
        <DataTable
          data={all.rows}
          columns={columns}
          getRowId={(row) => `${row.client.client_id}/${row.kid}`}
          label={t("keysOverview.title")}
          globalFilter={search}
          initialSorting={[{ id: "exp", desc: false }]}
          testId="keys-overview"
          empty={<EmptyState title={t("keysOverview.empty")} />}
        />
      )}
    </section>
  );
}

/** The warning on the client list and the overview: keys that expire within 30 days. */
export function KeyExpiryWarning({ withLink = false }: { withLink?: boolean }) {
  const env = useEnv();
  const { t } = useI18n();
  const all = useAllKeys(env.id);
  const [now] = useState(Date.now);
  const due = all.rows.filter((row) => {
    const { state } = expiryState(row.exp, now);
    return state === "soon" || state === "expired";
  });
  if (due.length === 0) return null;
  return (
    <div className="mb-4" data-testid="key-expiry-warning">
      <Notice>
        {t("keysOverview.warning", { count: due.length })}{" "}
        {withLink && (
          <Link to="/$env/keys" params={{ env: env.id }} className="font-medium underline">
            {t("keysOverview.showAll")}
          </Link>
        )}
      </Notice>
    </div>
  );
}
