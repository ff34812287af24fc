import { ApiProblem } from "../../lib/api-client";
import { useI18n } from "../../lib/i18n";
import type { ApplyOutcome, PlanStep, StaleText, StepReport } from "../../lib/plan-apply";
import { Button } from "../ui/button";
import { ProblemDetails } from "../ui/problem";
import { Badge, Loading, Notice } from "../ui/status";
import { ResultTable } from "./result-table";

// The apply half of the plan glue shared by config apply and promotion (issue 14, D2): the
// progress while the BFF applies, the report, and the notice of a plan that went stale.

/** The BFF applies in one call; until it answers, every step is shown as waiting. */
export function ApplyProgress({ steps, label }: { steps: PlanStep[]; label: string }) {
  const { t, tc } = useI18n();
  return (
    <div className="flex flex-col gap-2" data-testid="apply-progress">
      <Loading label={label} />
      <ol className="flex flex-col gap-1 text-sm">
        {steps.map((step) => (
          <li key={step.id} className="flex items-center gap-2">
            <Badge>{t("config.outcome.pending")}</Badge>
            {tc(step.texts.summary)}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A failed step's error in the shape the problem component shows, with Digdir's id. */
function stepProblem(error: NonNullable<StepReport["error"]>): ApiProblem {
  return new ApiProblem({
    type: "about:blank",
    title: "",
    status: error.status ?? 500,
    detail: error.message,
    ...(error.code ? { code: error.code } : {}),
    ...(error.params ? { params: error.params } : {}),
    ...(error.correlationId ? { correlation_id: error.correlationId } : {}),
  });
}

const OUTCOME_TONE = { done: "success", failed: "danger", "not-run": "neutral" } as const;

/** The outcome of an apply: a headline, each step's outcome, warnings (config and promotion). */
export function ApplyResult({
  report,
}: {
  report: Extract<ApplyOutcome, { kind: "report" }>["report"];
}) {
  const { t, tc } = useI18n();
  const headline =
    report.status === "applied"
      ? t("config.apply.applied", { done: report.done })
      : report.status === "no-changes"
        ? t("config.apply.noChanges")
        : t("config.apply.failedStatus", { done: report.done, notRun: report.notRun });
  return (
    <section
      aria-labelledby="config-apply-title"
      className="flex flex-col gap-3"
      data-testid="apply-result"
    >
      <h2 id="config-apply-title" className="text-lg font-semibold">
        {t("config.apply.title")}
      </h2>
      <Notice tone={report.status === "failed" ? "danger" : "info"}>
        <p role="status">{headline}</p>
      </Notice>
      {report.steps.length > 0 && <StepOutcomes steps={report.steps} />}
      {report.warnings.length > 0 && (
        <Notice tone="warning">
          <ul className="list-disc pl-5">
            {report.warningTexts.map((w) => (
              <li key={w.detail}>{tc(w)}</li>
            ))}
          </ul>
        </Notice>
      )}
    </section>
  );
}

function StepOutcomes({ steps }: { steps: StepReport[] }) {
  const { t, tc } = useI18n();
  return (
    <ResultTable
      rows={steps}
      rowKey={(step) => step.id}
      rowData={(step) => ({ "step-id": step.id })}
      caption={t("config.apply.caption")}
      itemHeader={t("config.apply.col.step")}
      outcomeHeader={t("config.apply.col.outcome")}
      testId="apply-steps"
      item={(step) => (
        <>
          <span className="mr-2">
            <Badge>{t(`config.kind.${step.kind}`)}</Badge>
          </span>
          {tc(step.text)}
        </>
      )}
      outcome={(step) => (
        <>
          <Badge tone={OUTCOME_TONE[step.outcome]}>{t(`config.outcome.${step.outcome}`)}</Badge>
          {step.error && (
            <div className="mt-1 text-xs">
              <ProblemDetails compact problem={stepProblem(step.error)} />
            </div>
          )}
        </>
      )}
    />
  );
}

/**
 * The target changed between plan and apply (the BFF answered 409 with a newer plan): says so,
 * with the BFF's text in the page's language (its code; the English `detail` only for a code no
 * table knows), and offers the newer plan for review (`onUseNew`); nothing was applied.
 */
export function StalePlanNotice({
  env,
  text,
  onUseNew,
}: {
  /** The target environment's label. */
  env: string;
  text?: StaleText | undefined;
  onUseNew: () => void;
}) {
  const { t, tc } = useI18n();
  const said = text ? tc(text) : "";
  return (
    <div
      role="alert"
      data-color="warning"
      className="ds-alert flex flex-col gap-2"
      data-testid="stale-plan"
    >
      <p className="font-semibold">{t("config.stale.title")}</p>
      <p className="text-sm">{t("config.stale.body", { env })}</p>
      {said && <p className="text-sm">{said}</p>}
      <div>
        <Button onClick={onUseNew}>{t("config.stale.useNew")}</Button>
      </div>
    </div>
  );
}
