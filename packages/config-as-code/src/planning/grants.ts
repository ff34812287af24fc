import type { ScopeAccess } from "@portvakt/contracts";
import { orgLabel, type PlanContext, text } from "./context";

/**
 * Grants of one listed scope: `consumers` are the organisations with APPROVED access. The
 * missing ones are granted (only while the scope is, or becomes, active: Digdir answers 409
 * otherwise, so a warning says so instead), other APPROVED ones revoked; REQUESTED and DENIED
 * rows of organisations not listed are left as they are.
 */
export function planGrants(
  ctx: PlanContext,
  scope: string,
  grants: readonly ScopeAccess[],
  wanted: readonly string[],
  activeDuringGrants: boolean,
): void {
  const approved = grants.filter((grant) => grant.state === "APPROVED");
  const approvedSet = new Set(approved.map((grant) => grant.consumer_orgno));
  const toGrant = wanted.filter((orgno) => !approvedSet.has(orgno));
  if (toGrant.length > 0 && !activeDuringGrants) {
    ctx.warnings.push(
      text("config.warning.inactive-grants", { name: scope, orgnos: toGrant.join(", ") }),
    );
  } else {
    for (const orgno of toGrant) {
      const row = grants.find((grant) => grant.consumer_orgno === orgno);
      const name = ctx.orgNames.get(orgno);
      ctx.push(
        {
          id: `access.grant:${scope}@${orgno}`,
          kind: "access.grant",
          summary: text("config.step.access.grant", { label: orgLabel(orgno, name), name: scope }),
          reason: row
            ? text("config.reason.grant.state", { orgno, state: row.state ?? "REQUESTED" })
            : text("config.reason.grant.none", { orgno }),
          scope,
          consumer: { orgno, ...(name ? { name } : {}) },
          before: row ? { state: row.state ?? "REQUESTED" } : null,
          after: { state: "APPROVED" },
          changes: [{ field: "state", before: row?.state ?? null, after: "APPROVED" }],
        },
        scope,
      );
    }
  }
  const wantedSet = new Set(wanted);
  for (const grant of approved) {
    if (wantedSet.has(grant.consumer_orgno)) continue;
    planRevoke(
      ctx,
      scope,
      grant.consumer_orgno,
      grant.consumer_organization_name,
      "config.reason.revoke.not-consumer",
    );
  }
}

/** Revokes one APPROVED grant (a dangerous step: the consumer's tokens stop working). */
export function planRevoke(
  ctx: PlanContext,
  scope: string,
  orgno: string,
  orgName: string | undefined,
  why: "config.reason.revoke.not-consumer" | "config.reason.revoke.scope-gone",
): void {
  const label = orgLabel(orgno, orgName);
  ctx.push(
    {
      id: `access.revoke:${scope}@${orgno}`,
      kind: "access.revoke",
      summary: text("config.step.access.revoke", { label, name: scope }),
      reason: text(why, { orgno }),
      dangers: [text("config.danger.revoke", { label, name: scope })],
      scope,
      consumer: { orgno, ...(orgName ? { name: orgName } : {}) },
      before: { state: "APPROVED" },
      after: { state: "DENIED" },
      changes: [{ field: "state", before: "APPROVED", after: "DENIED" }],
    },
    scope,
  );
}
