import { Coded, MessageParams } from "@portvakt/contracts";
import { z } from "zod";

/**
 * The answers of the BFF's config routes as zod schemas: one definition, made here beside the
 * code that builds them, imported by the BFF (OpenAPI, response check) and the web app (parsing
 * the answer). Browser-safe: zod and the contracts only. Import as `@portvakt/config-as-code/schemas`.
 */

/** Every kind of step, in the order apply carries them out (see `planChanges`). */
export const STEP_KINDS = [
  "scope.create",
  "scope.reactivate",
  "scope.update",
  "access.grant",
  "access.revoke",
  "client.create",
  "client.update",
  "key.add",
  "key.remove",
  "scope.deactivate",
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * One field's difference. A create step has no `before` and a removal no `after`: JSON leaves
 * `undefined` out, so both are optional (issue 14, defect 1).
 */
export const FieldChangeSchema = z.object({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const PlanStepSchema = z
  .object({
    id: z.string().meta({ example: "access.grant:difi:api3@889640782" }),
    kind: z.enum(STEP_KINDS),
    summary: z.string(),
    reason: z.string(),
    dangerous: z.boolean(),
    dangers: z.array(z.string()),
    scope: z.string().optional(),
    consumer: z.object({ orgno: z.string(), name: z.string().optional() }).optional(),
    client: z.object({ name: z.string(), client_id: z.string().optional() }).optional(),
    kid: z.string().optional(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    changes: z.array(FieldChangeSchema),
    texts: z.object({ summary: Coded, reason: Coded, dangers: z.array(Coded) }),
  })
  .meta({ id: "ConfigPlanStep" });

export const PlanGroupSchema = z.object({
  name: z.string(),
  client_id: z.string().optional(),
  steps: z.array(PlanStepSchema),
});

export const PlanSchema = z
  .object({
    environment: z.string(),
    production: z.boolean(),
    fingerprint: z.string(),
    steps: z.array(PlanStepSchema),
    groups: z.object({ scopes: z.array(PlanGroupSchema), clients: z.array(PlanGroupSchema) }),
    summary: z.object({
      total: z.number().int(),
      dangerous: z.number().int(),
      byKind: z.partialRecord(z.enum(STEP_KINDS), z.number().int()),
    }),
    warnings: z.array(z.string()),
    warningTexts: z.array(Coded),
  })
  .meta({ id: "ConfigPlan" });

export const StepReportSchema = z.object({
  id: z.string(),
  kind: z.enum(STEP_KINDS),
  summary: z.string(),
  text: Coded,
  outcome: z.enum(["done", "failed", "not-run"]),
  error: z
    .object({
      message: z.string(),
      code: z.string().optional(),
      params: MessageParams.optional(),
      status: z.number().int().optional(),
      correlationId: z.string().optional(),
    })
    .optional(),
});

export const ApplyReportSchema = z
  .object({
    status: z.enum(["applied", "no-changes", "failed"]),
    environment: z.string(),
    fingerprint: z.string(),
    steps: z.array(StepReportSchema),
    done: z.number().int(),
    notRun: z.number().int(),
    failed: StepReportSchema.optional(),
    warnings: z.array(z.string()),
    warningTexts: z.array(Coded),
  })
  .meta({ id: "ConfigApplyReport" });
