import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

/**
 * A database that stops answering, for tests (pass it in `databasePlugins`): while it is down
 * every query of the BFF's database fails before it is sent (audit writes, change requests,
 * tokens, bulk jobs alike), as in a real outage of the one database they share; unlike
 * `injectAuditFaults`, which refuses audit entries only. `downFrom(tables)` starts the outage
 * at the first query that touches one of `tables` (that query fails too): "the database went
 * down between the read and the write". Tests only.
 */
export class DatabaseOutage implements KyselyPlugin {
  #down = false;
  #from: readonly string[] | undefined;
  /** Queries refused so far. */
  refused = 0;

  /** Every query fails from now on, until `end`. */
  down(): void {
    this.#down = true;
  }

  /** Every query fails from the first one that names one of `tables` on, until `end`. */
  downFrom(tables: readonly string[]): void {
    this.#from = tables;
  }

  /** The database answers again. */
  end(): void {
    this.#down = false;
    this.#from = undefined;
  }

  get isDown(): boolean {
    return this.#down;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!this.#down && this.#from) {
      const text = JSON.stringify(args.node);
      if (this.#from.some((table) => text.includes(`"${table}"`))) this.#down = true;
    }
    if (this.#down) {
      this.refused++;
      throw new Error("database down (test)");
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
