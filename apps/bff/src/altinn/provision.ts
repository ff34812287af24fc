import {
  type AltinnProvisionItem,
  type AltinnProvisionReport,
  type AltinnValidationReport,
  type MaskinportenScopeState,
  type PlannedScope,
  type ProvisionStatus,
  provisioningPlanOf,
  type TextResources,
  type ValidationReport,
  validateApplicationMetadata,
} from "@portvakt/altinn-scopes";
import {
  codedFromText,
  type Lang,
  problemMessages,
  type Scope,
  validationMessages,
} from "@portvakt/contracts";
import {
  MaskinportenError,
  MaskinportenInputError,
  type SelfServiceClient,
} from "@portvakt/maskinporten";
import { OutcomeUnknownError } from "../changes/guard";
import type { GuardedApi } from "../changes/guarded-api";
import {
  codedProblem,
  type ProblemError,
  problemFromChange,
  problemFromUpstream,
} from "../problem";

/** What the environment holds: prefixes, and own scopes including deactivated ones. */
export interface MaskinportenFacts {
  prefixes: string[];
  scopes: Map<string, Scope>;
}

/** Reads the organisation's prefixes and every own scope (deactivated ones too). */
export async function maskinportenFacts(api: SelfServiceClient): Promise<MaskinportenFacts> {
  const [prefixes, scopes] = await Promise.all([
    api.listPrefixes(),
    api.listScopes({ inactive: true }),
  ]);
  return {
    prefixes: prefixes.map((entry) => entry.prefix),
    scopes: new Map(scopes.map((scope) => [scope.name, scope])),
  };
}

function validateAgainst(
  metadata: string,
  facts: MaskinportenFacts,
  textResources?: TextResources,
): ValidationReport {
  return validateApplicationMetadata(metadata, {
    prefixes: facts.prefixes,
    existingScopes: [...facts.scopes.values()].map(({ name, active }) => ({ name, active })),
    ...(textResources ? { textResources } : {}),
  });
}

function stateOf(scope: Scope | undefined): MaskinportenScopeState {
  if (!scope) return "missing";
  return scope.active ? "active" : "deactivated";
}

/**
 * The answer of `.../altinn/validate`: the metadata checked against the environment's prefixes
 * and scopes, and each scope provisioning would create with its state there. Changes nothing.
 */
export function validationAnswer(
  metadata: string,
  facts: MaskinportenFacts,
  textResources?: TextResources,
  language: Lang = "nb",
): AltinnValidationReport {
  const report = validateAgainst(metadata, facts, textResources);
  const scopes = report.resolved
    ? provisioningPlanOf(report.resolved, language).map(
        ({ name, usedBy, allowed_integration_types, description }) => ({
          name,
          usedBy,
          allowed_integration_types,
          description,
          maskinporten: stateOf(facts.scopes.get(name)),
        }),
      )
    : [];
  return { ...report, scopes };
}

type ItemFailure = Pick<AltinnProvisionItem, "detail" | "code" | "params" | "correlation_id">;

/** The coded text of a problem (`detail`, `code`, `params`, Digdir's correlation id). */
function failureOfProblem({ problem }: ProblemError): ItemFailure {
  return {
    detail: problem.detail ?? problem.code,
    code: problem.code,
    ...(problem.params ? { params: problem.params } : {}),
    ...(problem.correlation_id ? { correlation_id: problem.correlation_id } : {}),
  };
}

/**
 * A failure of one item as a coded text (issue 14, item 13): the English `detail` for API clients
 * and the CLI, with `code` + `params` beside it, exactly as the same failure would be answered as
 * a problem of its own. An error of Digdir's is `problemFromUpstream`'s text: an MP rule's code
 * when a table knows the answer, else `problem.upstream` with Digdir's own words quoted as the
 * parameter `words` (they cannot be translated). Input Portvakt refused before sending
 * (`MaskinportenInputError`) gets the code of its first refused field's text
 * (`problem.invalid-request` when no table knows it); `detail` keeps every field.
 * @throws the error itself when it is none of these (a bug: the route answers 500).
 */
export function failureOf(error: unknown): ItemFailure {
  const change = problemFromChange(error);
  if (change) return failureOfProblem(change);
  if (error instanceof MaskinportenError) return failureOfProblem(problemFromUpstream(error));
  if (error instanceof MaskinportenInputError) {
    // The client checks every body with the strict contracts before sending anything.
    const detail = error.issues.map((issue) => issue.message).join("; ");
    const first = error.issues[0];
    const known = first
      ? codedFromText(first.message, [validationMessages, problemMessages])
      : undefined;
    const text = known ?? { code: "problem.invalid-request", params: undefined };
    return { detail, code: text.code, ...(text.params ? { params: text.params } : {}) };
  }
  throw error;
}

/** `unknown` when Digdir's answer was lost and a re-read could not tell, else `failed`. */
function failedStatusOf(error: unknown): ProvisionStatus {
  return error instanceof OutcomeUnknownError ? "unknown" : "failed";
}

/**
 * The audit outcome of a provisioning run from its items: `success` when nothing failed,
 * `failure` when nothing was done, `unknown` when only unknown outcomes remain, else `partial`
 * (the items, each with its status, are the entry's `after`).
 */
export function provisionOutcome(items: readonly { status: ProvisionStatus }[]) {
  const count = (statuses: ProvisionStatus[]) =>
    items.filter((item) => statuses.includes(item.status)).length;
  const failed = count(["failed"]);
  const unknown = count(["unknown"]);
  const done = count(["created", "reactivated", "granted"]);
  if (failed === 0 && unknown === 0) return "success" as const;
  if (done === 0 && unknown === 0) return "failure" as const;
  if (done === 0 && failed === 0) return "unknown" as const;
  return "partial" as const;
}

