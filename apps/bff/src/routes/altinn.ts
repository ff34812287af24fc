import { createRoute, z } from "@hono/zod-openapi";
import {
  API_SCOPE_GROUPS,
  API_SCOPE_OPERATIONS,
  jsonNestingDepth,
  MAX_JSON_DEPTH,
  type PlannedScope,
  provisioningPlanOf,
  TextResources,
  type ValidationReport,
  validateApplicationMetadata,
} from "@portvakt/altinn-scopes";
import { IntegrationType, MessageParams, OrgNumber, type Scope } from "@portvakt/contracts";
import { MaskinportenError, type SelfServiceClient } from "@portvakt/maskinporten";
import type { MiddlewareHandler } from "hono";
import { ZodError } from "zod";
import { changes, reads, recordChange } from "../auth/guard";
import { OutcomeUnknownError } from "../changes/guard";
import type { GuardedApi } from "../changes/guarded-api";
import { guardedApiOf } from "../changes/request";
import type { BffEnv } from "../context";
import { badRequest, ProblemError, problemFromChange } from "../problem";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
} from "./openapi";

const tags = ["altinn"];

/**
 * The deepest nesting of objects and arrays a request body of these routes may have. The bodies
 * are `{metadata: "...", textResources: {nb: {resources: [{id, value, variables: [{...}]}]}}}`,
 * six levels at most; 32 leaves room and keeps any parser far from its stack's end.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Refuses a JSON body nested deeper than `MAX_BODY_DEPTH` with 400 before anything parses it
 * into objects (the count is iterative and stops at the limit, so 8 KB of "[[[[" is harmless).
 */
export function bodyDepthLimit(max = MAX_BODY_DEPTH): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (/json/i.test(type)) {
      const text = await c.req.text();
      if (jsonNestingDepth(text, max) > max) {
        throw new ProblemError(400, {
          detail: `The request body nests objects and arrays deeper than ${max} levels`,
          code: "altinn.request.too-deep",
          params: { max },
          errors: [
            {
              message: `Nested deeper than ${max} levels`,
              code: "altinn.request.too-deep",
              params: { max },
            },
          ],
        });
      }
    }
    await next();
  };
}

