import type { AccessState, Client, Jwk, Scope, ScopeAccess } from "@portvakt/contracts";
import { SimulatorClock } from "./clock";
import { organizationName } from "./organization-register";

/**
 * A registered key as the simulator keeps it. Keys registered before Digdir's 2025-05-22 API
 * change have no `use` and may lack `alg` (docs/maskinporten.md §8); the demo seeds one.
 */
export type StoredKey = Omit<Jwk, "use" | "alg"> & { use?: "sig"; alg?: string };

/** A client's key set as the simulator keeps it (docs/maskinporten.md §6, §8). */
export interface StoredJwks {
  keys: StoredKey[];
  created: string;
  last_updated: string;
}

/** Everything the self-service API owns; what a demo snapshot holds. */
export interface StoreSnapshot {
  version: 1;
  prefixes: Record<string, string[]>;
  scopes: Scope[];
  grants: ScopeAccess[];
  clients: Client[];
  jwks: Record<string, StoredJwks>;
}

/**
 * The simulator's state. Records handed out are never mutated in place (updates replace them),
 * so routes can answer them directly without copying: that keeps a 10,000-row grant list cheap.
 */
export class SimulatorStore {
  readonly clock: SimulatorClock;
  private prefixes = new Map<string, Set<string>>();
  private scopes = new Map<string, Scope>();
  private grantsByScope = new Map<string, Map<string, ScopeAccess>>();
  private grantsByConsumer = new Map<string, Map<string, ScopeAccess>>();
  private grantListVersions = new Map<string, number>();
  private grantListJson = new Map<string, { version: number; json: string }>();
  private clients = new Map<string, Client>();
  private jwks = new Map<string, StoredJwks>();
  private clientIdByKid = new Map<string, string>();

  constructor(clock: SimulatorClock = new SimulatorClock()) {
    this.clock = clock;
  }

  clear(): void {
    this.prefixes.clear();
    this.scopes.clear();
    this.grantsByScope.clear();
    this.grantsByConsumer.clear();
    this.grantListJson.clear();
    this.clients.clear();
    this.jwks.clear();
    this.clientIdByKid.clear();
  }

  organizationName(orgno: string): string {
    return organizationName(orgno);
  }

  // --- prefixes -------------------------------------------------------------------------

  prefixesOf(orgno: string): string[] {
    return [...(this.prefixes.get(orgno) ?? [])].sort();
  }

  /** Organisations holding at least one prefix, sorted. */
  organizationsWithPrefixes(): string[] {
    return [...this.prefixes.entries()]
      .filter(([, set]) => set.size > 0)
      .map(([orgno]) => orgno)
      .sort();
  }

  holdsPrefix(orgno: string, prefix: string): boolean {
    return this.prefixes.get(orgno)?.has(prefix) ?? false;
  }

  assignPrefix(orgno: string, prefix: string): void {
    let set = this.prefixes.get(orgno);
    if (!set) {
      set = new Set();
      this.prefixes.set(orgno, set);
    }
    set.add(prefix);
  }

  // --- scopes ---------------------------------------------------------------------------

  getScope(name: string): Scope | undefined {
    return this.scopes.get(name);
  }

  allScopes(): Scope[] {
    return [...this.scopes.values()];
  }

  scopesOwnedBy(orgno: string, includeInactive: boolean): Scope[] {
    return this.allScopes().filter(
      (scope) => scope.owner_orgno === orgno && (includeInactive || scope.active),
    );
  }

  putScope(scope: Scope): Scope {
    this.scopes.set(scope.name, scope);
    return scope;
  }

  // --- access grants --------------------------------------------------------------------

  getGrant(scopeName: string, consumerOrgno: string): ScopeAccess | undefined {
    return this.grantsByScope.get(scopeName)?.get(consumerOrgno);
  }

  grantsOfScope(scopeName: string): ScopeAccess[] {
    const byConsumer = this.grantsByScope.get(scopeName);
    return byConsumer ? [...byConsumer.values()] : [];
  }

  /**
   * The grants of a scope as a JSON array, serialised once per change: the consumer list of a
   * popular scope (10,000 rows) is read far more often than it changes.
   */
  grantsOfScopeJson(scopeName: string): string {
    const version = this.grantListVersions.get(scopeName) ?? 0;
    const cached = this.grantListJson.get(scopeName);
    if (cached?.version === version) return cached.json;
    const json = JSON.stringify(this.grantsOfScope(scopeName));
    this.grantListJson.set(scopeName, { version, json });
    return json;
  }

  grantsToConsumer(consumerOrgno: string): ScopeAccess[] {
    const byScope = this.grantsByConsumer.get(consumerOrgno);
    return byScope ? [...byScope.values()] : [];
  }

