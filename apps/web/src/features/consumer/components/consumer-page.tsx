import {
  type AccessState,
  orgNumberProblem,
  type Scope,
  type ScopeAccess,
} from "@portvakt/contracts";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useMemo, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Field, Input } from "../../../components/ui/field";
import { ErrorAlert, ProblemDetails } from "../../../components/ui/problem";
import { RoleNotice } from "../../../components/ui/role-notice";
import { Badge, EmptyState, Loading, Notice, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { isApiProblem } from "../../../lib/api-client";
import { useEnv, useHasAdminScope } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import {
  GrantConfirmation,
  RegistryStateBadge,
  useGuardedGrant,
  useOrganizationStatus,
} from "../../../lib/organization-status";
import { useRoleGate } from "../../../lib/session";
import { useConsumerAccess, useGrantScopeTo, useOwnScopesForConsumer } from "../api";

const STATE_TONE: Record<AccessState, "success" | "warning" | "neutral"> = {
  APPROVED: "success",
  REQUESTED: "warning",
  DENIED: "neutral",
};

/**
 * "Which of our scopes does organisation X have?" (issue 14 #15): one organisation number in the
 * URL (`/consumer?orgno=`), its rows from Digdir's `?consumer_orgno=` list beside every scope we
 * own, and several scopes granted to it at once (each through the BFF's guarded grant).
 */
export function ConsumerPage({ orgno }: { orgno?: string }) {
  const env = useEnv();
  const { t, tm } = useI18n();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(orgno ?? "");
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = typed.replace(/\s+/g, "");
    const problem = orgNumberProblem(value);
    if (problem) {
      setError(tm(problem));
      return;
    }
    setError(null);
    // A filter in the URL: the history entry is replaced and the scroll position kept.
    void navigate({
      to: "/$env/consumer",
      params: { env: env.id },
      search: { orgno: value },
      replace: true,
      resetScroll: false,
    });
  };
  const valid = orgno !== undefined && orgNumberProblem(orgno) === null;

  return (
    <section>
      <PageHeader title={t("consumer.title")} description={t("consumer.description")} />
      <form className="mb-4 flex max-w-xl flex-wrap items-end gap-3" onSubmit={submit} noValidate>
        <Field
          id="consumer-orgno"
          label={t("consumer.orgnoLabel")}
          help={t("consumer.orgnoHelp")}
          error={error}
          className="min-w-0 flex-1"
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              inputMode="numeric"
              autoComplete="off"
              className="font-mono"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" className="mb-5">
          {t("consumer.show")}
        </Button>
      </form>
      {valid ? (
        <ConsumerScopes key={orgno} orgno={orgno} />
      ) : (
        <EmptyState title={t("consumer.enterOrgno")}>{t("consumer.enterOrgnoHelp")}</EmptyState>
      )}
    </section>
  );
}

type Outcome = { state: "granted" } | { state: "failed"; error: unknown };

