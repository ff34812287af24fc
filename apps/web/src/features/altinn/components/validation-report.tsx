import type { UseQueryResult } from "@tanstack/react-query";
import { Button } from "../../../components/ui/button";
import { ErrorAlert } from "../../../components/ui/problem";
import { Badge, Loading, Notice } from "../../../components/ui/status";
import { useI18n } from "../../../lib/i18n";
import type { MetadataProblem, ValidationAnswer } from "../api/validate-metadata";

const STATE_TONE = { active: "success", deactivated: "warning", missing: "danger" } as const;

/** Every problem of the file, each a button that shows its place in the editor. */
/**
 * A problem in the page's language: the package's coded text, with the naming rule's own reason
 * (English in @portvakt/contracts) translated first; the English detail if the code is unknown.
 */
function useProblemText() {
  const { tc, tm } = useI18n();
  return (problem: MetadataProblem) => {
    const params = { ...problem.params };
    if (typeof params.reason === "string") params.reason = tm(params.reason);
    return tc({ code: problem.code, params, detail: problem.detail });
  };
}

export function ValidationReport({
  validation,
  hasText,
  stale,
  onShow,
}: {
  validation: UseQueryResult<ValidationAnswer>;
  hasText: boolean;
  /** The editor changed since this report was made. */
  stale: boolean;
  onShow: (problem: MetadataProblem) => void;
}) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const report = hasText ? validation.data : undefined;
  return (
    <section aria-labelledby="altinn-report" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="altinn-report" className="text-lg font-semibold">
          {t("altinn.report.title")}
        </h2>
        {report &&
          (report.valid ? (
            <Badge tone="success">{t("altinn.report.valid")}</Badge>
          ) : (
            <Badge tone="danger">
              {t("altinn.report.summary", { errors: report.errors, warnings: report.warnings })}
            </Badge>
          ))}
        {report?.valid && report.warnings > 0 && (
          <Badge tone="warning">
            {t("altinn.report.summary", { errors: 0, warnings: report.warnings })}
          </Badge>
        )}
        <span role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {(stale || validation.isFetching) && report ? t("altinn.report.checking") : ""}
        </span>
      </div>
      {hasText && validation.isError ? (
        <ErrorAlert error={validation.error} title={t("altinn.report.failed")} />
      ) : !report ? (
        hasText && validation.isFetching ? (
          <Loading label={t("altinn.report.checking")} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.editor.empty")}</p>
        )
      ) : report.problems.length === 0 ? (
        <p className="text-sm">{t("altinn.report.none")}</p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="altinn-problems">
          {report.problems.map((problem, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: the same rule may fire twice at one path
              key={`${problem.code}-${problem.path}-${index}`}
              data-code={problem.code}
              className={`flex flex-col gap-1 rounded-md border-l-4 bg-white p-2 text-sm dark:bg-slate-900 ${
                problem.severity === "error"
                  ? "border-red-600 dark:border-red-400"
                  : "border-amber-500 dark:border-amber-400"
              }`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={problem.severity === "error" ? "danger" : "warning"}>
                  {t(`altinn.severity.${problem.severity}`)}
                </Badge>
                <code className="font-mono text-xs break-all">{problem.path}</code>
                <Button
                  size="sm"
                  variant="ghost"
                  className="ml-auto h-6 px-1.5 text-xs underline"
                  // The visible text starts the accessible name (WCAG 2.5.3, axe's
                  // label-content-name-mismatch); the path says which problem it shows.
                  aria-label={
                    problem.line !== undefined
                      ? `${t("altinn.editor.position", { line: problem.line, column: problem.column ?? 1 })} · ${t("altinn.report.goTo")}: ${problem.path}`
                      : `${t("altinn.report.goTo")}: ${problem.path}`
                  }
                  onClick={() => onShow(problem)}
                >
                  {problem.line !== undefined
                    ? t("altinn.editor.position", {
                        line: problem.line,
                        column: problem.column ?? 1,
                      })
                    : t("altinn.report.goTo")}
                </Button>
              </div>
              <p>{problemText(problem)}</p>
            </li>
          ))}
        </ul>
      )}
      {report?.resolved && !report.resolved.active && report.valid && (
        <Notice tone="info">{t("altinn.report.inactive")}</Notice>
      )}
    </section>
  );
}

/** The scopes the file requires and their state in Maskinporten. */
export function ScopesInMaskinporten({ report }: { report: ValidationAnswer | undefined }) {
  const { t } = useI18n();
  const scopes = report?.scopes ?? [];
  return (
    <section aria-labelledby="altinn-scopes" className="flex flex-col gap-3">
      <h2 id="altinn-scopes" className="text-lg font-semibold">
        {t("altinn.scopes.title")}
      </h2>
      {scopes.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("altinn.scopes.empty")}</p>
      ) : (
        // Scrolls sideways at 390 px: focusable, so the keyboard can scroll it (axe's
        // scrollable-region-focusable).
        <div
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700"
        >
          <table className="w-full text-left text-sm" data-testid="altinn-scopes">
            <caption className="sr-only">{t("altinn.scopes.caption")}</caption>
            <thead className="bg-slate-100 dark:bg-slate-800">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("altinn.scopes.col.name")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("altinn.scopes.col.usedBy")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("altinn.scopes.col.types")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("altinn.scopes.col.state")}
                </th>
              </tr>
            </thead>
            <tbody>
              {scopes.map((scope) => (
                <tr
                  key={scope.name}
                  data-scope={scope.name}
                  className="border-t border-slate-200 dark:border-slate-700"
                >
                  <td className="px-3 py-2 font-mono break-all">{scope.name}</td>
                  <td className="px-3 py-2">
                    {scope.usedBy
                      .map(
                        (u) => `${t(`altinn.group.${u.group}`)} ${t(`altinn.op.${u.operation}`)}`,
                      )
                      .join(", ")}
                  </td>
                  <td className="px-3 py-2">{scope.allowed_integration_types.join(", ")}</td>
                  <td className="px-3 py-2">
                    <Badge tone={STATE_TONE[scope.maskinporten]}>
                      {t(`altinn.state.${scope.maskinporten}`)}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
