import {
  isLegacyKey,
  type JwkRead,
  MAX_KEYS_PER_CLIENT,
  rsaModulusBits,
} from "@portvakt/contracts";
import {
  daysUntilKeyExpiry,
  KEY_LIFETIME_DAYS,
  keyNeedsRotation,
  SECONDS_PER_DAY,
} from "@portvakt/maskinporten-rules";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog, Dialog } from "../../../components/ui/dialog";
import { ErrorAlert } from "../../../components/ui/problem";
import { RowWarnings } from "../../../components/ui/row-warnings";
import { Badge, EmptyState, Loading, Notice } from "../../../components/ui/status";
import { type ColumnDef, DataTable } from "../../../components/ui/table";
import { useToast } from "../../../components/ui/toast";
import { isApiProblem } from "../../../lib/api-client";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { useRoleGate } from "../../../lib/session";
import { useRemoveClientKey } from "../api/change-keys";
import { useClientOfKeys } from "../api/get-clients";
import { useJwks } from "../api/get-jwks";
import { AddKeyForm } from "./add-key-form";
import { ConcurrentEditNotice } from "./concurrent-edit-notice";
import { GenerateKeyForm } from "./generate-key-form";
import { ReplaceKeySetForm } from "./replace-key-set-form";
import { RotationWizard } from "./rotation-wizard";

/** A key's lifetime from when it was posted (the rules' one definition), in ms. */
const KEY_LIFETIME_MS = KEY_LIFETIME_DAYS * SECONDS_PER_DAY * 1000;

