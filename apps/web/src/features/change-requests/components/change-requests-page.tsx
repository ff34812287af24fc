import { CHANGE_REQUEST_STATES, type ChangeRequestState } from "@portvakt/contracts";
import { useId, useState } from "react";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Select, Textarea } from "../../../components/ui/field";
import { ErrorAlert } from "../../../components/ui/problem";
import { Badge, Loading, PageHeader } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { actionLabel, codedPartsText } from "../../../lib/audit-labels";
import { type I18n, useI18n } from "../../../lib/i18n";
import { useSession } from "../../../lib/session";
import { type ChangeRequest, useChangeRequests, useDecideChangeRequest } from "../api";

const STATE_TONE = {
  pending: "warning",
  executing: "info",
  approved: "info",
  executed: "success",
  rejected: "danger",
  withdrawn: "neutral",
  expired: "neutral",
} as const;

const OUTCOME_TONE = { success: "success", failure: "danger", unknown: "info" } as const;

type DiffRow = { key: string; field: string; before?: string; value: string };

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * The request's payload as rows a person reads: the call, then each field of the body with,
 * when the BFF read it at request time, the value the field has now.
 */
function diffRows(request: ChangeRequest): DiffRow[] {
  const payload = (request.payload ?? {}) as {
    method?: string;
    path?: string;
    body?: unknown;
    before?: Record<string, unknown>;
  };
  const rows: DiffRow[] = [];
  if (payload.method && payload.path) {
    rows.push({
      key: "(request)",
      field: "",
      value: `${payload.method} ${decodeURIComponent(payload.path)}`,
    });
  }
  const body = payload.body;
  const before = payload.before && typeof payload.before === "object" ? payload.before : undefined;
  if (body && typeof body === "object" && !Array.isArray(body)) {
    for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
      rows.push({
        key: `body.${field}`,
        field,
        ...(before && field in before ? { before: shown(before[field]) } : {}),
        value: shown(value),
      });
    }
  } else if (body !== undefined) {
    rows.push({ key: "body", field: "body", value: shown(body) });
  }
  if (request.kind !== "http") {
    rows.push({ key: "payload", field: request.kind, value: shown(payload) });
  }
  return rows;
}

/**
 * The four-eyes inbox (issue 18 #2): every change request of the person's environments with
 * what it changes; another admin approves or rejects, the requester withdraws. The BFF checks
 * every rule again (role, not one's own, still pending).
 */
