import type { AuditEntry, AuditStore, NewAuditEntry } from "../audit/store";

/**
 * What the audit store does with one entry: `refuse` throws before anything is written (a
 * database error); `write-then-throw` writes it and then throws (an instance that stopped right
 * after the write); `undefined` writes it as ever.
 */
export type AuditFault = "refuse" | "write-then-throw" | undefined;

/**
 * Makes the real `audit` store fail as `faultOf` says, for `append`, `appendOnce` and (`refuse`
 * only) `appendWith` alike (the
 * store itself is not replaced: entries it writes are in the real chain). `seen` is called with
 * every entry a fault hit, before it throws. Tests only.
 */
export function injectAuditFaults(
  audit: AuditStore,
  faultOf: (entry: NewAuditEntry) => AuditFault,
  seen?: (entry: NewAuditEntry, fault: Exclude<AuditFault, undefined>) => Promise<void> | void,
): void {
  const original = {
    append: audit.append.bind(audit),
    appendOnce: audit.appendOnce.bind(audit),
  };
  const faulty =
    <E extends NewAuditEntry, R>(write: (entry: E) => Promise<R>) =>
    async (entry: E): Promise<R> => {
      const fault = faultOf(entry);
      if (fault === "refuse") {
        await seen?.(entry, fault);
        throw new Error("audit store down (test)");
      }
      if (fault === "write-then-throw") {
        await write(entry);
        await seen?.(entry, fault);
        throw new Error("instance stopped after the audit entry (test)");
      }
      return write(entry);
    };
  audit.append = faulty<NewAuditEntry, AuditEntry>(original.append);
  audit.appendOnce = faulty(original.appendOnce);
  // A change made with its entries (`appendWith`): a refused entry refuses the whole step.
  const appendWith = audit.appendWith.bind(audit);
  audit.appendWith = async (entries, change, undo) => {
    for (const entry of entries) {
      const fault = faultOf(entry);
      if (fault === "refuse") {
        await seen?.(entry, fault);
        throw new Error("audit store down (test)");
      }
    }
    return appendWith(entries, change, undo);
  };
}