  allGrants(): ScopeAccess[] {
    return [...this.grantsByScope.values()].flatMap((byConsumer) => [...byConsumer.values()]);
  }

  /** Sets the state of one consumer's access to one scope, creating the row if needed. */
  setGrantState(scopeName: string, consumerOrgno: string, state: AccessState): ScopeAccess {
    const scope = this.scopes.get(scopeName);
    if (!scope) throw new Error(`No scope ${scopeName}`);
    const existing = this.getGrant(scopeName, consumerOrgno);
    if (existing && existing.state === state) return existing;
    const now = this.clock.iso();
    const grant: ScopeAccess = {
      scope: scopeName,
      state,
      consumer_orgno: consumerOrgno,
      consumer_organization_name: organizationName(consumerOrgno),
      owner_orgno: scope.owner_orgno,
      owner_organization_name: organizationName(scope.owner_orgno ?? ""),
      created: existing?.created ?? now,
      last_updated: now,
    };
    this.putGrant(grant);
    return grant;
  }

  putGrant(grant: ScopeAccess): void {
    let byConsumer = this.grantsByScope.get(grant.scope);
    if (!byConsumer) {
      byConsumer = new Map();
      this.grantsByScope.set(grant.scope, byConsumer);
    }
    byConsumer.set(grant.consumer_orgno, grant);
    // Versions only grow (even across clear()), so a cached list can never look current by accident.
    this.grantListVersions.set(grant.scope, (this.grantListVersions.get(grant.scope) ?? 0) + 1);
    let byScope = this.grantsByConsumer.get(grant.consumer_orgno);
    if (!byScope) {
      byScope = new Map();
      this.grantsByConsumer.set(grant.consumer_orgno, byScope);
    }
    byScope.set(grant.scope, grant);
  }

  /**
   * Whether `orgno` may use the scope at all: its own, open to everyone, or granted APPROVED.
   * Deactivated scopes are usable by nobody.
   */
  mayUseScope(orgno: string, scope: Scope): boolean {
    if (!scope.active) return false;
    if (scope.owner_orgno === orgno || scope.accessible_for_all) return true;
    return this.getGrant(scope.name, orgno)?.state === "APPROVED";
  }

  // --- clients and keys -----------------------------------------------------------------

  getClient(clientId: string): Client | undefined {
    return this.clients.get(clientId);
  }

  allClients(): Client[] {
    return [...this.clients.values()];
  }

  /** Clients an organisation manages: its own, and those it registered as a supplier. */
  clientsManagedBy(orgno: string, includeInactive: boolean): Client[] {
    return this.allClients().filter(
      (client) =>
        (client.client_orgno === orgno || client.supplier_orgno === orgno) &&
        (includeInactive || client.active),
    );
  }

  putClient(client: Client): Client {
    this.clients.set(client.client_id, client);
    return client;
  }

  getJwks(clientId: string): StoredJwks | undefined {
    return this.jwks.get(clientId);
  }

  /** Which client holds a key id; kids are unique across all clients (docs/maskinporten.md §6). */
  clientIdOfKid(kid: string): string | undefined {
    return this.clientIdByKid.get(kid);
  }

  /** Replaces a client's key set; `undefined` removes it. */
  setJwks(clientId: string, jwks: StoredJwks | undefined): void {
    for (const key of this.jwks.get(clientId)?.keys ?? []) this.clientIdByKid.delete(key.kid);
    if (!jwks || jwks.keys.length === 0) {
      this.jwks.delete(clientId);
      return;
    }
    this.jwks.set(clientId, jwks);
    for (const key of jwks.keys) this.clientIdByKid.set(key.kid, clientId);
  }

  // --- snapshots ------------------------------------------------------------------------

  toSnapshot(): StoreSnapshot {
    return {
      version: 1,
      prefixes: Object.fromEntries(
        [...this.prefixes.entries()].map(([orgno, set]) => [orgno, [...set].sort()]),
      ),
      scopes: this.allScopes(),
      grants: this.allGrants(),
      clients: this.allClients(),
      jwks: Object.fromEntries(this.jwks.entries()),
    };
  }

  loadSnapshot(snapshot: StoreSnapshot): void {
    this.clear();
    for (const [orgno, prefixes] of Object.entries(snapshot.prefixes)) {
      for (const prefix of prefixes) this.assignPrefix(orgno, prefix);
    }
    for (const scope of snapshot.scopes) this.putScope(scope);
    for (const grant of snapshot.grants) this.putGrant(grant);
    for (const client of snapshot.clients) this.putClient(client);
    for (const [clientId, jwks] of Object.entries(snapshot.jwks)) this.setJwks(clientId, jwks);
  }
}
