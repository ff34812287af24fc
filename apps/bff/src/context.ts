import type { Environment } from "./upstream";

/** Hono's typed context of the BFF: what middleware puts on each request. */
export interface BffEnv {
  Variables: {
    requestId: string;
    environments: Environments;
  };
}

/** The configured environments, looked up by the `{env}` path segment. */
export class Environments {
  readonly #byId: Map<string, Environment>;
  constructor(list: readonly Environment[]) {
    this.#byId = new Map(list.map((env) => [env.config.id, env]));
  }
  get(id: string): Environment | undefined {
    return this.#byId.get(id);
  }
  ids(): string[] {
    return [...this.#byId.keys()];
  }
  all(): Environment[] {
    return [...this.#byId.values()];
  }
}