/** Makes sure one planned scope exists and is active; never changes a scope that is fine. */
async function ensureScope(
  api: GuardedApi,
  planned: PlannedScope,
  existing: Scope | undefined,
  dryRun: boolean,
): Promise<AltinnProvisionItem> {
  const item = {
    kind: "scope" as const,
    scope: planned.name,
    usedBy: planned.usedBy,
    allowed_integration_types:
      existing?.allowed_integration_types ?? planned.allowed_integration_types,
  };
  const status = (value: ProvisionStatus): AltinnProvisionItem => ({ ...item, status: value });
  if (existing?.active) return status("exists");
  if (dryRun) return status(existing ? "will-reactivate" : "will-create");
  try {
    if (existing) {
      await api.updateScope(planned.name, { active: true });
      return status("reactivated");
    }
    await api.createScope({
      prefix: planned.prefix,
      subscope: planned.subscope,
      description: planned.description,
      allowed_integration_types: planned.allowed_integration_types,
    });
    return status("created");
  } catch (error) {
    // Another run created it meanwhile: the goal is reached.
    if (error instanceof MaskinportenError && error.status === 409 && !existing) {
      return status("exists");
    }
    return { ...status(failedStatusOf(error)), ...failureOf(error) };
  }
}

async function ensureGrants(
  api: GuardedApi,
  scope: AltinnProvisionItem,
  consumers: readonly string[],
  dryRun: boolean,
): Promise<AltinnProvisionItem[]> {
  const item = (
    consumer: string,
    status: ProvisionStatus,
    extra: Partial<AltinnProvisionItem> = {},
  ) => ({
    kind: "grant" as const,
    scope: scope.scope,
    consumer_orgno: consumer,
    status,
    ...extra,
  });
  // A scope that does not exist yet has no grants to look up.
  const fresh = scope.status === "created" || scope.status === "will-create";
  let approved = new Set<string>();
  if (!fresh) {
    try {
      const rows = await api.listAccessByScope(scope.scope);
      approved = new Set(
        rows.filter((row) => row.state === "APPROVED").map((row) => row.consumer_orgno),
      );
    } catch (error) {
      const failure = failureOf(error);
      return consumers.map((consumer) => item(consumer, "failed", failure));
    }
  }
  const items: AltinnProvisionItem[] = [];
  for (const consumer of consumers) {
    if (approved.has(consumer)) items.push(item(consumer, "already-granted"));
    else if (dryRun) items.push(item(consumer, "will-grant"));
    else {
      try {
        await api.grantAccess(scope.scope, consumer);
        items.push(item(consumer, "granted"));
      } catch (error) {
        items.push(item(consumer, failedStatusOf(error), failureOf(error)));
      }
    }
  }
  return items;
}

/** What to provision: the metadata text, consumers to grant the users' scopes to, a dry run. */
export interface ProvisionInput {
  metadata: string;
  grantTo: readonly string[];
  dryRun: boolean;
  /** The language of the descriptions of the scopes created (default nb). */
  language?: Lang;
}

/**
 * Creates (or reactivates) the app's missing scopes and grants the users' scopes to the
 * consumers, item by item (a failed item does not stop the others); safe to repeat. `onApp` is
 * told the app's id (`org/app`, or "unknown app") as soon as the metadata is read, for the audit.
 * @throws ProblemError 400 when the metadata has errors or sets no scope Maskinporten can hold
 *   (nothing is sent then).
 */
export async function provisionAltinnApp(
  api: GuardedApi,
  { metadata, grantTo, dryRun, language = "nb" }: ProvisionInput,
  onApp: (app: string) => void,
): Promise<AltinnProvisionReport> {
  const facts = await maskinportenFacts(api.raw);
  const report = validateAgainst(metadata, facts);
  const app = report.resolved?.id ?? "unknown app";
  onApp(app);
  if (!report.valid || !report.resolved) {
    throw codedProblem(
      400,
      "problem.altinn.has-errors",
      { count: report.errors },
      {
        errors: report.problems
          .filter((problem) => problem.severity === "error")
          .map((problem) => ({
            field: problem.path,
            message: problem.detail,
            code: problem.code,
            params: problem.params,
          })),
      },
    );
  }
  const plan = provisioningPlanOf(report.resolved, language);
  if (plan.length === 0) {
    throw codedProblem(400, "problem.altinn.nothing");
  }

  const consumers = [...new Set(grantTo)];
  const items: AltinnProvisionItem[] = [];
  for (const planned of plan) {
    const scopeItem = await ensureScope(api, planned, facts.scopes.get(planned.name), dryRun);
    items.push(scopeItem);
    if (planned.grantToConsumers && consumers.length > 0 && scopeItem.status !== "failed") {
      items.push(...(await ensureGrants(api, scopeItem, consumers, dryRun)));
    }
  }
  return {
    app,
    dryRun,
    ok: items.every((item) => item.status !== "failed" && item.status !== "unknown"),
    items,
    // Missing or deactivated scopes describe the state before this run, which it just fixed.
    warnings: report.problems.filter(
      (problem) =>
        problem.severity === "warning" &&
        problem.code !== "altinn.metadata.not-in-maskinporten" &&
        problem.code !== "altinn.metadata.deactivated-in-maskinporten",
    ),
  };
}
