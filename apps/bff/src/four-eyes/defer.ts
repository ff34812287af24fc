import {
  CHANGE_REQUEST_HEADER,
  type MessageParams,
  PROD_CONFIRMATION_HEADER,
} from "@portvakt/contracts";
import type { Context, Handler, MiddlewareHandler } from "hono";
import { defaultAuditTarget, recordChange } from "../audit/middleware";
import {
  type AuditTarget,
  type AuditText,
  auditFields,
  auditText,
  targetFields,
  targetPart,
} from "../audit/text";
import type { Session } from "../auth/session";
import type { BffEnv } from "../context";
import { codedProblem, MADE_BUT_UNREAD, OUTCOME_UNKNOWN } from "../problem";
import type { ChangeExecutor, ChangeRequest, ChangeRequestPerson } from "./service";

/** The kind of change request that replays one BFF route's request. */
export const HTTP_KIND = "http";

export { CHANGE_REQUEST_HEADER };

/** Headers of the original request that the replay carries (conditions and confirmations). */
const KEPT_HEADERS = ["if-match", PROD_CONFIRMATION_HEADER.toLowerCase(), "accept-language"];

/** The payload of a kind `http` change request: the route's request as validated. */
export interface HttpChangePayload {
  method: string;
  /** The path with its query string, e.g. `/api/envs/prod/scopes?scope=x`. */
  path: string;
  /** The JSON body as sent (it passed the route's schema), if any. */
  body?: unknown;
  headers: Record<string, string>;
  /**
   * The scope or client as Digdir had it when the request was made (updates, deactivations and
   * deletes of one), for the request's diff; not used by the replay, which reads afresh.
   */
  before?: unknown;
}

/** The scope or client a change of one is about, as it is now; undefined when not read. */
async function currentOf(c: Context<BffEnv>, action: string): Promise<unknown> {
  const api = c.get("environment")?.api;
  if (!api) return undefined;
  try {
    const scope = c.req.query("scope");
    if (action.startsWith("scope.") && action !== "scope.create" && scope) {
      return await api.getScope(scope);
    }
    const id = c.req.param("id");
    if ((action === "client.update" || action === "client.delete") && id) {
      return await api.getClient(id);
    }
  } catch {
    // Not readable now (gone, Digdir down): the request is stored without it.
  }
  return undefined;
}

/** Canonical JSON of a field's value: arrays compared as sets, object members in name order. */
function canonical(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((item) => JSON.stringify(norm(item))).sort();
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, member]) => member !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([name, member]) => [name, norm(member)]),
      );
    }
    return v ?? null;
  };
  return JSON.stringify(norm(value));
}

/** One field of an update that someone else changed after the change request was made. */
export interface ChangedSinceRequest {
  field: string;
  /** The value when the request was made (`HttpChangePayload.before`). */
  asked: unknown;
  /** The value now, as just read under the resource's lock. */
  current: unknown;
  /** The value the request sets. */
  requested: unknown;
}

/**
 * In the replay of an approved change request (four-eyes), refuses an update that would
 * overwrite a newer change: for every field the update sets, when the resource's `current`
 * value (read under its lock) differs both from the value the request was made against
 * (`payload.before`) and from the requested one, nothing is sent. Outside a replay, or for a
 * request stored without `before` (Digdir not readable then), it does nothing. Call it holding
 * the resource's lock, before the write.
 * @throws ProblemError 409 `problem.change-request.target-changed`, with the extension member
 *   `changed: ChangedSinceRequest[]` (what it was, what it is, what was asked for).
 */
export function requireUnchangedSinceRequest(
  c: Context<BffEnv>,
  current: unknown,
  update: Record<string, unknown>,
): void {
  const execution = executionOf(c);
  const before = (execution?.request.payload as HttpChangePayload | undefined)?.before;
  if (!isRecord(before) || !isRecord(current)) return;
  const changed: ChangedSinceRequest[] = Object.entries(update)
    .filter(([, requested]) => requested !== undefined)
    .filter(
      ([field, requested]) =>
        canonical(current[field]) !== canonical(before[field]) &&
        canonical(current[field]) !== canonical(requested),
    )
    .map(([field, requested]) => ({
      field,
      asked: before[field] ?? null,
      current: current[field] ?? null,
      requested,
    }));
  if (changed.length === 0) return;
  throw codedProblem(
    409,
    "problem.change-request.target-changed",
    {
      fields: changed.map((f) => f.field).join(", "),
      current: changed.map((f) => `${f.field} ${shown(f.current)}`).join(", "),
      requested: changed.map((f) => `${f.field} ${shown(f.requested)}`).join(", "),
    },
    { extensions: { changed } },
  );
}

