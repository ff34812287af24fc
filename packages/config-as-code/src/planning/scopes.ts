import { type Coded, type Scope, splitScopeName } from "@portvakt/contracts";
import { lifetimeOf, type ScopeRecord } from "../answer";
import type { ScopeEntry } from "../document";
import { SCOPE_DEFAULTS, SCOPE_FIELDS, sortIntegrationTypes } from "../export";
import { byString, type LiveScope, type LiveState, liveScopeOf } from "../live-state";
import { diff, type PlanContext, text } from "./context";
import { planGrants, planRevoke } from "./grants";

/**
 * A scope's fields with Digdir's defaults filled, so "left out" and "default" compare equal; an
 * unset lifetime is `null` (`SCOPE_LIFETIMES`).
 */
function desiredScopeRecord(entry: ScopeEntry): ScopeRecord {
  return {
    description: entry.description,
    long_description: entry.long_description ?? "",
    active: entry.active ?? SCOPE_DEFAULTS.active,
    visibility: entry.visibility ?? SCOPE_DEFAULTS.visibility,
    allowed_integration_types: sortIntegrationTypes(entry.allowed_integration_types ?? []),
    token_type: entry.token_type ?? SCOPE_DEFAULTS.token_type,
    at_max_age: lifetimeOf(entry.at_max_age),
    authorization_max_lifetime: lifetimeOf(entry.authorization_max_lifetime),
    requires_user_consent: entry.requires_user_consent ?? SCOPE_DEFAULTS.requires_user_consent,
    requires_user_authentication:
      entry.requires_user_authentication ?? SCOPE_DEFAULTS.requires_user_authentication,
    requires_pseudonymous_tokens:
      entry.requires_pseudonymous_tokens ?? SCOPE_DEFAULTS.requires_pseudonymous_tokens,
    accessible_for_all: entry.accessible_for_all ?? SCOPE_DEFAULTS.accessible_for_all,
    delegation_source: entry.delegation_source ?? null,
    enforced_aud_for_access_token: entry.enforced_aud_for_access_token ?? "",
  };
}

function liveScopeRecord(scope: LiveScope): ScopeRecord {
  return {
    description: scope.description,
    long_description: scope.long_description ?? "",
    active: scope.active,
    visibility: scope.visibility,
    allowed_integration_types: sortIntegrationTypes(scope.allowed_integration_types),
    token_type: scope.token_type,
    at_max_age: lifetimeOf(scope.at_max_age),
    authorization_max_lifetime: lifetimeOf(scope.authorization_max_lifetime),
    requires_user_consent: scope.requires_user_consent,
    requires_user_authentication: scope.requires_user_authentication,
    requires_pseudonymous_tokens: scope.requires_pseudonymous_tokens,
    accessible_for_all: scope.accessible_for_all,
    delegation_source: scope.delegation_source ?? null,
    enforced_aud_for_access_token: scope.enforced_aud_for_access_token ?? "",
  };
}

/**
 * The scope's own fields: created when missing (its prefix must be the organisation's),
 * reactivated, or updated. A deactivated scope's fields cannot change (a warning says so), nor
 * can `delegation_source` be cleared through the API (a warning, and the plan keeps it).
 */
