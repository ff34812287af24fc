import type { ScopeAccess } from "@portvakt/contracts";
import { orgLabel, type PlanContext } from "./context";

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
      `${scope} is deactivated: ${toGrant.join(", ")} cannot be granted access until it is reactivated (active: true)`,
    );
  } else {
    for (const orgno of toGrant) {
      const row = grants.find((grant) => grant.consumer_orgno === orgno);
      const name = ctx.orgNames.get(orgno);
      ctx.push(
        {
          id: `access.grant:${scope}@${orgno}`,
          kind: "access.grant",
          summary: `Grant ${orgLabel(orgno, name)} access to ${scope}`,
          reason: row
            ? `${orgno} is a consumer in the document; its access is ${row.state}`
            : `${orgno} is a consumer in the document and has no access`,
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
      "is not a consumer in the document",
    );
  }
}

/** Revokes one APPROVED grant (a dangerous step: the consumer's tokens stop working). */
export function planRevoke(
  ctx: PlanContext,
  scope: string,
  orgno: string,
  orgName: string | undefined,
  why: string,
): void {
  const label = orgLabel(orgno, orgName);
  ctx.push(
    {
      id: `access.revoke:${scope}@${orgno}`,
      kind: "access.revoke",
      summary: `Revoke ${label}'s access to ${scope}`,
      reason: `${orgno} has APPROVED access and ${why}`,
      dangers: [`${label} loses access to ${scope}; its tokens for the scope stop working`],
      scope,
      consumer: { orgno, ...(orgName ? { name: orgName } : {}) },
      before: { state: "APPROVED" },
      after: { state: "DENIED" },
      changes: [{ field: "state", before: "APPROVED", after: "DENIED" }],
    },
    scope,
  );
}
