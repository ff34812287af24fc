import {
  type Coded,
  coded,
  codedFromText,
  codedIssue,
  OrgNumber,
  ScopePrefix,
  splitScopeName,
} from "@portvakt/contracts";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import type { Plan, PlanStep } from "./answer";
import {
  type ClientEntry,
  ConfigDocument,
  DocumentError,
  type DocumentFormat,
  type DocumentIssue,
  formatPath,
  type ScopeEntry,
} from "./document";
import { configMessages } from "./messages";

/**
 * Why a promotion cannot be planned or applied, as a code the BFF turns into a coded problem
 * (`problem.promotion.<code>`, nb/nn/en) and the CLI prints in English (`message`).
 */
export type PromotionCode =
  | "mapping-invalid"
  | "environment-mismatch"
  | "unmapped-organization"
  | "unmapped-prefix"
  | "document-invalid"
  | "unknown-step"
  | "step-needs";

/** One reason a promotion is refused: where (`path` in the mapping or the source document), a code, its parameters. */
export interface PromotionIssue extends DocumentIssue {
  code: PromotionCode;
  params: Record<string, string>;
  /**
   * The issue's own words as a code (a zod check's `validation.*`, a document rule's
   * `config.document.*`, `config.mapping.unreadable`), when `params.message` is such words: the
   * BFF sends this code instead of `problem.promotion.<code>`, so no English reaches the page.
   */
  text?: Omit<Coded, "detail">;
}

/**
 * A promotion that cannot go ahead: the mapping is invalid or leaves something of the source
 * unmapped, or the chosen steps leave out a step they need. Every issue is collected, not only
 * the first. A `DocumentError`, so callers that handle those already show it.
 */
export class PromotionError extends DocumentError {
  // DocumentError's name is a literal type; the class tells them apart.
  override readonly issues: PromotionIssue[];
  constructor(issues: PromotionIssue[]) {
    super(issues, undefined);
    this.issues = issues;
  }
}

const issue = (
  code: PromotionCode,
  path: string,
  message: string,
  params: Record<string, string> = {},
  text?: Omit<Coded, "detail">,
): PromotionIssue => ({ code, path, message, params, ...(text ? { text } : {}) });

/** The code of a zod issue's words, when they have one (`codedIssue`). */
function textOfIssue(zodIssue: z.core.$ZodIssue): Omit<Coded, "detail"> | undefined {
  const { code, params } =
    codedFromText(zodIssue.message, [configMessages]) ?? codedIssue(zodIssue);
  return code ? { code, ...(params ? { params } : {}) } : undefined;
}

// Unquoted digits in YAML become a number; say how to write it rather than "expected string".
const MappedOrgNumber = z
  .string({ error: () => coded(configMessages, "config.mapping.quote-orgno").detail })
  .pipe(OrgNumber)
  .nullable();

/**
 * The mapping file of a promotion (YAML or JSON): what differs between the source environment
 * (e.g. test) and the target (e.g. prod). Strict: every organisation number and scope prefix the
 * source uses must be named, so nothing test-only reaches prod by accident.
 *
 * - `organizations`: source org number → target org number; `null` = not promoted (grants to it
 *   and clients registered for it stay out of the target). Map a number to itself when it is the
 *   same in both.
 * - `prefixes`: source scope prefix → target prefix (Digdir assigns prefixes per environment;
 *   usually the same). Scopes of the target under prefixes no entry maps to are left alone.
 * - `clients`: source client name → target client name, for clients named differently.
 * - `from` / `to`: the environment ids the file is for; checked when given.
 *
 * The format and an example: see README, Promotion from test to prod.
 */
export const PromotionMapping = z
  .strictObject({
    version: z.literal(1).optional(),
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    organizations: z
      .record(z.string().pipe(OrgNumber), MappedOrgNumber)
      .nullable()
      .transform((value) => value ?? {})
      .default({}),
    prefixes: z
      .record(ScopePrefix, ScopePrefix)
      .nullable()
      .transform((value) => value ?? {})
      .default({}),
    clients: z
      .record(z.string().trim().min(1).max(200), z.string().trim().min(1).max(200))
      .nullable()
      .transform((value) => value ?? {})
      .default({}),
  })
  .meta({ id: "PromotionMapping", description: "What differs between two environments" });
export type PromotionMapping = z.infer<typeof PromotionMapping>;

/**
 * Reads a mapping file's text (YAML, or JSON, which YAML also reads); a leading byte-order mark
 * is not part of it.
 * @throws PromotionError (`mapping-invalid`) with the path of each bad entry.
 */
