import {
  type AltinnProvisionItem,
  AltinnProvisionReport,
  type AltinnProvisionRequest,
} from "@portvakt/altinn-scopes";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { bff, call } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

// The answer's shapes are the altinn-scopes package's, as the BFF declares them.
export type ProvisionItem = AltinnProvisionItem;
export type ProvisionAnswer = AltinnProvisionReport;

/** The request body: the package's `AltinnProvisionRequest`, as the BFF checks it. */
export type ProvisionInput = AltinnProvisionRequest;

/** Creates the app's missing scopes (and grants); the BFF makes it safe to repeat. */
export function provisionAltinnScopes(env: string, input: ProvisionInput) {
  return call(
    bff.api.envs[":env"].altinn.provision.$post({ param: { env }, json: input }),
    AltinnProvisionReport,
  );
}

export function useProvisionAltinnScopes(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProvisionInput) => provisionAltinnScopes(env, input),
    onSuccess: (answer) => {
      if (answer.dryRun) return;
      // New scopes and grants show on the other pages, and the report's states change.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: [...queryKeys.env(env), "altinn"] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.scopes(env) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.access(env) }),
      ]);
    },
  });
}
