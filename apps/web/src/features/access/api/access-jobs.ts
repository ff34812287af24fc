import { BulkJob } from "@portvakt/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { bff, call, confirmedIn, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** A job has ended when it is `done` or `cancelled`; until then the page polls it. */
export function jobEnded(job: BulkJob | undefined): boolean {
  return job?.status === "done" || job?.status === "cancelled";
}

/**
 * Starts a bulk grant or revoke of one scope as one job in the BFF (it runs there, 8 rows at a
 * time, and survives a restart; see the BFF's README). A revoke is sent with the environment's
 * confirmation header: the person confirmed it in a dialog first.
 */
export function startAccessJob(
  env: string,
  action: "grant" | "revoke",
  scope: string,
  orgnos: string[],
) {
  return call(
    bff.api.envs[":env"]["access-jobs"].$post(
      { param: { env }, json: { action, scope, orgnos } },
      action === "revoke" ? confirmedIn(env) : undefined,
    ),
    BulkJob,
  );
}

export function getAccessJob(env: string, id: string, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"]["access-jobs"][":id"].$get({ param: { env, id } }, withSignal(signal)),
    BulkJob,
  );
}

export function cancelAccessJob(env: string, id: string) {
  return call(
    bff.api.envs[":env"]["access-jobs"][":id"].cancel.$post({ param: { env, id } }),
    BulkJob,
  );
}

/** How often the page asks for a running job's progress, ms. */
const POLL_MS = 500;

/** A job's progress, asked for every half second until it has ended. */
export function useAccessJob(env: string, id: string | null) {
  return useQuery({
    queryKey: [...queryKeys.access(env), "job", id ?? ""],
    queryFn: ({ signal }) => getAccessJob(env, id!, signal),
    enabled: Boolean(id),
    refetchInterval: (query) => (jobEnded(query.state.data) ? false : POLL_MS),
  });
}

export function useCancelAccessJob(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => cancelAccessJob(env, id),
    onSuccess: (job) => queryClient.setQueryData([...queryKeys.access(env), "job", job.id], job),
  });
}