export function parseMapping(saved: string, format?: DocumentFormat): PromotionMapping {
  const text = saved.replace(/^\uFEFF/, "");
  let raw: unknown;
  const asJson = format === "json" || (format === undefined && /^\s*\{/.test(text));
  try {
    raw = asJson ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    const message =
      error instanceof YAMLParseError || error instanceof SyntaxError
        ? error.message
        : String(error);
    const format = asJson ? "JSON" : "YAML";
    const { detail: _detail, ...text } = coded(configMessages, "config.mapping.unreadable", {
      format,
    });
    throw new PromotionError([
      issue(
        "mapping-invalid",
        "",
        `Not readable as ${format}: ${message}`,
        { path: "", message },
        text,
      ),
    ]);
  }
  const parsed = PromotionMapping.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new PromotionError(
      parsed.error.issues.map((zodIssue) => {
        const path = formatPath(zodIssue.path);
        return issue(
          "mapping-invalid",
          path,
          zodIssue.message,
          { path, message: zodIssue.message },
          textOfIssue(zodIssue),
        );
      }),
    );
  }
  return parsed.data;
}

/** Source and target environment of a promotion (ids as configured). */
export interface PromotionEnvironments {
  from: string;
  to: string;
}

/**
 * The document that makes the target look like the source where the mapping says so: the
 * source's scopes (names through `prefixes`, consumers through `organizations`) and clients
 * (matched by `client_name`, through `clients`; scopes mapped; `client_id` dropped, ids differ
 * per environment), for the `to` environment. Keys are never promoted: each client keeps the
 * target's own keys (kid only), a new client gets none. Scopes of the target under prefixes no
 * mapping entry names are carried over as they are, so the plan leaves them alone.
 *
 * Plan it against the target's live state with `planChanges` (the difference), and apply chosen
 * steps with `applyDocument(..., { steps })`.
 * @throws PromotionError with every unmapped organisation and prefix, a mapping for other
 *   environments, or a result that is no valid document (two source scopes mapped to one name).
 */
export function promoteDocument(
  source: ConfigDocument,
  target: ConfigDocument,
  mapping: PromotionMapping,
  environments: PromotionEnvironments,
): ConfigDocument {
  const issues: PromotionIssue[] = [];
  for (const side of ["from", "to"] as const) {
    const named = mapping[side];
    if (named !== undefined && named !== environments[side]) {
      issues.push(
        issue(
          "environment-mismatch",
          side,
          `The mapping is for ${side} "${named}", not "${environments[side]}"`,
          { field: side, mapping: named, actual: environments[side] },
        ),
      );
    }
  }
  const reported = new Set<string>();
  const once = (key: string, make: () => PromotionIssue) => {
    if (reported.has(key)) return;
    reported.add(key);
    issues.push(make());
  };
  const mapScope = (name: string, path: string): string | undefined => {
    const { prefix, subscope } = splitScopeName(name);
    const mapped = mapping.prefixes[prefix];
    if (mapped === undefined) {
      once(`prefix:${prefix}`, () =>
        issue(
          "unmapped-prefix",
          path,
          `The scope prefix "${prefix}" (${name}) has no entry under prefixes; add "${prefix}: <prefix in ${environments.to}>"`,
          { prefix, scope: name, to: environments.to },
        ),
      );
      return undefined;
    }
    return `${mapped}:${subscope}`;
  };
  const mapOrg = (orgno: string, path: string): string | null | undefined => {
    if (!Object.hasOwn(mapping.organizations, orgno)) {
      once(`org:${orgno}`, () =>
        issue(
          "unmapped-organization",
          path,
          `The organisation ${orgno} has no entry under organizations; add "${orgno}": its number in ${environments.to}, or null to leave it out`,
          { orgno, to: environments.to },
        ),
      );
      return undefined;
    }
    return mapping.organizations[orgno] ?? null;
  };

  const mappedPrefixes = new Set(Object.values(mapping.prefixes));
  const scopes: ScopeEntry[] = [];
  (source.scopes ?? []).forEach((scope, index) => {
    const name = mapScope(scope.name, `scopes[${index}].name`);
    const consumers: string[] = [];
    (scope.consumers ?? []).forEach((orgno, j) => {
      const mapped = mapOrg(orgno, `scopes[${index}].consumers[${j}]`);
      if (mapped) consumers.push(mapped);
    });
    if (name === undefined) return;
    const { consumers: _consumers, ...fields } = scope;
    scopes.push({
      ...fields,
      name,
      ...(scope.consumers !== undefined ? { consumers: [...new Set(consumers)].sort() } : {}),
    });
  });
  // The target's scopes the mapping does not speak for stay as they are.
  for (const scope of target.scopes ?? []) {
    if (!mappedPrefixes.has(splitScopeName(scope.name).prefix)) scopes.push(scope);
  }

  const targetClients = new Map<string, ClientEntry[]>();
  for (const client of target.clients ?? []) {
    targetClients.set(client.name, [...(targetClients.get(client.name) ?? []), client]);
  }
  const clients: ClientEntry[] = [];
  (source.clients ?? []).forEach((client, index) => {
    const name = mapping.clients[client.name] ?? client.name;
    const scopeNames = (client.scopes ?? []).map((scope, j) =>
      mapScope(scope, `clients[${index}].scopes[${j}]`),
    );
    let orgno: string | null | undefined;
    if (client.client_orgno !== undefined) {
      orgno = mapOrg(client.client_orgno, `clients[${index}].client_orgno`);
      if (orgno === null) return; // registered for an organisation left out of the target
    }
    const { client_id: _id, keys: _keys, scopes: _scopes, client_orgno: _org, ...fields } = client;
    // Keys are never promoted: the target's client keeps its own (kid alone: registered).
    const match = targetClients.get(name);
    const targetKeys = match?.length === 1 ? (match[0]!.keys ?? []) : [];
    clients.push({
      ...fields,
      name,
      ...(match?.length === 1 && match[0]!.client_id ? { client_id: match[0]!.client_id } : {}),
      ...(orgno ? { client_orgno: orgno } : {}),
      ...(client.scopes !== undefined
        ? { scopes: scopeNames.filter((scope): scope is string => scope !== undefined) }
        : {}),
      keys: targetKeys.map((key) => ({ kid: key.kid })),
    });
  });
  if (issues.length > 0) throw new PromotionError(issues);

  const checked = ConfigDocument.safeParse({
    version: 1,
    environment: environments.to,
    scopes,
    clients,
  });
  if (!checked.success) {
    throw new PromotionError(
      checked.error.issues.map((zodIssue) => {
        const path = formatPath(zodIssue.path);
        return issue(
          "document-invalid",
          path,
          zodIssue.message,
          { path, message: zodIssue.message },
          textOfIssue(zodIssue),
        );
      }),
    );
  }
  return checked.data;
}

