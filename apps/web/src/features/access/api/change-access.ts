import { ScopeAccess } from "@portvakt/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { bff, call, confirmedIn, isApiProblem } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** Grants (or re-approves) a consumer's access; idempotent at Digdir. */
export function grantAccess(env: string, scope: string, orgno: string) {
  return call(
    bff.api.envs[":env"].scopes.access[":orgno"].$put({ param: { env, orgno }, query: { scope } }),
    ScopeAccess,
  );
}

/** Revokes a consumer's access (after the person confirmed); the row stays with state DENIED. */
export function revokeAccess(env: string, scope: string, orgno: string) {
  return call(
    bff.api.envs[":env"].scopes.access[":orgno"].$delete(
      { param: { env, orgno }, query: { scope } },
      confirmedIn(env),
    ),
    ScopeAccess,
  );
}

export type AccessChangeResult =
  | { orgno: string; ok: true; access: ScopeAccess }
  | { orgno: string; ok: false; error: unknown };

/**
 * Applies one change to many consumers, a few at a time so a long list neither floods the BFF
 * nor takes forever, reporting after each. The cache is refreshed once at the end rather than
 * after every row.
 */
export async function changeAccessForMany(
  change: (orgno: string) => Promise<ScopeAccess>,
  orgnos: string[],
  onResult: (result: AccessChangeResult, done: number) => void,
  { concurrency = 4, onWait }: { concurrency?: number; onWait?: (seconds: number) => void } = {},
): Promise<AccessChangeResult[]> {
  const results: AccessChangeResult[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < orgnos.length) {
      const orgno = orgnos[next++]!;
      let result: AccessChangeResult;
      try {
        result = { orgno, ok: true, access: await changeWithPatience(() => change(orgno), onWait) };
      } catch (error) {
        result = { orgno, ok: false, error };
      }
      results.push(result);
      done++;
      onResult(result, done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, orgnos.length) }, worker));
  return results;
}

/**
 * Portvakt limits each person's changes per minute; a long list waits for the next window
 * (as the server's Retry-After says) instead of failing every row after the limit.
 */
async function changeWithPatience(
  run: () => Promise<ScopeAccess>,
  onWait?: (seconds: number) => void,
): Promise<ScopeAccess> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isApiProblem(error) || error.status !== 429 || attempt >= 3) throw error;
      const seconds = Math.min(error.retryAfterSeconds ?? 20, 60);
      onWait?.(seconds);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }
}

export function useRefreshAccess(env: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.access(env) });
}

export function useRevokeAccess(env: string, scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgno: string) => revokeAccess(env, scope, orgno),
    onSuccess: (access) => {
      // Show the new state at once; the list is fetched again in the background.
      queryClient.setQueryData<ScopeAccess[]>(queryKeys.accessOfScope(env, scope), (rows) =>
        rows?.map((row) => (row.consumer_orgno === access.consumer_orgno ? access : row)),
      );
      return queryClient.invalidateQueries({ queryKey: queryKeys.access(env) });
    },
  });
}

export function useGrantAccess(env: string, scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgno: string) => grantAccess(env, scope, orgno),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.access(env) }),
  });
}
