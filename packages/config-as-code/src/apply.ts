import {
  type ClientInput,
  coded,
  codedFromText,
  type MessageParams,
  problemMessages,
  type ScopeInput,
  type ScopeUpdate,
  splitScopeName,
  writableKey,
} from "@portvakt/contracts";
import { KeyEditRefused, KeySetEditor, MaskinportenError } from "@portvakt/maskinporten";
import type {
  ApplyReport,
  Plan,
  PlanStep,
  PlanStepOf,
  ScopeLifetime,
  ScopeRecord,
  StepError,
  StepReport,
} from "./answer";
import type { ConfigDocument } from "./document";
import { type ConfigApi, readLiveState } from "./live-state";
import { type ConfigCode, configMessages } from "./messages";
import { type PlanOptions, planChanges } from "./plan";
import { chooseSteps } from "./promote";

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
  /**
   * Only these steps of the plan (ids), e.g. the parts of a promotion a person chose; checked
   * with `chooseSteps` (every id in the fresh plan, nothing it needs left out). Default: all.
   */
  steps?: readonly string[];
  /** Checked on the fresh plan before anything runs; throw to refuse (e.g. a role). */
  authorize?: (plan: Plan) => void;
  onStep?: (event: StepEvent) => void | Promise<void>;
  /**
   * The key-set editor shared with every other key edit of this environment (its lock); default
   * a new one with an in-process lock over `api`.
   */
  keys?: KeySetEditor;
}

/** A step refused by the package itself, as a code of `configMessages` with its English message. */
class StepRefused extends Error {
  override readonly name = "StepRefused";
  constructor(
    readonly code: ConfigCode,
    readonly params: MessageParams,
  ) {
    super(coded(configMessages, code, params).detail);
  }
}

/**
 * A failed step's error: the English `message` (the CLI prints it) and always a `code` with
 * `params` for the console's language (docs/i18n.md). Digdir's refusals keep the code the
 * rules gave them (`upstream.*`, `faq.*`); one no rule knows is `problem.upstream`, Digdir's own
 * words a parameter (`words`), shown quoted as Digdir's, never as Portvakt's sentence. A refused
 * key edit is coded by its text (`problemMessages`); anything else is
 * `config.error.unexpected` (the BFF replaces it with its own problem's code when it has one).
 */
export function stepErrorOf(error: unknown): StepError {
  if (error instanceof MaskinportenError) {
    const params = error.explained
      ? error.explained.params
      : {
          kind: error.kind === "invalid-response" ? "invalid" : error.kind,
          status: error.status ?? 502,
          words: error.explanation || error.message,
        };
    return {
      message: error.explanation ? `${error.message}. ${error.explanation}` : error.message,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.correlationId ? { correlationId: error.correlationId } : {}),
      code: error.explained ? error.explained.code : "problem.upstream",
      ...(params ? { params } : {}),
    };
  }
  if (error instanceof KeyEditRefused) {
    const known = codedFromText(error.message, [problemMessages]);
    return {
      message: error.message,
      status: error.status,
      code: known?.code ?? "problem.http",
      params: known?.params ?? { status: error.status },
    };
  }
  if (error instanceof StepRefused) {
    return { message: error.message, code: error.code, params: error.params };
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    code: "config.error.unexpected",
  };
}

/**
 * The create body of a scope: the document's fields, empty texts and unset lifetimes left out
 * (Maskinporten's default, not 0: `SCOPE_LIFETIMES`).
 */
function scopeInputOf(name: string, fields: ScopeRecord): ScopeInput {
  const {
    active: _active,
    long_description,
    delegation_source,
    enforced_aud_for_access_token,
    at_max_age,
    authorization_max_lifetime,
    ...rest
  } = fields;
  return {
    ...splitScopeName(name),
    ...rest,
    ...(long_description ? { long_description } : {}),
    ...(delegation_source ? { delegation_source } : {}),
    ...(enforced_aud_for_access_token ? { enforced_aud_for_access_token } : {}),
    ...(at_max_age !== null ? { at_max_age } : {}),
    ...(authorization_max_lifetime !== null ? { authorization_max_lifetime } : {}),
  };
}