function planScopeFields(
  ctx: PlanContext,
  entry: ScopeEntry,
  index: number,
  current: LiveScope | undefined,
  live: LiveState,
): void {
  const name = entry.name;
  const desired = desiredScopeRecord(entry);
  if (!current) {
    const { prefix } = splitScopeName(name);
    if (!live.prefixes.includes(prefix)) {
      ctx.refuse(`scopes[${index}].name`, "config.document.prefix-not-held", {
        prefix,
        held: live.prefixes.join(", ") || "-",
      });
    }
    ctx.push(
      {
        id: `scope.create:${name}`,
        kind: "scope.create",
        summary: text("config.step.scope.create", { name }),
        reason: text("config.reason.scope.missing"),
        scope: name,
        before: null,
        after: { ...desired, active: true },
        changes: diff({}, { ...desired, active: true }, SCOPE_FIELDS).filter(
          (change) => change.after !== null && change.after !== "",
        ),
      },
      name,
    );
    return;
  }
  const before = liveScopeRecord(current);
  if (before.delegation_source !== null && desired.delegation_source === null) {
    // The API has no way to clear it (it must be a URL); say so instead of planning a no-op.
    ctx.warnings.push(
      text("config.warning.delegation-source", {
        name,
        value: String(before.delegation_source),
      }),
    );
    desired.delegation_source = before.delegation_source;
  }
  const changes = diff(before, { ...desired, active: before.active }, SCOPE_FIELDS);
  if (!current.active && desired.active === true) {
    ctx.push(
      {
        id: `scope.reactivate:${name}`,
        kind: "scope.reactivate",
        summary: text("config.step.scope.reactivate", { name }),
        reason: text("config.reason.scope.reactivate"),
        scope: name,
        before,
        after: desired,
        changes: [{ field: "active", before: false, after: true }, ...changes],
      },
      name,
    );
  } else if (current.active && changes.length > 0) {
    ctx.push(
      {
        id: `scope.update:${name}`,
        kind: "scope.update",
        summary: text("config.step.scope.update", {
          fields: changes.map((change) => change.field).join(", "),
          name,
        }),
        reason: text("config.reason.scope.fields"),
        scope: name,
        before,
        after: { ...desired, active: true },
        changes,
      },
      name,
    );
  } else if (!current.active && changes.length > 0) {
    ctx.warnings.push(
      text("config.warning.inactive-fields", {
        name,
        fields: changes.map((change) => change.field).join(", "),
      }),
    );
  }
}

/**
 * Deactivates a scope (dangerous when organisations keep or lose grants, or it is accessible to
 * all). `remaining`: consumers the document keeps; `approvedNow`: APPROVED grants today.
 */
function planDeactivation(
  ctx: PlanContext,
  name: string,
  current: Scope | undefined,
  remaining: number,
  approvedNow: number,
  reason: Coded,
): void {
  const dangers: Coded[] = [];
  if (remaining > 0) {
    dangers.push(text("config.danger.grants-remain", { count: remaining }));
  } else if (approvedNow > 0) {
    dangers.push(text("config.danger.grants-revoked", { count: approvedNow }));
  }
  if (current?.accessible_for_all) dangers.push(text("config.danger.for-all"));
  const before = current ? liveScopeRecord(liveScopeOf(current)) : null;
  ctx.push(
    {
      id: `scope.deactivate:${name}`,
      kind: "scope.deactivate",
      summary: text("config.step.scope.deactivate", { name }),
      reason,
      dangers,
      scope: name,
      before: before ?? { active: true },
      after: { ...(before ?? {}), active: false },
      changes: [{ field: "active", before: true, after: false }],
    },
    name,
  );
}

/**
 * Every scope of the document (fields, grants, deactivation), then the organisation's active
 * scopes the document leaves out: their grants revoked, then deactivated. Deactivated scopes not
 * listed are left alone.
 */
export function planScopes(
  ctx: PlanContext,
  entries: readonly ScopeEntry[],
  live: LiveState,
): void {
  const liveScopes = new Map(live.scopes.map((scope) => [scope.name, scope]));
  const listed = new Set<string>();
  entries.forEach((entry, index) => {
    const name = entry.name;
    listed.add(name);
    const current = liveScopes.get(name);
    const grants = live.grants[name] ?? [];
    const wanted = [...(entry.consumers ?? [])].sort(byString);
    const wantsActive = (entry.active ?? SCOPE_DEFAULTS.active) === true;
    planScopeFields(ctx, entry, index, current, live);
    planGrants(ctx, name, grants, wanted, current ? current.active || wantsActive : true);
    if (!wantsActive && (current?.active ?? true)) {
      const approved = grants.filter((grant) => grant.state === "APPROVED").length;
      planDeactivation(
        ctx,
        name,
        current,
        wanted.length,
        approved,
        text("config.reason.deactivate.inactive"),
      );
    }
  });

  for (const scope of live.scopes) {
    if (listed.has(scope.name) || !scope.active) continue;
    const approved = (live.grants[scope.name] ?? []).filter((grant) => grant.state === "APPROVED");
    for (const grant of approved) {
      planRevoke(
        ctx,
        scope.name,
        grant.consumer_orgno,
        grant.consumer_organization_name,
        "config.reason.revoke.scope-gone",
      );
    }
    planDeactivation(
      ctx,
      scope.name,
      scope,
      0,
      approved.length,
      text("config.reason.deactivate.not-listed"),
    );
  }
}