export function KeysPanel({ clientId }: { clientId: string }) {
  const env = useEnv();
  const { t, formatDate, formatNumber } = useI18n();
  const toast = useToast();
  const hasWrite = useHasAdminScope("idporten:dcr.write");
  const hasModify = useHasAdminScope("idporten:dcr.modify");
  const admin = useRoleGate("admin");
  const canWrite = (hasWrite || hasModify) && admin.allowed;
  const roleReason = admin.reason || undefined;
  const jwks = useJwks(env.id, clientId);
  const remove = useRemoveClientKey(env.id, clientId);
  const [adding, setAdding] = useState(false);
  const [generating, setGenerating] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const client = useClientOfKeys(env.id, clientId);
  const clientName = client.data?.client_name ?? clientId;
  const rotating = useSearch({ from: "/$env/clients/$clientId" }).rotate === "1";
  const navigate = useNavigate({ from: "/$env/clients/$clientId" });
  const [removing, setRemoving] = useState<JwkRead | null>(null);
  const [conflict, setConflict] = useState(false);

  const keys = jwks.data?.jwks.keys ?? [];
  const full = keys.length >= MAX_KEYS_PER_CLIENT;
  const [now] = useState(Date.now);

  const reload = () => {
    setConflict(false);
    void jwks.refetch();
  };

  const columns = useMemo<ColumnDef<JwkRead>[]>(
    () => [
      {
        id: "kid",
        accessorFn: (k) => k.kid ?? "",
        header: t("keys.col.kid"),
        cell: ({ row }) => (
          <span className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs break-all">{row.original.kid ?? "—"}</code>
            {isLegacyKey(row.original) && (
              <span title={t("keys.legacyHelp")} data-testid="legacy-key">
                <Badge tone="warning">{t("keys.legacy")}</Badge>
              </span>
            )}
            <RowWarnings warnings={row.original.portvakt_warnings} ignore={["jwk-without-use"]} />
          </span>
        ),
      },
      {
        id: "alg",
        accessorFn: (k) => k.alg ?? "RS256",
        header: t("keys.col.alg"),
      },
      {
        id: "bits",
        accessorFn: (k) => rsaModulusBits(k.n ?? ""),
        header: t("keys.col.size"),
        cell: ({ getValue }) => t("keys.bits", { bits: formatNumber(Number(getValue())) }),
      },
      {
        id: "exp",
        accessorFn: (k) => k.exp ?? Number.MAX_SAFE_INTEGER,
        header: t("keys.col.expires"),
        cell: ({ row }) => {
          const exp = row.original.exp;
          if (exp === undefined) return "—";
          const ms = exp * 1000;
          const days = daysUntilKeyExpiry(exp, now);
          return (
            <span className="flex flex-wrap items-center gap-2 whitespace-nowrap">
              {formatDate(ms)}
              {days < 0 ? (
                <Badge tone="danger">{t("keys.expired")}</Badge>
              ) : keyNeedsRotation(exp, now) ? (
                <Badge tone="warning">{t("keys.expiresIn", { days })}</Badge>
              ) : null}
            </span>
          );
        },
      },
      {
        id: "created",
        accessorFn: (k) => (k.exp ? k.exp * 1000 - KEY_LIFETIME_MS : 0),
        header: t("keys.col.added"),
        cell: ({ getValue }) => {
          const value = Number(getValue());
          return value ? <span className="whitespace-nowrap">{formatDate(value)}</span> : "—";
        },
      },
      {
        id: "actions",
        enableSorting: false,
        header: () => <span className="sr-only">{t("common.actions")}</span>,
        cell: ({ row }) => (
          <Button
            size="sm"
            variant="danger-ghost"
            title={roleReason}
            disabled={!canWrite || !row.original.kid}
            aria-label={t("keys.removeNamed", { kid: row.original.kid ?? "" })}
            onClick={() => setRemoving(row.original)}
          >
            {t("keys.remove")}
          </Button>
        ),
      },
    ],
    [t, formatDate, formatNumber, canWrite, roleReason, now],
  );

  const confirmRemove = () => {
    if (!removing) return;
    const kid = removing.kid ?? "";
    remove.mutate(
      { kid, etag: jwks.data?.etag ?? null },
      {
        onSuccess: () => {
          toast.success(({ t }) => t("keys.removed", { kid }));
          setRemoving(null);
        },
        onError: (error) => {
          setRemoving(null);
          if (isApiProblem(error) && error.status === 412) setConflict(true);
          else toast.error(({ t }) => t("keys.removeFailed", { kid }), error);
        },
      },
    );
  };

  return (
    <section aria-labelledby="keys-heading" className="mt-8 flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="keys-heading" className="text-xl font-semibold">
            {t("keys.title")}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("keys.description")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm" data-testid="key-count">
            {t("keys.count", { count: keys.length, max: MAX_KEYS_PER_CLIENT })}
          </span>
          {/* Nothing to rotate without a key (issue 14, defect 8): add one instead. */}
          {keys.length > 0 && (
            <Button
              disabled={!canWrite || !jwks.isSuccess || rotating}
              title={roleReason}
              onClick={() =>
                void navigate({ search: { rotate: "1" }, replace: true, resetScroll: false })
              }
            >
              {t("rotate.start")}
            </Button>
          )}
          <Button
            disabled={!canWrite || full || !jwks.isSuccess}
            title={roleReason}
            onClick={() => setGenerating(true)}
          >
            {t("keygen.open")}
          </Button>
          <Button
            disabled={!canWrite || !jwks.isSuccess}
            title={roleReason}
            onClick={() => setReplacing(true)}
          >
            {t("replaceKeys.open")}
          </Button>
          <Button
            variant="primary"
            disabled={!canWrite || full || !jwks.isSuccess}
            title={roleReason}
            onClick={() => setAdding(true)}
          >
            {t("keys.add")}
          </Button>
        </div>
      </div>
      {full && <Notice tone="info">{t("keys.limitReached", { max: MAX_KEYS_PER_CLIENT })}</Notice>}
      {conflict && <ConcurrentEditNotice onReload={reload} />}
      {jwks.isPending ? (
        <Loading label={t("keys.loading")} />
      ) : jwks.isError ? (
        <ErrorAlert
          error={jwks.error}
          title={t("keys.loadFailed")}
          onRetry={() => void jwks.refetch()}
        />
      ) : (
        <DataTable
          data={keys}
          columns={columns}
          getRowId={(k) => k.kid ?? `#${k.n ?? ""}`}
          label={t("keys.title")}
          initialSorting={[{ id: "exp", desc: false }]}
          testId="keys-table"
          maxHeight="none"
          empty={<EmptyState title={t("keys.empty")}>{t("keys.emptyHelp")}</EmptyState>}
        />
      )}
      {rotating && jwks.isSuccess && keys.length === 0 && (
        <div data-testid="no-keys-to-rotate">
          <Notice tone="info">{t("keys.noKeysRotate")}</Notice>
        </div>
      )}
      {rotating && jwks.isSuccess && keys.length > 0 && (
        <RotationWizard
          clientId={clientId}
          clientName={clientName}
          keys={keys}
          etag={jwks.data.etag}
          onReload={reload}
        />
      )}
      <Dialog
        open={generating}
        onClose={() => setGenerating(false)}
        title={t("keygen.title")}
        size="lg"
      >
        <GenerateKeyForm
          clientId={clientId}
          clientName={clientName}
          etag={jwks.data?.etag ?? null}
          existingKids={keys.flatMap((k) => k.kid ?? [])}
          onReload={reload}
          onCancel={() => setGenerating(false)}
        />
      </Dialog>
      <Dialog
        open={replacing}
        onClose={() => setReplacing(false)}
        title={t("replaceKeys.title")}
        size="lg"
      >
        <ReplaceKeySetForm
          clientId={clientId}
          etag={jwks.data?.etag ?? null}
          current={keys}
          onReload={reload}
          onDone={() => setReplacing(false)}
        />
      </Dialog>
      <Dialog open={adding} onClose={() => setAdding(false)} title={t("keys.addTitle")} size="lg">
        <AddKeyForm
          clientId={clientId}
          etag={jwks.data?.etag ?? null}
          existingKids={keys.flatMap((k) => k.kid ?? [])}
          onReload={reload}
          onDone={() => setAdding(false)}
        />
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={confirmRemove}
        title={t("keys.removeTitle")}
        confirmLabel={t("keys.remove")}
        subjectName={removing?.kid ?? ""}
        pending={remove.isPending}
      >
        <p>{t("keys.removeBody", { kid: removing?.kid ?? "" })}</p>
      </ConfirmDialog>
    </section>
  );
}
