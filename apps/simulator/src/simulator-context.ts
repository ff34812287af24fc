import type { HttpBindings } from "@hono/node-server";
import type { AccessTokenAuthority, GrantReplayGuard } from "./access-token";
import type { AltinnDelegations } from "./altinn-delegations";
import type { TrustAnchor } from "./certificate-chain";
import type { SimulatorClock } from "./clock";
import type { SimulatorStore } from "./store";
import type { TrafficStats } from "./traffic-stats";

/** The authenticated caller of an admin route, read from its access token. */
export interface Caller {
  clientId: string;
  orgno: string;
  scopes: Set<string>;
}

/** Everything the routes share; built once per running simulator. */
export interface SimulatorContext {
  mode: "test" | "demo";
  /** With trailing slash: the `aud` of grants. */
  issuer: string;
  store: SimulatorStore;
  clock: SimulatorClock;
  tokens: AccessTokenAuthority;
  trustAnchor: TrustAnchor;
  replayGuard: GrantReplayGuard;
  /** Altinn's consumer → supplier delegations, for grants with `consumer_org`. */
  delegations: AltinnDelegations;
  stats: TrafficStats;
}

export type SimulatorEnv = {
  Bindings: HttpBindings;
  Variables: { correlationId: string; caller: Caller };
};