/**
 * The whole desired scope, not only the changed fields: whether Digdir's PUT merges or replaces,
 * the result is the document's. Text fields are cleared with "" (they cannot be sent as null); a
 * lifetime that goes back to Maskinporten's default is sent as 0, Digdir's value for unset
 * (`SCOPE_LIFETIMES`).
 */
function scopeUpdateOf(step: PlanStepOf<"scope.update" | "scope.reactivate">): ScopeUpdate {
  const { after, before } = step;
  const { prefix: _p, subscope: _s, ...input } = scopeInputOf(step.scope, after);
  const cleared = (field: "long_description" | "enforced_aud_for_access_token") =>
    before[field] !== "" && after[field] === "" ? { [field]: "" } : {};
  const unset = (field: ScopeLifetime) =>
    before[field] !== null && after[field] === null ? { [field]: 0 } : {};
  return {
    ...input,
    ...cleared("long_description"),
    ...cleared("enforced_aud_for_access_token"),
    ...unset("at_max_age"),
    ...unset("authorization_max_lifetime"),
    active: true,
  };
}

async function runStep(
  api: ConfigApi,
  keys: KeySetEditor,
  step: PlanStep,
  createdClients: Map<string, string>,
): Promise<void> {
  const clientIdOf = (client: { name: string; client_id?: string }) => {
    const id = client.client_id ?? createdClients.get(client.name);
    if (!id) throw new StepRefused("config.error.client-no-id", { name: client.name });
    return id;
  };
  switch (step.kind) {
    case "scope.create":
      await api.createScope(scopeInputOf(step.scope, step.after));
      return;
    case "scope.reactivate":
    case "scope.update":
      await api.updateScope(step.scope, scopeUpdateOf(step));
      return;
    case "access.grant":
      await api.grantAccess(step.scope, step.consumer.orgno);
      return;
    case "access.revoke":
      await api.revokeAccess(step.scope, step.consumer.orgno);
      return;
    case "client.create": {
      const { client_name, description, scopes, access_token_lifetime, client_orgno } = step.after;
      const input: ClientInput = {
        client_name,
        description,
        scopes,
        access_token_lifetime,
        ...(client_orgno ? { client_orgno } : {}),
      };
      const created = await api.createClient(input);
      createdClients.set(step.client.name, created.client_id);
      return;
    }
    case "client.update": {
      const { client_name, description, scopes, access_token_lifetime } = step.after;
      await api.updateClient(clientIdOf(step.client), {
        client_name,
        description,
        scopes,
        access_token_lifetime,
      });
      return;
    }
    case "key.add": {
      // One key through the shared key-set editor (its lock, Digdir's PUT .../jwks/{kid}), so an
      // apply never interleaves with a key edit in the console and never rewrites other keys.
      const id = clientIdOf(step.client);
      const key = writableKey({ ...step.after, use: "sig" });
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
        await keys.removeKey(clientIdOf(step.client), step.kid);
      } catch (error) {
        if (error instanceof KeyEditRefused && error.status === 404) return;
        throw error;
      }
      return;
    case "scope.deactivate":
      await api.deactivateScope(step.scope);
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
  const fullPlan = planChanges(document, live, options);
  // A chosen step no longer in the plan was carried out already (the same apply sent twice):
  // it is left out, and nothing chosen left is "no-changes".
  const plan: Plan =
    options.steps === undefined
      ? fullPlan
      : {
          ...fullPlan,
          steps: chooseSteps(
            fullPlan,
            options.steps.filter((id) => fullPlan.steps.some((step) => step.id === id)),
          ),
        };
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
      warningTexts: plan.warningTexts,
    };
  };
  if (plan.steps.length === 0) return report("no-changes", []);
  if (plan.fingerprint !== options.planFingerprint) throw new StalePlanError(fullPlan);
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
    text: step.texts.summary,
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