/** The scope a step acts on, or whose use it changes. */
function scopesOf(step: PlanStep): string[] {
  if ("scope" in step) return [step.scope];
  if (step.kind === "client.create" || step.kind === "client.update") return step.after.scopes;
  return [];
}

/**
 * Checks a choice of a plan's steps (by id): every id is in the plan, and every chosen step has
 * the steps it needs chosen too: a scope's creation or reactivation before its grants, updates
 * and its use by a client; a scope's revokes before its deactivation.
 * @returns the chosen steps, in the plan's order.
 * @throws PromotionError (`unknown-step`, `step-needs` naming the missing step ids).
 */
export function chooseSteps(plan: Plan, ids: readonly string[]): PlanStep[] {
  const issues: PromotionIssue[] = [];
  const inPlan = new Map(plan.steps.map((step) => [step.id, step]));
  const chosen = new Set(ids);
  for (const id of chosen) {
    if (!inPlan.has(id)) {
      issues.push(
        issue("unknown-step", "steps", `The plan has no step ${id}; plan again`, { step: id }),
      );
    }
  }
  for (const step of plan.steps) {
    if (!chosen.has(step.id)) continue;
    const needs: string[] = [];
    for (const scope of scopesOf(step)) {
      for (const kind of ["scope.create", "scope.reactivate"]) {
        const id = `${kind}:${scope}`;
        if (id !== step.id && inPlan.has(id) && !chosen.has(id)) needs.push(id);
      }
    }
    if (step.kind === "scope.deactivate") {
      for (const other of plan.steps) {
        if (other.kind === "access.revoke" && other.scope === step.scope && !chosen.has(other.id))
          needs.push(other.id);
      }
    }
    if (step.kind === "key.add" || step.kind === "key.remove") {
      const create = `client.create:${step.client.name}`;
      if (inPlan.has(create) && !chosen.has(create)) needs.push(create);
    }
    if (needs.length > 0) {
      issues.push(
        issue(
          "step-needs",
          "steps",
          `The step ${step.id} needs ${needs.join(", ")}; choose ${needs.length === 1 ? "it" : "them"} too`,
          { step: step.id, needs: needs.join(", ") },
        ),
      );
    }
  }
  if (issues.length > 0) throw new PromotionError(issues);
  return plan.steps.filter((step) => chosen.has(step.id));
}
