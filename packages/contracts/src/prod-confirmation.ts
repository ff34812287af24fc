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
