import { answeredText } from "@portvakt/contracts";
import { Link, useNavigate } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { Button, buttonProps } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { ErrorAlert } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { Badge, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useRoleGate } from "../../../lib/session";
import { useClient } from "../api/get-client";
import { useDeleteClient } from "../api/save-client";

/** One client's registration, with edit and delete; its keys are shown beside it by the route. */
export function ClientDetails({ clientId }: { clientId: string }) {
  const env = useEnv();
  const navigate = useNavigate();
  const { t, formatDateTime, formatNumber } = useI18n();
  const toast = useToast();
  const admin = useRoleGate("admin");
  const canWrite = useHasAdminScope("idporten:dcr.write") && admin.allowed;
  const client = useClient(env.id, clientId);
  const remove = useDeleteClient(env.id);
  const [confirming, setConfirming] = useState(false);

  if (client.isPending) return <Loading label={t("clients.loadingOne")} />;
  if (client.isError) {
    return (
      <div className="flex flex-col gap-3">
        <ErrorAlert error={client.error} title={t("clients.loadOneFailed")} />
        <p>
          <Link
            to="/$env/clients"
            params={{ env: env.id }}
            className="text-blue-700 underline dark:text-sky-400"
          >
            {t("clients.backToList")}
          </Link>
        </p>
      </div>
    );
  }
  const c = client.data;
  // Deleting the client Portvakt signs in to Digdir with locks Portvakt out (issue 14, defect 8).
  const ownAdminClient = env.clientId !== undefined && c.client_id === env.clientId;

  const onDelete = () =>
    remove.mutate(
      { id: c.client_id, ownAdminClient },
      {
        onSuccess: () => {
          toast.success(({ t }) => t("clients.deleted", { name: c.client_name ?? c.client_id }), {
            next: true,
          });
          void navigate({ to: "/$env/clients", params: { env: env.id } });
        },
        onError: (error) =>
          toast.error(
            ({ t }) => t("clients.deleteFailed", { name: c.client_name ?? c.client_id }),
            error,
          ),
      },
    );

  const rows: [string, ReactNode][] = [
    [
      t("clients.col.clientId"),
      <code key="id" className="font-mono text-sm break-all select-all" data-testid="client-id">
        {c.client_id}
      </code>,
    ],
    [t("clients.field.description"), c.description],
    [
      t("clients.col.state"),
      c.active !== false ? (
        <Badge key="s" tone="success">
          {t("clients.active")}
        </Badge>
      ) : (
        <Badge key="s">{t("clients.inactive")}</Badge>
      ),
    ],
    // A type Portvakt does not know is set aside by the read and shown as Digdir answered it.
    [t("clients.integrationType"), answeredText(c, "integration_type")],
    [
      t("clients.orgno"),
      <span key="o" className="font-mono">
        {c.client_orgno}
      </span>,
    ],
    [
      t("clients.field.tokenLifetime"),
      c.access_token_lifetime === undefined
        ? "—"
        : t("clients.seconds", { value: formatNumber(c.access_token_lifetime) }),
    ],
    [t("clients.created"), c.created ? formatDateTime(c.created) : "—"],
    [t("clients.col.lastUpdated"), c.last_updated ? formatDateTime(c.last_updated) : "—"],
    [
      t("clients.col.scopes"),
      (c.scopes ?? []).length === 0 ? (
        "—"
      ) : (
        <ul key="scopes" className="flex flex-wrap gap-1" data-testid="client-scopes">
          {(c.scopes ?? []).map((s) => (
            <li key={s}>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                {s}
              </code>
            </li>
          ))}
        </ul>
      ),
    ],
  ];

  return (
    <section aria-labelledby="client-heading">
      <RoleNotice needed="admin" what="role.what.clients" />
      <p className="mb-2 text-sm">
        <Link
          to="/$env/clients"
          params={{ env: env.id }}
          className="text-blue-700 underline dark:text-sky-400"
        >
          ← {t("clients.backToList")}
        </Link>
      </p>
      <PageHeader
        title={
          <span id="client-heading" className="flex flex-wrap items-center gap-2">
            {c.client_name}
            {ownAdminClient && <Badge tone="warning">{t("clients.ownAdmin.badge")}</Badge>}
          </span>
        }
        description={t("clients.detailsDescription")}
        actions={
          <>
            {admin.allowed && (
              <Link
                to="/$env/clients/$clientId/edit"
                params={{ env: env.id, clientId: c.client_id }}
                {...buttonProps("secondary")}
                aria-disabled={!canWrite || undefined}
              >
                {t("common.edit")}
              </Link>
            )}
            <Button
              variant="danger"
              disabled={!canWrite}
              title={admin.reason || undefined}
              onClick={() => setConfirming(true)}
            >
              {t("clients.delete")}
            </Button>
          </>
        }
      />
      {ownAdminClient && (
        <div className="mb-3" data-testid="own-admin-client">
          <Notice>{t("clients.ownAdmin.notice", { env: env.label })}</Notice>
        </div>
      )}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[max-content_1fr] dark:border-slate-700 dark:bg-slate-900">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-sm">{value}</dd>
          </div>
        ))}
      </dl>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={onDelete}
        title={t("clients.deleteTitle", { name: c.client_name ?? c.client_id })}
        confirmLabel={t("clients.delete")}
        subjectName={c.client_name ?? c.client_id}
        pending={remove.isPending}
        {...(ownAdminClient
          ? {
              mustTypeValue: { value: c.client_id, help: t("clients.ownAdmin.typeHelp") },
            }
          : {})}
      >
        {ownAdminClient && (
          <p className="mb-2 font-semibold">{t("clients.ownAdmin.notice", { env: env.label })}</p>
        )}
        <p>
          {ownAdminClient
            ? t("clients.ownAdmin.deleteBody", { env: env.label })
            : t("clients.deleteBody")}
        </p>
      </ConfirmDialog>
    </section>
  );
}
