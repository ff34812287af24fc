/**
 * Every action the BFF records in the audit log (`AuditEntry.action`). One list, so the BFF can
 * only record these and the web app must label each one in nb, nn and en (a compile error
 * otherwise). Config apply and promotion apply also record one entry per step as
 * `config.apply.<step kind>`.
 */
export const AUDIT_ACTIONS = [
  "scope.create",
  "scope.update",
  "scope.deactivate",
  "scope.reactivate",
  "access.grant",
  "access.revoke",
  "access.grant-many",
  "access.revoke-many",
  "client.create",
  "client.update",
  "client.delete",
  "key.add",
  "key.remove",
  "keys.replace",
  "keys.remove-all",
  "altinn.provision",
  "altinn.provision.dry-run",
  "config.apply",
  "promotion.apply",
  "admin-key.rotate",
  "token.issue",
  "token.revoke",
  "change-request.approve",
  "change-request.reject",
  "change-request.withdraw",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
/** An action as stored: one of `AUDIT_ACTIONS`, or a config plan step `config.apply.<kind>`. */
export type RecordedAuditAction = AuditAction | `config.apply.${string}`;
