import {
  OWN_ADMIN_CLIENT_CONFIRMATION_HEADER,
  OWN_ADMIN_CLIENT_CONFIRMATION_REQUIRED,
} from "@portvakt/contracts";
import type { Context } from "hono";
import { refuseChange } from "../audit/middleware";
import type { BffEnv } from "../context";
import { codedProblem } from "../problem";

/**
 * Refuses (428, code `problem.own-admin-client`, audited as `denied`) deleting or deactivating
 * the client Portvakt itself authenticates to Digdir with in the request's environment, unless
 * the request names that client id in {@link OWN_ADMIN_CLIENT_CONFIRMATION_HEADER}. Without
 * that client Portvakt gets no admin token and locks itself out of the environment (issue 14,
 * defect 8; Portvakt's own rule, Digdir's API does not check it). Returns normally when the
 * change may go ahead: another client, or the confirmation is present.
 *
 * @param clientId the `{id}` of the path (a client id as Digdir issued it)
 * @throws ProblemError 428 when the change would lock Portvakt out and is not confirmed
 */
export function requireOwnAdminClientConfirmation(c: Context<BffEnv>, clientId: string): void {
  const environment = c.get("environment");
  if (!environment || environment.config.clientId !== clientId) return;
  if (c.req.header(OWN_ADMIN_CLIENT_CONFIRMATION_HEADER) === clientId) return;
  throw refuseChange(
    c,
    codedProblem(
      428,
      "problem.own-admin-client",
      { clientId, env: environment.config.id },
      { type: OWN_ADMIN_CLIENT_CONFIRMATION_REQUIRED, title: "Confirmation required" },
    ),
  );
}
