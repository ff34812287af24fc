import type { BulkJob } from "@portvakt/contracts";
import { Button } from "../../../components/ui/button";
import { ProgressBar } from "../../../components/ui/status";
import { useToast } from "../../../components/ui/toast";
import { useEnv } from "../../../lib/env";
import { useI18n } from "../../../lib/i18n";
import { jobEnded, useCancelAccessJob } from "../api/access-jobs";

/**
 * A bulk job's progress as the BFF reports it: rows finished of all, the counts per outcome,
 * Digdir's 429 waits, and a button to cancel it while it runs.
 */
export function JobProgress({ job, label }: { job: BulkJob; label: string }) {
  const env = useEnv();
  const { t } = useI18n();
  const toast = useToast();
  const cancel = useCancelAccessJob(env.id);
  const { counts } = job;
  const waiting = counts.pending + counts.sent;
  const done = job.total - waiting;
  const rateLimited = job.rows.filter((row) => row.rate_limited > 0).length;
  const running = !jobEnded(job);
  return (
    <div className="flex flex-col gap-2" data-testid="job-progress" data-status={job.status}>
      <ProgressBar value={done} max={job.total} label={label} />
      <p className="text-sm" aria-live="polite">
        {t("accessJob.progress", { done, total: job.total })}.{" "}
        {t("accessJob.counts", {
          success: counts.success,
          failure: counts.failure,
          unknown: counts.unknown,
          waiting,
        })}
      </p>
      {rateLimited > 0 && (
        <p className="text-sm" role="status">
          {t("accessJob.rateLimited", { count: rateLimited })}
        </p>
      )}
      {job.status === "cancelling" && (
        <p className="text-sm" role="status">
          {t("accessJob.cancelling")}
        </p>
      )}
      {job.status === "cancelled" && (
        <p className="text-sm" role="status">
          {t("accessJob.cancelled", {
            success: counts.success,
            total: job.total,
            cancelled: counts.cancelled,
          })}
        </p>
      )}
      {running && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-xs text-slate-600 dark:text-slate-300">{t("accessJob.serverSide")}</p>
          <Button
            variant="danger"
            size="sm"
            disabled={job.status === "cancelling"}
            pending={cancel.isPending}
            onClick={() =>
              cancel.mutate(job.id, {
                onError: (error) => toast.error(({ t }) => t("accessJob.cancelFailed"), error),
              })
            }
          >
            {t("accessJob.cancel")}
          </Button>
        </div>
      )}
    </div>
  );
}