/** A value as JSON, at most 200 characters, for a problem's text. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? "null";
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The replay of an approved request: marks a request made by the BFF itself (not over HTTP; a
 * symbol cannot arrive in a request) as its requester's, approved by `approver`.
 */
export const FOUR_EYES_EXECUTION = Symbol("portvakt.four-eyes.execution");

/** What a replay carries in its Hono `env` under `FOUR_EYES_EXECUTION`. */
export interface FourEyesExecution {
  request: ChangeRequest;
  approver: ChangeRequestPerson;
  /** The id the execution's audit entry must have (in the request's claim); `audited()` uses it. */
  plannedAuditId?: string;
  /** Set by `audited()`: the id of the execution's audit entry. */
  auditId?: string;
}

/** The replay of this request, when the BFF is executing an approved change request. */
export function executionOf(c: Context<BffEnv>): FourEyesExecution | undefined {
  const env = c.env as Record<symbol, unknown> | undefined;
  return (env?.[FOUR_EYES_EXECUTION] as FourEyesExecution | undefined) ?? undefined;
}

/** The session the replay runs as: the requester, with the role they had when they asked. */
export function executionSession(execution: FourEyesExecution, now = Date.now()): Session {
  const { request } = execution;
  return {
    sid: `change-request:${request.id}`,
    sub: request.requester.sub,
    name: request.requester.name,
    roles: { [request.env]: request.requester.role as Session["roles"][string] },
    issuedAt: now,
    seenAt: now,
    expiresAt: now + 10 * 60_000,
  };
}

/** The audit detail of the execution: both people (`audit.change-request.execution`). */
export function executionNote(execution: FourEyesExecution): AuditText {
  const { request, approver } = execution;
  return auditText("audit.change-request.execution", {
    id: request.id,
    requester: request.requester.name,
    requesterSub: request.requester.sub,
    approver: approver.name,
    approverSub: approver.sub,
  });
}

/**
 * Marks the change `action` for deferral when four-eyes is on in the route's environment (after
 * `knownEnvironment`, the role, the rate limit and the prod confirmation): the route's handler is
 * then not run; `deferrable` stores its validated request instead. A replay of an approved
 * request runs as usual.
 */
export function fourEyes(action: string): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const env = c.get("environment")?.config.id;
    const requests = c.get("changeRequests");
    if (env && requests?.isOn(env) && !executionOf(c)) c.set("fourEyesDeferred", action);
    await next();
  };
}

/** A body that only checks (`dryRun: true`) changes nothing, so it is not deferred. */
export function checksOnly(body: unknown): boolean {
  return (
    typeof body === "object" && body !== null && (body as { dryRun?: unknown }).dryRun === true
  );
}

/**
 * What a deferred change is about, coded (`audit.target.*`): the route's path and query
 * (`defaultAuditTarget`), else the body's scope (`prefix:subscope` or `scope`) or name.
 */
function targetOf(c: Context<BffEnv>, body: unknown): AuditTarget {
  const fromPath = defaultAuditTarget(c);
  if (fromPath.text) return fromPath;
  const b = (body ?? {}) as Record<string, unknown>;
  const scope =
    typeof b.prefix === "string" && typeof b.subscope === "string"
      ? `${b.prefix}:${b.subscope}`
      : typeof b.scope === "string"
        ? b.scope
        : undefined;
  if (scope) return { text: scope, parts: [targetPart("audit.target.scope", { scope })] };
  for (const key of ["client_name", "name"]) {
    const name = b[key];
    if (typeof name === "string") {
      return { text: name, parts: [targetPart("audit.target.name", { name })] };
    }
  }
  return { text: "" };
}

/**
 * Wraps a route's handler: when `fourEyes` marked the request, the handler does not run; the
 * request (its path, query, JSON body that passed the route's schemas, and the If-Match and
 * confirmation headers) is stored as a change request, answered 202 with it and the header
 * `X-Portvakt-Change-Request: <id>`, and audited as `requested`. `createRouter` wraps every route.
 */
