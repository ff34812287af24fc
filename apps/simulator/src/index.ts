import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createAdaptorServer, type HttpBindings } from "@hono/node-server";
import { AccessTokenAuthority, GrantReplayGuard } from "./access-token";
import { AltinnDelegations } from "./altinn-delegations";
import { createSimulatorApp } from "./app";
import { TrustAnchor } from "./certificate-chain";
import { SimulatorClock } from "./clock";
import { FaultInjector } from "./control";
import {
  DEFAULT_DATA_DIR,
  demoPaths,
  loadOrCreateDemoMaterial,
  readStateSnapshot,
  writeStateSnapshot,
} from "./demo-data-folder";
import type { ClientKeyPair } from "./pki";
import {
  ADMIN_CLIENT_ID,
  CONSUMER_ADMIN_CLIENT_ID,
  CONSUMER_ORGNO,
  DEMO_KEYED_CLIENTS,
  type DemoMaterial,
  PROVIDER_ORGNO,
  seedDemoState,
  sharedDemoMaterial,
} from "./seed";
import type { SimulatorContext } from "./simulator-context";
import { SimulatorStore } from "./store";
import { TrafficStats } from "./traffic-stats";

export interface SimulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** `test`: fresh in-memory state and the `/__control` API. `demo`: state kept in `dataDir`. */
  mode: "test" | "demo";
  /** Demo mode only; default `<repo>/.data/simulator`. */
  dataDir?: string;
  /** Start with the demo organisations, scopes, grants and clients (default true). */
  seed?: boolean;
}

/** One seeded organisation's business certificate in every form a client might want it. */
export interface DemoOrganizationCredentials {
  orgno: string;
  name: string;
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  /** Leaf then CA. */
  chainPem: string;
  /** For a grant's `x5c` header: base64 DER, leaf first. */
  x5c: string[];
  /** PKCS#12 of key, certificate and CA. */
  p12: Uint8Array;
  p12Password: string;
  /** Demo mode: the folder holding cert.pem, key.pem, chain.pem and cert.p12. */
  dir?: string;
}

/** A seeded consumer client that authenticates with a registered key (`kid`). */
export interface DemoKeyedClientCredentials {
  clientId: string;
  clientName: string;
  orgno: string;
  kid: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  publicJwk: ClientKeyPair["publicJwk"];
  /** Demo mode: the PEM file of the private key. */
  keyPath?: string;
}

export interface DemoCredentials {
  ca: { certPem: string; path?: string };
  orgs: Record<string, DemoOrganizationCredentials>;
  /** 991825827's admin client, holding every admin scope; authenticates with x5c. */
  adminClientId: typeof ADMIN_CLIENT_ID;
  /** 889640782's admin client: dcr scopes and scopes.read; authenticates with x5c. */
  consumerAdminClientId: typeof CONSUMER_ADMIN_CLIENT_ID;
  providerOrgno: typeof PROVIDER_ORGNO;
  consumerOrgno: typeof CONSUMER_ORGNO;
  keyedClients: DemoKeyedClientCredentials[];
  dataDir?: string;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** url + "/": the `aud` of grants; the token endpoint is issuer + "token". */
  issuer: string;
  tokenEndpoint: string;
  /** Same as url: paths are /api/v1/... */
  apiBaseUrl: string;
  mode: "test" | "demo";
  demo: DemoCredentials;
  store: SimulatorStore;
  close(): Promise<void>;
}

function credentialsOf(material: DemoMaterial, dataDir: string | undefined): DemoCredentials {
  const paths = dataDir ? demoPaths(dataDir) : undefined;
  const orgs: Record<string, DemoOrganizationCredentials> = {};
  for (const org of Object.values(material.orgs)) {
    orgs[org.orgno] = {
      orgno: org.orgno,
      name: org.name,
      certPem: org.certPem,
      keyPem: org.keyPem,
      chainPem: org.chainPem,
      x5c: [...org.x5c],
      p12: org.p12,
      p12Password: org.p12Password,
      ...(paths ? { dir: paths.orgDir(org.orgno) } : {}),
    };
  }
  return {
    ca: { certPem: material.ca.certPem, ...(paths ? { path: paths.caCert } : {}) },
    orgs,
    adminClientId: ADMIN_CLIENT_ID,
    consumerAdminClientId: CONSUMER_ADMIN_CLIENT_ID,
    providerOrgno: PROVIDER_ORGNO,
    consumerOrgno: CONSUMER_ORGNO,
    keyedClients: DEMO_KEYED_CLIENTS.map((client, index) => {
      const key = material.clientKeys[index]!;
      return {
        clientId: client.clientId,
        clientName: client.name,
        orgno: CONSUMER_ORGNO,
        kid: key.kid,
        privateKeyPem: key.privateKeyPem,
        publicJwk: key.publicJwk,
        ...(paths ? { keyPath: paths.clientKey(key.kid) } : {}),
      };
    }),
    ...(dataDir ? { dataDir } : {}),
  };
}

