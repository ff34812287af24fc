import {
  type ApplyReport,
  isUnsetLifetime,
  type Plan,
  type PlanStep,
  type StepKind,
} from "@portvakt/config-as-code";

export interface Palette {
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) =>
  `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

/**
 * Colour only for a person at a terminal: never when the output is piped or a file, and never
 * with NO_COLOR (no-color.org). FORCE_COLOR turns it on anyway (CI logs that render ANSI).
 */
export function paletteFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Palette {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0";
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const colour = !noColor && (forced || stream.isTTY === true);
  if (!colour) return { green: plain, yellow: plain, red: plain, bold: plain, dim: plain };
  return {
    green: ansi(32, 39),
    yellow: ansi(33, 39),
    red: ansi(31, 39),
    bold: ansi(1, 22),
    dim: ansi(2, 22),
  };
}

const SIGN: Record<StepKind, "+" | "~" | "-"> = {
  "scope.create": "+",
  "scope.reactivate": "+",
  "scope.update": "~",
  "access.grant": "+",
  "access.revoke": "-",
  "client.create": "+",
  "client.update": "~",
  "key.add": "+",
  "key.remove": "-",
  "scope.deactivate": "-",
};

/** A field's value in a plan: an unset scope lifetime in the console's words, never 0. */
const show = (field: string, value: unknown) =>
  isUnsetLifetime(field, value)
    ? "(empty: Maskinporten's default)"
    : value === null || value === undefined || value === ""
      ? "(none)"
      : JSON.stringify(value);

function renderStep(step: PlanStep, p: Palette): string[] {
  const sign = SIGN[step.kind];
  const colour = sign === "+" ? p.green : sign === "~" ? p.yellow : p.red;
  const lines = [`  ${colour(`${sign} ${step.summary}`)}`];
  const creates = step.kind === "scope.create" || step.kind === "client.create";
  for (const change of step.changes) {
    if (step.kind.startsWith("access.") || step.kind.startsWith("key.")) break;
    lines.push(
      creates
        ? `      ${change.field}: ${show(change.field, change.after)}`
        : `      ${change.field}: ${p.red(show(change.field, change.before))} → ${p.green(show(change.field, change.after))}`,
    );
  }
  if (step.dangerous) {
    lines.push(`      ${p.red(p.bold("! dangerous:"))} ${step.dangers.join("; ")}`);
    lines.push(`      ${p.dim(`confirm with: --confirm '${step.id}'`)}`);
  }
  return lines;
}

/** The plan as a reviewer reads it: per scope, then per client, each step with its changes. */
export function renderPlan(plan: Plan, p: Palette): string {
  const out: string[] = [];
  const where = `${plan.environment}${plan.production ? " (production)" : ""}`;
  if (plan.steps.length === 0) {
    out.push(p.green(`No changes. ${where} matches the document.`));
  } else {
    out.push(
      p.bold(
        `Plan for ${where}: ${plan.summary.total} step(s), ${plan.summary.dangerous} dangerous`,
      ),
    );
    out.push(p.dim(`fingerprint ${plan.fingerprint}`));
    for (const group of plan.groups.scopes) {
      out.push("", p.bold(`Scope ${group.name}`));
      for (const step of group.steps) out.push(...renderStep(step, p));
    }
    for (const group of plan.groups.clients) {
      const id = group.client_id ? p.dim(` (${group.client_id})`) : "";
      out.push("", `${p.bold(`Client "${group.name}"`)}${id}`);
      for (const step of group.steps) out.push(...renderStep(step, p));
    }
  }
  if (plan.warnings.length > 0) {
    out.push("", p.yellow("Warnings:"));
    for (const warning of plan.warnings) out.push(`  ${p.yellow("•")} ${warning}`);
  }
  return `${out.join("\n")}\n`;
}

export function renderReport(report: ApplyReport, p: Palette): string {
  const out: string[] = [];
  if (report.status === "no-changes") {
    out.push(p.green(`No changes. ${report.environment} already matches the document.`));
  } else {
    for (const step of report.steps) {
      if (step.outcome === "done") out.push(`${p.green("✓")} ${step.summary}`);
      else if (step.outcome === "failed")
        out.push(`${p.red("✗")} ${step.summary}: ${p.red(step.error?.message ?? "failed")}`);
      else out.push(`${p.dim("·")} ${p.dim(`${step.summary} (not run)`)}`);
    }
    out.push(
      "",
      report.status === "applied"
        ? p.green(`Applied ${report.done} step(s) to ${report.environment}.`)
        : p.red(
            `Stopped at the first failure: ${report.done} step(s) done, 1 failed, ${report.notRun} not run. Plan again to continue.`,
          ),
    );
  }
  return `${out.join("\n")}\n`;
}
