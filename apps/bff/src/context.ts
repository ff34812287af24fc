import type { Problem } from "@portvakt/contracts";
import type { AuditChange } from "./audit/middleware";
import type { AuditOutcome, AuditStore, NewAuditEntry } from "./audit/store";
import type { AuditText } from "./audit/text";
import type { ApiTokenIdentity, ApiTokenStore } from "./auth/api-tokens";
import type { HitLimiter } from "./auth/rate-limit";
import type { Session } from "./auth/session";
import type { BulkJobs } from "./bulk/jobs";
import type { ChangeGuard } from "./changes/guard";
import type { ChangeRequests } from "./four-eyes/service";
import type { OrganizationRegister } from "./organization-register";
import type { Environment } from "./upstream";

/** Hono's typed context of the BFF: what middleware puts on each request. */
export interface BffEnv {
  Variables: {
    /** Made by the BFF for every request (never the client's); the audit's and the logs' id. */
    requestId: string;
    /** The client's own X-Request-Id, if it sent a plausible one; logged as client_request_id. */
    clientRequestId?: string;
    environments: Environments;
    /** The environment of the route's `{env}`, set by `knownEnvironment`. */
    environment?: Environment;
    audit: AuditStore;
    mutationLimiter: HitLimiter;
    /** Serialises changes per resource and finds out what a write whose answer was lost did. */
    changeGuard: ChangeGuard;
    /** Bulk grant/revoke jobs run by the BFF (issue 17). */
    bulkJobs: BulkJobs;
    /** Organisations' state in Enhetsregisteret, cached (issue 14 #16). */
    organizationRegister: OrganizationRegister;
    /** The id the audit entry of this change will have (a pending change names it). */
    auditId?: string;
    /** The action of the `changes` route under way. */
    changeAction?: string;
    /** A write of this request was made at Digdir (whatever happens to the request after). */
    changeMade?: boolean;
    /** A write of this request was sent to Digdir (made or not). */
    changeSent?: boolean;
    /** Pipeline tokens (issue 18 #4), when the BFF has a database for them. */
    apiTokens?: ApiTokenStore;
    /** The pipeline token of this request, when it came with one instead of a session. */
    apiToken?: ApiTokenIdentity;
    /**
     * The signed-in person (or, for a pipeline token, the token as a person `token:<id>` with its
     * role in each of its environments); set for every /api route but health and the OpenAPI document.
     */
    session?: Session;
    auditChange?: AuditChange;
    /**
     * Set by `audited()`: the audit entry of this request as it would write it now (with the
     * recorded change, `outcome`, HTTP `status` and an own `detail`), for a route that writes it
     * with the state it records (`AuditStore.appendWith`) and then sets `auditWritten`.
     */
    auditEntryOf?: (
      outcome: AuditOutcome,
      status: number,
      detail?: AuditText,
    ) => NewAuditEntry & { id: string };
    /** The route wrote this request's audit entry itself (`auditEntryOf`): `audited()` writes none. */
    auditWritten?: boolean;
    /** Four-eyes change requests (issue 18 #2), when the BFF has a database for them. */
    changeRequests?: ChangeRequests;
    /** Set by `fourEyes()`: this change (its audit action) is stored as a change request instead. */
    fourEyesDeferred?: string;
    /** The problem this request answered, if any, for the audit entry. */
    problem?: Problem;
  };
}

/** The configured environments, looked up by the `{env}` path segment. */
export class Environments {
  readonly #byId: Map<string, Environment>;
  constructor(list: readonly Environment[]) {
    this.#byId = new Map(list.map((env) => [env.config.id, env]));
  }
  get(id: string): Environment | undefined {
    return this.#byId.get(id);
  }
  ids(): string[] {
    return [...this.#byId.keys()];
  }
  all(): Environment[] {
    return [...this.#byId.values()];
  }
}
