import { type Jwk, MAX_KEYS_PER_CLIENT } from "@portvakt/contracts";
import type { KeyRecord } from "../answer";
import type { ClientEntry } from "../document";
import { publicJwkOf } from "../export";
import type { LiveClient } from "../live-state";
import { type PlanContext, text } from "./context";

/** A key as a document gives it: `alg` may be left out (Portvakt writes RS256 then). */
type DocumentKey = Omit<Jwk, "alg"> & { alg?: Jwk["alg"] };

/** The key a document entry stands for, once its file (if any) has been read. */
function desiredKey(key: NonNullable<ClientEntry["keys"]>[number]): DocumentKey | undefined {
  if (!key.jwk) return undefined;
  const { kid: _kid, ...jwk } = key.jwk;
  return { ...jwk, use: "sig", kid: key.kid };
}

const sameKeyMaterial = (a: DocumentKey, b: DocumentKey) =>
  a.n === b.n && a.e === b.e && a.kty === b.kty;

function publicJwkWithKid(key: DocumentKey): KeyRecord {
  return { kid: key.kid, ...publicJwkOf(key) };
}

/** Where a client stands in the plan: its document entry, and the live client it matched. */
export interface ClientInPlan {
  entry: ClientEntry;
  index: number;
  match: LiveClient | undefined;
  clientRef: { name: string; client_id?: string };
}

/**
 * The keys of one client: kids not registered are added, registered kids not listed removed
 * (dangerous when none is left). A kid registered with other material, on another client (kids
 * are unique across clients), or without its public key is an issue. Adds come first (a
 * rotation without a gap) unless the set would exceed `MAX_KEYS_PER_CLIENT`.
 * `liveKidOwner`: the live client of each registered kid.
 */
export function planKeys(
  ctx: PlanContext,
  { entry, index, match, clientRef }: ClientInPlan,
  liveKidOwner: ReadonlyMap<string, LiveClient>,
): void {
  const liveKeys = match?.keys ?? [];
  const liveKids = new Map(liveKeys.map((key) => [key.kid, key]));
  const wantedKeys = entry.keys ?? [];
  const adds: DocumentKey[] = [];
  wantedKeys.forEach((key, keyIndex) => {
    if (key.file !== undefined && key.jwk === undefined) {
      ctx.refuse(`clients[${index}].keys[${keyIndex}].file`, "config.document.key-file-here");
      return;
    }
    const registered = liveKids.get(key.kid);
    const material = desiredKey(key);
    if (registered) {
      if (material && !sameKeyMaterial(material, registered)) {
        ctx.refuse(`clients[${index}].keys[${keyIndex}]`, "config.document.kid-other-material", {
          kid: key.kid,
        });
      }
      return;
    }
    const elsewhere = liveKidOwner.get(key.kid);
    if (elsewhere && elsewhere !== match) {
      ctx.refuse(`clients[${index}].keys[${keyIndex}].kid`, "config.document.kid-elsewhere", {
        kid: key.kid,
        name: elsewhere.client.client_name,
      });
      return;
    }
    if (!material) {
      ctx.refuse(`clients[${index}].keys[${keyIndex}]`, "config.document.kid-unregistered", {
        kid: key.kid,
      });
      return;
    }
    adds.push(material);
  });
  const wantedKids = new Set(wantedKeys.map((key) => key.kid));
  const removes = liveKeys.filter((key) => !wantedKids.has(key.kid));
  // Adding first keeps a rotation without a gap; but a full set must shrink before it grows.
  const removeFirst = liveKeys.length + adds.length > MAX_KEYS_PER_CLIENT;
  for (const key of adds) {
    ctx.push(
      {
        id: `key.add:${key.kid}`,
        kind: "key.add",
        summary: text("config.step.key.add", { kid: key.kid, name: entry.name }),
        reason: text("config.reason.key.missing"),
        client: clientRef,
        kid: key.kid,
        before: null,
        after: publicJwkWithKid(key),
        changes: [{ field: "kid", before: null, after: key.kid }],
      },
      entry.name,
      removeFirst ? 1 : 0,
    );
  }
  const leavesNone = wantedKeys.length === 0;
  for (const key of removes) {
    ctx.push(
      {
        id: `key.remove:${key.kid}`,
        kind: "key.remove",
        summary: text("config.step.key.remove", { kid: key.kid, name: entry.name }),
        reason: text("config.reason.key.extra"),
        dangers: leavesNone
          ? [text("config.danger.no-keys-left", { name: entry.name, kid: key.kid })]
          : [],
        client: clientRef,
        kid: key.kid,
        before: publicJwkWithKid(key),
        after: null,
        changes: [{ field: "kid", before: key.kid, after: null }],
      },
      entry.name,
      removeFirst ? 0 : 1,
    );
  }
}
