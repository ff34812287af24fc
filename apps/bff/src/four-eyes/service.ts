import { randomUUID } from "node:crypto";
import { type AuditCode, auditMessages, coded, type MessageParams } from "@portvakt/contracts";
import { type AuditStore, derivedAuditId, type NewAuditEntry } from "../audit/store";
import { type AuditText, auditFields, auditText, targetFields, targetPart } from "../audit/text";
import { codedProblem, ProblemError } from "../problem";
import type {
  ChangeRequest,
  ChangeRequestPerson,
  ChangeRequestQuery,
  ChangeRequestStore,
  ExecutionClaim,
  ExecutionResult,
  NewChangeRequest,
} from "./store";

export type {
  ChangeRequest,
  ChangeRequestOutcome,
  ChangeRequestPerson,
  ChangeRequestState,
  ExecutionClaim,
  ExecutionResult,
  NewChangeRequest,
} from "./store";
export { CHANGE_REQUEST_STATES } from "./store";

/**
 * Runs an approved change request once and says what it came to. It must follow the
 * truthful-change rules (`changes/`): `unknown` when a write's answer was lost and a re-read
 * could not tell, never `success` for a change not made. It may throw: the request is then
 * recorded as `unknown` (it may have been made before the throw). `run.auditId` is the id its
 * audit entry must have: a request whose instance stopped is settled by finding that entry.
 */
export type ChangeExecutor = (
  request: ChangeRequest,
  approver: ChangeRequestPerson,
  run: { auditId: string },
) => Promise<ExecutionResult>;

/** A result's `detail` with its code (`change-request.result.*` of `auditMessages`). */
function resultText(
  code: AuditCode,
  params?: MessageParams,
): Pick<ExecutionResult, "detail" | "code" | "params"> {
  const text = coded(auditMessages, code, params);
  return { detail: text.detail, code: text.code, ...(text.params ? { params: text.params } : {}) };
}

/**
 * A request settled from its execution's audit entry: "Settled from its audit entry …", then the
 * entry's own detail (its codes in `more` when it has them; an uncoded one keeps its English
 * only in `detail`, and the page shows the first sentence and the link to the entry).
 */
function settledText(entry: {
  detail?: string;
  code?: string;
  params?: MessageParams;
  more?: { code: string; params?: MessageParams }[];
}): Pick<ExecutionResult, "detail" | "code" | "more"> {
  const first = coded(auditMessages, "change-request.result.settled");
  const more = entry.code
    ? [
        { code: entry.code, ...(entry.params ? { params: entry.params } : {}) },
        ...(entry.more ?? []),
      ]
    : [];
  return {
    detail: `${first.detail}${entry.detail ? `: ${entry.detail}` : ""}`,
    code: first.code,
    ...(more.length ? { more } : {}),
  };
}

/** How long an instance's claim of an approved request lasts by default: 10 minutes. */
export const DEFAULT_EXECUTION_LEASE_MS = 10 * 60_000;

/** The approver or decider as the routes know them: their role in the request's environment. */
export interface Decider extends ChangeRequestPerson {
  /** The role held in the request's environment (`admin` is needed to approve or reject). */
  role: string | undefined;
  /** A pipeline token cannot approve or reject: a person must. */
  viaToken: boolean;
  requestId: string;
}

/** JWK members that only a private or secret key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/**
 * Where in `value` private key material is (a JWK with a private member, or a PEM private key),
 * as a path like `keys.0.d`; undefined when there is none. Change requests are stored for days
 * and shown to other people: keys in them may only be public JWKs.
 */
