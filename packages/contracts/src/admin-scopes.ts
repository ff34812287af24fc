/** The admin scopes of the self-service API and what each allows (docs/maskinporten.md §2). */
export const ADMIN_SCOPES = {
  "idporten:scopes.write": "create, change and deactivate own scopes; grant and revoke access",
  "idporten:scopes.read": "read own scopes and their grants",
  "idporten:dcr.read": "read own clients and their keys",
  "idporten:dcr.write": "create, change and delete clients and keys",
  "idporten:dcr.modify": "change existing clients and their keys (no create)",
  "idporten:dcr.supplier": "create and manage clients on behalf of other organisations",
  "idporten:dcr/onbehalfof:write": "manage on-behalf-of registrations of a client",
} as const;
export type AdminScope = keyof typeof ADMIN_SCOPES;
export const ALL_ADMIN_SCOPES = Object.keys(ADMIN_SCOPES) as AdminScope[];
