import type { ClientRecord } from "../answer";
import type { ClientEntry } from "../document";
import { CLIENT_DEFAULTS } from "../export";
import { byString, type LiveClient, type LiveState } from "../live-state";
import { diff, type PlanContext, text } from "./context";
import { type ClientInPlan, planKeys } from "./keys";

const CLIENT_FIELDS = ["client_name", "description", "scopes", "access_token_lifetime"] as const;

function desiredClientRecord(entry: ClientEntry): ClientRecord {
  return {
    client_name: entry.name,
    description: entry.description,
    scopes: [...(entry.scopes ?? [])].sort(byString),
    access_token_lifetime: entry.access_token_lifetime ?? CLIENT_DEFAULTS.access_token_lifetime,
    ...(entry.client_orgno ? { client_orgno: entry.client_orgno } : {}),
  };
}

function liveClientRecord({ client }: LiveClient): ClientRecord {
  return {
    client_name: client.client_name,
    description: client.description,
    scopes: [...new Set(client.scopes)].sort(byString),
    access_token_lifetime: client.access_token_lifetime,
    client_orgno: client.client_orgno,
  };
}

/**
 * The live client an entry stands for: by `client_id` when given (an issue when there is none),
 * else by name among the clients not matched yet (an issue when several share it). `null`: the
 * entry cannot be planned; `undefined`: no match, the client is to be created.
 */
function matchClient(
  ctx: PlanContext,
  entry: ClientEntry,
  index: number,
  live: LiveState,
  unmatched: ReadonlySet<LiveClient>,
  byId: ReadonlyMap<string, LiveClient>,
): LiveClient | undefined | null {
  if (entry.client_id !== undefined) {
    const match = byId.get(entry.client_id);
    if (!match) {
      ctx.refuse(`clients[${index}].client_id`, "config.document.client-id-unknown", {
        clientId: entry.client_id,
      });
      return null;
    }
    return match;
  }
  const candidates = live.clients.filter(
    (client) => client.client.client_name === entry.name && unmatched.has(client),
  );
  if (candidates.length > 1) {
    ctx.refuse(`clients[${index}].name`, "config.document.client-ambiguous", {
      count: candidates.length,
      name: entry.name,
      clientIds: candidates.map((c) => c.client.client_id).join(", "),
    });
    return null;
  }
  return candidates[0];
}

/** The client's own fields: created when unmatched, else updated (its organisation cannot change). */
function planClientFields(
  ctx: PlanContext,
  { entry, index, match, clientRef }: ClientInPlan,
): void {
  const desired = desiredClientRecord(entry);
  if (!match) {
    ctx.push(
      {
        id: `client.create:${entry.name}`,
        kind: "client.create",
        summary: text("config.step.client.create", { name: entry.name }),
        reason: text("config.reason.client.missing"),
        client: clientRef,
        before: null,
        after: desired,
        changes: diff({}, desired, [...CLIENT_FIELDS, "client_orgno"]),
      },
      entry.name,
    );
    return;
  }
  const before = liveClientRecord(match);
  if (entry.client_orgno !== undefined && entry.client_orgno !== before.client_orgno) {
    ctx.refuse(`clients[${index}].client_orgno`, "config.document.client-orgno-fixed", {
      orgno: before.client_orgno ?? "-",
    });
  }
  const changes = diff(before, desired, CLIENT_FIELDS);
  if (changes.length > 0) {
    ctx.push(
      {
        id: `client.update:${entry.name}`,
        kind: "client.update",
        summary: text("config.step.client.update", {
          fields: changes.map((change) => change.field).join(", "),
          name: entry.name,
        }),
        reason: text("config.reason.client.fields"),
        client: clientRef,
        before,
        after: { ...desired, client_orgno: before.client_orgno },
        changes,
      },
      entry.name,
    );
  }
}

/**
 * Every client of the document (matched, its fields, its keys); live clients the document leaves
 * out are left alone, with a warning (deleting one would break the systems using its id).
 */
export function planClients(
  ctx: PlanContext,
  entries: readonly ClientEntry[],
  live: LiveState,
): void {
  const unmatched = new Set(live.clients);
  const byId = new Map(live.clients.map((client) => [client.client.client_id, client]));
  const liveKidOwner = new Map<string, LiveClient>();
  for (const client of live.clients) {
    for (const key of client.keys) liveKidOwner.set(key.kid, client);
  }
  entries.forEach((entry, index) => {
    const match = matchClient(ctx, entry, index, live, unmatched, byId);
    if (match === null) return;
    if (match) unmatched.delete(match);
    const client: ClientInPlan = {
      entry,
      index,
      match,
      clientRef: { name: entry.name, ...(match ? { client_id: match.client.client_id } : {}) },
    };
    planClientFields(ctx, client);
    planKeys(ctx, client, liveKidOwner);
  });
  for (const client of unmatched) {
    ctx.warnings.push(
      text("config.warning.client-unlisted", {
        name: client.client.client_name ?? "",
        clientId: client.client.client_id ?? "",
      }),
    );
  }
}
