import { randomUUID } from "node:crypto";
import {
  type AuditAction,
  normalizeOrgNumber,
  type RecordedAuditAction,
} from "@portvakt/contracts";
import type { Context, MiddlewareHandler } from "hono";
import type { BffEnv } from "../context";
import { checksOnly, executionNote, executionOf } from "../four-eyes/defer";
import {
  codedProblem,
  MADE_BUT_UNREAD,
  OUTCOME_UNKNOWN,
  ProblemError,
  problemResponse,
  refusedByPortvakt,
} from "../problem";
import { type AuditOutcome, type NewAuditEntry, noticeKept } from "./store";
import {
  type AuditTarget,
  type AuditText,
  auditFields,
  auditText,
  codedTarget,
  joinTexts,
  type TargetPart,
  targetFields,
  targetPart,
  textOf,
} from "./text";

/** What a route changed, for the audit entry: the thing's name, and before/after without keys. */
export interface AuditChange {
  /** Overrides the route's action when the request turned out to be a more specific one. */
  action?: RecordedAuditAction;
  /** A plain string is shown as it is in every language; an `AuditTarget` keeps its parts. */
  target?: string | AuditTarget;
  before?: unknown;
  after?: unknown;
  /**
   * Said in the entry's detail, e.g. that Digdir's answer was lost but a re-read shows the
   * change: an `AuditText` (`auditText(...)`) keeps its code for the page; a plain string is
   * shown as it is in every language.
   */
  detail?: string | AuditText;
  /** Overrides the outcome read from the status, e.g. `partial` when some items failed. */
  outcome?: AuditOutcome;
}

/** Adds to what this request's audit entry will say (later calls override earlier fields). */
export function recordChange(c: Context<BffEnv>, change: AuditChange): void {
  c.set("auditChange", { ...c.get("auditChange"), ...change });
}

/**
 * A refusal by Portvakt before anything was sent (role, rate limit, prod confirmation): the
 * audit entry says `denied` with `auditDetail` (default: the problem's detail and code). Returns
 * the problem for the caller to throw.
 */
export function refuseChange(
  c: Context<BffEnv>,
  refusal: ProblemError,
  auditDetail?: AuditText,
): ProblemError {
  const detail = auditDetail ?? (refusal.problem.detail ? textOf(refusal.problem) : undefined);
  recordChange(c, { outcome: "denied", ...(detail ? { detail } : {}) });
  return refusal;
}

/**
 * What an audit entry of this request says, as fields of the entry (`detail`, and `code`,
 * `params`, `more` when coded): `own`, else the route's recorded detail, else the problem
 * answered (its code kept); after the four-eyes execution's note (who asked and who approved)
 * when this is the replay of an approved change request.
 */
export function auditDetailOf(
  c: Context<BffEnv>,
  own?: string | AuditText,
): ReturnType<typeof auditFields> {
  const problem = c.get("problem");
  const recorded = own ?? c.get("auditChange")?.detail;
  const text = recorded ? textOf(recorded) : problem?.detail ? textOf(problem) : undefined;
  const execution = executionOf(c);
  if (!execution) return auditFields(text);
  return auditFields(joinTexts([executionNote(execution), ...(text?.detail ? [text] : [])]));
}

/** What the audit entry of this change will name as its target. */
export function defaultTarget(c: Context<BffEnv>): string {
  return defaultAuditTarget(c).text;
}

/**
 * `defaultTarget` with its coded parts (`audit.target.scope`, `.client`, `.org`, `.kid`), e.g.
 * "client 42, kid k1"; an empty text when the route names none of them.
 */
export function defaultAuditTarget(c: Context<BffEnv>): AuditTarget {
  const params: Record<string, string | undefined> = c.req.param();
  const scope = c.req.query("scope");
  const parts: TargetPart[] = [
    ...(scope ? [targetPart("audit.target.scope", { scope })] : []),
    ...(params.id ? [targetPart("audit.target.client", { id: params.id })] : []),
    // As the route reads it (`NO889640782MVA`, `0192:…` are 889640782), so a refusal's entry is
    // found by the same number as the change's.
    ...(params.orgno
      ? [targetPart("audit.target.org", { orgno: normalizeOrgNumber(params.orgno) })]
      : []),
    ...(params.kid ? [targetPart("audit.target.kid", { kid: params.kid })] : []),
  ];
  return parts.length ? codedTarget(...parts) : { text: "" };
}

/**
 * Refuses a new change while the record of an earlier one is still waiting for the audit store
 * (`AuditStore.appendKept`): the kept entries are tried first; when any is still not written,
 * nothing is sent, so the log never falls further behind Digdir.
 * @throws ProblemError 503 `problem.audit-unavailable`
 */
export async function requireAuditWritten(c: Context<BffEnv>): Promise<void> {
  const audit = c.get("audit");
  if (audit.kept().length > 0 && (await audit.writeKept()) > 0) {
    throw codedProblem(503, "problem.audit-unavailable", {});
  }
}

/**
 * `requireAuditWritten` as a middleware, for the chain of a change after its role check (a
 * person without the role is told 403 whatever the store does); a dry run (`dryRun: true` in
 * the JSON body), which changes nothing, passes.
 * @throws ProblemError 503 `problem.audit-unavailable`
 */
export function auditWritten(): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    if (c.get("audit").kept().length > 0) {
      const body = c.req.header("content-type")?.includes("json")
        ? await c.req.json().catch(() => null)
        : null;
      if (!checksOnly(body)) await requireAuditWritten(c);
    }
    await next();
  };
}

