import { z } from "zod";
import { MessageParams } from "./messages";
import { OrgNumber } from "./orgno";
import { ScopeName } from "./scope-name";

/** The most consumers one bulk job takes (a CSV of 5,000 organisations is one job). */
export const BULK_JOB_MAX_ROWS = 5_000;

/**
 * Body of `POST /api/envs/{env}/access-jobs`: grant or revoke one scope for many consumers as
 * one server-side job. Every org number is checked (mod 11) and a number given twice is
 * refused, so the job has each consumer once.
 */
export const BulkJobInput = z
  .object({
    action: z.enum(["grant", "revoke"]),
    scope: ScopeName,
    orgnos: z.array(OrgNumber).min(1).max(BULK_JOB_MAX_ROWS),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.orgnos.forEach((orgno, i) => {
      if (seen.has(orgno)) {
        ctx.addIssue({
          code: "custom",
          path: ["orgnos", i],
          message: `${orgno} is given more than once`,
        });
      }
      seen.add(orgno);
    });
  })
  .meta({ id: "BulkJobInput" });
export type BulkJobInput = z.infer<typeof BulkJobInput>;

/** A row's state: `pending` → `sent` → `success` | `failure` | `unknown`, or `cancelled`. */
export const BulkRowState = z.enum([
  "pending",
  "sent",
  "success",
  "failure",
  "unknown",
  "cancelled",
]);
export type BulkRowState = z.infer<typeof BulkRowState>;

/** A job's state: `running` → (`cancelling` →) `done` | `cancelled`. */
export const BulkJobStatus = z.enum(["running", "cancelling", "cancelled", "done"]);
export type BulkJobStatus = z.infer<typeof BulkJobStatus>;

/** One consumer of a job and what happened to it. */
export const BulkJobRow = z.object({
  orgno: z.string(),
  state: BulkRowState,
  /** HTTP status of the outcome: 200, or the problem's. */
  status: z.number().int().optional(),
  /** English, for API clients and the CLI; the page shows `code` in its language instead. */
  detail: z.string().optional(),
  /**
   * The detail's stable code: the problem's (`problemMessages`; Digdir's own words that no table
   * knows travel as its `words` parameter of `problem.upstream`) or `bulk.row.*` of
   * auditMessages. Absent on rows finished before codes.
   */
  code: z.string().optional(),
  params: MessageParams.optional(),
  correlation_id: z.string().optional(),
  /** The consumer's name as Digdir answered the change. */
  name: z.string().optional(),
  /** Sends Digdir refused with 429 before this row went through (each waited out). */
  rate_limited: z.number().int(),
});
export type BulkJobRow = z.infer<typeof BulkJobRow>;

/** A bulk job with its rows in the order given; times ISO 8601. */
export const BulkJob = z
  .object({
    id: z.string(),
    env: z.string(),
    action: z.enum(["grant", "revoke"]),
    scope: z.string(),
    status: BulkJobStatus,
    created: z.string(),
    finished: z.string().optional(),
    actor: z.object({ sub: z.string(), name: z.string() }),
    /** The id of the one audit entry written when the job ends. */
    audit_id: z.string(),
    counts: z.record(BulkRowState, z.number().int()),
    total: z.number().int(),
    rows: z.array(BulkJobRow),
  })
  .meta({ id: "BulkJob" });
export type BulkJob = z.infer<typeof BulkJob>;
