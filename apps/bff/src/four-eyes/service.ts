import type { AuditStore } from "../audit/store";
import { codedProblem } from "../problem";
import type {
  ChangeRequest,
  ChangeRequestPerson,
  ChangeRequestQuery,
  ChangeRequestStore,
  ExecutionResult,
  NewChangeRequest,
} from "./store";

export type {
  ChangeRequest,
  ChangeRequestOutcome,
  ChangeRequestPerson,
  ChangeRequestState,
  ExecutionResult,
  NewChangeRequest,
} from "./store";
export { CHANGE_REQUEST_STATES } from "./store";

/**
 * Runs an approved change request once and says what it came to. It must follow the
 * truthful-change rules (`changes/`): `unknown` when a write's answer was lost and a re-read
 * could not tell, never `success` for a change not made. It may throw: the request is then
 * recorded as `unknown` (it may have been made before the throw).
 */
export type ChangeExecutor = (
  request: ChangeRequest,
  approver: ChangeRequestPerson,
) => Promise<ExecutionResult>;

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

  /** `enabled(env)`: whether four-eyes is on in that environment (its `fourEyes` setting). */
  constructor(store: ChangeRequestStore, audit: AuditStore, enabled: (env: string) => boolean) {
    this.store = store;
    this.#audit = audit;
    this.#enabled = enabled;
  }

  /** Whether changes in `env` become change requests. */
  isOn(env: string): boolean {
    return this.#enabled(env);
  }

  /** The executor of `kind` (replaces one registered before). */
  register(kind: string, executor: ChangeExecutor): void {
    this.#executors.set(kind, executor);
  }

  /**
   * Stores a change request (state `pending`, expiring after the configured days).
   * @throws ProblemError 400 `problem.change-request.private-key` when the payload carries a
   *   private key (a JWK's `d`, ..., or a PEM private key): never stored.
   */
  async submit(input: NewChangeRequest): Promise<ChangeRequest> {
    const at = privateKeyMaterialAt(input.payload);
    if (at) throw codedProblem(400, "problem.change-request.private-key", { field: at });
    return this.store.create(input);
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
    if (request.requester.sub === decider.sub) {
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

  #auditDecision(
    request: ChangeRequest,
    decider: Decider,
    action: "change-request.approve" | "change-request.reject" | "change-request.withdraw",
    detail: string,
  ) {
    return this.#audit.append({
      actor: { sub: decider.sub, name: decider.name },
      role: decider.role ?? "none",
      env: request.env,
      action,
      target: `change request ${request.id}: ${request.action} ${request.target}`.trim(),
      outcome: "success",
      status: 200,
      requestId: decider.requestId,
      detail,
    });
  }

  /**
   * Approves and runs the request, once: only the caller whose `update where state = 'pending'`
   * wins runs it; the others get 409. The result (success, failure, unknown) is stored on it.
   * @throws ProblemError 404 (unknown, or not in the decider's environments), 403 (not admin,
   *   a pipeline token, or the requester: `problem.change-request.own`), 409 (not pending).
   */
  async approve(id: string, approver: Decider): Promise<ChangeRequest> {
    const request = await this.#decidable(id, approver, "approve");
    const approved = await this.store.decide(id, "approved", approver);
    if (!approved) return this.#notPending(id);
    await this.#auditDecision(
      approved,
      approver,
      "change-request.approve",
      `Requested by ${request.requester.name} (${request.requester.sub}); approved by ${approver.name} (${approver.sub})`,
    );
    const executor = this.#executors.get(approved.kind);
    let result: ExecutionResult;
    if (!executor) {
      result = { outcome: "failure", status: 500, detail: `No executor for "${approved.kind}"` };
    } else {
      try {
        result = await executor(approved, { sub: approver.sub, name: approver.name });
      } catch (error) {
        result = {
          outcome: "unknown",
          status: 500,
          detail: `The execution failed: ${(error as Error).message}`,
        };
      }
    }
    return (await this.store.finish(id, result)) ?? approved;
  }

  /** Rejects a pending request (`reason` optional). Errors as `approve`. */
  async reject(id: string, decider: Decider, reason?: string): Promise<ChangeRequest> {
    const request = await this.#decidable(id, decider, "reject");
    const rejected = await this.store.decide(id, "rejected", decider, reason);
    if (!rejected) return this.#notPending(id);
    await this.#auditDecision(
      rejected,
      decider,
      "change-request.reject",
      `Requested by ${request.requester.name} (${request.requester.sub}); rejected by ${decider.name} (${decider.sub})${reason ? `: ${reason}` : ""}`,
    );
    return rejected;
  }

  /**
   * Withdraws a pending request: only its requester may.
   * @throws ProblemError 404, 403 `problem.change-request.not-yours`, 409 (not pending).
   */
  async withdraw(id: string, person: Decider): Promise<ChangeRequest> {
    const request = await this.store.get(id);
    if (!request || person.role === undefined) {
      throw codedProblem(404, "problem.change-request.not-found", { id });
    }
    if (request.requester.sub !== person.sub) {
      throw codedProblem(403, "problem.change-request.not-yours", {});
    }
    const withdrawn = await this.store.decide(id, "withdrawn", person);
    if (!withdrawn) return this.#notPending(id);
    await this.#auditDecision(
      withdrawn,
      person,
      "change-request.withdraw",
      `Withdrawn by its requester ${person.name} (${person.sub})`,
    );
    return withdrawn;
  }
}