export function privateKeyMaterialAt(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === "string") {
    return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)
      ? path.join(".") || "(body)"
      : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = privateKeyMaterialAt(item, [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.kty === "string") {
      const member = PRIVATE_JWK_MEMBERS.find((m) => record[m] !== undefined);
      if (member) return [...path, member].join(".");
    }
    for (const [key, item] of Object.entries(record)) {
      const found = privateKeyMaterialAt(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Four-eyes change requests (issue 18 #2), the internal API. In an environment whose config
 * says `fourEyes: true`, a change is not made but submitted here; another admin approves
 * (`approve`: it runs once, by its kind's executor) or rejects it; its requester may withdraw it.
 *
 * - Any BFF route made with `changes(role, action)` (and bulk access jobs) is deferred on its own:
 *   its validated request is stored with kind `http` and replayed on approval as its requester
 *   (`./defer.ts`). A new route needs nothing more.
 * - Work that is not one route's request (e.g. a promotion's apply) calls `submit` with its own
 *   `kind` and a payload, and registers the executor of that kind once at start-up with
 *   `register(kind, executor)`.
 *
 * Every decision is audited in the request's environment (`change-request.approve`, `.reject`,
 * `.withdraw`, naming requester and decider); the execution's own entry is the action's, with
 * the requester as actor and the approver named in its detail.
 */
export class ChangeRequests {
  readonly store: ChangeRequestStore;
  readonly #audit: AuditStore;
  readonly #enabled: (env: string) => boolean;
  readonly #executors = new Map<string, ChangeExecutor>();
  readonly #now: () => number;
  readonly #leaseMs: number;
  readonly #issuerOf: (sub: string) => Promise<string | undefined>;
  /** This instance's name in its claims (random per process). */
  readonly instance = randomUUID();

  /**
   * `enabled(env)`: whether four-eyes is on in that environment (its `fourEyes` setting);
   * `leaseMs`: how long a claim of an approved request lasts (longer than any execution: the
   * replay's upstream timeouts and outcome window); `now`: the clock, epoch ms; `issuerOf(sub)`:
   * the person behind a requester that is a pipeline token (its issuer's sub), whose request is
   * their own too: they can no more decide it than one they made signed in.
   */
  constructor(
    store: ChangeRequestStore,
    audit: AuditStore,
    enabled: (env: string) => boolean,
    options: {
      now?: () => number;
      leaseMs?: number;
      issuerOf?: (sub: string) => Promise<string | undefined>;
    } = {},
  ) {
    this.store = store;
    this.#audit = audit;
    this.#enabled = enabled;
    this.#now = options.now ?? Date.now;
    this.#leaseMs = options.leaseMs ?? DEFAULT_EXECUTION_LEASE_MS;
    this.#issuerOf = options.issuerOf ?? (async () => undefined);
  }

  /** Whether changes in `env` become change requests. */
  isOn(env: string): boolean {
    return this.#enabled(env);
  }

  /** The executor registered for `kind`, if any. */
  executorOf(kind: string): ChangeExecutor | undefined {
    return this.#executors.get(kind);
  }

  /** The executor of `kind` (replaces one registered before). */
  register(kind: string, executor: ChangeExecutor): void {
    this.#executors.set(kind, executor);
  }

  /**
   * Stores a change request (state `pending`, expiring after the configured days). With
   * `entryOf` (the BFF's routes), the request and the audit entry that records it (made from the
   * request, which has its id then) are one step (`AuditStore.appendWith`): neither is there
   * without the other. Without it the caller records it (tests, tools).
   * @throws ProblemError 400 `problem.change-request.private-key` when the payload carries a
   *   private key (a JWK's `d`, ..., or a PEM private key): never stored.
   * @throws ProblemError 503 `problem.audit-store-down` when the database or the audit store
   *   fails: nothing is stored.
   */
  async submit(
    input: NewChangeRequest,
    entryOf?: (request: ChangeRequest) => NewAuditEntry,
  ): Promise<ChangeRequest> {
    const at = privateKeyMaterialAt(input.payload);
    if (at) throw codedProblem(400, "problem.change-request.private-key", { field: at });
    if (!entryOf) return this.store.create(input);
    const prepared = this.store.prepare(input);
    try {
      await this.#audit.appendWith([entryOf(prepared.request)], prepared.insert, prepared.remove);
    } catch {
      throw storeDown();
    }
    return prepared.request;
  }

  list(query: ChangeRequestQuery): Promise<ChangeRequest[]> {
    return this.store.list(query);
  }

  get(id: string): Promise<ChangeRequest | undefined> {
    return this.store.get(id);
  }

  async #decidable(
    id: string,
    decider: Decider,
    verb: "approve" | "reject",
  ): Promise<ChangeRequest> {
    const request = await this.store.get(id);
    if (!request || decider.role === undefined) {
      throw codedProblem(404, "problem.change-request.not-found", { id });
    }
    // One's own request first: whatever the role, the answer is that someone else must decide.
    if (
      request.requester.sub === decider.sub ||
      (await this.#issuerOf(request.requester.sub)) === decider.sub
    ) {
      throw codedProblem(403, "problem.change-request.own", { verb });
    }
    if (decider.viaToken) throw codedProblem(403, "problem.change-request.person-needed", {});
    if (decider.role !== "admin") {
      throw codedProblem(403, "problem.role-needed", { role: "admin", env: request.env });
    }
    if (request.state !== "pending") {
      throw codedProblem(409, "problem.change-request.not-pending", { state: request.state });
    }
    return request;
  }

  async #notPending(id: string): Promise<never> {
    const now = await this.store.get(id);
    throw codedProblem(409, "problem.change-request.not-pending", { state: now?.state ?? "gone" });
  }

  /**
   * Moves the pending request to `to` and writes the entry that records it as one step
   * (`AuditStore.appendWith`): a decision is never made without its entry, nor an entry written
   * for a decision another caller won (`NoLongerPending` aborts the step).
   * @throws ProblemError 409 when it is no longer pending; 503 `problem.audit-store-down` when
   *   the database or the audit store fails (nothing is decided then).
   */
  async #decideRecorded(
    request: ChangeRequest,
    decider: Decider,
    to: "executing" | "rejected" | "withdrawn",
    entry: NewAuditEntry,
    options: { reason?: string; claim?: ExecutionClaim } = {},
  ): Promise<ChangeRequest> {
    try {
      const { value } = await this.#audit.appendWith(
        [entry],
        async (db) => {
          const decided = await this.store.decide(
            request.id,
            to,
            decider,
            options.reason,
            options.claim,
            db,
          );
          if (!decided) throw new NoLongerPending();
          return decided;
        },
        (db) => this.store.undecide(request.id, to, db),
      );
      return value;
    } catch (error) {
      if (error instanceof NoLongerPending) return this.#notPending(request.id);
      // The step may have been made and only its answer lost (a connection dropped after the
      // commit): its entry tells.
      const made = entry.id ? await this.#audit.get(entry.id).catch(() => undefined) : undefined;
      if (made) {
        const now = await this.store.get(request.id).catch(() => undefined);
        if (now?.state === to) return now;
      }
      throw storeDown();
    }
  }

  #decisionEntry(
    request: ChangeRequest,
    decider: Omit<Decider, "viaToken">,
    action: "change-request.approve" | "change-request.reject" | "change-request.withdraw",
    detail: AuditText,
    at?: { id: string; time?: string },
  ): NewAuditEntry {
    return {
      ...(at ? { id: at.id, ...(at.time ? { time: at.time } : {}) } : {}),
      actor: { sub: decider.sub, name: decider.name },
      role: decider.role ?? "none",
      env: request.env,
      action,
      ...targetFields({
        text: `change request ${request.id}: ${request.action} ${request.target}`.trim(),
        parts: [
          targetPart("audit.target.change-request", { id: request.id, action: request.action }),
          ...(request.targetParts ??
            (request.target ? [targetPart("audit.target.name", { name: request.target })] : [])),
        ],
      }),
      outcome: "success",
      status: 200,
      requestId: decider.requestId,
      ...auditFields(detail),
    };
  }

  /** The approval's audit text: who asked and who approved. */
  #approvalText(request: ChangeRequest, approver: ChangeRequestPerson): AuditText {
    return auditText("audit.change-request.approved", {
      requester: request.requester.name,
      requesterSub: request.requester.sub,
      approver: approver.name,
      approverSub: approver.sub,
    });
  }

  /**
   * Approves and runs the request, once: only the caller whose `update where state = 'pending'`
   * wins runs it (the request becomes `executing`, claimed by this instance for the lease, with
   * the id its execution's audit entry will have); the others get 409. The decision and the
   * approval's own entry (under the id the claim names, `approvalId`) are one step
   * (`AuditStore.appendWith`), before anything is carried out: when the database or the audit
   * store fails, nothing is decided, recorded or carried out (503, the request stays pending
   * and can be approved again). The result (success, failure, unknown) is stored on it. If this
   * process stops before that, `settleUnfinished` on any instance settles it from the audit log
   * once the claim ran out: never runs it again.
   * @throws ProblemError 404 (unknown, or not in the decider's environments), 403 (not admin,
   *   a pipeline token, or the requester: `problem.change-request.own`), 409 (not pending),
   *   503 `problem.audit-store-down` (nothing decided), 503
   *   `problem.change-request.result-unsaved` (carried out, its result not stored: its audit
   *   entry says what happened, and the request is settled from it later).
   */
  async approve(id: string, approver: Decider): Promise<ChangeRequest> {
    const request = await this.#readDecidable(id, approver, "approve");
    const auditId = randomUUID();
    const claim: ExecutionClaim = {
      instance: this.instance,
      until: this.#now() + this.#leaseMs,
      auditId,
      approvalId: derivedAuditId("approval", auditId),
    };
    const approval = this.#decisionEntry(
      request,
      approver,
      "change-request.approve",
      this.#approvalText(request, approver),
      { id: claim.approvalId! },
    );
    const approved = await this.#decideRecorded(request, approver, "executing", approval, {
      claim,
    });
    const executor = this.#executors.get(approved.kind);
    let result: ExecutionResult;
    if (!executor) {
      result = {
        outcome: "failure",
        status: 500,
        ...resultText("change-request.result.no-executor", { kind: approved.kind }),
      };
    } else {
      try {
        result = await executor(
          approved,
          { sub: approver.sub, name: approver.name },
          { auditId: claim.auditId },
        );
      } catch (error) {
        result = {
          outcome: "unknown",
          status: 500,
          // The error's own words (a library's, not Portvakt's sentence): quoted.
          ...resultText("change-request.result.threw", {
            words: (error as Error)?.message ?? String(error),
          }),
        };
      }
    }
    try {
      return (await this.store.finish(id, result, claim)) ?? (await this.store.get(id)) ?? approved;
    } catch {
      throw codedProblem(503, "problem.change-request.result-unsaved", {
        outcome: result.outcome,
        status: result.status,
      });
    }
  }

  /**
   * `#decidable`, a database that fails while reading answered as 503
   * `problem.audit-store-down` (nothing was decided).
   */
  async #readDecidable(
    id: string,
    decider: Decider,
    verb: "approve" | "reject",
  ): Promise<ChangeRequest> {
    try {
      return await this.#decidable(id, decider, verb);
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      throw storeDown();
    }
  }

  /**
   * Settles the approved requests whose executing instance stopped (claim run out): each is
   * finished from its execution's audit entry (the claim names its id) when there is one (its
   * outcome, status and id; an `unknown` one is followed up by the change guard's re-reads of
   * Digdir, as any change), else as `unknown`: the instance stopped between sending and
   * recording, so only Digdir knows; except when its approval's entry (`approvalId`) is missing
   * too: the instance stopped before carrying it out, so it ends `failure`
   * (`change-request.result.not-started`) with the approval's entry written now. Never runs a request again. Several instances settling at
   * once write one result (the update is conditional on the claim). Answers the settled ones.
   */
  async settleUnfinished(): Promise<ChangeRequest[]> {
    const settled: ChangeRequest[] = [];
    for (const { request, claim } of await this.store.unfinished(this.#leaseMs)) {
      const entry = claim ? await this.#audit.get(claim.auditId) : undefined;
      if (!entry && claim?.approvalId && !(await this.#audit.get(claim.approvalId))) {
        // Stopped between the decision and its entry: nothing was carried out. The approval is
        // recorded now (its own time), then the request says it was not carried out.
        const approver = request.decidedBy ?? { sub: "unknown", name: "unknown" };
        try {
          await this.#audit.appendOnce({
            ...this.#decisionEntry(
              request,
              { ...approver, role: "admin", requestId: `settle-${randomUUID()}` },
              "change-request.approve",
              this.#approvalText(request, approver),
            ),
            id: claim.approvalId,
            ...(request.decidedAt ? { time: request.decidedAt } : {}),
          });
        } catch {
          continue; // The audit store fails: settled at a later pass.
        }
        const done = await this.store.finish(
          request.id,
          { outcome: "failure", status: 500, ...resultText("change-request.result.not-started") },
          claim,
        );
        if (done) settled.push(done);
        continue;
      }
      const result: ExecutionResult = entry
        ? {
            outcome:
              entry.outcome === "success" || entry.outcome === "unknown"
                ? entry.outcome
                : "failure",
            status: entry.status,
            auditId: entry.id,
            ...settledText(entry),
          }
        : {
            outcome: "unknown",
            status: 500,
            ...resultText("change-request.result.lost"),
          };
      const done = await this.store.finish(request.id, result, claim);
      if (done) settled.push(done);
    }
    return settled;
  }

  /**
   * Rejects a pending request (`reason` optional); the decision and its entry are one step.
   * Errors as `approve`'s before it carries anything out.
   */
  async reject(id: string, decider: Decider, reason?: string): Promise<ChangeRequest> {
    const request = await this.#readDecidable(id, decider, "reject");
    const entry = this.#decisionEntry(
      request,
      decider,
      "change-request.reject",
      auditText(
        reason ? "audit.change-request.rejected-because" : "audit.change-request.rejected",
        {
          requester: request.requester.name,
          requesterSub: request.requester.sub,
          decider: decider.name,
          deciderSub: decider.sub,
          ...(reason ? { reason } : {}),
        },
      ),
      { id: randomUUID() },
    );
    return this.#decideRecorded(request, decider, "rejected", entry, {
      ...(reason ? { reason } : {}),
    });
  }

  /**
   * Withdraws a pending request: only its requester may; the withdrawal and its entry are one
   * step.
   * @throws ProblemError 404, 403 `problem.change-request.not-yours`, 409 (not pending), 503
   *   `problem.audit-store-down` (nothing withdrawn).
   */
  async withdraw(id: string, person: Decider): Promise<ChangeRequest> {
    let request: ChangeRequest | undefined;
    try {
      request = await this.store.get(id);
    } catch {
      throw storeDown();
    }
    if (!request || person.role === undefined) {
      throw codedProblem(404, "problem.change-request.not-found", { id });
    }
    if (request.requester.sub !== person.sub) {
      throw codedProblem(403, "problem.change-request.not-yours", {});
    }
    const entry = this.#decisionEntry(
      request,
      person,
      "change-request.withdraw",
      auditText("audit.change-request.withdrawn", { person: person.name, personSub: person.sub }),
      { id: randomUUID() },
    );
    return this.#decideRecorded(request, person, "withdrawn", entry);
  }
}

/** Aborts a decision's step: the request was no longer pending (nothing is written). */
class NoLongerPending extends Error {}

/** The database or the audit store failed, so nothing was changed: 503, try again. */
function storeDown(): ProblemError {
  return codedProblem(503, "problem.audit-store-down", {});
}
