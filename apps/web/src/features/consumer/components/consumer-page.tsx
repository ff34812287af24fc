import {
  type AccessState,
  OrgNumber,
  orgNumberProblem,
  type Scope,
  type ScopeAccess,
  ScopeName,
} from "@portvakt/contracts";
import { useNavigate } from "@tanstack/react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { useController } from "react-hook-form";
import { z } from "zod";
import {
  Form,
  FormField,
  FormSubmit,
  useContractForm,
  useFieldError,
} from "../../../components/form/form";
import { Input } from "../../../components/ui/field";
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
/**
 * The lookup: one organisation number (docs/maskinporten.md §4: 9 digits, mod 11), spaces as
 * typed ("889 640 782") dropped. Composed of the contracts' `OrgNumber`, as the route's search.
 */
const Lookup = z.object({ orgno: OrgNumber });
type LookupValues = { orgno: string };
const LOOKUP_FIELDS = ["orgno"] as const;
const toLookup = (values: LookupValues): unknown => ({
  orgno: values.orgno.replace(/\s+/g, ""),
});

/**
 * "Which of our scopes does organisation X have?" (issue 14 #15): one organisation number in the
 * URL (`/consumer?orgno=`), its rows from Digdir's `?consumer_orgno=` list beside every scope we
 * own, and several scopes granted to it at once (each through the BFF's guarded grant).
 */
export function ConsumerPage({ orgno }: { orgno?: string }) {
  const env = useEnv();
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useContractForm<LookupValues, z.output<typeof Lookup>>({
    schema: Lookup,
    toBody: toLookup,
    defaultValues: { orgno: orgno ?? "" },
  });

  // A filter in the URL: the history entry is replaced and the scroll position kept.
  const show = async (body: z.output<typeof Lookup>) => {
    await navigate({
      to: "/$env/consumer",
      params: { env: env.id },
      search: { orgno: body.orgno },
      replace: true,
      resetScroll: false,
    });
  };
  const valid = orgno !== undefined && orgNumberProblem(orgno) === null;

  return (
    <section>
      <PageHeader title={t("consumer.title")} description={t("consumer.description")} />
      <Form
        form={form}
        onSubmit={show}
        fields={LOOKUP_FIELDS}
        idPrefix="consumer"
        className="mb-4 flex max-w-xl flex-wrap items-end gap-3"
      >
        <FormField
          name="orgno"
          label={t("consumer.orgnoLabel")}
          help={t("consumer.orgnoHelp")}
          className="min-w-0 flex-1"
        >
          {(field) => (
            <Input {...field} inputMode="numeric" autoComplete="off" className="font-mono" />
          )}
        </FormField>
        <FormSubmit className="mb-5">{t("consumer.show")}</FormSubmit>
      </Form>
      {valid ? (
        <ConsumerScopes key={orgno} orgno={orgno} />
      ) : (
        <EmptyState title={t("consumer.enterOrgno")}>{t("consumer.enterOrgnoHelp")}</EmptyState>
      )}
    </section>
  );
}

/**
 * The multi-scope grant's one field: the scopes picked, at least one, each a valid scope name
 * (the contracts' `ScopeName`); each is granted through `PUT …/scopes/access/{orgno}?scope=`.
 */