function ConsumerScopes({ orgno }: { orgno: string }) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const operator = useRoleGate("operator");
  const hasScopesWrite = useHasAdminScope("idporten:scopes.write");
  const canWrite = operator.allowed && hasScopesWrite;
  const scopes = useOwnScopesForConsumer(env.id);
  const access = useConsumerAccess(env.id, orgno);
  const organization = useOrganizationStatus(env.id, orgno);
  const guard = useGuardedGrant(env.id);
  const grant = useGrantScopeTo(env.id);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [running, setRunning] = useState(false);

  const name = organization.data?.name;
  const org = name ? `${name} (${orgno})` : orgno;
  const rows = useMemo(() => {
    const byScope = new Map<string, ScopeAccess>(
      (access.data ?? []).map((row) => [row.scope, row]),
    );
    return [...(scopes.data ?? [])]
      .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name))
      .map((scope) => ({ scope, grant: byScope.get(scope.name) }));
  }, [scopes.data, access.data]);
  const grantable = (row: { scope: Scope; grant?: ScopeAccess }) =>
    row.scope.active !== false && row.grant?.state !== "APPROVED";
  const toGrant = rows.filter((row) => grantable(row) && picked.has(row.scope.name));
  const approved = rows.filter((row) => row.grant?.state === "APPROVED").length;

  const toggle = (scope: string, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });

  // One guarded grant per scope, one after the other: each is audited on its own, and a
  // failure (a 409 from Digdir, an unknown outcome) is shown on its row without hiding the rest.
  const grantPicked = async () => {
    setRunning(true);
    let ok = 0;
    let failed = 0;
    for (const row of toGrant) {
      try {
        await grant.mutateAsync({ scope: row.scope.name, orgno });
        ok++;
        setOutcomes((o) => ({ ...o, [row.scope.name]: { state: "granted" } }));
      } catch (error) {
        failed++;
        setOutcomes((o) => ({ ...o, [row.scope.name]: { state: "failed", error } }));
      }
    }
    setRunning(false);
    setPicked(new Set());
    if (failed === 0) toast.success(t("consumer.granted", { org, count: ok }));
    else toast.error(t("consumer.grantedSome", { ok, failed }));
  };

  if (scopes.isPending || access.isPending) return <Loading label={t("common.loading")} />;
  if (scopes.isError || access.isError) {
    return (
      <ErrorAlert
        error={scopes.error ?? access.error}
        title={t("consumer.loadFailed")}
        onRetry={() => {
          void scopes.refetch();
          void access.refetch();
        }}
      />
    );
  }
  if (rows.length === 0) {
    return <EmptyState title={t("consumer.noScopes")}>{t("consumer.noScopesHelp")}</EmptyState>;
  }

  return (
    <div className="flex flex-col gap-4">
      <RoleNotice needed="operator" what="role.what.access" />
      {!hasScopesWrite && <Notice>{t("missing.scope", { scope: "idporten:scopes.write" })}</Notice>}
      <p data-testid="consumer-summary">
        {t("consumer.summary", { org, approved, total: rows.length })}{" "}
        <RegistryStateBadge status={organization.data} />
        {(organization.isError || (organization.isSuccess && !name)) && (
          <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">
            {t("consumer.nameUnknown")}
          </span>
        )}
      </p>
      <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700">
        <table className="w-full text-left text-sm" data-testid="consumer-scopes">
          <caption className="sr-only">{t("consumer.tableCaption", { org })}</caption>
          <thead className="bg-slate-100 dark:bg-slate-800">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <span className="sr-only">{t("consumer.col.pick")}</span>
              </th>
              <th scope="col" className="px-3 py-2">
                {t("consumer.col.scope")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("access.col.state")}
              </th>
              <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                {t("access.col.result")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const outcome = outcomes[row.scope.name];
              const state = row.grant?.state;
              return (
                <tr
                  key={row.scope.name}
                  data-scope={row.scope.name}
                  className="border-t border-slate-200 align-top dark:border-slate-700"
                >
                  <td className="px-3 py-2">
                    <Input
                      type="checkbox"
                      aria-label={t("consumer.pick", { scope: row.scope.name })}
                      checked={picked.has(row.scope.name)}
                      disabled={!canWrite || running || !grantable(row)}
                      title={operator.reason || undefined}
                      onChange={(e) => toggle(row.scope.name, e.target.checked)}
                    />
                  </td>
                  <td className="px-3 py-2">
                    <div className="font-mono break-all">{row.scope.name}</div>
                    {row.scope.description && (
                      <div className="text-xs text-slate-600 dark:text-slate-400">
                        {row.scope.description}
                      </div>
                    )}
                    {row.scope.active === false && (
                      <Badge tone="neutral">{t("consumer.inactiveScope")}</Badge>
                    )}
                    {outcome && (
                      <div className="sm:hidden">
                        <OutcomeBadge outcome={outcome} />
                      </div>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {state ? (
                      <Badge tone={STATE_TONE[state]}>{t(`access.state.${state}`)}</Badge>
                    ) : (
                      <span className="text-slate-600 dark:text-slate-400">
                        {t("consumer.none")}
                      </span>
                    )}
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">
                    {outcome && <OutcomeBadge outcome={outcome} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="flex justify-end">
        <Button
          variant="primary"
          disabled={!canWrite || toGrant.length === 0}
          pending={running || guard.checking}
          title={operator.reason || undefined}
          onClick={() => void guard.request([orgno], toGrant.length, () => void grantPicked())}
        >
          {t("consumer.grantSelected", { count: toGrant.length })}
        </Button>
      </div>
      <GrantConfirmation {...guard.dialog} />
    </div>
  );
}

function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  if (outcome.state === "granted") {
    return <Badge tone="success">{t("consumer.result.granted")}</Badge>;
  }
  return (
    <div className="flex flex-col gap-1 text-red-800 dark:text-red-300">
      <Badge tone="danger">{t("consumer.result.failed")}</Badge>
      {isApiProblem(outcome.error) ? (
        <ProblemDetails problem={outcome.error} compact />
      ) : (
        <span className="text-xs">{String(outcome.error)}</span>
      )}
    </div>
  );
}
