/**
 * The request header that confirms a destructive change in an environment of kind `prod`
 * (delete a client, remove or replace keys, deactivate a scope, revoke access, a config apply
 * with removals). Its value is the environment's id (the `{env}` of the path), exactly: the BFF
 * refuses such a change without it with 428 and the problem type below (Portvakt's own rule,
 * issue 13 #9; Digdir's API has no such check).
 */
export const PROD_CONFIRMATION_HEADER = "X-Portvakt-Confirm-Env";

/** The problem type of a destructive prod change sent without {@link PROD_CONFIRMATION_HEADER}. */
export const PROD_CONFIRMATION_REQUIRED = "urn:portvakt:problem:prod-confirmation-required";

/**
 * The request header that confirms deleting or deactivating Portvakt's own admin client of an
 * environment (the `clientId` Portvakt authenticates to Digdir with; `GET /api/envs` names it).
 * Its value is that client id, exactly. Without it the BFF answers 428 with the problem type
 * below and code `problem.own-admin-client`: after such a change Portvakt can no longer get a
 * token in the environment and locks itself (and every person using it) out. Portvakt's own
 * rule (issue 14, defect 8); Digdir's API has no such check.
 */
export const OWN_ADMIN_CLIENT_CONFIRMATION_HEADER = "X-Portvakt-Confirm-Own-Admin-Client";

/** The problem type of a change of Portvakt's own admin client sent without its confirmation. */
export const OWN_ADMIN_CLIENT_CONFIRMATION_REQUIRED =
  "urn:portvakt:problem:own-admin-client-confirmation-required";
