import { isUnsetLifetime } from "@portvakt/config-as-code/answer";
import { Fragment } from "react";
import { useI18n } from "../../lib/i18n";
import type { Plan, PlanGroup, PlanStep } from "../../lib/plan-apply";
import { Checkbox } from "../ui/field";
import { Badge, Notice } from "../ui/status";

/**
 * A field's value in a step's diff: an unset scope lifetime as the create form says it ("empty:
 * Maskinporten's default", `unset`), never 0; another missing value as a dash.
 */
function shown(field: string, value: unknown, unset: string): string {
  if (isUnsetLifetime(field, value)) return unset;
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/**
 * The plan as a readable diff: steps grouped by scope and by client, dangers up front.
 * `confirm` (config apply): each dangerous step has a box to confirm it. `choose` (promotion):
 * every step has a box to include it; choosing a dangerous step is its confirmation.
 */
export function PlanView({
  plan,
  confirmed,
  onConfirmedChange,
  disabled,
  mode = "confirm",
}: {
  plan: Plan;
  confirmed: ReadonlySet<string>;
  onConfirmedChange: (next: Set<string>) => void;
  disabled: boolean;
  mode?: "confirm" | "choose";
}) {
  const { t, tc } = useI18n();
  const grouped = new Set(
    [...plan.groups.scopes, ...plan.groups.clients].flatMap((g) => g.steps.map((s) => s.id)),
  );
  const other = plan.steps.filter((s) => !grouped.has(s.id));
  // The steps with a box: the dangerous ones to confirm, or every one to choose.
  const boxed = mode === "choose" ? plan.steps : plan.steps.filter((s) => s.dangerous);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(confirmed);
    if (on) next.add(id);
    else next.delete(id);
    onConfirmedChange(next);
  };

  const sections: { title: string; groups: PlanGroup[]; kind: "scope" | "client" }[] = [
    { title: t("config.plan.byScope"), groups: plan.groups.scopes, kind: "scope" },
    { title: t("config.plan.byClient"), groups: plan.groups.clients, kind: "client" },
  ];

  return (
    <div className="flex min-w-0 flex-col gap-4 wrap-anywhere" data-testid="config-plan">
      {plan.production && <Notice tone="danger">{t("config.plan.production")}</Notice>}
      {plan.warnings.length > 0 && (
        <Notice tone="warning">
          <p className="font-medium">{t("config.plan.warnings")}</p>
          <ul className="list-disc pl-5">
            {plan.warningTexts.map((w) => (
              <li key={w.detail}>{tc(w)}</li>
            ))}
          </ul>
        </Notice>
      )}
      {plan.steps.length === 0 && <Notice tone="info">{t("config.plan.empty")}</Notice>}
      {sections.map(
        (section) =>
          section.groups.length > 0 && (
            <section key={section.kind} className="flex flex-col gap-3">
              <h3 className="text-base font-semibold">{section.title}</h3>
              {section.groups.map((group) => (
                <article
                  key={`${section.kind}-${group.client_id ?? group.name}`}
                  data-group={group.name}
                  className="rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
                >
                  <h4 className="border-b border-slate-200 px-3 py-2 font-mono text-sm font-semibold break-all dark:border-slate-700">
                    {group.name}
                    {group.client_id && (
                      <span className="ml-2 font-normal text-slate-600 dark:text-slate-400">
                        {group.client_id}
                      </span>
                    )}
                  </h4>
                  <ol className="flex flex-col divide-y divide-slate-200 dark:divide-slate-700">
                    {group.steps.map((step) => (
                      <StepItem
                        key={step.id}
                        step={step}
                        confirmed={confirmed.has(step.id)}
                        onToggle={(on) => toggle(step.id, on)}
                        disabled={disabled}
                        mode={mode}
                      />
                    ))}
                  </ol>
                </article>
              ))}
            </section>
          ),
      )}
      {other.length > 0 && (
        <section className="flex flex-col gap-3">
          <h3 className="text-base font-semibold">{t("config.plan.other")}</h3>
          <ol className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
            {other.map((step) => (
              <StepItem
                key={step.id}
                step={step}
                confirmed={confirmed.has(step.id)}
                onToggle={(on) => toggle(step.id, on)}
                disabled={disabled}
                mode={mode}
              />
            ))}
          </ol>
        </section>
      )}
      {boxed.length > 1 && (
        <Checkbox
          label={
            mode === "choose"
              ? t("promotion.chooseAll", { count: boxed.length })
              : t("config.plan.confirmAll", { count: boxed.length })
          }
          checked={boxed.every((s) => confirmed.has(s.id))}
          disabled={disabled}
          onChange={(e) =>
            onConfirmedChange(e.target.checked ? new Set(boxed.map((s) => s.id)) : new Set())
          }
        />
      )}
    </div>
  );
}

