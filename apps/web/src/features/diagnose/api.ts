import { Client, type DiagnoseRequest } from "@portvakt/contracts";
import { DiagnoseAnswer } from "@portvakt/diagnosis";
import { useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../lib/api-client";
import { queryKeys } from "../../lib/query-keys";

// One definition of the answer, shared with the BFF.
export { DiagnoseAnswer as DiagnoseResult, DiagnosisCheck as Check } from "@portvakt/diagnosis";

/** Diagnoses a pasted grant, token or error body (`POST /api/envs/{env}/diagnose`). */
export function useDiagnose(env: string) {
  return useMutation({
    mutationFn: ({ input, clientId }: DiagnoseRequest) =>
      call(
        bff.api.envs[":env"].diagnose.$post({
          param: { env },
          json: { input, ...(clientId ? { clientId } : {}) },
        }),
        DiagnoseAnswer,
      ),
  });
}

export function useDiagnoseClients(env: string) {
  return useQuery({
    queryKey: queryKeys.clients(env),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].clients.$get({ param: { env }, query: {} }, withSignal(signal)),
        z.array(Client),
      ),
  });
}
