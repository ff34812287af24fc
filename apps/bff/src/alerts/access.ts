import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { PortvaktDatabase } from "../database";
import type { Environment } from "../upstream";
import type { Notice, NoticeDraft, Notifier } from "./notify";

/**
 * A consumer's notice (format `json`): access to another organisation's scope was revoked
 * (`revoked`: our APPROVED row became DENIED or went away) or the scope was deactivated
 * (`scope-inactive`: Digdir's catalogue lists it with `active: false`). `clients` are our
 * clients that have the scope, who stop getting tokens for it (MP-212, docs/maskinporten.md §7).
 * `code` is `alert.access.revoked` or `alert.access.scope-inactive`.
 */
export interface AccessLostNotice extends Notice {
  type: "portvakt.access-lost";
  reason: "revoked" | "scope-inactive";
  env: string;
  scope: string;
  owner_orgno?: string;
  clients: { client_id: string; client_name?: string }[];
}

interface Seen {
  approved: boolean;
  active: boolean;
  since: number;
}

/** A loss found by a look, not yet notified: claimed under `key`, the state's `since` in it. */
interface Loss {
  key: string;
  draft: NoticeDraft<AccessLostNotice>;
}

/** What one look at every environment found: losses to notify, states to remember. */
export interface AccessObservation {
  losses: Loss[];
  updates: { env: string; scope: string; approved: boolean; active: boolean }[];
}

const INITIALISED = "*";

/**
 * Watches, per environment, what the organisation may use as a consumer: the APPROVED rows of
 * `GET /scopes/access/all` (granted to us, with `inactive=true` so revoked rows are read as
 * DENIED) and, for those scopes and the ones our clients have, whether Digdir's catalogue
 * (`GET /scopes/all?inactive=true`) lists them as deactivated. Each check compares with the last
 * state seen (table `consumer_access_seen`, shared by every instance) and notifies each loss
 * once (claimed in `alert_sent` under a key naming when the lost state was first seen, so two
 * instances that both saw the loss send one notice). The first check of an environment only
 * records. Own scopes are left out: deactivating them is our own doing.
 *
 * A PRIVATE scope (`visibility: PRIVATE`) is not in the catalogue Digdir shows other
 * organisations, so its `active` flag cannot be read by a consumer: its deactivation is noticed
 * when Digdir ends our access to it (our access row disappears or turns DENIED; README, Alerts),
 * and is then notified as a revoke. `now` is epoch ms.
 */
export class AccessWatch {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #notifier: Notifier;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #environments: () => readonly Environment[];

  constructor(options: {
    db: Kysely<PortvaktDatabase>;
    notifier: Notifier;
    logger: Logger;
    now: () => number;
    environments: () => readonly Environment[];
  }) {
    this.#db = options.db;
    this.#notifier = options.notifier;
    this.#logger = options.logger;
    this.#now = options.now;
    this.#environments = options.environments;
  }

  /**
   * Checks every environment now; returns the notices this instance sent. `between`, when
   * given, runs after the look and before any claim (tests hold two instances there, so both
   * have seen the same loss before either claims it).
   */
  async check(between?: () => Promise<void>): Promise<AccessLostNotice[]> {
    const observation = await this.observe();
    if (between) await between();
    return this.notify(observation);
  }