// A metadata file is a few kilobytes; the BFF's body limit is the hard stop, this the plain one.
// Nesting deeper than the app's JSON reader allows (64) is refused here, before the validator's
// parser sees it: the app could not read such a file either.
const MetadataText = z
  .string()
  .min(1, "Paste or upload applicationmetadata.json")
  .max(512_000)
  .refine((text) => jsonNestingDepth(text, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH, {
    message: `applicationmetadata.json nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels; the app cannot read it`,
  })
  .meta({ description: "The text of App/config/applicationmetadata.json" });

const ValidateRequest = z
  .object({
    metadata: MetadataText,
    textResources: TextResources.optional().meta({
      description: "The app's texts: {nb: {resources: [{id, value}]}, ...} or a list of files",
    }),
  })
  .meta({ id: "AltinnValidateRequest" });

const ProvisionRequest = z
  .object({
    metadata: MetadataText,
    grantTo: z
      .array(OrgNumber)
      .max(100)
      .optional()
      .meta({ description: "Consumer organisations to grant the users' scopes to" }),
    dryRun: z
      .boolean()
      .optional()
      .meta({ description: "Report what would be done, change nothing" }),
  })
  .meta({ id: "AltinnProvisionRequest" });

const Group = z.enum(API_SCOPE_GROUPS);
const Operation = z.enum(API_SCOPE_OPERATIONS);
const Usage = z.object({ group: Group, operation: Operation });

const MetadataProblem = z
  .object({
    code: z.string().meta({
      description: "Stable code (altinn.metadata.*); the web words it in nb, nn or en",
      example: "altinn.metadata.invalid-scope",
    }),
    params: MessageParams.meta({ description: "The values the text is built from" }),
    detail: z.string().meta({ description: "The problem in English" }),
    severity: z.enum(["error", "warning"]),
    path: z.string().meta({ example: "$.apiScopes.users.read" }),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
  })
  .meta({ id: "AltinnMetadataProblem" });

const ResolvedGroup = z.object({
  read: z.string().optional(),
  write: z.string().optional(),
  messageKey: z.string(),
  messageKeyFrom: z.enum(["group", "top", "default"]),
  keys: z.object({
    group: z.string().nullable().optional(),
    top: z.string().nullable().optional(),
  }),
  message: z.string(),
  messageFound: z.boolean(),
});

const ResolvedApiScopes = z
  .object({
    id: z.string().optional(),
    org: z.string().optional(),
    app: z.string().optional(),
    active: z.boolean(),
    users: ResolvedGroup,
    serviceOwners: ResolvedGroup,
    scopes: z.array(
      z.object({
        name: z.string(),
        written: z.string(),
        group: Group,
        operation: Operation,
        path: z.string(),
      }),
    ),
    loadError: z
      .object({ code: z.enum(["wrong-type", "invalid-id"]), path: z.string(), message: z.string() })
      .optional()
      .meta({ description: "Set when the app could not read the file and would not start" }),
    titles: z.record(z.string(), z.string()).optional(),
  })
  .meta({ id: "AltinnResolvedApiScopes" });

const MaskinportenState = z.enum(["active", "deactivated", "missing"]);

const ScopeInMaskinporten = z
  .object({
    name: z.string(),
    usedBy: z.array(Usage),
    allowed_integration_types: z.array(IntegrationType),
    description: z.string(),
    maskinporten: MaskinportenState,
  })
  .meta({ id: "AltinnScopeInMaskinporten" });

const ValidationAnswer = z
  .object({
    valid: z.boolean(),
    errors: z.number().int(),
    warnings: z.number().int(),
    problems: z.array(MetadataProblem),
    resolved: ResolvedApiScopes.nullable(),
    scopes: z
      .array(ScopeInMaskinporten)
      .meta({ description: "The scopes provisioning would create, and whether they exist" }),
  })
  .meta({ id: "AltinnValidationReport" });

const ProvisionStatus = z.enum([
  "created",
  "exists",
  "reactivated",
  "granted",
  "already-granted",
  "failed",
  "unknown",
  "will-create",
  "will-reactivate",
  "will-grant",
]);
type ProvisionStatus = z.infer<typeof ProvisionStatus>;

const ProvisionItem = z
  .object({
    kind: z.enum(["scope", "grant"]),
    scope: z.string(),
    consumer_orgno: z.string().optional(),
    status: ProvisionStatus,
    usedBy: z.array(Usage).optional(),
    allowed_integration_types: z.array(IntegrationType).optional(),
    detail: z.string().optional(),
    correlation_id: z.string().optional(),
  })
  .meta({ id: "AltinnProvisionItem" });
type ProvisionItem = z.infer<typeof ProvisionItem>;

const ProvisionAnswer = z
  .object({
    app: z.string(),
    dryRun: z.boolean(),
    ok: z.boolean().meta({ description: "No item failed" }),
    items: z.array(ProvisionItem),
    warnings: z.array(MetadataProblem),
  })
  .meta({ id: "AltinnProvisionReport" });
type ProvisionAnswer = z.infer<typeof ProvisionAnswer>;

/** What the environment holds: prefixes, and own scopes including deactivated ones. */
async function maskinportenFacts(api: SelfServiceClient) {
  const [prefixes, scopes] = await Promise.all([
    api.listPrefixes(),
    api.listScopes({ inactive: true }),
  ]);
  return { prefixes, scopes: new Map(scopes.map((scope) => [scope.name, scope])) };
}

function validateAgainst(
  metadata: string,
  facts: { prefixes: string[]; scopes: Map<string, Scope> },
  textResources?: TextResources,
): ValidationReport {
  return validateApplicationMetadata(metadata, {
    prefixes: facts.prefixes,
    existingScopes: [...facts.scopes.values()].map(({ name, active }) => ({ name, active })),
    ...(textResources ? { textResources } : {}),
  });
}

function stateOf(scope: Scope | undefined): z.infer<typeof MaskinportenState> {
  if (!scope) return "missing";
  return scope.active ? "active" : "deactivated";
}

/** A failure of one item, told as the problem detail and Digdir's correlation id. */
function failureOf(error: unknown): Pick<ProvisionItem, "detail" | "correlation_id"> {
  const change = problemFromChange(error);
  if (change) return { detail: change.problem.detail ?? change.message };
  if (error instanceof MaskinportenError) {
    return {
      detail: error.explanation || error.message,
      ...(error.correlationId ? { correlation_id: error.correlationId } : {}),
    };
  }
  if (error instanceof ZodError) {
    // The client checks every body with the strict contracts before sending anything.
    return { detail: error.issues.map((issue) => issue.message).join("; ") };
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
): Promise<ProvisionItem> {
  const item = {
    kind: "scope" as const,
    scope: planned.name,
    usedBy: planned.usedBy,
    allowed_integration_types:
      existing?.allowed_integration_types ?? planned.allowed_integration_types,
  };
  const status = (value: ProvisionStatus): ProvisionItem => ({ ...item, status: value });
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
  scope: ProvisionItem,
  consumers: readonly string[],
  dryRun: boolean,
): Promise<ProvisionItem[]> {
  const item = (consumer: string, status: ProvisionStatus, extra: Partial<ProvisionItem> = {}) => ({
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
  const items: ProvisionItem[] = [];
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

export const altinnRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/altinn/validate",
      middleware: [reads(), bodyDepthLimit()] as const,
      tags,
      summary:
        "Check an app's applicationmetadata.json (apiScopes) against the organisation's prefixes and scopes",
      request: { params: EnvParam, body: jsonBody(ValidateRequest) },
      responses: {
        200: jsonResponse(
          ValidationAnswer,
          "Every problem, the resolved config, the scopes' state",
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { metadata, textResources } = c.req.valid("json");
      const facts = await maskinportenFacts(environmentOf(c).api);
      const report = validateAgainst(metadata, facts, textResources);
      const scopes = report.resolved
        ? provisioningPlanOf(report.resolved).map(
            ({ name, usedBy, allowed_integration_types, description }) => ({
              name,
              usedBy,
              allowed_integration_types,
              description,
              maskinporten: stateOf(facts.scopes.get(name)),
            }),
          )
        : [];
      return c.json({ ...report, scopes }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/altinn/provision",
      middleware: [changes("admin", "altinn.provision"), bodyDepthLimit()] as const,
      tags,
      summary:
        "Create (or reactivate) the app's missing scopes and grant the users' scopes to consumers; safe to repeat",
      request: { params: EnvParam, body: jsonBody(ProvisionRequest) },
      responses: {
        200: jsonResponse(ProvisionAnswer, "What was done, per scope and grant"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { metadata, grantTo = [], dryRun = false } = c.req.valid("json");
      const api = guardedApiOf(c);
      const facts = await maskinportenFacts(api.raw);
      const report = validateAgainst(metadata, facts);
      const app = report.resolved?.id ?? "unknown app";
      recordChange(c, {
        target: `altinn app ${app}`,
        ...(dryRun ? { action: "altinn.provision.dry-run" } : {}),
      });
      if (!report.valid || !report.resolved) {
        throw badRequest(
          `applicationmetadata.json has ${report.errors} error${report.errors === 1 ? "" : "s"}; fix them before provisioning`,
          report.problems
            .filter((problem) => problem.severity === "error")
            .map((problem) => ({
              field: problem.path,
              message: problem.detail,
              code: problem.code,
              params: problem.params,
            })),
        );
      }
      const plan = provisioningPlanOf(report.resolved);
      if (plan.length === 0) {
        throw badRequest("apiScopes sets no scope that can be created in Maskinporten");
      }

      const consumers = [...new Set(grantTo)];
      const items: ProvisionItem[] = [];
      for (const planned of plan) {
        const scopeItem = await ensureScope(api, planned, facts.scopes.get(planned.name), dryRun);
        items.push(scopeItem);
        if (planned.grantToConsumers && consumers.length > 0 && scopeItem.status !== "failed") {
          items.push(...(await ensureGrants(api, scopeItem, consumers, dryRun)));
        }
      }
      const answer: ProvisionAnswer = {
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
      // Partial success is not success: the entry says which items failed (issue 13, 3).
      recordChange(c, { after: answer.items, outcome: provisionOutcome(items) });
      return c.json(answer, 200);
    },
  );
