/**
 * Query keys live in one place so that one feature's mutation can invalidate what another
 * feature shows (a revoked grant changes the scopes page too) without features importing each
 * other. Everything under `["env", id]` belongs to one Maskinporten environment.
 */
export const queryKeys = {
  envs: ["envs"] as const,
  env: (env: string) => ["env", env] as const,
  scopes: (env: string) => ["env", env, "scopes"] as const,
  scopeList: (env: string, inactive: boolean) => ["env", env, "scopes", "list", inactive] as const,
  scope: (env: string, name: string) => ["env", env, "scopes", "one", name] as const,
  prefixes: (env: string) => ["env", env, "prefixes"] as const,
  catalogue: (env: string, query: Record<string, string>) =>
    ["env", env, "catalogue", query] as const,
  access: (env: string) => ["env", env, "access"] as const,
  accessOfScope: (env: string, scope: string) => ["env", env, "access", "scope", scope] as const,
  accessGrantedToUs: (env: string) => ["env", env, "access", "granted-to-us"] as const,
  organization: (env: string, orgno: string) => ["env", env, "organization", orgno] as const,
  clients: (env: string) => ["env", env, "clients"] as const,
  client: (env: string, id: string) => ["env", env, "clients", "one", id] as const,
  jwks: (env: string, clientId: string) => ["env", env, "jwks", clientId] as const,
};