export function deferrable<H extends Handler<BffEnv>>(handler: H): H {
  const wrapped: Handler<BffEnv> = async (c, next) => {
    const action = c.get("fourEyesDeferred");
    if (!action) return handler(c, next);
    const body = c.req.header("content-type")?.includes("json")
      ? await c.req.json().catch(() => undefined)
      : undefined;
    if (checksOnly(body)) return handler(c, next);
    const env = c.get("environment")!.config.id;
    const session = c.get("session")!;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) headers[name] = value;
    }
    const url = new URL(c.req.url);
    const before = await currentOf(c, action);
    const payload: HttpChangePayload = {
      method: c.req.method,
      path: `${url.pathname}${url.search}`,
      ...(body !== undefined ? { body } : {}),
      headers,
      ...(before !== undefined ? { before } : {}),
    };
    const target = targetOf(c, body);
    const role = session.roles[env] ?? "none";
    // The request and its `requested` entry are one step: neither is there without the other.
    // Under `audited()` its entry is the one `audited()` would write (its id, the route's
    // action), written here; a route without it (a bulk job writes its entry when it ends) gets
    // an entry of its own.
    const entryOf = c.get("auditEntryOf");
    const recorded = c.get("auditChange");
    const request = await c
      .get("changeRequests")!
      .submit(
        {
          env,
          kind: HTTP_KIND,
          action,
          target: target.text,
          ...(target.parts?.length ? { targetParts: target.parts } : {}),
          summary: `${action} ${target.text}`.trim(),
          payload,
          requester: { sub: session.sub, name: session.name, role },
          requestId: c.get("requestId"),
        },
        (stored) => {
          const detail = auditText("audit.change-request.stored", { id: stored.id });
          if (entryOf) {
            recordChange(c, { target, outcome: "requested", detail });
            return entryOf("requested", 202);
          }
          return {
            actor: { sub: session.sub, name: session.name },
            role,
            env,
            action,
            ...targetFields(target),
            outcome: "requested",
            status: 202,
            requestId: c.get("requestId"),
            ...auditFields(detail),
          };
        },
      )
      .catch((error: unknown) => {
        // Not stored: the entry `audited()` writes says what the answer says, not `requested`.
        c.set("auditChange", recorded);
        throw error;
      });
    if (entryOf) c.set("auditWritten", true);
    c.header(CHANGE_REQUEST_HEADER, request.id);
    c.header("Location", `/api/change-requests/${request.id}`);
    return c.json({ changeRequest: request }, 202);
  };
  return wrapped as H;
}

/** Names of members never stored with a result (a client's secret, a token). */
const SECRET_MEMBER = /secret|password|token|^(d|p|q|dp|dq|qi|k|oth)$/i;

/** `value` without members whose names say they are secret (stored results are shown to admins). */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !SECRET_MEMBER.test(key))
        .map(([key, item]) => [key, withoutSecrets(item)]),
    );
  }
  return value;
}

/**
 * The executor of kind `http`: replays the stored request through the BFF's own app (`fetch`,
 * with `FOUR_EYES_EXECUTION` in its env) as the requester, so every rule of the route applies
 * again at approval time: validation, locks, If-Match, the truthful-change outcome. Its outcome:
 * `unknown` for an outcome-unknown problem, `success` below 400 or for a change made whose answer
 * then failed (`made-but-unread`), else `failure`.
 */
export function httpExecutor(
  fetch: (request: Request, env: Record<symbol, unknown>) => Promise<Response> | Response,
  origin: string,
): ChangeExecutor {
  return async (request, approver, run) => {
    const payload = request.payload as HttpChangePayload;
    const headers = new Headers(payload.headers);
    if (payload.body !== undefined) headers.set("Content-Type", "application/json");
    const execution: FourEyesExecution = { request, approver, plannedAuditId: run.auditId };
    const response = await fetch(
      new Request(new URL(payload.path, origin), {
        method: payload.method,
        headers,
        ...(payload.body !== undefined ? { body: JSON.stringify(payload.body) } : {}),
      }),
      { [FOUR_EYES_EXECUTION]: execution },
    );
    const text = await response.text();
    let body: unknown = text.slice(0, 2000);
    try {
      body = text ? withoutSecrets(JSON.parse(text)) : undefined;
    } catch {
      // not JSON: kept as text
    }
    const problem = (body ?? {}) as {
      type?: string;
      detail?: string;
      code?: unknown;
      params?: unknown;
    };
    // The route's problem keeps its code (Digdir's own words stay a parameter of it).
    const code =
      response.status >= 400 && problem.detail && typeof problem.code === "string"
        ? {
            code: problem.code,
            ...(problem.params && typeof problem.params === "object"
              ? { params: problem.params as MessageParams }
              : {}),
          }
        : {};
    const outcome =
      problem.type === OUTCOME_UNKNOWN
        ? "unknown"
        : response.status < 400 || problem.type === MADE_BUT_UNREAD
          ? "success"
          : "failure";
    return {
      outcome,
      status: response.status,
      ...(response.status >= 400 && problem.detail ? { detail: problem.detail, ...code } : {}),
      ...(body !== undefined ? { body } : {}),
      ...(execution.auditId ? { auditId: execution.auditId } : {}),
    };
  };
}
