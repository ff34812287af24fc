import { PromotionRequest } from "@portvakt/contracts";
import { useMemo, useState } from "react";
import { z } from "zod";
import {
  Form,
  FormField,
  FormProblem,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { formMessage } from "../../../components/form/resolver";
import { ApplyResult, StalePlanNotice } from "../../../components/plan/apply-result";
import { PlanView } from "../../../components/plan/plan-view";
import { Button } from "../../../components/ui/button";
import { Field, Fieldset, Select, Textarea } from "../../../components/ui/field";
import { FileInput } from "../../../components/ui/file-input";
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

/** The promotion form's fields in screen order (ids `promotion-${name}`). */
const PROMOTION_FIELDS = ["from", "to", "mapping"] as const;
const asInput = (values: PromotionInput): unknown => values;

/**
 * Whether a mapping text the BFF reads as JSON (it starts with `{`, as config-as-code's
 * `parseMapping` decides without a `format`) is not JSON. YAML is left to the BFF (its parser is
 * not in the page's bundle); its refusal lands on the same field.
 */
function unreadableJson(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/**
 * Promotion (issue 18, 3): pick a source and a target environment, give the mapping file, see
 * the difference as a plan (config apply's steps), choose steps and apply them to the target.
 *
 * The "make plan" form is on the Form primitive (issue 14, item 11) with the BFF's own body
 * schema (contracts' `PromotionRequest`) plus the target: the same environment twice (on `to`),
 * an empty mapping or a `{…}` mapping that is not JSON (on `mapping`) are refused before
 * sending; the BFF's refusals land on their fields (`from`, `mapping`), the first focused, and
 * nothing typed is lost.
 */
export function PromotionPage() {
  const { t } = useI18n();
  const { envs, env } = useEnvContext();
  const defaultTo = env.kind === "prod" ? env : (envs.find((e) => e.kind === "prod") ?? envs[1]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [planned, setPlanned] = useState<{ input: PromotionInput; answer: PromotionPlan } | null>(
    null,
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<ApplyOutcome | null>(null);

  // The schema is made once (the resolver keeps it); its texts are catalogue keys, rendered in
  // the page's language when shown (formMessage).
  const schema = useMemo(
    () =>
      PromotionRequest.extend({ to: z.string().min(1).max(64) }).superRefine((input, ctx) => {
        if (input.from === input.to) {
          ctx.addIssue({
            code: "custom",
            path: ["to"],
            message: formMessage("promotion.sameEnv"),
          });
        }
        if (!input.mapping.trim()) {
          ctx.addIssue({
            code: "custom",
            path: ["mapping"],
            message: formMessage("promotion.mappingEmpty"),
          });
        } else if (unreadableJson(input.mapping)) {
          ctx.addIssue({
            code: "custom",
            path: ["mapping"],
            message: formMessage("promotion.mappingNotJson"),
          });
        }
      }),
    [],
  );
  const initialTo = defaultTo?.id ?? env.id;
  const form = useContractForm<PromotionInput, PromotionInput>({
    schema,
    toBody: asInput,
    defaultValues: {
      from: (envs.find((e) => e.id !== initialTo) ?? env).id,
      to: initialTo,
      mapping: "",
    },
  });
  const [from, to, mapping] = form.watch(["from", "to", "mapping"]);
  const planner = usePlanPromotion();
  const applier = useApplyPromotion();

  const target = envs.find((e) => e.id === to);
  const source = envs.find((e) => e.id === from);
  const changed =
    planned !== null &&
    (planned.input.from !== from || planned.input.to !== to || planned.input.mapping !== mapping);

  const makePlan = async (input: PromotionInput) => {
    setOutcome(null);
    applier.reset();
    try {
      const answer = await planner.mutateAsync(input);
      setPlanned({ input, answer });
      setChosen(new Set());
    } catch (error) {
      setPlanned(null);
      throw error;
    }
  };

  /** Sets a field as if typed: its error is checked again, the plan marked as changed. */
  const put = (name: keyof PromotionInput, value: string) =>
    form.setValue(name, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });

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
    put("mapping", content);
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
        <Form
          form={form}
          onSubmit={makePlan}
          fields={PROMOTION_FIELDS}
          idPrefix="promotion"
          className="flex flex-col gap-6"
          aria-label={t("promotion.title")}
        >
          <Fieldset legend={t("promotion.envs")}>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField name="from" label={t("promotion.from")}>
                {(field) => (
                  <Select {...field} data-testid="promotion-from">
                    {envs.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.label}
                      </option>
                    ))}
                  </Select>
                )}
              </FormField>
              <FormField
                name="to"
                label={t("promotion.to")}
                help={t("promotion.toHelp")}
                liveError={
                  target && !target.role ? t("promotion.noRoleTo", { env: targetLabel }) : null
                }
              >
                {(field) => (
                  <Select {...field} data-testid="promotion-to">
                    {envs.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.label}
                        {e.kind === "prod" ? " (prod)" : ""}
                      </option>
                    ))}
                  </Select>
                )}
              </FormField>
            </div>
          </Fieldset>

          <Fieldset legend={t("promotion.mapping")}>
            <Field
              label={t("promotion.mappingFile")}
              help={t("promotion.mappingFileHelp")}
              error={fileError}
            >
              {({ id, describedBy }) => (
                <FileInput
                  id={id}
                  describedBy={describedBy}
                  accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                  testId="promotion-mapping-file"
                  onFiles={(files) => void onFile(files[0])}
                />
              )}
            </Field>
            <FormField
              name="mapping"
              label={t("promotion.mappingText")}
              help={t("promotion.mappingHelp")}
            >
              {(field) => (
                <Textarea
                  {...field}
                  rows={12}
                  wrap="off"
                  spellCheck={false}
                  autoCapitalize="off"
                  className="font-mono text-xs leading-5"
                />
              )}
            </FormField>
            <div className="flex flex-wrap gap-3">
              <FormSubmit disabled={applier.isPending}>{t("promotion.plan")}</FormSubmit>
              <Button
                onClick={() =>
                  put(
                    "mapping",
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
            <FormProblem error={planner.error} title={t("promotion.planFailed")} />
          </Fieldset>
        </Form>

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
                  form.reset(planned.input);
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
