import {
  type ClientInput,
  type JwkRead,
  type ScopeInput,
  type ScopeUpdate,
  splitScopeName,
  writableKey,
} from "@portvakt/contracts";
import { KeyEditRefused, KeySetEditor, MaskinportenError } from "@portvakt/maskinporten";
import type { ConfigDocument } from "./document";
import { type ConfigApi, readLiveState } from "./live-state";
import { type Plan, type PlanOptions, type PlanStep, planChanges, type StepKind } from "./plan";

/** The live state is not the one the plan was computed from: someone changed something since. */
export class StalePlanError extends Error {
  override readonly name = "StalePlanError";
  /** The plan against the current state, for the person to review instead. */
  readonly plan: Plan;
  constructor(plan: Plan) {
    super(
      "The environment changed since the plan was made; review the new plan and apply that instead",
    );
    this.plan = plan;
  }
}

/** Dangerous steps were not confirmed; nothing was applied. */
export class UnconfirmedStepsError extends Error {
  override readonly name = "UnconfirmedStepsError";
  readonly stepIds: string[];
  constructor(stepIds: string[]) {
    super(
      `${stepIds.length} dangerous step(s) need confirmation before apply: ${stepIds.join(", ")}`,
    );
    this.stepIds = stepIds;
  }
}

export type StepOutcome = "done" | "failed" | "not-run";

export interface StepError {
  message: string;
  status?: number;
  correlationId?: string;
}

export interface StepReport {
  id: string;
  kind: StepKind;
  summary: string;
  outcome: StepOutcome;
  error?: StepError;
}

export interface ApplyReport {
  /** `no-changes`: the environment already matches the document (a repeated apply lands here). */
  status: "applied" | "no-changes" | "failed";
  environment: string;
  /** The fingerprint of the state the steps were applied to. */
  fingerprint: string;
  steps: StepReport[];
  done: number;
  notRun: number;
  failed?: StepReport;
  warnings: string[];
}

/** What happened to one step, as it happens (the BFF writes it to the audit log). */
export interface StepEvent {
  step: PlanStep;
  outcome: "done" | "failed";
  error?: StepError;
  /** The thrown error of a failed step, for callers that map it (e.g. to a problem). */
  cause?: unknown;
}

export interface ApplyOptions extends PlanOptions {
  /** The plan's fingerprint the person reviewed. */
  planFingerprint: string;
  /** Ids of the dangerous steps the person confirmed, or "all" (e.g. `--auto-approve`). */
  confirm: readonly string[] | "all";
  /** Checked on the fresh plan before anything runs; throw to refuse (e.g. a role). */
  authorize?: (plan: Plan) => void;
  onStep?: (event: StepEvent) => void | Promise<void>;
  /**
   * The key-set editor shared with every other key edit of this environment (its lock); default
   * a new one with an in-process lock over `api`.
   */
  keys?: KeySetEditor;
}