/** Starts a Maskinporten + self-service API stand-in on a loopback port. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const mode = options.mode;
  const host = options.host ?? "127.0.0.1";
  const dataDir = mode === "demo" ? resolve(options.dataDir ?? DEFAULT_DATA_DIR) : undefined;
  const seed = options.seed ?? true;

  let material: DemoMaterial;
  let fresh = true;
  if (dataDir) ({ material, fresh } = await loadOrCreateDemoMaterial(dataDir));
  else material = await sharedDemoMaterial();

  const clock = new SimulatorClock();
  const store = new SimulatorStore(clock);
  const snapshot = dataDir && !fresh ? readStateSnapshot(dataDir) : undefined;
  if (snapshot) store.loadSnapshot(snapshot);
  else if (seed) seedDemoState(store, material);
  const persist = dataDir ? () => writeStateSnapshot(dataDir, store.toSnapshot()) : undefined;
  persist?.();

  let handle: (request: Request, env: HttpBindings) => Response | Promise<Response> = () =>
    new Response("starting", { status: 503 });
  const server = createAdaptorServer({
    fetch: (request, env) => handle(request, env as HttpBindings),
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost =
    host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  const issuer = `${url}/`;

  const ctx: SimulatorContext = {
    mode,
    issuer,
    store,
    clock,
    tokens: await AccessTokenAuthority.create(material.signingKey, issuer, clock),
    trustAnchor: new TrustAnchor(material.ca.certPem),
    replayGuard: new GrantReplayGuard(),
    delegations: new AltinnDelegations(),
    stats: new TrafficStats(),
  };
  const faults = new FaultInjector();
  const app = createSimulatorApp(ctx, {
    ...(mode === "test"
      ? {
          control: {
            faults,
            reset: async () => {
              faults.clear();
              ctx.stats.reset();
              ctx.replayGuard.clear();
              ctx.delegations.clear();
              clock.setOffsetSeconds(0);
              if (seed) seedDemoState(store, material);
              else store.clear();
            },
          },
        }
      : {}),
    ...(persist ? { persist } : {}),
  });
  handle = (request, env) => app.fetch(request, env);

  return {
    url,
    issuer,
    tokenEndpoint: `${issuer}token`,
    apiBaseUrl: url,
    mode,
    demo: credentialsOf(material, dataDir),
    store,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}

export { SimulatorClock } from "./clock";
export type { FaultSpec } from "./control";
export { DEFAULT_DATA_DIR, readDemoMaterial } from "./demo-data-folder";
export {
  type BusinessCertificate,
  businessCertificateFromPem,
  type CertificateAuthority,
  type ClientKeyPair,
  type CreateCaOptions,
  clientKeyPairFromPem,
  createCa,
  createClientKeyPair,
  type IssueBusinessCertificateOptions,
  importSigningKey,
  issueBusinessCertificate,
  loadCa,
  OID_ORGANIZATION_IDENTIFIER,
  OID_SERIAL_NUMBER,
  type ToPkcs12Options,
  toPkcs12,
} from "./pki";
export {
  ADMIN_CLIENT_ID,
  CONSUMER_ADMIN_CLIENT_ID,
  CONSUMER_ORGNO,
  createDemoMaterial,
  DEMO_LEGACY_KEY_CLIENT_ID,
  DEMO_LEGACY_KID,
  DEMO_P12_PASSWORD,
  type DemoMaterial,
  PROVIDER_ORGNO,
  seedDemoState,
  sharedDemoMaterial,
  useSharedDemoMaterial,
} from "./seed";
export {
  SimulatorStore,
  type StoredJwks,
  type StoredKey,
  type StoreSnapshot,
} from "./store";
export {
  certificateGrant,
  consumerAdminToken,
  fetchAccessToken,
  type GrantTarget,
  keyedClientGrant,
  providerAdminToken,
  requestToken,
  type SignGrantOptions,
  signGrant,
  type TokenAnswer,
} from "./testing/grant";
export { callSelfService, type SelfServiceAnswer, scopeQuery } from "./testing/self-service";
export type { TrafficStatsReport } from "./traffic-stats";
