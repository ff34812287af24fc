import {
  type BulkJobInput as BulkJobBody,
  BulkJobInput,
  type BulkJobRow,
} from "@portvakt/contracts";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import {
  Form,
  FormField,
  FormProblem,
  FormSubmit,
  useContractForm,
} from "../../../components/form/form";
import { ResultTable } from "../../../components/plan/result-table";
import { Button } from "../../../components/ui/button";
import { Field, Textarea } from "../../../components/ui/field";
import { FileInput } from "../../../components/ui/file-input";
import { Badge } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv } from "../../../lib/env";
import { readTextFile } from "../../../lib/files";
import { useI18n } from "../../../lib/i18n";
import {
  RegistryStateBadge,
  type useGuardedGrant,
  useOrganizationStatuses,
} from "../../../lib/organization-status";
import { useOnChange } from "../../../lib/use-on-change";
import { jobEnded, startAccessJob, useAccessJob } from "../api/access-jobs";
import { useRefreshAccess } from "../api/change-access";
import { JobProgress } from "./job-progress";
import { readOrgnos } from "./parse-orgnos";

/** The Give-access form's one field: org numbers as typed or read from a CSV file. */
type GrantValues = { orgnos: string };
const GRANT_FIELDS = ["orgnos"] as const;

/**
 * Grants one scope to one or many organisations: a pasted list or a CSV file, each entry
 * checked (mod-11) before anything is sent, then sent as one job that the BFF runs (8 at a
 * time, resumed after a restart, cancellable), with its progress and a result per row.
 */
export function GrantForm({
  scope,
  alreadyApproved,
  onDone,
  guard,
}: {
  scope: string;
  alreadyApproved: Set<string>;
  onDone: () => void;
  /**
   * The page's guarded grant ({@link useGuardedGrant}); its confirmation is rendered by the page,
   * outside this form's dialog, so closing it does not close the form's dialog too.
   */
  guard: Pick<ReturnType<typeof useGuardedGrant>, "request" | "checking">;
}) {
  const env = useEnv();
  const { t, tm } = useI18n();
  const toast = useToast();
  const refresh = useRefreshAccess(env.id);
  const [fileError, setFileError] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useAccessJob(env.id, jobId).data;
  const results = useMemo(
    () => new Map<string, BulkJobRow>((job?.rows ?? []).map((row) => [row.orgno, row])),
    [job],
  );

  // What a submit sends is read from the typed text by the resolver, with the numbers that
  // need no grant (already approved, granted by this dialog's job) from a ref (the resolver is
  // made once).
  const done = useRef<(orgno: string) => boolean>(() => false);
  done.current = (orgno) => alreadyApproved.has(orgno) || results.get(orgno)?.state === "success";
  const toBody = useCallback(
    (values: GrantValues): unknown => {
      const read = readOrgnos(values.orgnos).entries;
      const ready = read.filter((e) => e.problem === null && !done.current(e.orgno));
      return {
        action: "grant",
        scope,
        // The numbers ready to grant; when none is, the invalid ones, so the contract's check
        // (BulkJobInput: mod 11, at least one) says on the field why nothing can be granted.
        orgnos: (ready.length > 0 ? ready : read.filter((e) => e.problem === "invalid")).map(
          (e) => e.orgno,
        ),
      };
    },
    [scope],
  );
  const form = useContractForm<GrantValues, BulkJobBody>({
    schema: BulkJobInput,
    toBody,
    defaultValues: { orgnos: "" },
  });
  const text = useWatch({ control: form.control, name: "orgnos" }) ?? "";

  // A finished job belongs to the list it granted: a new list (typed, or read from a file) takes
  // its progress bar and row results away, and an old refusal with them. (While it runs, the
  // list cannot change.)
  useOnChange(text, () => {
    if (jobId !== null && jobEnded(job)) setJobId(null);
    setStartError(null);
  });

  const { entries, column } = useMemo(() => readOrgnos(text), [text]);
  const toGrant = entries.filter((e) => e.problem === null && !done.current(e.orgno));
  const invalidCount = entries.filter((e) => e.problem === "invalid").length;
  const jobRunning = jobId !== null && !jobEnded(job);
  // States shown beside the numbers about to be granted (the first 200; the check before
  // sending reads every one).
  const shownStates = useOrganizationStatuses(
    env.id,
    useMemo(() => [...new Set(toGrant.slice(0, 200).map((e) => e.orgno))], [toGrant]),
  );

  // When the job ends: the grants are read again once, and the outcome said.
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (!job || !jobEnded(job) || reported.current === job.id) return;
    reported.current = job.id;
    void refresh();
    const failed = job.counts.failure + job.counts.unknown;
    if (job.status === "cancelled") return;
    if (failed === 0) {
      toast.success(({ t }) => t("access.grantedMany", { count: job.counts.success, scope }));
    } else {
      toast.error(({ t }) => t("access.grantedSome", { ok: job.counts.success, failed }));
    }
  }, [job, refresh, toast, scope]);

  const onFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    const content = await readTextFile(file);
    if (content === null) {
      setFileError(t("file.tooLarge", { name: file.name }));
      return;
    }
    const current = form.getValues("orgnos");
    form.setValue("orgnos", current.trim() ? `${current.trimEnd()}\n${content}` : content, {
      shouldDirty: true,
      shouldValidate: form.formState.isSubmitted,
    });
  };

  /** Starts the job; a refusal is kept for the problem panel and thrown on (to the form). */
  const start = async (orgnos: string[]) => {
    try {
      const started = await startAccessJob(env.id, "grant", scope, orgnos);
      setJobId(started.id);
    } catch (error) {
      setStartError(error);
      throw error;
    }
  };
  // A deleted, bankrupt or wound-up organisation among them is confirmed first (issue 14 #16).
  // Without one the job starts inside the submit, so the BFF's field errors land on the field;
  // after a confirmation it starts later, and a refusal shows in the problem panel.
  const onSubmit = async (body: BulkJobBody) => {
    setStartError(null);
    let inSubmit = true;
    let startNow = false;
    await guard.request(body.orgnos, 1, () => {
      if (inSubmit) startNow = true;
      else void start(body.orgnos).catch(() => undefined);
    });
    inSubmit = false;
    if (startNow) await start(body.orgnos);
  };

  return (
    <Form
      form={form}
      onSubmit={onSubmit}
      fields={GRANT_FIELDS}
      idPrefix="grant"
      className="flex flex-col gap-4"
      aria-label={t("access.grantTitle", { scope })}
    >
      <FormField name="orgnos" label={t("access.orgnosLabel")} help={t("access.orgnosHelp")}>
        {(field) => (
          <Textarea
            {...field}
            rows={5}
            disabled={jobRunning}
            className="font-mono"
            placeholder={"889640782\n974760673"}
          />
        )}
      </FormField>
      <Field label={t("access.csvLabel")} help={t("access.csvHelp")} error={fileError}>
        {({ id, describedBy }) => (
          <FileInput
            id={id}
            describedBy={describedBy}
            accept=".csv,.txt,text/csv,text/plain"
            disabled={jobRunning}
            onFiles={(files) => void onFile(files[0])}
          />
        )}
      </Field>

      {entries.length > 0 && (
        <div className="flex flex-col gap-2">
          {column && (
            <p className="text-sm" data-testid="orgno-column">
              {column.header
                ? t("access.csvColumnNamed", { column: column.column, header: column.header })
                : t("access.csvColumn", { column: column.column })}
            </p>
          )}
          <p className="text-sm" aria-live="polite">
            {t("access.entriesSummary", {
              total: entries.length,
              ready: toGrant.length,
              invalid: invalidCount,
            })}
          </p>
          <ResultTable
            rows={entries}
            // The same number may be listed twice.
            rowKey={(entry, index) => `${entry.orgno}-${index}`}
            rowData={(entry) => ({ orgno: entry.orgno })}
            caption={t("access.entriesCaption")}
            itemHeader={t("access.col.orgno")}
            outcomeHeader={t("access.col.result")}
            testId="grant-entries"
            itemClassName="font-mono"
            scroll
            item={(entry) => entry.raw}
            outcome={(entry) => {
              const result = results.get(entry.orgno);
              return entry.problem === "invalid" ? (
                <span className="text-red-700 dark:text-red-400">
                  <Badge tone="danger">{t("access.entry.invalid")}</Badge> {tm(entry.reason ?? "")}
                </span>
              ) : entry.problem === "duplicate" ? (
                <Badge>{t("access.entry.duplicate")}</Badge>
              ) : result ? (
                <JobRowResult row={result} />
              ) : alreadyApproved.has(entry.orgno) ? (
                <Badge tone="info">{t("access.entry.already")}</Badge>
              ) : (
                <span className="flex flex-wrap gap-1">
                  <Badge tone="neutral">{t("access.entry.ready")}</Badge>
                  <RegistryStateBadge status={shownStates[entry.orgno]} />
                </span>
              );
            }}
          />
        </div>
      )}

      {job && <JobProgress job={job} label={t("access.grantingProgress")} />}

      <FormProblem error={startError} title={t("accessJob.startFailed")} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button onClick={onDone}>{jobId !== null ? t("common.close") : t("common.cancel")}</Button>
        <FormSubmit disabled={jobRunning || guard.checking}>
          {t("access.grantCount", { count: toGrant.length })}
        </FormSubmit>
      </div>
    </Form>
  );
}

