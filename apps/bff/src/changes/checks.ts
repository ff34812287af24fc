import type { Client, ClientUpdate, ScopeAccess } from "@portvakt/contracts";
import { MaskinportenError, type SelfServiceClient } from "@portvakt/maskinporten";

/**
 * How to tell from Digdir's current state whether one write was applied. Stored as JSON with a
 * change whose outcome is unknown, so any instance can settle it later.
 */
export type PendingCheck =
  | { type: "grant"; scope: string; consumer: string; state: "APPROVED" | "DENIED" }
  /** The key set is exactly these keys (kid and modulus); `[]` for no keys. */
  | { type: "jwks"; clientId: string; keys: Array<{ kid: string; n: string }> }
  /** One key is on the client (`present`, with this modulus) or not. */
  | { type: "jwk"; clientId: string; kid: string; n?: string; present: boolean }
  /** The client has these field values (scopes compared as sets). */
  | { type: "client.update"; clientId: string; fields: Record<string, unknown> }
  | { type: "client.delete"; clientId: string }
  /** A client with this name and description that was not there before the attempt. */
  | { type: "client.create"; name: string; description: string; knownIds: string[] }
  | { type: "scope.exists"; scope: string; active: boolean }
  | { type: "scope.update"; scope: string; fields: Record<string, unknown> };

/** What a re-read says about a write, and the state it read (for the person and the audit). */
export interface CheckResult {
  applied: boolean;
  state: unknown;
  /** A client the write created, found by a re-read (`client.create`). */
  created?: Client;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const x = [...a].map(String).sort();
    const y = [...b].map(String).sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}

function fieldsMatch(actual: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).every(
    ([field, value]) => value === undefined || sameValue(actual[field], value),
  );
}

function notFound(error: unknown): boolean {
  return error instanceof MaskinportenError && error.kind === "http" && error.status === 404;
}

/** The fields a client update asks for, as a check compares them. */
export function clientUpdateFields(update: ClientUpdate): Record<string, unknown> {
  return Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
}

/** The keys a set is compared by: kid and modulus (Digdir adds `exp` itself). */
export function jwksIdentity(jwks: {
  keys: ReadonlyArray<{ kid?: string | undefined; n?: string | undefined }>;
}) {
  return jwks.keys.map((key) => ({ kid: key.kid ?? "", n: key.n ?? "" }));
}

/**
 * What an update's check says of a client or scope already read (under the resource's lock), so
 * that it is not read again: `applied` when every field the update sets already has its value.
 */
export function updateSeenIn(
  check: { fields: Record<string, unknown> },
  state: Record<string, unknown>,
): CheckResult {
  return { applied: fieldsMatch(state, check.fields), state };
}

/**
 * Reads what the check needs and says whether the write shows. Read failures are thrown (the
 * outcome stays unknown).
 */
export async function runCheck(api: SelfServiceClient, check: PendingCheck): Promise<CheckResult> {
  switch (check.type) {
    case "grant": {
      // Revoked (DENIED) rows only come with inactive=true (2025 OpenAPI), and a revoke's check looks for one.
      const rows: ScopeAccess[] = await api.listAccessByConsumer(check.consumer, {
        inactive: true,
      });
      const row = rows.find((r) => r.scope === check.scope);
      return { applied: row?.state === check.state, state: row ?? null };
    }
    case "jwks": {
      let keys: Array<{ kid: string; n: string }>;
      try {
        keys = jwksIdentity(await api.getJwks(check.clientId));
      } catch (error) {
        if (!notFound(error)) throw error;
        return { applied: check.keys.length === 0, state: null };
      }
      const key = (k: { kid: string; n: string }) => `${k.kid}\u0000${k.n}`;
      const want = new Set(check.keys.map(key));
      const applied = keys.length === want.size && keys.every((k) => want.has(key(k)));
      return { applied, state: { kids: keys.map((k) => k.kid) } };
    }
    case "jwk": {
      const keys = jwksIdentity(await api.getJwks(check.clientId));
      const key = keys.find((k) => k.kid === check.kid);
      const there = key !== undefined && (check.n === undefined || key.n === check.n);
      return { applied: there === check.present, state: { kids: keys.map((k) => k.kid) } };
    }
    case "client.update": {
      return updateSeenIn(check, await api.getClient(check.clientId));
    }
    case "client.delete": {
      try {
        const client = await api.getClient(check.clientId);
        return { applied: !client.active, state: client };
      } catch (error) {
        if (!notFound(error)) throw error;
        return { applied: true, state: null };
      }
    }
    case "client.create": {
      const known = new Set(check.knownIds);
      const clients = await api.listClients();
      const made = clients.filter(
        (client) =>
          !known.has(client.client_id) &&
          client.client_name === check.name &&
          client.description === check.description,
      );
      return {
        applied: made.length > 0,
        state: made.map((client) => client.client_id),
        ...(made[0] ? { created: made[0] } : {}),
      };
    }
    case "scope.exists": {
      try {
        const scope = await api.getScope(check.scope);
        return { applied: scope.active === check.active, state: scope };
      } catch (error) {
        if (!notFound(error)) throw error;
        return { applied: false, state: null };
      }
    }
    case "scope.update": {
      return updateSeenIn(check, await api.getScope(check.scope));
    }
  }
}
