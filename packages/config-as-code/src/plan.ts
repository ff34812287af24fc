import type { Plan, PlanGroup, PlanStep } from "./answer";
import { STEP_KINDS } from "./answer";
import { type ConfigDocument, DocumentError } from "./document";

// The plan's shapes live in ./answer (browser-safe); named here too for the plan's own tests.
export { type Plan, type PlanStep, STEP_KINDS } from "./answer";

import { byString, fingerprintOf, type LiveState } from "./live-state";
import { planClients } from "./planning/clients";
import { PlanContext } from "./planning/context";
import { planScopes } from "./planning/scopes";

export interface PlanOptions {
  /** The target environment's id; a document naming another environment is refused. */
  environment: string;
  /** Every step in production needs confirmation. */
  production: boolean;
}

/**
 * Computes what it takes to make the environment look like the document. Nothing is changed.
 *
 * Semantics (documented in the README):
 * - Scopes: the document lists every scope the organisation owns. A listed scope is created,
 *   updated or reactivated; `active: false` deactivates it; an active own scope that is not
 *   listed is deactivated after its grants are revoked. Deactivated scopes not listed are left.
 * - Grants: `consumers` are the organisations with APPROVED access. Others with APPROVED access
 *   are revoked; REQUESTED and DENIED rows of unlisted organisations are left as they are.
 * - Clients: matched by `client_id` when the entry has one, else by name. Unmatched entries are
 *   created; clients missing from the document are left alone (deleting a client would break the
 *   systems configured with its id; delete it in the UI).
 * - Keys: kids not registered are added, registered kids not listed are removed.
 *
 * Each resource is planned on its own (`planning/`: scopes, grants, clients, keys).
 *
 * Apply order: create scopes, reactivate, update, grant, revoke, clients, keys, and deactivate
 * last, so that a scope exists before it is granted or put on a client, and grants are revoked
 * before their scope is deactivated.
 * @throws DocumentError with every issue found (another environment's document, a prefix the
 *   organisation does not hold, an ambiguous or unknown client, a kid in conflict, …).
 */
export function planChanges(document: ConfigDocument, live: LiveState, options: PlanOptions): Plan {
  const orgNames = new Map<string, string>();
  for (const grants of Object.values(live.grants)) {
    for (const grant of grants) {
      if (grant.consumer_organization_name)
        orgNames.set(grant.consumer_orgno, grant.consumer_organization_name);
    }
  }
  const ctx = new PlanContext(options.production, orgNames);
  if (document.environment !== undefined && document.environment !== options.environment) {
    ctx.refuse("environment", "config.document.other-environment", {
      documentEnvironment: document.environment,
      environment: options.environment,
    });
  }
  planScopes(ctx, document.scopes ?? [], live);
  planClients(ctx, document.clients ?? [], live);
  if (ctx.issues.length > 0) throw new DocumentError(ctx.issues);

  // Keys of a client sort by client, not by kind, so a client's removes can come first.
  const keyRank = STEP_KINDS.indexOf("key.add");
  const steps = [...ctx.steps].sort((a, b) => {
    const ra = a.step.kind === "key.remove" ? keyRank : a.order[0];
    const rb = b.step.kind === "key.remove" ? keyRank : b.order[0];
    return (
      ra - rb ||
      byString(a.order[1], b.order[1]) ||
      a.order[2] - b.order[2] ||
      byString(a.order[3], b.order[3])
    );
  });
  const ordered = steps.map(({ step }) => step);
  return {
    environment: options.environment,
    production: options.production,
    fingerprint: fingerprintOf(live),
    steps: ordered,
    groups: groupSteps(ordered),
    summary: {
      total: ordered.length,
      dangerous: ordered.filter((step) => step.dangerous).length,
      byKind: countByKind(ordered),
    },
    warnings: ctx.warnings.map((warning) => warning.detail),
    warningTexts: ctx.warnings,
  };
}

function countByKind(steps: readonly PlanStep[]): Plan["summary"]["byKind"] {
  const byKind: Plan["summary"]["byKind"] = {};
  for (const step of steps) byKind[step.kind] = (byKind[step.kind] ?? 0) + 1;
  return byKind;
}

function groupSteps(steps: PlanStep[]): Plan["groups"] {
  const scopes = new Map<string, PlanGroup>();
  const clients = new Map<string, PlanGroup>();
  for (const step of steps) {
    if ("scope" in step) {
      const group = scopes.get(step.scope) ?? { name: step.scope, steps: [] };
      group.steps.push(step);
      scopes.set(step.scope, group);
    } else {
      const empty: PlanGroup = {
        name: step.client.name,
        ...(step.client.client_id ? { client_id: step.client.client_id } : {}),
        steps: [],
      };
      const group = clients.get(step.client.name) ?? empty;
      group.steps.push(step);
      clients.set(step.client.name, group);
    }
  }
  const byName = (a: PlanGroup, b: PlanGroup) => byString(a.name, b.name);
  return { scopes: [...scopes.values()].sort(byName), clients: [...clients.values()].sort(byName) };
}
