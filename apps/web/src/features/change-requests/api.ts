import { ChangeRequest, type ChangeRequestState } from "@portvakt/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../lib/api-client";

export type { ChangeRequest } from "@portvakt/contracts";

const KEY = ["change-requests"] as const;

/** Change requests of the person's environments (all of them, or one state), newest first. */
export function useChangeRequests(state: ChangeRequestState | undefined) {
  return useQuery({
    queryKey: [...KEY, state ?? "all"],
    queryFn: ({ signal }) =>
      call(
        bff.api["change-requests"].$get({ query: state ? { state } : {} }, withSignal(signal)),
        z.object({ changeRequests: z.array(ChangeRequest) }),
      ).then((r) => r.changeRequests),
    staleTime: 0,
  });
}

type Decision =
  | { verb: "approve"; id: string }
  | { verb: "reject"; id: string; reason?: string }
  | { verb: "withdraw"; id: string };

/** Approve (carried out at once), reject (with an optional reason) or withdraw one request. */
export function useDecideChangeRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) => {
      const one = bff.api["change-requests"][":id"];
      const param = { id: decision.id };
      if (decision.verb === "approve") return call(one.approve.$post({ param }), ChangeRequest);
      if (decision.verb === "withdraw") return call(one.withdraw.$post({ param }), ChangeRequest);
      return call(
        one.reject.$post({
          param,
          json: decision.reason ? { reason: decision.reason } : {},
        }),
        ChangeRequest,
      );
    },
    // An approval changes what other pages show: every environment's data is read afresh.
    onSettled: () => queryClient.invalidateQueries(),
  });
}
