import { type Jwk, MAX_KEYS_PER_CLIENT, type Scope, splitScopeName } from "@portvakt/contracts";
import {
  type ClientRecord,
  type FieldChange,
  type KeyRecord,
  type Plan,
  type PlanGroup,
  type PlanStep,
  type ScopeRecord,
  STEP_KINDS,
} from "./answer";
import {
  type ClientEntry,
  type ConfigDocument,
  DocumentError,
  type DocumentIssue,
  type ScopeEntry,
} from "./document";
import {
  CLIENT_DEFAULTS,
  publicJwkOf,
  SCOPE_DEFAULTS,
  SCOPE_FIELDS,
  sortIntegrationTypes,
} from "./export";

// The plan's shapes live in ./answer (browser-safe); named here too for the plan's own tests.
export { type Plan, type PlanStep, STEP_KINDS } from "./answer";

import {
  byString,
  fingerprintOf,
  type LiveClient,
  type LiveScope,
  type LiveState,
  liveScopeOf,
} from "./live-state";

/** A step as the planners write it: `dangerous` is derived, `dangers` optional. */
type StepDraft = PlanStep extends infer S
  ? S extends PlanStep
    ? Omit<S, "dangerous" | "dangers"> & { dangers?: string[] }
    : never
  : never;

export interface PlanOptions {
  /** The target environment's id; a document naming another environment is refused. */
  environment: string;
  /** Every step in production needs confirmation. */
  production: boolean;
}

/** A scope's fields with Digdir's defaults filled, so "left out" and "default" compare equal. */
function desiredScopeRecord(entry: ScopeEntry): ScopeRecord {
  return {
    description: entry.description,
    long_description: entry.long_description ?? "",
    active: entry.active ?? SCOPE_DEFAULTS.active,
    visibility: entry.visibility ?? SCOPE_DEFAULTS.visibility,
    allowed_integration_types: sortIntegrationTypes(entry.allowed_integration_types ?? []),
    token_type: entry.token_type ?? SCOPE_DEFAULTS.token_type,
    at_max_age: entry.at_max_age ?? SCOPE_DEFAULTS.at_max_age,
    authorization_max_lifetime:
      entry.authorization_max_lifetime ?? SCOPE_DEFAULTS.authorization_max_lifetime,
    requires_user_consent: entry.requires_user_consent ?? SCOPE_DEFAULTS.requires_user_consent,
    requires_user_authentication:
      entry.requires_user_authentication ?? SCOPE_DEFAULTS.requires_user_authentication,
    requires_pseudonymous_tokens:
      entry.requires_pseudonymous_tokens ?? SCOPE_DEFAULTS.requires_pseudonymous_tokens,
    accessible_for_all: entry.accessible_for_all ?? SCOPE_DEFAULTS.accessible_for_all,
    delegation_source: entry.delegation_source ?? null,
    enforced_aud_for_access_token: entry.enforced_aud_for_access_token ?? "",
  };
}

