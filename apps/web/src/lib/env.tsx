import { EnvironmentSummary, EnvsAnswer } from "@portvakt/contracts";
import { createContext, useContext } from "react";
import { z } from "zod";
import { bff, call, withSignal } from "./api-client";
import { queryKeys } from "./query-keys";

/**
 * One configured Maskinporten environment and the organisation Portvakt acts as in it (the
 * contracts' `EnvironmentSummary`), with the admin scopes as lists even when left out (for a
 * person without a role here).
 */
export const Environment = EnvironmentSummary.transform((env) => ({
  ...env,
  adminScopes: env.adminScopes ?? [],
  missingAdminScopes: env.missingAdminScopes ?? [],
}));
export type Environment = z.infer<typeof Environment>;

const EnvsResponse = EnvsAnswer.extend({ envs: z.array(Environment) });

/** `GET /api/envs`: the configured environments, in the BFF's order (the first is the default). */
export const envsQueryOptions = {
  queryKey: queryKeys.envs,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(bff.api.envs.$get(undefined, withSignal(signal)), EnvsResponse).then((r) => r.envs),
  staleTime: 5 * 60_000,
};

const STORAGE_KEY = "portvakt.env";

/**
 * The environment last opened in this browser (localStorage `portvakt.env`), or null. The URL is
 * the source of truth (`/{env}/…`); this only picks the environment for an address without one
 * (`/`, old bookmarks such as `/scopes`).
 */
export function rememberedEnvId(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Remembers `id` as the environment to open addresses without one in (see `rememberedEnvId`). */
export function rememberEnvId(id: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Remembering is a convenience.
  }
}

/**
 * The environment an address without one opens in: the remembered one if it is still
 * configured, else the BFF's first. Throws on an empty list (the app shows the envs error first).
 */
export function defaultEnv(envs: readonly Environment[]): Environment {
  const remembered = rememberedEnvId();
  const env = envs.find((e) => e.id === remembered) ?? envs[0];
  if (!env) throw new Error("no environments");
  return env;
}

/**
 * The environments and the one named by the URL. `setEnvId` opens the same page (the first path
 * segment after the environment, without its search) in another environment: the URL changes.
 */
export type EnvContextValue = {
  envs: Environment[];
  env: Environment;
  setEnvId: (id: string) => void;
};

/** Provided by the `/$env` route (apps/web/src/app/routes.tsx). */
export const EnvContext = createContext<EnvContextValue | null>(null);

/** The environments and the URL's one; throws outside an `/{env}/…` page. */
export function useEnvContext(): EnvContextValue {
  const value = useContext(EnvContext);
  if (!value) throw new Error("useEnvContext outside the /$env route");
  return value;
}

/** The active environment: the one named by the URL (`/{env}/…`). */
export function useEnv(): Environment {
  return useEnvContext().env;
}

/** Whether the active environment's admin client holds `scope` (docs/maskinporten.md §2). */
export function useHasAdminScope(scope: string): boolean {
  const env = useEnv();
  return !env.missingAdminScopes.includes(scope);
}
