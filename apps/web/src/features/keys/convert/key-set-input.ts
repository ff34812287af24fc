import { type Jwk, MAX_KEYS_PER_CLIENT } from "@portvakt/contracts";
import { type KeyProblem, parseKeyText } from "./key-input";

/** A key of the set as it is now (what `GET .../jwks` answered). */
export type CurrentKey = { kid?: string; n?: string };

/** Why a pasted JWKS cannot replace the key set; nothing is sent. */
export type KeySetProblem =
  | { code: "invalidJson" | "notJwks" | "empty" }
  | { code: "tooMany"; count: number; max: number }
  | { code: "duplicateKid"; kid: string }
  /** A kid already in the set named a different key: Digdir would swap it silently. */
  | { code: "kidReused"; kid: string }
  /** One key of the set was refused (private parts, weak, not RSA, …): its index from 1. */
  | { code: "key"; index: number; problem: KeyProblem };

/** What replacing the set would do, by kid: added, removed, kept as it is. */
export type KeySetPlan = { keys: Jwk[]; added: string[]; removed: string[]; kept: string[] };

/**
 * Reads a pasted JWKS (`{"keys": [...]}`) to replace a client's whole key set, checked before
 * anything is sent: 1 to `MAX_KEYS_PER_CLIENT` (5, docs/maskinporten.md) keys, each accepted
 * by the same rules as one added key (public RSA only, ≥ 2048 bits, no private member: see
 * `parseKeyText`), kids unique, and no kid of the current set reused for another key. Answers
 * the plan (the diff by kid against `current`) or every problem found.
 */
export async function planKeySet(
  text: string,
  current: readonly CurrentKey[],
): Promise<{ ok: true; plan: KeySetPlan } | { ok: false; problems: KeySetProblem[] }> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ code: "invalidJson" }] };
  }
  const list =
    value && typeof value === "object" && !Array.isArray(value) && "keys" in value
      ? (value as { keys: unknown }).keys
      : undefined;
  if (!Array.isArray(list)) return { ok: false, problems: [{ code: "notJwks" }] };
  if (list.length === 0) return { ok: false, problems: [{ code: "empty" }] };
  const problems: KeySetProblem[] = [];
  if (list.length > MAX_KEYS_PER_CLIENT) {
    problems.push({ code: "tooMany", count: list.length, max: MAX_KEYS_PER_CLIENT });
  }
  const keys: Jwk[] = [];
  for (const [i, entry] of list.entries()) {
    const parsed = await parseKeyText(JSON.stringify(entry ?? null));
    if (parsed.ok) keys.push(parsed.jwk);
    else problems.push({ code: "key", index: i + 1, problem: parsed });
  }
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.kid)) problems.push({ code: "duplicateKid", kid: key.kid });
    seen.add(key.kid);
    const before = current.find((k) => k.kid === key.kid);
    if (before?.n && before.n !== key.n) problems.push({ code: "kidReused", kid: key.kid });
  }
  if (problems.length > 0) return { ok: false, problems };
  const currentKids = current.flatMap((k) => (k.kid ? [k.kid] : []));
  return {
    ok: true,
    plan: {
      keys,
      added: keys.filter((k) => !currentKids.includes(k.kid)).map((k) => k.kid),
      removed: currentKids.filter((kid) => !seen.has(kid)),
      kept: keys.filter((k) => currentKids.includes(k.kid)).map((k) => k.kid),
    },
  };
}
