import { isUnsetLifetime } from "@portvakt/config-as-code/answer";

/**
 * One field that differs between an audit entry's before and after. A side without the field
 * (`before` / `after` undefined) of a scope lifetime is unset: Maskinporten's default, which Digdir
 * answers as 0 (`SCOPE_LIFETIMES`), and the page says so (`isUnsetLifetime`).
 */
export type FieldChange = {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: string;
  after?: string;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isLeafArray = (value: unknown[]) =>
  value.every((v) => !isPlainObject(v) && !Array.isArray(v));

/**
 * Flattens a JSON value to `path → shown text`. Lists of plain values (scope names, integration
 * types) stay one field, since a reader compares them as a whole; lists of objects are indexed.
 */
function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (Array.isArray(value) && value.length > 0 && !isLeafArray(value)) {
    value.forEach((child, i) => {
      flatten(child, `${path}[${i}]`, out);
    });
    return;
  }
  // An unset scope lifetime (0 or null) is as if left out: unset → 0 is no change.
  if (isUnsetLifetime(path, value)) return;
  out.set(path || "(value)", typeof value === "string" ? value : JSON.stringify(value));
}

/** The fields that were added, removed or changed, in the order they first appear. */
export function diffEntry(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (before !== undefined) flatten(before, "", a);
  if (after !== undefined) flatten(after, "", b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const was = a.get(path);
    const now = b.get(path);
    if (was === now) continue;
    if (was === undefined) changes.push({ path, kind: "added", after: now });
    else if (now === undefined) changes.push({ path, kind: "removed", before: was });
    else changes.push({ path, kind: "changed", before: was, after: now });
  }
  return changes;
}