/**
 * Exactly one audit entry per state change, whatever its outcome: `denied` when a later
 * middleware refused it (`refuseChange`) or the route refused it before sending anything to
 * Digdir (`refusedByPortvakt`), else from what the route answered and recorded
 * (`recordChange`): `success` below 400, `failure` from 400, `unknown` for an outcome-unknown
 * problem. A change made at Digdir whose request then failed (`changeMade`) is audited as
 * `success` and answered 502 `made-but-unread`. Needs the session and `knownEnvironment` before
 * it. An audit store that fails when the entry is written does not change the answer (the
 * change happened or not at Digdir whatever the store says): the entry is kept and written
 * when the store answers (`AuditStore.appendKept`), the answer carries `Portvakt-Audit: kept`
 * (`auditKeptHeader`), and no further change is sent (503 `problem.audit-unavailable`) until it
 * is written. A route that changes Portvakt's own state can write the entry with the change
 * (`c.get("auditEntryOf")` builds it, `auditWritten` set after): then this writes nothing.
 */
export function audited(action: AuditAction): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const session = c.get("session");
    const environment = c.get("environment");
    if (!session || !environment) {
      throw new Error("audited() runs after the session and knownEnvironment()");
    }
    const env = environment.config.id;
    const audit = c.get("audit");
    // The replay of an approved change request: its entry names the approver too (issue 18 #2),
    // under the id its claim holds (how a request whose instance stopped is settled).
    const execution = executionOf(c);
    const auditId = execution?.plannedAuditId ?? randomUUID();
    c.set("auditId", auditId);
    c.set("changeAction", action);
    if (execution) execution.auditId = auditId;
    const entryOf = (
      outcome: AuditOutcome,
      status: number,
      detail?: AuditText,
    ): NewAuditEntry & { id: string } => {
      const change = c.get("auditChange") ?? {};
      const problem = c.get("problem");
      return {
        id: auditId,
        actor: { sub: session.sub, name: session.name },
        role: session.roles[env] ?? "none",
        env,
        action: change.action ?? action,
        ...targetFields(change.target ?? defaultAuditTarget(c)),
        outcome,
        status,
        requestId: c.get("requestId"),
        ...(problem?.correlation_id ? { correlationId: problem.correlation_id } : {}),
        ...auditDetailOf(c, detail),
        ...(change.before !== undefined ? { before: change.before } : {}),
        ...(change.after !== undefined ? { after: change.after } : {}),
      };
    };
    c.set("auditEntryOf", entryOf);
    const write = (outcome: AuditOutcome, status: number, detail?: AuditText) =>
      audit.appendKept(entryOf(outcome, status, detail));
    try {
      await next();
    } catch (error) {
      // A refusal thrown by a middleware composed with this one (`every`): the app's error
      // handler has not answered yet, so the status is the problem's.
      if (error instanceof ProblemError && c.get("auditChange")?.outcome === "denied") {
        await write("denied", error.status);
      }
      throw error;
    }
    // The route wrote this entry itself, with the state it records, as one step
    // (`AuditStore.appendWith`, e.g. a change request stored for four-eyes).
    if (c.get("auditWritten") === true) return;
    const unknown = c.get("problem")?.type === OUTCOME_UNKNOWN;
    // Refused by Portvakt itself after these middlewares (input validation, a confirmation, a
    // stale version, a pending or locked resource) with nothing sent to Digdir: `denied` too.
    const refused = c.get("changeSent") !== true && refusedByPortvakt(c.error);
    let outcome: AuditOutcome =
      c.get("auditChange")?.outcome ??
      (unknown ? "unknown" : c.res.status < 400 ? "success" : refused ? "denied" : "failure");
    // The change was made and something after it failed (reading the result): the entry says
    // what happened at Digdir, not what the answer says (issue 13).
    const madeThenFailed = outcome === "failure" && c.get("changeMade") === true;
    const failedAfter = c.get("problem");
    if (madeThenFailed) {
      outcome = "success";
      const after = c.get("problem")?.detail ?? `HTTP ${c.res.status}`;
      c.res = undefined;
      c.res = problemResponse(c, 502, {
        type: MADE_BUT_UNREAD,
        detail: `The change was made at Digdir, but what came after it failed (${after}). Reload to see the result.`,
        code: "problem.made-but-unread",
      });
    }
    // What failed after the change, as its problem said it (before the 502 above replaced it).
    // A store that fails now does not change the answer: it says what happened at Digdir; the
    // entry is kept and written when the store answers (`Portvakt-Audit: kept` says so).
    await write(
      outcome,
      c.res.status,
      madeThenFailed
        ? joinTexts(
            [
              auditText("audit.made-then-failed"),
              failedAfter?.detail
                ? textOf(failedAfter)
                : auditText("audit.http", { status: c.res.status }),
            ],
            ": ",
          )
        : undefined,
    );
  };
}

/**
 * Opens the request's `KeptNotice` (`noticeKept`): when any audit entry of the request was
 * kept for later (`AuditStore.appendKept`, from `audited()`, a route, a service or the replay
 * of a change request), the answer carries `Portvakt-Audit: kept`. First in the app's chain.
 */
export function auditKeptHeader(): MiddlewareHandler<BffEnv> {
  return (c, next) =>
    noticeKept(async (notice) => {
      await next();
      if (notice.kept) c.header(AUDIT_KEPT_HEADER, "kept");
    });
}

/**
 * Answer header set when a change's audit entry could not be written at once: the answer is
 * still what happened at Digdir; the entry is kept and written when the store answers.
 */
export const AUDIT_KEPT_HEADER = "Portvakt-Audit";