function StepItem({
  step,
  confirmed,
  onToggle,
  disabled,
  mode,
}: {
  step: PlanStep;
  confirmed: boolean;
  onToggle: (on: boolean) => void;
  disabled: boolean;
  mode: "confirm" | "choose";
}) {
  const { t, tc } = useI18n();
  return (
    <li
      data-step-id={step.id}
      data-kind={step.kind}
      data-dangerous={step.dangerous || undefined}
      className={`flex flex-col gap-2 px-3 py-2 text-sm ${
        step.dangerous
          ? "border-l-4 border-red-600 bg-red-50 dark:border-red-400 dark:bg-red-950/40"
          : ""
      }`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={kindTone(step.kind)}>{t(`config.kind.${step.kind}`)}</Badge>
        {step.dangerous && <Badge tone="danger">⚠ {t("config.plan.dangerous")}</Badge>}
        <span className="font-medium">{tc(step.texts.summary)}</span>
      </div>
      <p className="text-slate-700 dark:text-slate-300">
        {t("config.plan.reason", { reason: tc(step.texts.reason) })}
      </p>
      {step.dangers.length > 0 && (
        <ul className="list-disc pl-5 text-red-800 dark:text-red-200">
          {step.texts.dangers.map((danger) => (
            <li key={danger.detail}>{tc(danger)}</li>
          ))}
        </ul>
      )}
      {step.changes.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{t("config.plan.fieldsCaption")}</caption>
            <thead>
              <tr className="text-slate-600 dark:text-slate-400">
                <th scope="col" className="py-1 pr-3 font-medium">
                  {t("config.plan.col.field")}
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  {t("config.plan.col.before")}
                </th>
                <th scope="col" className="py-1 font-medium">
                  {t("config.plan.col.after")}
                </th>
              </tr>
            </thead>
            <tbody>
              {step.changes.map((change) => (
                <Fragment key={change.field}>
                  <tr className="align-top">
                    <th scope="row" className="py-1 pr-3 font-mono font-normal">
                      {change.field}
                    </th>
                    <td className="py-1 pr-3 font-mono break-all text-red-800 line-through decoration-red-400 dark:text-red-300">
                      {shown(change.field, change.before, t("config.plan.unsetLifetime"))}
                    </td>
                    <td className="py-1 font-mono break-all text-emerald-800 dark:text-emerald-300">
                      {shown(change.field, change.after, t("config.plan.unsetLifetime"))}
                    </td>
                  </tr>
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(step.dangerous || mode === "choose") && (
        <Checkbox
          label={
            mode === "choose"
              ? t("promotion.choose", { summary: tc(step.texts.summary) })
              : t("config.plan.confirm", { summary: tc(step.texts.summary) })
          }
          checked={confirmed}
          disabled={disabled}
          onChange={(e) => onToggle(e.target.checked)}
        />
      )}
    </li>
  );
}

function kindTone(kind: PlanStep["kind"]): "success" | "info" | "warning" | "danger" | "neutral" {
  if (kind === "scope.create" || kind === "client.create" || kind === "access.grant")
    return "success";
  if (kind === "scope.deactivate" || kind === "access.revoke" || kind === "key.remove")
    return "danger";
  if (kind === "key.add" || kind === "scope.reactivate") return "info";
  return "warning";
}