const ScopesToGrant = z.object({ scopes: z.array(ScopeName).min(1) });
type GrantValues = { scopes: string[] };
const GRANT_FIELDS = ["scopes"] as const;
const toGrantBody = (values: GrantValues): unknown => ({ scopes: values.scopes });

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
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [running, setRunning] = useState(false);
  const form = useContractForm<GrantValues, z.output<typeof ScopesToGrant>>({
    schema: ScopesToGrant,
    toBody: toGrantBody,
    defaultValues: { scopes: [] },
  });
  const { field } = useController({ name: "scopes", control: form.control });
  const picked = new Set(field.value);
  const tableRef = useRef<HTMLDivElement>(null);

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
    field.onChange(on ? [...field.value, scope] : field.value.filter((s) => s !== scope));

  // One guarded grant per scope, one after the other: each is audited on its own, and a
  // failure (a 409 from Digdir, an unknown outcome) is shown on its row without hiding the rest.
  // The failed scopes stay picked (a retry is one click) and the first gets the focus.
  const grantPicked = async (names: string[]) => {
    setRunning(true);
    let ok = 0;
    const failed: string[] = [];
    for (const scope of names) {
      try {
        await grant.mutateAsync({ scope, orgno });
        ok++;
        setOutcomes((o) => ({ ...o, [scope]: { state: "granted" } }));
      } catch (error) {
        failed.push(scope);
        setOutcomes((o) => ({ ...o, [scope]: { state: "failed", error } }));
      }
    }
    setRunning(false);
    form.setValue("scopes", failed);
    if (failed.length === 0) {
      toast.success(({ t }) => t("consumer.granted", { org, count: ok }));
      return;
    }
    toast.error(({ t }) => t("consumer.grantedSome", { ok, failed: failed.length }));
    setFocusScope(failed[0]!);
  };
  // The first failed scope's checkbox gets the focus once it is enabled again (after the
  // render that ends `running`; a disabled checkbox cannot take it).
  const [focusScope, setFocusScope] = useState<string | null>(null);
  useEffect(() => {
    if (running || !focusScope) return;
    tableRef.current
      ?.querySelector<HTMLInputElement>(`input[data-pick="${CSS.escape(focusScope)}"]`)
      ?.focus();
    setFocusScope(null);
  }, [running, focusScope]);

  // A deleted, bankrupt or wound-up organisation is confirmed first (issue 14 #16); without one
  // the grants run inside the submit (the button shows it is busy).
  const onSubmit = async (body: z.output<typeof ScopesToGrant>) => {
    const names = body.scopes.filter((scope) =>
      rows.some((row) => row.scope.name === scope && grantable(row)),
    );
    let inSubmit = true;
    let runNow = false;
    await guard.request([orgno], names.length, () => {
      if (inSubmit) runNow = true;
      else void grantPicked(names);
    });
    inSubmit = false;
    if (runNow) await grantPicked(names);
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
        <RegistryStateBadge status={organization.data} showOff />
        {(organization.isError || (organization.isSuccess && !name)) && (
          <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">
            {t("consumer.nameUnknown")}
          </span>
        )}
      </p>
      <Form
        form={form}
        onSubmit={onSubmit}
        fields={GRANT_FIELDS}
        idPrefix="consumer-grant"
        className="flex flex-col gap-4"
      >
        <ScopesError />
        <div
          id="consumer-grant-scopes"
          ref={(element) => {
            tableRef.current = element;
            // The field's focus target (react-hook-form focuses it on a client error).
            field.ref(element);
          }}
          tabIndex={-1}
          aria-describedby={
            form.formState.errors.scopes ? "consumer-grant-scopes-error" : undefined
          }
          className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700"
        >
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
              {rows.map((row, index) => {
                const outcome = outcomes[row.scope.name];
                const state = row.grant?.state;
                const failed = outcome?.state === "failed";
                const outcomeId = `consumer-outcome-${index}`;
                return (
                  <tr
                    key={row.scope.name}
                    data-scope={row.scope.name}
                    className="border-t border-slate-200 align-top dark:border-slate-700"
                  >
                    <td className="px-3 py-2">
                      <Input
                        type="checkbox"
                        data-pick={row.scope.name}
                        aria-label={t("consumer.pick", { scope: row.scope.name })}
                        aria-invalid={failed || undefined}
                        aria-describedby={failed ? outcomeId : undefined}
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
        {/* Each failed row's problem, once, for its checkbox's description (the row shows it). */}
        <div className="sr-only">
          {rows.map((row, index) => {
            const outcome = outcomes[row.scope.name];
            return outcome?.state === "failed" ? (
              <span key={row.scope.name} id={`consumer-outcome-${index}`}>
                {t("consumer.result.failed")}
              </span>
            ) : null;
          })}
        </div>
        <div className="flex justify-end">
          <FormSubmit
            disabled={!canWrite || running}
            pending={running || guard.checking}
            title={operator.reason || undefined}
          >
            {t("consumer.grantSelected", { count: toGrant.length })}
          </FormSubmit>
        </div>
      </Form>
      <GrantConfirmation {...guard.dialog} />
    </div>
  );
}

/** The picked scopes' error (none picked; the client check), above the table it belongs to. */
function ScopesError() {
  const error = useFieldError("scopes");
  if (!error) return null;
  return (
    <p id="consumer-grant-scopes-error" className="text-sm text-red-700 dark:text-red-400">
      {error}
    </p>
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
