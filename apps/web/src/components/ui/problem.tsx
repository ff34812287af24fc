import { Alert } from "@digdir/designsystemet-react";
import { type ReactNode, useState } from "react";
import { type ApiProblem, isApiProblem, isChangeRequested, signInUrl } from "../../lib/api-client";
import { useI18n } from "../../lib/i18n";
import { Button } from "./button";

/** A change whose answer from Digdir was lost; the BFF keeps checking (issue 13). */
const OUTCOME_UNKNOWN = "urn:portvakt:problem:outcome-unknown";
/** A change refused because an earlier one of the same resource is still unknown. */
const OUTCOME_PENDING = "urn:portvakt:problem:outcome-pending";

/** The parts of a problem a user can act on, with the ids to quote to Digdir or the admin. */
export function ProblemDetails({
  problem,
  compact = false,
  shownFields = [],
}: {
  problem: ApiProblem;
  compact?: boolean;
  /** Fields whose errors the form already shows beside them (not repeated here). */
  shownFields?: readonly string[];
}) {
  const { t, tc } = useI18n();
  const fieldErrors = problem.errors.filter(
    (e) =>
      !e.field ||
      !shownFields.some(
        (f) => e.field === f || e.field?.startsWith(`${f}.`) || e.field?.startsWith(`${f}[`),
      ),
  );
  const [copied, setCopied] = useState(false);
  const id = problem.correlationId ?? problem.requestId;
  return (
    <div className="flex flex-col gap-1 text-sm">
      {!compact && (
        <p className="font-semibold">
          {tc({ code: `problem.title.${problem.status}`, detail: problem.title })}
        </p>
      )}
      {problem.type === OUTCOME_UNKNOWN && <p>{t("problem.outcomeUnknown")}</p>}
      {problem.type === OUTCOME_PENDING && <p>{t("problem.outcomePending")}</p>}
      {problem.detail && <p>{tc(problem)}</p>}
      {problem.signInRequired && (
        <p>
          <a href={signInUrl()} className="font-medium underline">
            {t("auth.signIn")}
          </a>
        </p>
      )}
      {fieldErrors.length > 0 && (
        <ul className="list-disc pl-5">
          {fieldErrors.map((e) => (
            <li key={`${e.field}-${e.message}`}>
              {e.field ? <code className="font-mono">{e.field}</code> : null}
              {e.field ? ": " : null}
              {tc(e, e.message)}
            </li>
          ))}
        </ul>
      )}
      {id && (
        <p className="flex flex-wrap items-center gap-2 text-xs">
          <span>
            {problem.correlationId ? t("problem.correlationId") : t("problem.requestId")}:{" "}
            <code className="font-mono select-all" data-testid="correlation-id">
              {id}
            </code>
          </span>
          {typeof navigator !== "undefined" && navigator.clipboard && (
            <Button
              size="sm"
              variant="ghost"
              className="h-6 px-1.5 text-xs underline"
              onClick={() => {
                void navigator.clipboard.writeText(id).then(() => setCopied(true));
              }}
            >
              {copied ? t("common.copied") : t("common.copy")}
            </Button>
          )}
        </p>
      )}
    </div>
  );
}

/** An inline error box for a failed load or submit: Designsystemet's Alert in the danger colour. */
export function ErrorAlert({
  error,
  title,
  action,
  onRetry,
  shownFields,
}: {
  error: unknown;
  title?: string;
  /** Fields whose errors the form already shows beside them. */
  shownFields?: readonly string[];
  action?: ReactNode;
  /** Offers to try a failed load again. */
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  // Not a failure: the shell says the change waits as a change request (four-eyes).
  if (isChangeRequested(error)) return null;
  return (
    <Alert role="alert" data-color="danger" className="flex flex-col gap-2">
      {title && <p className="font-semibold">{title}</p>}
      {isApiProblem(error) ? (
        <ProblemDetails
          problem={error}
          compact={Boolean(title) && !error.title}
          shownFields={shownFields}
        />
      ) : (
        <p className="text-sm">{error instanceof Error ? error.message : t("problem.unknown")}</p>
      )}
      {action}
      {onRetry && (
        <div>
          <Button onClick={onRetry}>{t("common.retry")}</Button>
        </div>
      )}
    </Alert>
  );
}