/** One row of a job: its state, and Digdir's answer when it did not go through. */
export function JobRowResult({
  row,
  done = "access.entry.granted",
}: {
  row: BulkJobRow;
  done?: "access.entry.granted" | "accessJob.state.revoked";
}) {
  const { t, tc } = useI18n();
  const detail = row.detail ? tc(row) : "";
  switch (row.state) {
    case "success":
      return (
        <span>
          <Badge tone="success">{t(done)}</Badge> {row.name}
        </span>
      );
    case "failure":
    case "unknown":
      return (
        <div className="flex flex-col gap-1 text-red-800 dark:text-red-300">
          <Badge tone={row.state === "failure" ? "danger" : "warning"}>
            {row.state === "failure" ? t("access.entry.failed") : t("accessJob.state.unknown")}
          </Badge>
          {row.detail && (
            <span className="text-xs">
              {/* The status, unless the text begins with it ("409 Conflict: …"). */}
              {row.status && !detail.startsWith(String(row.status)) ? `${row.status}: ` : ""}
              {/* In the page's language (issue 14 #13): the row's code, Digdir's own words a
                  parameter of it; a row finished before codes keeps its English detail. */}
              <span data-testid="job-row-detail">{detail}</span>
              {row.correlation_id ? ` (correlation_id ${row.correlation_id})` : ""}
            </span>
          )}
        </div>
      );
    case "cancelled":
      return <Badge tone="neutral">{t("accessJob.state.cancelled")}</Badge>;
    case "sent":
      return <Badge tone="info">{t("accessJob.state.sent")}</Badge>;
    default:
      return <Badge tone="neutral">{t("accessJob.state.pending")}</Badge>;
  }
}