  /** Looks at every environment and compares with the last state seen; claims and sends nothing. */
  async observe(): Promise<AccessObservation> {
    const observation: AccessObservation = { losses: [], updates: [] };
    for (const env of this.#environments()) {
      try {
        await this.#observeEnvironment(env, observation);
      } catch (error) {
        this.#logger.warn(
          { env: env.config.id, err: { message: (error as Error).message } },
          "access alerts: could not read what the organisation may use",
        );
      }
    }
    return observation;
  }

  /** Sends each loss this instance claims, then records the states seen. */
  async notify(observation: AccessObservation): Promise<AccessLostNotice[]> {
    const sent: AccessLostNotice[] = [];
    for (const loss of observation.losses) {
      const notice = await this.#notifier.once<AccessLostNotice>(loss.key, 0, loss.draft);
      if (notice) sent.push(notice);
    }
    for (const update of observation.updates) await this.#remember(update);
    return sent;
  }

  async #observeEnvironment(env: Environment, observation: AccessObservation): Promise<void> {
    const id = env.config.id;
    const ourOrgno = env.credential.orgno;
    const [rows, clients, catalogue] = await Promise.all([
      env.api.listAccessGrantedToMe({ inactive: true }),
      env.api.listClients(),
      env.api.listScopeCatalogue({ inactive: "true" }),
    ]);
    const owners = new Map<string, string>();
    const approved = new Set<string>();
    for (const row of rows) {
      if (row.owner_orgno) owners.set(row.scope, row.owner_orgno);
      // Digdir's rows may lack `state` (docs/maskinporten.md §8): a row listed without it is access.
      if ((row.state ?? "APPROVED") === "APPROVED") approved.add(row.scope);
    }
    const inactive = new Set<string>();
    for (const scope of catalogue) {
      if (scope.owner_orgno) owners.set(scope.name, scope.owner_orgno);
      if (scope.active === false) inactive.add(scope.name);
    }
    const usedBy = new Map<string, { client_id: string; client_name?: string }[]>();
    for (const client of clients) {
      for (const scope of client.scopes ?? []) {
        const list = usedBy.get(scope) ?? [];
        list.push({
          client_id: client.client_id,
          ...(client.client_name ? { client_name: client.client_name } : {}),
        });
        usedBy.set(scope, list);
      }
    }
    const seen = await this.#seen(id);
    const initialised = seen.has(INITIALISED);
    const interesting = new Set([...approved, ...usedBy.keys(), ...seen.keys()]);
    interesting.delete(INITIALISED);
    for (const scope of interesting) {
      const owner = owners.get(scope);
      if (owner && ourOrgno && owner === ourOrgno) continue;
      const current = { approved: approved.has(scope), active: !inactive.has(scope) };
      const before = seen.get(scope);
      if (initialised && before) {
        const lost: AccessLostNotice["reason"][] = [];
        if (before.approved && !current.approved) lost.push("revoked");
        if (before.active && !current.active && (before.approved || usedBy.has(scope)))
          lost.push("scope-inactive");
        for (const reason of lost) {
          observation.losses.push({
            key: `access:${reason}:${id}:${scope}:${before.since}`,
            draft: this.#notice(reason, id, scope, owner, usedBy.get(scope) ?? []),
          });
        }
      }
      if (!before || before.approved !== current.approved || before.active !== current.active) {
        observation.updates.push({ env: id, scope, ...current });
      }
    }
    if (!initialised)
      observation.updates.push({ env: id, scope: INITIALISED, approved: true, active: true });
  }

  #notice(
    reason: AccessLostNotice["reason"],
    env: string,
    scope: string,
    owner: string | undefined,
    clients: AccessLostNotice["clients"],
  ): NoticeDraft<AccessLostNotice> {
    return {
      type: "portvakt.access-lost",
      code: reason === "revoked" ? "alert.access.revoked" : "alert.access.scope-inactive",
      params: {
        env,
        scope,
        owner_orgno: owner ?? "unknown",
        clients: clients
          .map((c) => (c.client_name ? `${c.client_name} (${c.client_id})` : c.client_id))
          .join(", "),
        client_count: clients.length,
      },
      reason,
      env,
      scope,
      ...(owner ? { owner_orgno: owner } : {}),
      clients,
    };
  }

  /** The state last seen per scope of an environment (`*`: the environment was looked at). */
  async #seen(env: string): Promise<Map<string, Seen>> {
    const rows = await this.#db
      .selectFrom("consumer_access_seen")
      .selectAll()
      .where("env", "=", env)
      .execute();
    return new Map(
      rows.map((row) => [
        row.scope,
        {
          approved: Number(row.approved) === 1,
          active: Number(row.active) === 1,
          since: Number(row.since),
        },
      ]),
    );
  }

  /**
   * Records a scope's new state, since now. Two instances recording the same change at once:
   * the first one's `since` stays (the update applies only when the state differs).
   */
  async #remember(update: AccessObservation["updates"][number]): Promise<void> {
    const approved = update.approved ? 1 : 0;
    const active = update.active ? 1 : 0;
    await this.#db
      .insertInto("consumer_access_seen")
      .values({ env: update.env, scope: update.scope, approved, active, since: this.#now() })
      .onConflict((oc) =>
        oc
          .columns(["env", "scope"])
          .doUpdateSet({ approved, active, since: this.#now() })
          .where((eb) =>
            eb.or([
              eb("consumer_access_seen.approved", "!=", approved),
              eb("consumer_access_seen.active", "!=", active),
            ]),
          ),
      )
      .execute();
  }
}
