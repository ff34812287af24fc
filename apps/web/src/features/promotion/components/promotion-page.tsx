import { useState } from "react";
import { ApplyResult, StalePlanNotice } from "../../../components/plan/apply-result";
import { PlanView } from "../../../components/plan/plan-view";
import { Button } from "../../../components/ui/button";
import { Field, Fieldset, Select, Textarea } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { Badge, Notice, PageHeader } from "../../../components/ui/status";
import { useEnvContext } from "../../../lib/env";
import { readTextFile } from "../../../lib/files";
import { useI18n } from "../../../lib/i18n";
import { ACCESS_KINDS, type ApplyOutcome } from "../../../lib/plan-apply";
import { roleAllows } from "../../../lib/session";
import {
  EXAMPLE_MAPPING,
  type PromotionInput,
  type PromotionPlan,
  useApplyPromotion,
  usePlanPromotion,
} from "../api/promotion";

const fileInputClass =
  "text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-slate-600 dark:file:bg-slate-800 dark:file:text-slate-100";

/**
 * Promotion (issue 18, 3): pick a source and a target environment, give the mapping file, see
 * the difference as a plan (config apply's steps), choose steps and apply them to the target.
 */
export function PromotionPage() {
  const { t } = useI18n();
  const { envs, env } = useEnvContext();
  const defaultTo = env.kind === "prod" ? env : (envs.find((e) => e.kind === "prod") ?? envs[1]);
  const [to, setTo] = useState(defaultTo?.id ?? env.id);
  const [from, setFrom] = useState(
    (envs.find((e) => e.id !== (defaultTo?.id ?? env.id)) ?? env).id,
  );
  const [mapping, setMapping] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [planned, setPlanned] = useState<{ input: PromotionInput; answer: PromotionPlan } | null>(
    null,
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);
  const planner = usePlanPromotion();
  const applier = useApplyPromotion();

  const target = envs.find((e) => e.id === to);
  const source = envs.find((e) => e.id === from);
  const same = from === to;
  const input: PromotionInput = { from, to, mapping };
  const changed =
    planned !== null &&
    (planned.input.from !== from || planned.input.to !== to || planned.input.mapping !== mapping);

  const makePlan = () => {
    setOutcome(null);
    applier.reset();
    planner.mutate(input, {
      onSuccess: (answer) => {
        setPlanned({ input, answer });
        setChosen(new Set());
      },
      onError: () => setPlanned(null),
    });
  };

  const apply = () => {
    if (!planned) return;
    setOutcome(null);
    const steps = planned.answer.plan.steps.filter((s) => chosen.has(s.id)).map((s) => s.id);
    applier.mutate(
      {
        ...planned.input,
        planFingerprint: planned.answer.plan.fingerprint,
        documentFingerprint: planned.answer.documentFingerprint,
        steps,
      },
      { onSuccess: setOutcome },
    );
  };

  const onFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    const content = await readTextFile(file);
    if (content === null) {
      setFileError(t("file.tooLarge", { name: file.name }));
      return;
    }
    setMapping(content);
  };

  if (envs.length < 2) {
    return (
      <section>
        <PageHeader title={t("promotion.title")} description={t("promotion.description")} />
        <Notice tone="info">{t("promotion.onlyOneEnv")}</Notice>
      </section>
    );
  }

  const steps = planned?.answer.plan.steps ?? [];
  const chosenSteps = steps.filter((s) => chosen.has(s.id));
  const targetLabel = target?.label ?? to;
  const needed = chosenSteps.every((s) => ACCESS_KINDS.has(s.kind)) ? "operator" : "admin";
  const allowed = roleAllows(target?.role ?? null, needed);
  const applied = outcome?.kind === "report";

  return (
    <section>
      <PageHeader title={t("promotion.title")} description={t("promotion.description")} />
      <div className="flex flex-col gap-6">
        <Fieldset legend={t("promotion.envs")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("promotion.from")}>
              {({ id, describedBy }) => (
                <Select
                  id={id}
                  aria-describedby={describedBy}
                  value={from}
                  data-testid="promotion-from"
                  onChange={(e) => setFrom(e.target.value)}
                >
                  {envs.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              label={t("promotion.to")}
              help={t("promotion.toHelp")}
              error={
                same
                  ? t("promotion.sameEnv")
                  : target && !target.role
                    ? t("promotion.noRoleTo", { env: targetLabel })
                    : null
              }
            >
              {({ id, describedBy }) => (
                <Select
                  id={id}
                  aria-describedby={describedBy}
                  value={to}
                  data-testid="promotion-to"
                  onChange={(e) => setTo(e.target.value)}
                >
                  {envs.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.label}
                      {e.kind === "prod" ? " (prod)" : ""}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
        </Fieldset>

        <Fieldset legend={t("promotion.mapping")}>
          <Field
            label={t("promotion.mappingFile")}
            help={t("promotion.mappingFileHelp")}
            error={fileError}
          >
            {({ id, describedBy }) => (
              <input
                id={id}
                type="file"
                accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                aria-describedby={describedBy}
                className={fileInputClass}
                data-testid="promotion-mapping-file"
                onChange={(e) => {
                  void onFile(e.target.files?.[0]);
                  e.target.value = "";
                }}
              />
            )}
          </Field>
          <Field
            id="promotion-mapping"
            label={t("promotion.mappingText")}
            help={t("promotion.mappingHelp")}
          >
            {({ id, describedBy }) => (
              <Textarea
                id={id}
                aria-describedby={describedBy}
                rows={12}
                wrap="off"
                spellCheck={false}
                autoCapitalize="off"
                className="font-mono text-xs leading-5"
                value={mapping}
                onChange={(e) => setMapping(e.target.value)}
              />
            )}
          </Field>
          <div className="flex flex-wrap gap-3">
            <Button
              variant="primary"
              disabled={same || !mapping.trim() || applier.isPending}
              pending={planner.isPending}
              onClick={makePlan}
            >
              {t("promotion.plan")}
            </Button>
            <Button
              onClick={() =>
                setMapping(
                  EXAMPLE_MAPPING.replace("from: test", `from: ${from}`).replace(
                    "to: prod",
                    `to: ${to}`,
                  ),
                )
              }
            >
              {t("promotion.example")}
            </Button>
          </div>
          {planner.isError && (
            <ErrorAlert error={planner.error} title={t("promotion.planFailed")} />
          )}
        </Fieldset>

        {planned && (
          <section aria-labelledby="promotion-plan-title" className="flex flex-col gap-4">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="promotion-plan-title" className="text-lg font-semibold">
                {t("promotion.planTitle", {
                  to: envs.find((e) => e.id === planned.input.to)?.label ?? planned.input.to,
                })}
              </h2>
              <Badge tone={steps.length > 0 ? "warning" : "info"}>
                {t("promotion.planSummary", { total: steps.length })}
              </Badge>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {source?.label ?? from} → {targetLabel}
              </span>
            </div>
            {changed && <Notice tone="warning">{t("promotion.changed")}</Notice>}
            <PlanView
              plan={planned.answer.plan}
              confirmed={chosen}
              onConfirmedChange={(next) => {
                setChosen(next);
                // A refusal of the earlier choice is no longer about this one.
                if (applier.isError) applier.reset();
              }}
              disabled={applier.isPending || applied}
              mode="choose"
            />
            <details className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
              <summary className="cursor-pointer text-sm font-medium">
                {t("promotion.document")}
              </summary>
              <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
                {t("promotion.documentHelp")}
              </p>
              <pre
                className="mt-2 max-h-96 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800"
                data-testid="promotion-document"
              >
                {planned.answer.document}
              </pre>
            </details>
            {steps.length > 0 && !applied && (
              <div className="flex flex-col items-start gap-2">
                <p className="text-sm" aria-live="polite" data-testid="promotion-chosen">
                  {t("promotion.chosen", { chosen: chosenSteps.length, total: steps.length })}
                </p>
                <Button
                  variant="danger"
                  disabled={chosenSteps.length === 0 || changed || !allowed}
                  pending={applier.isPending}
                  onClick={apply}
                  aria-describedby="promotion-apply-help"
                  data-testid="promotion-apply"
                >
                  {t("promotion.apply", { count: chosenSteps.length, to: targetLabel })}
                </Button>
                {!allowed && roleAllows(target?.role ?? null, "operator") && (
                  <Notice tone="info">{t("promotion.adminNeeded")}</Notice>
                )}
                <p id="promotion-apply-help" className="text-sm text-slate-600 dark:text-slate-400">
                  {t("promotion.applyHelp")}
                </p>
              </div>
            )}
            {applier.isError && (
              <ErrorAlert error={applier.error} title={t("promotion.applyFailed")} />
            )}
            {outcome?.kind === "report" && <ApplyResult report={outcome.report} />}
            {outcome?.kind === "stale" && (
              <StalePlanNotice
                env={targetLabel}
                text={outcome.text}
                onUseNew={() => {
                  // The source may have changed too: plan both again, as reviewed before.
                  setMapping(planned.input.mapping);
                  setFrom(planned.input.from);
                  setTo(planned.input.to);
                  setOutcome(null);
                  planner.mutate(planned.input, {
                    onSuccess: (answer) => {
                      setPlanned({ input: planned.input, answer });
                      setChosen(new Set());
                    },
                  });
                }}
              />
            )}
          </section>
        )}
      </div>
    </section>
  );
}
