import type { ConfigApi } from "@portvakt/config-as-code";
import {
  type Client,
  ClientInput,
  type ClientUpdate,
  type Jwk,
  type JwkRead,
  type Jwks,
  type JwksResponse,
  type Scope,
  type ScopeAccess,
  type ScopeInput,
  type ScopeUpdate,
} from "@portvakt/contracts";
import {
  KeySetEditor,
  MaskinportenInputError,
  type SelfServiceClient,
} from "@portvakt/maskinporten";
import type { AuditText } from "../audit/text";
import {
  type CheckResult,
  clientUpdateFields,
  jwksIdentity,
  type PendingCheck,
  runCheck,
  updateSeenIn,
} from "./checks";
import { type ChangeContext, type ChangeGuard, MadeButUnreadError } from "./guard";
import { lockKeys } from "./locks";

/**
 * Digdir's self-service calls for one request, with every write sent through the
 * `ChangeGuard`: serialised per resource, sent once, its outcome found out by re-reading when the
 * answer is lost. Reads go straight to the client (`raw`). It has every method `ConfigApi` needs,
 * so config apply and Altinn provisioning get the same guarantees as the single-change routes.
 */
export class GuardedApi implements ConfigApi {
  readonly raw: SelfServiceClient;
  readonly #guard: ChangeGuard;
  readonly #context: () => ChangeContext;
  readonly #onRecovered: (detail: AuditText) => void;
  readonly #onMade: () => void;
  readonly #onSend: () => void;
  /** Clients whose keys this request changed: a read of them afterwards tries harder. */
  readonly #changedKeys = new Set<string>();

  constructor(
    guard: ChangeGuard,
    raw: SelfServiceClient,
    /** Who is changing what, read when a write is sent (the target may be named late). */
    context: () => ChangeContext,
    /** Told when a write's answer was lost but a re-read showed it made (for the audit). */
    onRecovered: (detail: AuditText) => void = () => {},
    /** Told when a write was made (so a later failure of the request is not audited as "not done"). */
    onMade: () => void = () => {},
    /**
     * Told just before a write is sent to Digdir (so a request that sent nothing and was refused
     * by Portvakt is audited as `denied`, one that sent something never is).
     */
    onSend: () => void = () => {},
  ) {
    this.#guard = guard;
    this.raw = raw;
    this.#context = context;
    this.#onRecovered = onRecovered;
    this.#onMade = onMade;
    this.#onSend = onSend;
  }

  /** The environment id. */
  get env(): string {
    return this.#context().env;
  }

