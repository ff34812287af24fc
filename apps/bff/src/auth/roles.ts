import { ROLES, type Role } from "@portvakt/contracts";

// What a person may do in one environment, and which role includes which: one definition with
// the web app's, in the contracts.
export { ROLES, type Role, roleAllows } from "@portvakt/contracts";

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "read everything",
  operator: "grant and revoke access",
  admin: "change scopes, clients and keys",
};

/** Claim values (groups or roles) that give each role. */
export type RoleGroups = Partial<Record<Role, string[]>>;

/** Per environment id, or "*" for every environment without its own entry. */
export type RoleMapping = Record<string, RoleGroups>;

function claimValues(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === "string");
  if (typeof claim === "string") return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** The highest role the claim gives in each environment; environments with none are left out. */
export function rolesFromClaim(
  claim: unknown,
  mapping: RoleMapping,
  environmentIds: readonly string[],
): Record<string, Role> {
  const values = new Set(claimValues(claim));
  const roles: Record<string, Role> = {};
  for (const env of environmentIds) {
    const groups = mapping[env] ?? mapping["*"] ?? {};
    for (const role of [...ROLES].reverse()) {
      if ((groups[role] ?? []).some((g) => values.has(g))) {
        roles[env] = role;
        break;
      }
    }
  }
  return roles;
}
