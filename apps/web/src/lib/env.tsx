import { EnvironmentSummary, EnvsAnswer } from "@portvakt/contracts";
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
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

export const envsQueryOptions = {
  queryKey: queryKeys.envs,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(bff.api.envs.$get(undefined, withSignal(signal)), EnvsResponse).then((r) => r.envs),
  staleTime: 5 * 60_000,
};

const STORAGE_KEY = "portvakt.env";

type EnvContextValue = {
  envs: Environment[];
  env: Environment;
  setEnvId: (id: string) => void;
};

const EnvContext = createContext<EnvContextValue | null>(null);

function storedEnvId(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Renders `children` only once the environments are known; `fallback` meanwhile. */
export function EnvProvider({
  children,
  renderState,
}: {
  children: ReactNode;
  renderState: (state: { error?: unknown; loading: boolean; retry: () => void }) => ReactNode;
}) {
  const query = useQuery(envsQueryOptions);
  const [chosen, setChosen] = useState<string | null>(storedEnvId);

  const setEnvId = useCallback((id: string) => {
    setChosen(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // Remembering is a convenience.
    }
  }, []);

  const value = useMemo<EnvContextValue | null>(() => {
    const envs = query.data;
    if (!envs || envs.length === 0) return null;
    const env = envs.find((e) => e.id === chosen) ?? envs[0]!;
    return { envs, env, setEnvId };
  }, [query.data, chosen, setEnvId]);

  if (!value) {
    return renderState({
      error: query.error ?? (query.data ? new Error("no environments") : undefined),
      loading: query.isPending,
      retry: () => void query.refetch(),
    });
  }
  return <EnvContext.Provider value={value}>{children}</EnvContext.Provider>;
}

export function useEnvContext(): EnvContextValue {
  const value = useContext(EnvContext);
  if (!value) throw new Error("useEnvContext outside EnvProvider");
  return value;
}

/** The active environment. */
export function useEnv(): Environment {
  return useEnvContext().env;
}

/** Whether the active environment's admin client holds `scope` (docs/maskinporten.md §2). */
export function useHasAdminScope(scope: string): boolean {
  const env = useEnv();
  return !env.missingAdminScopes.includes(scope);
}