export function ChangeRequestsPage() {
  const { t } = useI18n();
  const [state, setState] = useState<ChangeRequestState | "">("pending");
  const requests = useChangeRequests(state || undefined);
  const filterId = useId();
  return (
    <section className="flex flex-col gap-6">
      <PageHeader title={t("changeRequests.title")} description={t("changeRequests.description")} />
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={filterId} className="text-sm font-medium">
          {t("changeRequests.filter.state")}
        </label>
        <Select
          id={filterId}
          value={state}
          data-testid="change-request-state"
          onChange={(e) => setState(e.target.value as ChangeRequestState | "")}
          className="w-auto"
        >
          <option value="">{t("changeRequests.filter.all")}</option>
          {CHANGE_REQUEST_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`changeRequests.state.${s}`)}
            </option>
          ))}
        </Select>
      </div>
      {requests.isPending ? (
        <Loading label={t("common.loading")} />
      ) : requests.isError ? (
        <ErrorAlert error={requests.error} onRetry={() => requests.refetch()} />
      ) : requests.data.length === 0 ? (
        <p>{t("changeRequests.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-4" aria-label={t("changeRequests.title")}>
          {requests.data.map((request) => (
            <li key={request.id}>
              <RequestCard request={request} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestCard({ request }: { request: ChangeRequest }) {
  const { t, formatDateTime } = useI18n();
  const session = useSession();
  const toast = useToast();
  const decide = useDecideChangeRequest();
  const [dialog, setDialog] = useState<"approve" | "reject" | null>(null);
  const [reason, setReason] = useState("");
  const headingId = useId();
  const me = session.data?.sub;
  const isAdmin = session.data?.roles[request.env] === "admin";
  const mine = me !== undefined && me === request.requester.sub;
  const pending = request.state === "pending";
  const i18n = useI18n();
  /** The request in a few words (action and target), in the language of `of`. */
  const summaryIn = (of: I18n) =>
    `${actionLabel(of.t, request.action)} ${codedPartsText(of, request.targetParts)?.join(", ") ?? request.target}`.trim();
  const summary = summaryIn(i18n);
  /**
   * What the execution came to in the page's language: its code and `more` (issue 14 #13); a
   * result without a code (executed before codes) or with one this version does not know keeps
   * its English detail.
   */
  const resultText = (result: NonNullable<ChangeRequest["result"]>) => {
    if (!result.code) return result.detail ?? "";
    const texts = codedPartsText(i18n, [
      { code: result.code, ...(result.params ? { params: result.params } : {}) },
      ...(result.more ?? []),
    ]);
    return texts ? texts.join(": ") : (result.detail ?? "");
  };

  /** Decides; `done` is the toast's text, made in the page's language whenever it is drawn. */
  const run = (
    decision: Parameters<typeof decide.mutate>[0],
    done: (r: ChangeRequest, of: I18n) => string,
  ) =>
    decide.mutate(decision, {
      onSuccess: (r) => {
        setDialog(null);
        if (r.outcome === "failure" || r.outcome === "unknown") toast.info((of) => done(r, of));
        else toast.success((of) => done(r, of));
      },
      onError: (error) => {
        setDialog(null);
        toast.error(({ t }) => t("changeRequests.actionFailed"), error);
      },
    });

  return (
    <article
      aria-labelledby={headingId}
      data-testid="change-request"
      data-change-request-id={request.id}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="text-lg font-semibold break-all">
          {summary}
        </h2>
        <Badge tone={STATE_TONE[request.state]}>{t(`changeRequests.state.${request.state}`)}</Badge>
        {request.outcome && (
          <Badge tone={OUTCOME_TONE[request.outcome]}>
            {t(`changeRequests.outcome.${request.outcome}`)}
          </Badge>
        )}
      </div>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("changeRequests.env")}</dt>
        <dd>{request.env}</dd>
        <dt className="font-medium">{t("changeRequests.created")}</dt>
        <dd>
          {formatDateTime(request.createdAt)} ·{" "}
          {t("changeRequests.requestedBy", { name: request.requester.name })}
        </dd>
        {pending && (
          <>
            <dt className="font-medium">{t("changeRequests.expires")}</dt>
            <dd>{formatDateTime(request.expiresAt)}</dd>
          </>
        )}
        {request.decidedBy && (
          <>
            <dt className="font-medium">{t(`changeRequests.state.${request.state}`)}</dt>
            <dd>
              {request.decidedAt ? `${formatDateTime(request.decidedAt)} · ` : ""}
              {t("changeRequests.decidedBy", { name: request.decidedBy.name })}
            </dd>
          </>
        )}
        {request.reason && (
          <>
            <dt className="font-medium">{t("changeRequests.reason")}</dt>
            <dd>{request.reason}</dd>
          </>
        )}
        {request.result && request.result.status >= 400 && (
          <>
            <dt className="font-medium">{t("changeRequests.result")}</dt>
            <dd data-testid="change-request-result">
              HTTP {request.result.status}
              {request.result.detail ? `: ${resultText(request.result)}` : ""}
            </dd>
          </>
        )}
      </dl>
      <details open={pending}>
        <summary className="cursor-pointer text-sm font-medium">{t("changeRequests.diff")}</summary>
        <table className="mt-2 w-full text-left text-sm" data-testid="change-request-diff">
          <tbody>
            {diffRows(request).map((row) => (
              <tr
                key={row.key}
                className="border-b border-slate-100 align-top dark:border-slate-800"
              >
                <th scope="row" className="w-1/4 p-1 pr-3 font-mono text-xs font-normal">
                  {row.field || t("changeRequests.diff.request")}
                </th>
                <td className="p-1 font-mono text-xs break-all">
                  {row.before !== undefined && row.before !== row.value && (
                    <>
                      <del className="text-red-800 dark:text-red-300">{row.before}</del>
                      <span aria-hidden="true"> → </span>
                    </>
                  )}
                  <ins className="no-underline">{row.value}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {pending && (
        <div className="flex flex-wrap items-center gap-2">
          {!mine && isAdmin && (
            <>
              <Button variant="primary" onClick={() => setDialog("approve")}>
                {t("changeRequests.approve")}
              </Button>
              <Button variant="danger" onClick={() => setDialog("reject")}>
                {t("changeRequests.reject")}
              </Button>
            </>
          )}
          {mine && (
            <>
              <Button
                pending={decide.isPending}
                onClick={() =>
                  run({ verb: "withdraw", id: request.id }, (_, of) =>
                    of.t("changeRequests.withdrawn", { summary: summaryIn(of) }),
                  )
                }
              >
                {t("changeRequests.withdraw")}
              </Button>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                {t("changeRequests.own")}
              </p>
            </>
          )}
          {!mine && !isAdmin && (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              {t("changeRequests.adminNeeded")}
            </p>
          )}
        </div>
      )}
      <Dialog
        open={dialog === "approve"}
        onClose={() => setDialog(null)}
        title={t("changeRequests.approveTitle", { summary })}
        footer={
          <>
            <Button onClick={() => setDialog(null)}>{t("common.cancel")}</Button>
            <Button
              variant="primary"
              pending={decide.isPending}
              onClick={() =>
                run({ verb: "approve", id: request.id }, (r, of) =>
                  of.t(
                    r.outcome === "failure"
                      ? "changeRequests.approvedFailed"
                      : r.outcome === "unknown"
                        ? "changeRequests.approvedUnknown"
                        : "changeRequests.approved",
                    { summary: summaryIn(of) },
                  ),
                )
              }
            >
              {t("changeRequests.approve")}
            </Button>
          </>
        }
      >
        <p>{t("changeRequests.approveBody", { name: request.requester.name })}</p>
      </Dialog>
      <Dialog
        open={dialog === "reject"}
        onClose={() => setDialog(null)}
        title={t("changeRequests.rejectTitle", { summary })}
        footer={
          <>
            <Button onClick={() => setDialog(null)}>{t("common.cancel")}</Button>
            <Button
              variant="danger"
              pending={decide.isPending}
              onClick={() =>
                run(
                  { verb: "reject", id: request.id, reason: reason.trim() || undefined },
                  (_, of) => of.t("changeRequests.rejected", { summary: summaryIn(of) }),
                )
              }
            >
              {t("changeRequests.reject")}
            </Button>
          </>
        }
      >
        <Field label={t("changeRequests.rejectReason")}>
          {({ id }) => (
            <Textarea
              id={id}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
      </Dialog>
    </article>
  );
}
