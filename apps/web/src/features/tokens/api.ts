import { ApiToken, type IssueApiToken } from "@portvakt/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../lib/api-client";

// A pipeline token as the BFF lists it (never its value): the contracts' shape.
export { ApiToken };

const Issued = z.object({ token: z.string(), info: ApiToken });

const TOKENS_KEY = ["tokens"] as const;

export function useTokens(enabled: boolean) {
  return useQuery({
    queryKey: TOKENS_KEY,
    enabled,
    queryFn: ({ signal }) =>
      call(
        bff.api.tokens.$get(undefined, withSignal(signal)),
        z.object({ tokens: z.array(ApiToken) }),
      ).then((r) => r.tokens),
    staleTime: 0,
  });
}

/** Issues a token; the answer's `token` is its value, shown once. */
export function useIssueToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueApiToken) => call(bff.api.tokens.$post({ json: input }), Issued),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(bff.api.tokens[":id"].$delete({ param: { id } }), ApiToken),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
