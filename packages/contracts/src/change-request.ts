import { z } from "zod";
import { MessageParams } from "./messages";

/**
 * Where a four-eyes change request is (issue 18 #2): `pending` (waiting for another admin),
 * `executing` (approved and claimed by one BFF instance, which is carrying it out; a request
 * whose claim ran out is settled by another, never run twice), `approved` (approved by an
 * older release, which went straight to running it), `executed` (carried out; see `outcome`),
 * `rejected`, `withdrawn` (by its requester) or `expired` (not decided in time).
 */
export const CHANGE_REQUEST_STATES = [
  "pending",
  "executing",
  "approved",
  "executed",
  "rejected",
  "withdrawn",
  "expired",
] as const;
export const ChangeRequestState = z.enum(CHANGE_REQUEST_STATES);
export type ChangeRequestState = z.infer<typeof ChangeRequestState>;

/** What an executed change request came to, by the truthful-change rules. */
export const ChangeRequestOutcome = z.enum(["success", "failure", "unknown"]);

const Person = z.object({ sub: z.string(), name: z.string() });

/** A change request as `GET /api/change-requests` answers it. Times are ISO 8601. */
export const ChangeRequest = z
  .object({
    id: z.string(),
    env: z.string(),
    kind: z
      .string()
      .meta({ description: "Its executor: `http` replays a BFF route's request as validated" }),
    action: z.string().meta({ description: "The audit action it performs, e.g. scope.create" }),
    target: z.string(),
    targetParts: z
      .array(z.object({ code: z.string(), params: MessageParams.optional() }))
      .optional()
      .meta({
        description:
          'The target as coded parts (`audit.target.*` of auditMessages), shown joined with ", " in the page\'s language; absent on requests made before codes and on targets that are plain names',
      }),
    summary: z.string(),
    payload: z.unknown().meta({
      description:
        "The validated request (kind http: method, path with query, JSON body, If-Match and confirmation headers); never private keys",
    }),
    requester: Person.extend({ role: z.string() }),
    requestId: z.string(),
    state: ChangeRequestState,
    createdAt: z.string(),
    expiresAt: z.string(),
    decidedAt: z.string().optional(),
    decidedBy: Person.optional(),
    reason: z.string().optional(),
    executedAt: z.string().optional(),
    outcome: ChangeRequestOutcome.optional(),
    result: z
      .object({
        outcome: ChangeRequestOutcome,
        status: z.number(),
        /** English, for API clients and the CLI; the page shows `code` (+ `more`) instead. */
        detail: z.string().optional(),
        code: z.string().optional().meta({
          description:
            "The detail's stable code (the replayed route's problem code, or change-request.result.* of auditMessages); absent on requests executed before codes",
        }),
        params: MessageParams.optional(),
        more: z
          .array(z.object({ code: z.string(), params: MessageParams.optional() }))
          .optional()
          .meta({ description: "Further coded sentences after `code`'s" }),
        body: z.unknown().optional(),
        auditId: z.string().optional(),
      })
      .optional(),
    auditId: z.string().optional(),
  })
  .meta({ id: "ChangeRequest" });
export type ChangeRequest = z.infer<typeof ChangeRequest>;

/** The 202 answer of a change that became a change request (header X-Portvakt-Change-Request). */
export const ChangeRequested = z.object({ changeRequest: ChangeRequest });
export type ChangeRequested = z.infer<typeof ChangeRequested>;

/** The header naming the change request a change became. */
export const CHANGE_REQUEST_HEADER = "X-Portvakt-Change-Request";
