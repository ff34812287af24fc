import { IssueApiToken, MAX_API_TOKEN_DAYS } from "@portvakt/contracts";
import { useId, useState } from "react";
import {
  Form,
  FormCheckboxGroup,
  FormField,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { Input, Select } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { Badge, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnvContext } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { ROLES } from "../../../lib/session";
import { type ApiToken, useIssueToken, useRevokeToken, useTokens } from "../api";

function statusOf(token: ApiToken, now: number): "active" | "expired" | "revoked" {
  if (token.revokedAt) return "revoked";
  return Date.parse(token.expiresAt) <= now ? "expired" : "active";
}

/** Issue, list and revoke pipeline tokens (admins only; the BFF checks it too). */
export function TokensPage() {
  const { t } = useI18n();
  const { envs } = useEnvContext();
  const adminEnvs = envs.filter((e) => e.role === "admin").map((e) => e.id);
  const isAdmin = adminEnvs.length > 0;
  return (
    <section className="flex flex-col gap-6">
      <PageHeader title={t("tokens.title")} description={t("tokens.description")} />
      {isAdmin ? (
        <>
          <IssueForm adminEnvs={adminEnvs} />
          <TokenList />
        </>
      ) : (
        <Notice tone="info">{t("tokens.adminOnly")}</Notice>
      )}
    </section>
  );
}

type IssueValues = { name: string; role: ApiToken["role"]; envs: string[]; days: string };

/** The request body as typed: the days as a number (the contracts' `IssueApiToken` checks it). */
const issueBody = (values: IssueValues) => ({
  name: values.name,
  role: values.role,
  envs: values.envs,
  days: values.days.trim() === "" ? Number.NaN : Number(values.days),
});

const ISSUE_FIELDS = ["name", "role", "envs", "days"] as const;

function IssueForm({ adminEnvs }: { adminEnvs: string[] }) {
  const { t } = useI18n();
  const issue = useIssueToken();
  const valueId = useId();
  const form = useContractForm<IssueValues, IssueApiToken>({
    schema: IssueApiToken,
    toBody: issueBody,
    defaultValues: { name: "", role: "operator", envs: [], days: "90" },
  });
  return (
    <div className="flex flex-col gap-4">
      <Form
        form={form}
        onSubmit={(body) => issue.mutateAsync(body)}
        fields={ISSUE_FIELDS}
        idPrefix="token"
        className="flex max-w-2xl flex-col gap-4"
      >
        <FormField name="name" label={t("tokens.name")} help={t("tokens.nameHelp")} required>
          {(field) => <Input {...field} maxLength={80} />}
        </FormField>
        <FormField name="role" label={t("tokens.role")}>
          {(field) => (
            <Select {...field}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.name.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormCheckboxGroup
          name="envs"
          legend={t("tokens.envs")}
          help={t("tokens.envsHelp")}
          options={adminEnvs.map((env) => ({ value: env, label: env }))}
        />
        <FormField name="days" label={t("tokens.days")} help={t("tokens.daysHelp")}>
          {(field) => <Input {...field} type="number" min={1} max={MAX_API_TOKEN_DAYS} />}
        </FormField>
        <div>
          <FormSubmit>{t("tokens.issue")}</FormSubmit>
        </div>
      </Form>
      {issue.isError && <ErrorAlert error={issue.error} title={t("tokens.issueFailed")} />}
      {issue.data && (
        <div role="status" data-testid="issued-token">
          <Notice tone="warning">
            <p className="font-semibold">{t("tokens.issued", { name: issue.data.info.name })}</p>
            <p>{t("tokens.issuedOnce")}</p>
            <label htmlFor={valueId} className="mt-2 block text-sm font-medium">
              {t("tokens.value")}
            </label>
            <Input
              id={valueId}
              readOnly
              value={issue.data.token}
              className="font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
          </Notice>
        </div>
      )}
    </div>
  );
}

function TokenList() {
  const { t, formatDateTime } = useI18n();
  const toast = useToast();
  const tokens = useTokens(true);
  const revoke = useRevokeToken();
  const [confirming, setConfirming] = useState<ApiToken | null>(null);
  const now = Date.now();
  if (tokens.isPending) return <Loading label={t("common.loading")} />;
  if (tokens.isError) return <ErrorAlert error={tokens.error} onRetry={() => tokens.refetch()} />;
  return (
    <section aria-labelledby="token-list" className="flex flex-col gap-2">
      <h2 id="token-list" className="text-xl font-semibold">
        {t("tokens.list")}
      </h2>
      {tokens.data.length === 0 ? (
        <p>{t("tokens.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="token-table">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th className="p-2">{t("tokens.col.name")}</th>
                <th className="p-2">{t("tokens.col.role")}</th>
                <th className="p-2">{t("tokens.col.envs")}</th>
                <th className="p-2">{t("tokens.col.createdBy")}</th>
                <th className="p-2">{t("tokens.col.expires")}</th>
                <th className="p-2">{t("tokens.col.lastUsed")}</th>
                <th className="p-2">{t("tokens.col.status")}</th>
                <th className="p-2">
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => {
                const status = statusOf(token, now);
                return (
                  <tr
                    key={token.id}
                    data-token-id={token.id}
                    className="border-b border-slate-100 dark:border-slate-800"
                  >
                    <td className="p-2 font-medium">{token.name}</td>
                    <td className="p-2">{t(`role.name.${token.role}`)}</td>
                    <td className="p-2">{token.envs.join(", ")}</td>
                    <td className="p-2">{token.createdBy.name}</td>
                    <td className="p-2">{formatDateTime(token.expiresAt)}</td>
                    <td className="p-2">
                      {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("tokens.neverUsed")}
                    </td>
                    <td className="p-2">
                      <Badge
                        tone={
                          status === "active"
                            ? "success"
                            : status === "revoked"
                              ? "danger"
                              : "neutral"
                        }
                      >
                        {t(`tokens.status.${status}`)}
                      </Badge>
                    </td>
                    <td className="p-2">
                      {status !== "revoked" && (
                        <Button size="sm" variant="danger" onClick={() => setConfirming(token)}>
                          {t("tokens.revoke", { name: token.name })}
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t("tokens.revokeTitle", { name: confirming?.name ?? "" })}
        confirmLabel={t("tokens.revokeConfirm")}
        subjectName={confirming?.name ?? ""}
        pending={revoke.isPending}
        onConfirm={() => {
          const token = confirming;
          if (!token) return;
          revoke.mutate(token.id, {
            onSuccess: () => {
              toast.success(({ t }) => t("tokens.revoked", { name: token.name }));
              setConfirming(null);
            },
            onError: (error) => toast.error(({ t }) => t("tokens.revokeFailed"), error),
          });
        }}
      >
        <p>{t("tokens.revokeBody")}</p>
      </ConfirmDialog>
    </section>
  );
}
