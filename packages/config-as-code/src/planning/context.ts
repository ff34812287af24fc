import { type Coded, coded, type MessageParams } from "@portvakt/contracts";
import type { FieldChange, PlanStep } from "../answer";
import { STEP_KINDS } from "../answer";
import type { DocumentIssue } from "../document";
import { type ConfigCode, configMessages } from "../messages";

/** A plan text as a code with parameters (`configMessages`); its `detail` is the English. */
export const text = (code: ConfigCode, params?: MessageParams): Coded =>
  coded(configMessages, code, params);

/**
 * A step as the planners write it: `summary`, `reason` and `dangers` as codes (docs/i18n.md);
 * `dangerous`, `texts` and the English strings are derived.
 */
export type StepDraft = PlanStep extends infer S
  ? S extends PlanStep
    ? Omit<S, "dangerous" | "dangers" | "summary" | "reason" | "texts"> & {
        summary: Coded;
        reason: Coded;
        dangers?: Coded[];
      }
    : never
  : never;

/** A planned step and its sort key: kind, group (scope or client name), sub-order, id. */
export interface OrderedStep {
  step: PlanStep;
  order: [number, string, number, string];
}

/**
 * What the planners of each resource (scopes, grants, clients, keys) write to while a plan is
 * made: the steps, the document's issues (thrown together as one `DocumentError`), warnings,
 * and the consumers' names known from the live grants.
 */
export class PlanContext {
  readonly steps: OrderedStep[] = [];
  readonly issues: DocumentIssue[] = [];
  /** Warnings as codes with parameters; the plan carries their English too. */
  readonly warnings: Coded[] = [];
  readonly #production: boolean;
  /** Consumer organisation names by org number, from the live grants. */
  readonly orgNames: ReadonlyMap<string, string>;

  constructor(production: boolean, orgNames: ReadonlyMap<string, string>) {
    this.#production = production;
    this.orgNames = orgNames;
  }

  /**
   * Refuses the document at `path` with a coded text of `configMessages` (its English is the
   * issue's `message`, for the CLI; `code` and `params` for the console).
   */
  refuse(
    path: string,
    code: ConfigCode & `config.document.${string}`,
    params?: MessageParams,
  ): void {
    const said = text(code, params);
    this.issues.push({
      path,
      message: said.detail,
      code: said.code,
      ...(said.params ? { params: said.params } : {}),
    });
  }

  /** Adds a step; in production every step is dangerous (it needs confirmation). */
  push(step: StepDraft, group: string, sub = 0): void {
    const reasons = step.dangers ?? [];
    const dangers = this.#production ? [...reasons, text("config.danger.production")] : reasons;
    const full: PlanStep = {
      ...step,
      summary: step.summary.detail,
      reason: step.reason.detail,
      dangerous: dangers.length > 0,
      dangers: dangers.map((danger) => danger.detail),
      texts: { summary: step.summary, reason: step.reason, dangers },
    };
    this.steps.push({ step: full, order: [STEP_KINDS.indexOf(step.kind), group, sub, step.id] });
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields whose values differ (compared in JSON), with both values. */
export function diff<T extends object>(
  before: Partial<T>,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  return fields
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

/** `orgno (name)`, or the org number alone when the name is not known. */
export function orgLabel(orgno: string, name: string | undefined): string {
  return name ? `${orgno} (${name})` : orgno;
}
