import { useId, useState } from "react";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/dialog";
import { Checkbox, Field, Fieldset, Input, Select } from "../../../components/ui/field";
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

function IssueForm({ adminEnvs }: { adminEnvs: string[] }) {
  const { t } = useI18n();
  const issue = useIssueToken();
  const [name, setName] = useState("");
  const [role, setRole] = useState<ApiToken["role"]>("operator");
  const [envs, setEnvs] = useState<string[]>([]);
  const [days, setDays] = useState("90");
  const valueId = useId();
  const dayCount = Number(days);
  const valid =
    name.trim().length > 0 &&
    envs.length > 0 &&
    Number.isInteger(dayCount) &&
    dayCount >= 1 &&
    dayCount <= 366;
  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex max-w-2xl flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) issue.mutate({ name: name.trim(), role, envs, days: dayCount });
        }}
      >
        <Field label={t("tokens.name")} help={t("tokens.nameHelp")} required>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("tokens.role")}>
          {({ id }) => (
            <Select
              id={id}
              value={role}
              onChange={(e) => setRole(e.target.value as ApiToken["role"])}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.name.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Fieldset legend={t("tokens.envs")}>
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("tokens.envsHelp")}</p>
          {adminEnvs.map((env) => (
            <Checkbox
              key={env}
              label={env}
              checked={envs.includes(env)}
              onChange={(e) =>
                setEnvs((now) =>
                  e.target.checked ? [...now, env] : now.filter((other) => other !== env),
                )
              }
            />
          ))}
        </Fieldset>
        <Field label={t("tokens.days")} help={t("tokens.daysHelp")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              type="number"
              min={1}
              max={366}
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          )}
        </Field>
        <div>
          <Button type="submit" variant="primary" pending={issue.isPending} disabled={!valid}>
            {t("tokens.issue")}
          </Button>
        </div>
      </form>
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
              toast.success(t("tokens.revoked", { name: token.name }));
              setConfirming(null);
            },
            onError: (error) => toast.error(t("tokens.revokeFailed"), error),
          });
        }}
      >
        <p>{t("tokens.revokeBody")}</p>
      </ConfirmDialog>
    </section>
  );
}