function stepErrorOf(error: unknown): StepError {
  if (error instanceof MaskinportenError) {
    return {
      message: error.explanation ? `${error.message}. ${error.explanation}` : error.message,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.correlationId ? { correlationId: error.correlationId } : {}),
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

type ScopeFields = Record<string, unknown>;

function scopeInputOf(name: string, fields: ScopeFields): ScopeInput {
  const optionalText = (value: unknown) =>
    typeof value === "string" && value !== "" ? value : undefined;
  return {
    ...splitScopeName(name),
    description: fields.description as string,
    ...(optionalText(fields.long_description)
      ? { long_description: fields.long_description as string }
      : {}),
    visibility: fields.visibility as ScopeInput["visibility"],
    allowed_integration_types:
      fields.allowed_integration_types as ScopeInput["allowed_integration_types"],
    token_type: fields.token_type as ScopeInput["token_type"],
    at_max_age: fields.at_max_age as number,
    authorization_max_lifetime: fields.authorization_max_lifetime as number,
    requires_user_consent: fields.requires_user_consent as boolean,
    requires_user_authentication: fields.requires_user_authentication as boolean,
    requires_pseudonymous_tokens: fields.requires_pseudonymous_tokens as boolean,
    accessible_for_all: fields.accessible_for_all as boolean,
    ...(optionalText(fields.delegation_source)
      ? { delegation_source: fields.delegation_source as string }
      : {}),
    ...(optionalText(fields.enforced_aud_for_access_token)
      ? { enforced_aud_for_access_token: fields.enforced_aud_for_access_token as string }
      : {}),
  };
}

/**
 * The whole desired scope, not only the changed fields: whether Digdir's PUT merges or replaces,
 * the result is the document's. Text fields are cleared with "" (they cannot be sent as null).
 */
function scopeUpdateOf(name: string, step: PlanStep): ScopeUpdate {
  const after = step.after ?? {};
  const before = step.before ?? {};
  const { prefix: _p, subscope: _s, ...input } = scopeInputOf(name, after);
  const cleared = (field: string) =>
    typeof before[field] === "string" && before[field] !== "" && after[field] === ""
      ? { [field]: "" }
      : {};
  return {
    ...input,
    ...cleared("long_description"),
    ...cleared("enforced_aud_for_access_token"),
    active: true,
  };
}

async function runStep(
  api: ConfigApi,
  keys: KeySetEditor,
  step: PlanStep,
  createdClients: Map<string, string>,
): Promise<void> {
  const clientIdOf = () => {
    const id = step.client?.client_id ?? createdClients.get(step.client?.name ?? "");
    if (!id) throw new Error(`The client "${step.client?.name}" has no client_id yet`);
    return id;
  };
  switch (step.kind) {
    case "scope.create":
      await api.createScope(scopeInputOf(step.scope!, step.after ?? {}));
      return;
    case "scope.reactivate":
    case "scope.update":
      await api.updateScope(step.scope!, scopeUpdateOf(step.scope!, step));
      return;
    case "access.grant":
      await api.grantAccess(step.scope!, step.consumer!.orgno);
      return;
    case "access.revoke":
      await api.revokeAccess(step.scope!, step.consumer!.orgno);
      return;
    case "client.create": {
      const after = step.after as Record<string, unknown>;
      const input: ClientInput = {
        client_name: after.client_name as string,
        description: after.description as string,
        scopes: after.scopes as string[],
        access_token_lifetime: after.access_token_lifetime as number,
        ...(after.client_orgno ? { client_orgno: after.client_orgno as string } : {}),
      };
      const created = await api.createClient(input);
      createdClients.set(step.client!.name, created.client_id);
      return;
    }
    case "client.update": {
      const after = step.after as Record<string, unknown>;
      await api.updateClient(clientIdOf(), {
        client_name: after.client_name as string,
        description: after.description as string,
        scopes: after.scopes as string[],
        access_token_lifetime: after.access_token_lifetime as number,
      });
      return;
    }
    case "key.add": {
      // One key through the shared key-set editor (its lock, Digdir's PUT .../jwks/{kid}), so an
      // apply never interleaves with a key edit in the console and never rewrites other keys.
      const id = clientIdOf();
      const key = writableKey({ ...(step.after as JwkRead), use: "sig" });
      try {
        await keys.addKey(id, key);
      } catch (error) {
        // Already there (e.g. the same apply sent twice): nothing to do.
        if (error instanceof KeyEditRefused && error.status === 409) return;
        throw error;
      }
      return;
    }
    case "key.remove":
      try {
        await keys.removeKey(clientIdOf(), step.kid!);
      } catch (error) {
        if (error instanceof KeyEditRefused && error.status === 404) return;
        throw error;
      }
      return;
    case "scope.deactivate":
      await api.deactivateScope(step.scope!);
      return;
  }
}

/**
 * Plans the document against the live state again, checks that state is the one the person
 * reviewed (`planFingerprint`) and that every dangerous step is confirmed, then runs the steps in
 * order and stops at the first failure. A plan that has become empty (the same apply sent twice)
 * is "no-changes", whatever the fingerprint.
 */
export async function applyDocument(
  api: ConfigApi,
  document: ConfigDocument,
  options: ApplyOptions,
): Promise<ApplyReport> {
  const live = await readLiveState(api);
  const plan = planChanges(document, live, options);
  const report = (status: ApplyReport["status"], steps: StepReport[]): ApplyReport => {
    const failed = steps.find((step) => step.outcome === "failed");
    return {
      status,
      environment: plan.environment,
      fingerprint: plan.fingerprint,
      steps,
      done: steps.filter((step) => step.outcome === "done").length,
      notRun: steps.filter((step) => step.outcome === "not-run").length,
      ...(failed ? { failed } : {}),
      warnings: plan.warnings,
    };
  };
  if (plan.steps.length === 0) return report("no-changes", []);
  if (plan.fingerprint !== options.planFingerprint) throw new StalePlanError(plan);
  options.authorize?.(plan);
  const confirmed = options.confirm === "all" ? undefined : new Set(options.confirm);
  const unconfirmed = plan.steps.filter(
    (step) => step.dangerous && confirmed !== undefined && !confirmed.has(step.id),
  );
  if (unconfirmed.length > 0) throw new UnconfirmedStepsError(unconfirmed.map((step) => step.id));

  const results: StepReport[] = plan.steps.map((step) => ({
    id: step.id,
    kind: step.kind,
    summary: step.summary,
    outcome: "not-run",
  }));
  const createdClients = new Map<string, string>();
  const keys = options.keys ?? new KeySetEditor({ api });
  for (const [index, step] of plan.steps.entries()) {
    const result = results[index]!;
    try {
      await runStep(api, keys, step, createdClients);
    } catch (cause) {
      const error = stepErrorOf(cause);
      result.outcome = "failed";
      result.error = error;
      await options.onStep?.({ step, outcome: "failed", error, cause });
      return report("failed", results);
    }
    result.outcome = "done";
    await options.onStep?.({ step, outcome: "done" });
  }
  return report("applied", results);
}
