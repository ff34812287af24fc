/** What a person may do in one environment; each role includes the ones before it. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "read everything",
  operator: "grant and revoke access",
  admin: "change scopes, clients and keys",
};

export function roleAllows(held: Role | undefined, needed: Role): boolean {
  return held !== undefined && ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

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