function liveScopeRecord(scope: LiveScope): ScopeRecord {
  return {
    description: scope.description,
    long_description: scope.long_description ?? "",
    active: scope.active,
    visibility: scope.visibility,
    allowed_integration_types: sortIntegrationTypes(scope.allowed_integration_types),
    token_type: scope.token_type,
    at_max_age: scope.at_max_age,
    authorization_max_lifetime: scope.authorization_max_lifetime,
    requires_user_consent: scope.requires_user_consent,
    requires_user_authentication: scope.requires_user_authentication,
    requires_pseudonymous_tokens: scope.requires_pseudonymous_tokens,
    accessible_for_all: scope.accessible_for_all,
    delegation_source: scope.delegation_source ?? null,
    enforced_aud_for_access_token: scope.enforced_aud_for_access_token ?? "",
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diff<T extends object>(
  before: Partial<T>,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  return fields
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

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

function orgLabel(orgno: string, name: string | undefined): string {
  return name ? `${orgno} (${name})` : orgno;
}

/**
 * Computes what it takes to make the environment look like the document. Nothing is changed.
 *
 * Semantics (documented in the README):
 * - Scopes: the document lists every scope the organisation owns. A listed scope is created,
 *   updated or reactivated; `active: false` deactivates it; an active own scope that is not
 *   listed is deactivated after its grants are revoked. Deactivated scopes not listed are left.
 * - Grants: `consumers` are the organisations with APPROVED access. Others with APPROVED access
 *   are revoked; REQUESTED and DENIED rows of unlisted organisations are left as they are.
 * - Clients: matched by `client_id` when the entry has one, else by name. Unmatched entries are
 *   created; clients missing from the document are left alone (deleting a client would break the
 *   systems configured with its id; delete it in the UI).
 * - Keys: kids not registered are added, registered kids not listed are removed.
 *
 * Apply order: create scopes, reactivate, update, grant, revoke, clients, keys, and deactivate
 * last, so that a scope exists before it is granted or put on a client, and grants are revoked
 * before their scope is deactivated.
 */
export function planChanges(document: ConfigDocument, live: LiveState, options: PlanOptions): Plan {
  const issues: DocumentIssue[] = [];
  const warnings: string[] = [];
  if (document.environment !== undefined && document.environment !== options.environment) {
    issues.push({
      path: "environment",
      message: `The document is for the environment "${document.environment}", not "${options.environment}"; change environment to apply it here`,
    });
  }

  const steps: Array<{ step: PlanStep; order: [number, string, number, string] }> = [];
  const danger = (reasons: string[]) =>
    options.production ? [...reasons, "this is the production environment"] : reasons;
  const push = (step: StepDraft, group: string, sub = 0) => {
    const dangers = danger(step.dangers ?? []);
    const full: PlanStep = { ...step, dangerous: dangers.length > 0, dangers };
    steps.push({ step: full, order: [STEP_KINDS.indexOf(step.kind), group, sub, step.id] });
  };

  const orgNames = new Map<string, string>();
  for (const grants of Object.values(live.grants)) {
    for (const grant of grants) {
      if (grant.consumer_organization_name)
        orgNames.set(grant.consumer_orgno, grant.consumer_organization_name);
    }
  }
  const liveScopes = new Map(live.scopes.map((scope) => [scope.name, scope]));
  const listed = new Set<string>();

  (document.scopes ?? []).forEach((entry, index) => {
    const name = entry.name;
    listed.add(name);
    const desired = desiredScopeRecord(entry);
    const current = liveScopes.get(name);
    const grants = live.grants[name] ?? [];
    const approved = grants.filter((grant) => grant.state === "APPROVED");
    const wanted = [...(entry.consumers ?? [])].sort(byString);
    const wantsActive = desired.active === true;

    if (!current) {
      const { prefix } = splitScopeName(name);
      if (!live.prefixes.includes(prefix)) {
        issues.push({
          path: `scopes[${index}].name`,
          message: `The organisation does not hold the prefix "${prefix}" (it holds: ${live.prefixes.join(", ") || "none"})`,
        });
      }
      push(
        {
          id: `scope.create:${name}`,
          kind: "scope.create",
          summary: `Create scope ${name}`,
          reason: "The scope is in the document but not in the environment",
          scope: name,
          before: null,
          after: { ...desired, active: true },
          changes: diff({}, { ...desired, active: true }, SCOPE_FIELDS).filter(
            (change) => change.after !== null && change.after !== "",
          ),
        },
        name,
      );
    } else {
      const before = liveScopeRecord(current);
      if (before.delegation_source !== null && desired.delegation_source === null) {
        // The API has no way to clear it (it must be a URL); say so instead of planning a no-op.
        warnings.push(
          `${name}: delegation_source cannot be removed through the self-service API; it stays ${String(before.delegation_source)}`,
        );
        desired.delegation_source = before.delegation_source;
      }
      const changes = diff(before, { ...desired, active: before.active }, SCOPE_FIELDS);
      if (!current.active && wantsActive) {
        push(
          {
            id: `scope.reactivate:${name}`,
            kind: "scope.reactivate",
            summary: `Reactivate scope ${name}`,
            reason: "The scope is deactivated in the environment and active in the document",
            scope: name,
            before,
            after: desired,
            changes: [{ field: "active", before: false, after: true }, ...changes],
          },
          name,
        );
      } else if (current.active && changes.length > 0) {
        push(
          {
            id: `scope.update:${name}`,
            kind: "scope.update",
            summary: `Change ${changes.map((change) => change.field).join(", ")} of ${name}`,
            reason: "Fields of the scope differ from the document",
            scope: name,
            before,
            after: { ...desired, active: true },
            changes,
          },
          name,
        );
      } else if (!current.active && changes.length > 0) {
        warnings.push(
          `${name} is deactivated: its fields (${changes.map((change) => change.field).join(", ")}) can only change while it is active; set active: true to change them`,
        );
      }
    }

    // Grants: only an active scope can be granted (Digdir answers 409 otherwise).
    const activeDuringGrants = current ? current.active || wantsActive : true;
    const approvedSet = new Set(approved.map((grant) => grant.consumer_orgno));
    const toGrant = wanted.filter((orgno) => !approvedSet.has(orgno));
    if (toGrant.length > 0 && !activeDuringGrants) {
      warnings.push(
        `${name} is deactivated: ${toGrant.join(", ")} cannot be granted access until it is reactivated (active: true)`,
      );
    } else {
      for (const orgno of toGrant) {
        const row = grants.find((grant) => grant.consumer_orgno === orgno);
        const label = orgLabel(orgno, orgNames.get(orgno));
        push(
          {
            id: `access.grant:${name}@${orgno}`,
            kind: "access.grant",
            summary: `Grant ${label} access to ${name}`,
            reason: row
              ? `${orgno} is a consumer in the document; its access is ${row.state}`
              : `${orgno} is a consumer in the document and has no access`,
            scope: name,
            consumer: { orgno, ...(orgNames.get(orgno) ? { name: orgNames.get(orgno) } : {}) },
            before: row ? { state: row.state ?? "REQUESTED" } : null,
            after: { state: "APPROVED" },
            changes: [{ field: "state", before: row?.state ?? null, after: "APPROVED" }],
          },
          name,
        );
      }
    }
    const wantedSet = new Set(wanted);
    for (const grant of approved) {
      if (wantedSet.has(grant.consumer_orgno)) continue;
      revoke(
        name,
        grant.consumer_orgno,
        grant.consumer_organization_name,
        "is not a consumer in the document",
      );
    }

    if (!wantsActive && (current?.active ?? true)) {
      deactivate(
        name,
        current,
        wanted.length,
        approved.length,
        "The document marks the scope active: false",
      );
    }
  });

  function revoke(scope: string, orgno: string, orgName: string | undefined, why: string) {
    const label = orgLabel(orgno, orgName);
    push(
      {
        id: `access.revoke:${scope}@${orgno}`,
        kind: "access.revoke",
        summary: `Revoke ${label}'s access to ${scope}`,
        reason: `${orgno} has APPROVED access and ${why}`,
        dangers: [`${label} loses access to ${scope}; its tokens for the scope stop working`],
        scope,
        consumer: { orgno, ...(orgName ? { name: orgName } : {}) },
        before: { state: "APPROVED" },
        after: { state: "DENIED" },
        changes: [{ field: "state", before: "APPROVED", after: "DENIED" }],
      },
      scope,
    );
  }

  function deactivate(
    name: string,
    current: Scope | undefined,
    remaining: number,
    approvedNow: number,
    reason: string,
  ) {
    const dangers: string[] = [];
    if (remaining > 0) {
      dangers.push(
        `${remaining} organisation(s) keep an approved grant of the deactivated scope and keep seeing it`,
      );
    } else if (approvedNow > 0) {
      dangers.push(`the scope has ${approvedNow} approved grant(s), revoked by this plan first`);
    }
    if (current?.accessible_for_all) {
      dangers.push("the scope is accessible to all organisations, without grants");
    }
    const before = current ? liveScopeRecord(liveScopeOf(current)) : null;
    push(
      {
        id: `scope.deactivate:${name}`,
        kind: "scope.deactivate",
        summary: `Deactivate scope ${name}`,
        reason,
        dangers,
        scope: name,
        before: before ?? { active: true },
        after: { ...(before ?? {}), active: false },
        changes: [{ field: "active", before: true, after: false }],
      },
      name,
    );
  }

  for (const scope of live.scopes) {
    if (listed.has(scope.name) || !scope.active) continue;
    const approved = (live.grants[scope.name] ?? []).filter((grant) => grant.state === "APPROVED");
    for (const grant of approved) {
      revoke(
        scope.name,
        grant.consumer_orgno,
        grant.consumer_organization_name,
        "the scope is not in the document",
      );
    }
    deactivate(
      scope.name,
      scope,
      0,
      approved.length,
      "The scope is owned by the organisation but not in the document",
    );
  }

  // Clients
  const unmatched = new Set(live.clients);
  const byId = new Map(live.clients.map((client) => [client.client.client_id, client]));
  const liveKidOwner = new Map<string, LiveClient>();
  for (const client of live.clients) {
    for (const key of client.keys) liveKidOwner.set(key.kid, client);
  }

  (document.clients ?? []).forEach((entry, index) => {
    let match: LiveClient | undefined;
    if (entry.client_id !== undefined) {
      match = byId.get(entry.client_id);
      if (!match) {
        issues.push({
          path: `clients[${index}].client_id`,
          message: `No active Maskinporten client ${entry.client_id} in this environment; leave client_id out to create the client`,
        });
        return;
      }
    } else {
      const candidates = live.clients.filter(
        (client) => client.client.client_name === entry.name && unmatched.has(client),
      );
      if (candidates.length > 1) {
        issues.push({
          path: `clients[${index}].name`,
          message: `${candidates.length} clients are named "${entry.name}" (${candidates.map((c) => c.client.client_id).join(", ")}); add client_id to say which one`,
        });
        return;
      }
      match = candidates[0];
    }
    if (match) unmatched.delete(match);

    const desired = desiredClientRecord(entry);
    const clientRef = {
      name: entry.name,
      ...(match ? { client_id: match.client.client_id } : {}),
    };
    if (!match) {
      push(
        {
          id: `client.create:${entry.name}`,
          kind: "client.create",
          summary: `Create Maskinporten client "${entry.name}"`,
          reason: "No client in the environment matches the entry",
          client: clientRef,
          before: null,
          after: desired,
          changes: diff({}, desired, [...CLIENT_FIELDS, "client_orgno"]),
        },
        entry.name,
      );
    } else {
      const before = liveClientRecord(match);
      if (entry.client_orgno !== undefined && entry.client_orgno !== before.client_orgno) {
        issues.push({
          path: `clients[${index}].client_orgno`,
          message: `The client belongs to ${before.client_orgno}; client_orgno cannot change`,
        });
      }
      const changes = diff(before, desired, CLIENT_FIELDS);
      if (changes.length > 0) {
        push(
          {
            id: `client.update:${entry.name}`,
            kind: "client.update",
            summary: `Change ${changes.map((change) => change.field).join(", ")} of client "${entry.name}"`,
            reason: "Fields of the client differ from the document",
            client: clientRef,
            before,
            after: { ...desired, client_orgno: before.client_orgno },
            changes,
          },
          entry.name,
        );
      }
    }

    // Keys
    const liveKeys = match?.keys ?? [];
    const liveKids = new Map(liveKeys.map((key) => [key.kid, key]));
    const wantedKeys = entry.keys ?? [];
    const adds: DocumentKey[] = [];
    wantedKeys.forEach((key, keyIndex) => {
      if (key.file !== undefined && key.jwk === undefined) {
        issues.push({
          path: `clients[${index}].keys[${keyIndex}].file`,
          message:
            "Key files are read by the CLI (portvakt plan/apply); paste the key as jwk to use the document here",
        });
        return;
      }
      const registered = liveKids.get(key.kid);
      const material = desiredKey(key);
      if (registered) {
        if (material && !sameKeyMaterial(material, registered)) {
          issues.push({
            path: `clients[${index}].keys[${keyIndex}]`,
            message: `The kid "${key.kid}" is registered with other key material; give the new key a new kid`,
          });
        }
        return;
      }
      const elsewhere = liveKidOwner.get(key.kid);
      if (elsewhere && elsewhere !== match) {
        issues.push({
          path: `clients[${index}].keys[${keyIndex}].kid`,
          message: `The kid "${key.kid}" is registered on the client "${elsewhere.client.client_name}"; kids are unique across all clients`,
        });
        return;
      }
      if (!material) {
        issues.push({
          path: `clients[${index}].keys[${keyIndex}]`,
          message: `The kid "${key.kid}" is not registered on the client; give its public key as jwk or file`,
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
      push(
        {
          id: `key.add:${key.kid}`,
          kind: "key.add",
          summary: `Add key ${key.kid} to client "${entry.name}"`,
          reason: "The key is in the document but not registered on the client",
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
      push(
        {
          id: `key.remove:${key.kid}`,
          kind: "key.remove",
          summary: `Remove key ${key.kid} from client "${entry.name}"`,
          reason: "The key is registered on the client but not in the document",
          dangers: leavesNone
            ? [
                `the client "${entry.name}" is left without keys: systems signing with ${key.kid} can no longer get tokens`,
              ]
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
  });
  for (const client of unmatched) {
    warnings.push(
      `The client "${client.client.client_name}" (${client.client.client_id}) is not in the document and is left unchanged`,
    );
  }

  if (issues.length > 0) throw new DocumentError(issues);

  // Keys of a client sort by client, not by kind, so a client's removes can come first.
  const keyRank = STEP_KINDS.indexOf("key.add");
  steps.sort((a, b) => {
    const ra = a.step.kind === "key.remove" ? keyRank : a.order[0];
    const rb = b.step.kind === "key.remove" ? keyRank : b.order[0];
    return (
      ra - rb ||
      byString(a.order[1], b.order[1]) ||
      a.order[2] - b.order[2] ||
      byString(a.order[3], b.order[3])
    );
  });
  const ordered = steps.map(({ step }) => step);
  return {
    environment: options.environment,
    production: options.production,
    fingerprint: fingerprintOf(live),
    steps: ordered,
    groups: groupSteps(ordered),
    summary: {
      total: ordered.length,
      dangerous: ordered.filter((step) => step.dangerous).length,
      byKind: countByKind(ordered),
    },
    warnings,
  };
}

function publicJwkWithKid(key: DocumentKey): KeyRecord {
  return { kid: key.kid, ...publicJwkOf(key) };
}

function countByKind(steps: readonly PlanStep[]): Plan["summary"]["byKind"] {
  const byKind: Plan["summary"]["byKind"] = {};
  for (const step of steps) byKind[step.kind] = (byKind[step.kind] ?? 0) + 1;
  return byKind;
}

function groupSteps(steps: PlanStep[]): Plan["groups"] {
  const scopes = new Map<string, PlanGroup>();
  const clients = new Map<string, PlanGroup>();
  for (const step of steps) {
    if ("scope" in step) {
      const group = scopes.get(step.scope) ?? { name: step.scope, steps: [] };
      group.steps.push(step);
      scopes.set(step.scope, group);
    } else {
      const empty: PlanGroup = {
        name: step.client.name,
        ...(step.client.client_id ? { client_id: step.client.client_id } : {}),
        steps: [],
      };
      const group = clients.get(step.client.name) ?? empty;
      group.steps.push(step);
      clients.set(step.client.name, group);
    }
  }
  const byName = (a: PlanGroup, b: PlanGroup) => byString(a.name, b.name);
  return { scopes: [...scopes.values()].sort(byName), clients: [...clients.values()].sort(byName) };
}