  async #write<T>(spec: {
    lockKey: string;
    check: PendingCheck | (() => Promise<PendingCheck>);
    /** Sends the write; `read` is the resource as `readFirst` read it. */
    send: (read?: CheckResult) => Promise<T>;
    recover: (result: CheckResult) => T | Promise<T>;
    /**
     * Read first, under the lock, and send nothing when the resource already is as the write
     * would leave it. Such a write is never sent, so a re-read can never mistake the old state
     * for it while it is still on its way (it would then land after a newer change and undo it).
     */
    skipIfDone?: boolean;
    /**
     * A read-modify-write (`updateClient`, `updateScope`: the whole resource is sent back): as
     * `skipIfDone`, but the read is required and handed to `send`, so the guarded send is the
     * write alone. When that read fails nothing was sent: the request fails as a refusal does
     * (no re-read, no pending row, no lock). `seen` is the caller's own read under the same lock
     * (the route's `before`): then nothing is read here.
     */
    readFirst?: { seen?: CheckResult | undefined };
  }): Promise<T> {
    const { check } = spec;
    const run = async () => {
      const resolved = typeof check === "function" ? await check() : check;
      let read: CheckResult | undefined;
      if (spec.readFirst) {
        read = spec.readFirst.seen ?? (await runCheck(this.raw, resolved));
        if (read.applied) return spec.recover(read);
      } else if (spec.skipIfDone) {
        let already: CheckResult | undefined;
        try {
          already = await runCheck(this.raw, resolved);
        } catch {
          // Not readable now: the write is sent, and its outcome found out as usual.
        }
        if (already?.applied) return spec.recover(already);
      }
      let outcome: { value: T; recovered?: AuditText };
      try {
        outcome = await this.#guard.write(this.#context(), {
          ...spec,
          check: resolved,
          send: () => {
            this.#onSend();
            return spec.send(read);
          },
        });
      } catch (error) {
        if (error instanceof MadeButUnreadError) {
          // Made at Digdir; what failed is reading the result. The request says so.
          this.#onRecovered(error.recovered);
          this.#onMade();
          throw error.cause;
        }
        throw error;
      }
      if (outcome.recovered) this.#onRecovered(outcome.recovered);
      this.#onMade();
      return outcome.value;
    };
    return typeof check === "function" || spec.skipIfDone || spec.readFirst
      ? this.#guard.run(spec.lockKey, run)
      : run();
  }

  /**
   * Runs `work` holding a resource's lock (re-entrant), e.g. a key set's read-modify-write.
   * This is the `RunLocked` the key-set editor takes.
   */
  locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.#guard.run(key, work, { requestId: this.#context().requestId });
  }

  // Reads

  listScopes: SelfServiceClient["listScopes"] = (opts) => this.raw.listScopes(opts);
  listAccessByScope: SelfServiceClient["listAccessByScope"] = (scope, opts) =>
    this.raw.listAccessByScope(scope, opts);
  listPrefixes: SelfServiceClient["listPrefixes"] = () => this.raw.listPrefixes();
  listClients: SelfServiceClient["listClients"] = (opts) => this.raw.listClients(opts);
  /**
   * The client's keys. Read again after this request changed them (the editor does), a failed
   * read is tried again within the outcome window, so that the answer shows the change made.
   */
  getJwks: SelfServiceClient["getJwks"] = async (clientId) => {
    if (!this.#changedKeys.has(clientId)) return this.raw.getJwks(clientId);
    const until = Date.now() + this.#guard.settings.windowMs;
    for (;;) {
      try {
        return await this.raw.getJwks(clientId);
      } catch (error) {
        if (Date.now() > until) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  getClient: SelfServiceClient["getClient"] = (clientId) => this.raw.getClient(clientId);

  // Grants

  grantAccess(scope: string, consumerOrgno: string): Promise<ScopeAccess> {
    return this.#grantState(scope, consumerOrgno, "APPROVED");
  }

  revokeAccess(scope: string, consumerOrgno: string): Promise<ScopeAccess> {
    return this.#grantState(scope, consumerOrgno, "DENIED");
  }

  #grantState(scope: string, consumer: string, state: "APPROVED" | "DENIED") {
    return this.#write({
      lockKey: lockKeys.grant(this.env, scope, consumer),
      skipIfDone: true,
      check: { type: "grant", scope, consumer, state },
      send: () =>
        state === "APPROVED"
          ? this.raw.grantAccess(scope, consumer)
          : this.raw.revokeAccess(scope, consumer),
      recover: (result) => result.state as ScopeAccess,
    });
  }

  // Clients

  /**
   * Creates a client once: under a lock on its name, the clients there before are noted, and
   * when the answer is lost a re-read looks for the new one instead of creating a second.
   */
  createClient(input: ClientInput): Promise<Client> {
    const checked = ClientInput.safeParse(input);
    if (!checked.success) {
      // The client library's own refusal (what `createClient` below would throw), not zod's.
      const issues = checked.error.issues.map((issue) => ({
        field: issue.path.join("."),
        message: issue.message,
      }));
      return Promise.reject(new MaskinportenInputError("The client", issues));
    }
    const parsed = checked.data;
    return this.#write({
      lockKey: lockKeys.clientCreate(this.env, parsed.client_name),
      check: async () => ({
        type: "client.create",
        name: parsed.client_name,
        description: parsed.description,
        knownIds: (await this.raw.listClients()).map((client) => client.client_id),
      }),
      send: () => this.raw.createClient(input),
      recover: (result) => result.created as Client,
    });
  }

  /**
   * Changes a client: read once under its lock (or `options.current`, the caller's read under the
   * same lock), not sent when it already is so, else the whole client sent back with the update
   * (`SelfServiceClient.updateClient`). A failed read is an ordinary failure: nothing was sent.
   */
  updateClient(
    clientId: string,
    update: ClientUpdate,
    options: { current?: Client } = {},
  ): Promise<Client> {
    const check = {
      type: "client.update" as const,
      clientId,
      fields: clientUpdateFields(update),
    };
    return this.#write({
      readFirst: { seen: options.current && updateSeenIn(check, options.current) },
      lockKey: lockKeys.client(this.env, clientId),
      check,
      send: (read) => this.raw.updateClient(clientId, update, { current: read?.state as Client }),
      recover: (result) => result.state as Client,
    });
  }

  deleteClient(clientId: string): Promise<void> {
    return this.#write({
      skipIfDone: true,
      lockKey: lockKeys.client(this.env, clientId),
      check: { type: "client.delete", clientId },
      send: () => this.raw.deleteClient(clientId),
      recover: () => undefined,
    });
  }

  // Keys (the whole set is written; the lock is the client's)

  replaceJwks(clientId: string, jwks: Jwks): Promise<JwksResponse> {
    this.#changedKeys.add(clientId);
    return this.#write({
      skipIfDone: true,
      lockKey: lockKeys.client(this.env, clientId),
      check: { type: "jwks", clientId, keys: jwksIdentity(jwks) },
      send: () => this.raw.replaceJwks(clientId, jwks),
      recover: () => this.raw.getJwks(clientId),
    });
  }

  deleteJwks(clientId: string): Promise<void> {
    this.#changedKeys.add(clientId);
    return this.#write({
      skipIfDone: true,
      lockKey: lockKeys.client(this.env, clientId),
      check: { type: "jwks", clientId, keys: [] },
      send: () => this.raw.deleteJwks(clientId),
      recover: () => undefined,
    });
  }

  /** Adds or replaces one key (`PUT .../jwks/{kid}`); the others are not rewritten. */
  putJwk(clientId: string, jwk: Jwk): Promise<JwkRead> {
    this.#changedKeys.add(clientId);
    return this.#write({
      skipIfDone: true,
      lockKey: lockKeys.client(this.env, clientId),
      check: { type: "jwk", clientId, kid: jwk.kid, n: jwk.n, present: true },
      send: () => this.raw.putJwk(clientId, jwk),
      // The key as sent: Digdir only adds its exp (the editor reads the set afterwards anyway).
      recover: () => jwk,
    });
  }

  /** Removes one key (`DELETE .../jwks/{kid}`). */
  deleteJwk(clientId: string, kid: string): Promise<void> {
    this.#changedKeys.add(clientId);
    return this.#write({
      skipIfDone: true,
      lockKey: lockKeys.client(this.env, clientId),
      check: { type: "jwk", clientId, kid, present: false },
      send: () => this.raw.deleteJwk(clientId, kid),
      recover: () => undefined,
    });
  }

  /**
   * The key-set editor of the client library over these guarded calls: under the client's lock
   * (the one `ChangeGuard` holds, re-entrant), each of its writes checked as above.
   */
  keySetEditor(): KeySetEditor {
    return new KeySetEditor({
      api: this,
      withLock: (key, fn) => this.locked(key, fn),
      namespace: lockKeys.client(this.env, "").slice(0, -1),
    });
  }

  // Scopes

  createScope(input: ScopeInput): Promise<Scope> {
    const name = `${input.prefix}:${input.subscope}`;
    return this.#write({
      lockKey: lockKeys.scope(this.env, name),
      check: { type: "scope.exists", scope: name, active: true },
      send: () => this.raw.createScope(input),
      recover: (result) => result.state as Scope,
    });
  }

  /** Changes a scope, read once as `updateClient` reads a client. */
  updateScope(
    scope: string,
    update: ScopeUpdate,
    options: { current?: Scope } = {},
  ): Promise<Scope> {
    const { prefix: _prefix, subscope: _subscope, ...fields } = update;
    const check = {
      type: "scope.update" as const,
      scope,
      fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
    return this.#write({
      readFirst: { seen: options.current && updateSeenIn(check, options.current) },
      lockKey: lockKeys.scope(this.env, scope),
      check,
      send: (read) => this.raw.updateScope(scope, update, { current: read?.state as Scope }),
      recover: (result) => result.state as Scope,
    });
  }

  deactivateScope(scope: string): Promise<Scope> {
    return this.#write({
      skipIfDone: true,
      lockKey: lockKeys.scope(this.env, scope),
      check: { type: "scope.exists", scope, active: false },
      send: () => this.raw.deactivateScope(scope),
      recover: (result) => result.state as Scope,
    });
  }
}
