import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { PortvaktDatabase } from "../database";
import type { Environment } from "../upstream";
import { claimNotice, type NoticeChannels, sendNotice } from "./notify";

/**
 * A consumer's notice (format `json`): access to another organisation's scope was revoked
 * (`revoked`: our APPROVED row became DENIED or went away) or the scope was deactivated
 * (`scope-inactive`: Digdir's public catalogue lists it with `active: false`). `clients` are our
 * clients that have the scope, who stop getting tokens for it (MP-212, docs/maskinporten.md §7).
 */
export interface AccessLostNotice {
  type: "portvakt.access-lost";
  reason: "revoked" | "scope-inactive";
  env: string;
  scope: string;
  owner_orgno?: string;
  clients: { client_id: string; client_name?: string }[];
  text: string;
}

interface Seen {
  approved: boolean;
  active: boolean;
  since: number;
}

const INITIALISED = "*";

/**
 * Watches, per environment, what the organisation may use as a consumer: the APPROVED rows of
 * `GET /scopes/access/all` (granted to us, with `inactive=true` so revoked rows are read as
 * DENIED) and, for those scopes and the ones our clients have, whether Digdir's catalogue
 * (`GET /scopes/all?inactive=true`) lists them as deactivated. Each check compares with the last
 * state seen (kept in the store's `alert_sent`, shared by every instance) and notifies each loss
 * once (claimed in `alert_sent` under a key naming when the lost state was first seen). The first check of an environment only records. Own scopes are left out:
 * deactivating them is our own doing. A PRIVATE scope is not in the catalogue, so its
 * deactivation is noticed only when Digdir also ends our access. `now` is epoch ms.
 */
export class AccessWatch {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #channels: NoticeChannels;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #environments: () => readonly Environment[];

  constructor(options: {
    db: Kysely<PortvaktDatabase>;
    channels: NoticeChannels;
    logger: Logger;
    now: () => number;
    environments: () => readonly Environment[];
  }) {
    this.#db = options.db;
    this.#channels = options.channels;
    this.#logger = options.logger;
    this.#now = options.now;
    this.#environments = options.environments;
  }

  /** Checks every environment now; returns the notices this instance sent. */
  async check(): Promise<AccessLostNotice[]> {
    const sent: AccessLostNotice[] = [];
    for (const env of this.#environments()) {
      try {
        sent.push(...(await this.#checkEnvironment(env)));
      } catch (error) {
        this.#logger.warn(
          { env: env.config.id, err: { message: (error as Error).message } },
          "access alerts: could not read what the organisation may use",
        );
      }
    }
    return sent;
  }

  async #checkEnvironment(env: Environment): Promise<AccessLostNotice[]> {
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
    const now = this.#now();
    const interesting = new Set([...approved, ...usedBy.keys(), ...seen.keys()]);
    interesting.delete(INITIALISED);
    const sent: AccessLostNotice[] = [];
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
          const key = `access:${reason}:${id}:${scope}:${before.since}`;
          if (!(await claimNotice(this.#db, key, 0, now))) continue;
          const notice = this.#notice(reason, id, scope, owner, usedBy.get(scope) ?? []);
          await sendNotice(
            this.#channels,
            this.#logger,
            notice,
            `Portvakt: ${reason === "revoked" ? "access revoked" : "scope deactivated"}: ${scope} (${id})`,
          );
          this.#logger.info({ env: id, scope, reason }, "access alert sent");
          sent.push(notice);
        }
      }
      if (!before || before.approved !== current.approved || before.active !== current.active) {
        await this.#remember(id, scope, current, now);
      }
    }
    if (!initialised) await this.#remember(id, INITIALISED, { approved: true, active: true }, now);
    return sent;
  }

  #notice(
    reason: AccessLostNotice["reason"],
    env: string,
    scope: string,
    owner: string | undefined,
    clients: AccessLostNotice["clients"],
  ): AccessLostNotice {
    const by = owner ? ` by organisation ${owner}` : "";
    const what =
      reason === "revoked"
        ? `Access to scope ${scope} was revoked${by} in environment ${env}.`
        : `Scope ${scope} was deactivated${by} in environment ${env}.`;
    const affected =
      clients.length > 0
        ? ` Clients that use it get no token for it any more: ${clients
            .map((c) => (c.client_name ? `${c.client_name} (${c.client_id})` : c.client_id))
            .join(", ")}.`
        : "";
    return {
      type: "portvakt.access-lost",
      reason,
      env,
      scope,
      ...(owner ? { owner_orgno: owner } : {}),
      clients,
      text: `${what}${affected}`,
    };
  }

  /**
   * The state last seen per scope of an environment. It is kept in `alert_sent` (no table of its
   * own): key `seen:access:<env>:<scope>`, `threshold_days` the state (2 × approved + active) and
   * `sent_at` when it was first seen (epoch ms). Of two rows for a scope (instances updating at
   * once), the newer counts.
   */
  async #seen(env: string): Promise<Map<string, Seen>> {
    const prefix = seenKey(env, "");
    const rows = await this.#db
      .selectFrom("alert_sent")
      .selectAll()
      // The environment id has no LIKE wildcards (a-z, 0-9, -); the prefix is checked again below.
      .where("key", "like", `${prefix}%`)
      .execute();
    const seen = new Map<string, Seen>();
    for (const row of rows) {
      if (!row.key.startsWith(prefix)) continue;
      const scope = row.key.slice(prefix.length);
      const since = Number(row.sent_at);
      const state = Number(row.threshold_days);
      const earlier = seen.get(scope);
      if (earlier && earlier.since >= since) continue;
      seen.set(scope, { approved: (state & 2) === 2, active: (state & 1) === 1, since });
    }
    return seen;
  }

  async #remember(
    env: string,
    scope: string,
    state: { approved: boolean; active: boolean },
    now: number,
  ): Promise<void> {
    const key = seenKey(env, scope);
    const code = (state.approved ? 2 : 0) + (state.active ? 1 : 0);
    await this.#db
      .deleteFrom("alert_sent")
      .where("key", "=", key)
      .where("threshold_days", "!=", code)
      .execute();
    await claimNotice(this.#db, key, code, now);
  }
}

function seenKey(env: string, scope: string): string {
  return `seen:access:${env}:${scope}`;
}
