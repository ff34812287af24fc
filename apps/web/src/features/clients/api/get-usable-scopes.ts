import { Scope, ScopeAccess } from "@portvakt/contracts";
import { useQueries } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** Why the organisation may put a scope on its client (docs/maskinporten.md §5). */
export type UsableReason = "own" | "granted" | "public";

export type UsableScope = {
  name: string;
  description?: string;
  reason: UsableReason;
  /** Who granted it, for `granted`. */
  owner?: string;
};

const ownQuery = (env: string) => ({
  queryKey: queryKeys.scopeList(env, false),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(
      bff.api.envs[":env"].scopes.$get({ param: { env }, query: {} }, withSignal(signal)),
      z.array(Scope),
    ),
});

const grantedQuery = (env: string) => ({
  queryKey: queryKeys.accessGrantedToUs(env),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(
      bff.api.envs[":env"].scopes.access.all.$get(
        { param: { env }, query: {} },
        withSignal(signal),
      ),
      z.array(ScopeAccess),
    ),
});

const forAllQuery = (env: string) => ({
  queryKey: queryKeys.catalogue(env, { accessible_for_all: "true" }),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(
      bff.api.envs[":env"].scopes.all.$get(
        { param: { env }, query: { accessible_for_all: "true" } },
        withSignal(signal),
      ),
      z.array(Scope),
    ),
  staleTime: 5 * 60_000,
});

const admitsMaskinporten = (scope: Scope) =>
  scope.active !== false &&
  ((scope.allowed_integration_types ?? []).length === 0 ||
    (scope.allowed_integration_types ?? []).includes("maskinporten"));

/**
 * The scopes a Maskinporten client of this organisation may carry: its own, those granted to it
 * (APPROVED only), and those accessible to all; each once, with the strongest reason.
 */
export function useUsableScopes(env: string) {
  return useQueries({
    queries: [ownQuery(env), grantedQuery(env), forAllQuery(env)],
    combine: ([own, granted, forAll]) => {
      const byName = new Map<string, UsableScope>();
      for (const s of forAll.data ?? []) {
        if (admitsMaskinporten(s)) {
          byName.set(s.name, { name: s.name, description: s.description, reason: "public" });
        }
      }
      for (const g of granted.data ?? []) {
        if (g.state === "APPROVED") {
          byName.set(g.scope, {
            name: g.scope,
            description: byName.get(g.scope)?.description,
            reason: "granted",
            owner: g.owner_organization_name ?? g.owner_orgno,
          });
        }
      }
      for (const s of own.data ?? []) {
        if (admitsMaskinporten(s)) {
          byName.set(s.name, { name: s.name, description: s.description, reason: "own" });
        }
      }
      return {
        scopes: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
        isPending: own.isPending || granted.isPending || forAll.isPending,
        errors: [own.error, granted.error, forAll.error].filter((e) => e !== null),
      };
    },
  });
}
