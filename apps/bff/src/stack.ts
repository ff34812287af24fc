import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { loadCredential, SelfServiceClient, TokenClient } from "@portvakt/maskinporten";
import { type RunningSimulator, startSimulator } from "@portvakt/simulator";
import { DEMO_GROUPS, type RunningDemoIdp, startDemoIdp } from "@portvakt/simulator/idp";
import type { KyselyPlugin } from "kysely";
import type { Logger } from "pino";
import type { BulkJobSettings } from "./bulk/jobs";
import { type PortvaktConfigInput, parseConfig } from "./config";
import { createLogger } from "./logger";
import { type RunningBff, startBff } from "./server";
import { freePort } from "./testing/free-port";

let idpKeyOfTests: KeyObject | undefined;

/**
 * The demo sign-in provider's RSA signing key for test-mode stacks, made once per process
 * (`DemoIdpOptions.signingKey`): each provider is still an issuer of its own (its own port),
 * so an ID token of one stack's provider is never valid at another stack's BFF.
 */
function testIdpSigningKey(): KeyObject {
  idpKeyOfTests ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  return idpKeyOfTests;
}

export interface StackOptions {
  /** demo: state kept under dataDir across restarts; test: fresh seeded state, control routes on. */
  mode: "demo" | "test";
  port?: number;
  simulatorPort?: number;
  dataDir?: string;
  webDist?: string;
  logger?: Logger;
  upstreamTimeoutMs?: number;
  /** How often the BFF reads its credential files again (tests shorten it). */
  credentialCheckSeconds?: number;
  /** Timing of outcome checks after a lost answer (see `PortvaktConfig.outcome`). */
  outcome?: { windowMs?: number; settleMs?: number; intervalMs?: number; orphanMs?: number };
  /** PostgreSQL for the audit log; defaults to DATABASE_URL, else SQLite in the data folder. */
  databaseUrl?: string;
  idpPort?: number;
  /** The origin browsers use, when it is not the BFF's own (the Vite dev server proxying to it). */
  publicOrigin?: string;
  /** A second environment, kind prod, on the same simulator: to see and test the prod guards. */
  withProdEnvironment?: boolean;
  /**
   * The prod environment on a simulator of its own (seeded like the first, its own state): two
   * environments that can differ, for promotion from one to the other (issue 18, 3).
   */
  prodSimulator?: boolean;
  /**
   * A further environment `prod-review`, kind prod with four-eyes on, on the same simulator: its
   * changes become change requests (issue 18 #2).
   */
  withFourEyesEnvironment?: boolean;
  /** Environments (ids) whose changes become change requests, besides `prod-review`. */
  fourEyes?: string[];
  /** Change requests' life (default 7 days). */
  changeRequests?: PortvaktConfigInput["changeRequests"];
  /** Session and rate-limit settings (tests lower them). */
  mutationsPerMinute?: number;
  idleTimeoutMinutes?: number;
  signInPerMinute?: number;
  /** How often roles are re-checked with the demo provider (tests lower it). */
  roleRecheckMinutes?: number;
  /** Proxies whose X-Forwarded-For is believed (tests of the per-address sign-in limit). */
  trustedProxies?: string[];
  /**
   * The BFF's clock for sessions, readiness and the settling of unknown outcomes, epoch ms
   * (tests move it instead of waiting).
   */
  now?: () => number;
  /** Kysely plugins of the BFF's database (tests: `DatabaseOutage`, see `startBff`). */
  databasePlugins?: readonly KyselyPlugin[];
  /** Bulk jobs' settings over their defaults (`startBff`'s `bulkJobs`: a shorter lease, ms). */
  bulkJobs?: Partial<BulkJobSettings>;
  /** Where the /metrics bearer token is (tests of the metrics guard). */
  metricsTokenFile?: string;
  /**
   * Points the demo environment at another Digdir stand-in (e.g. the replay suite's recording
   * server) instead of the simulator; the simulator's demo certificate still signs the grants.
   */
  upstream?: { issuer: string; apiBaseUrl: string };
  /** Expiry alerts (tests of issue 18 #1). */
  alerts?: PortvaktConfigInput["alerts"];
  /**
   * Own-key mode: a new RSA key is registered on the demo admin client (with the certificate,
   * through Digdir's API, as a person would) and the demo environment signs its grants with it
   * (a `jwk` credential file). The certificate is refused for that client from then on (MP-123).
   */
  ownAdminKey?: boolean;
  /** Own-key rotation settings (tests of issue 18 #5). */
  adminKeyRotation?: PortvaktConfigInput["adminKeyRotation"];
  /**
   * The demo environment's credential, made by the test (e.g. a key in a KMS stand-in) from the
   * simulator and the business certificate's files; `registerAdminKey` registers a public key on
   * the admin client for own-key mode.
   */
  adminCredential?: (context: {
    simulator: RunningSimulator;
    keyPath: string;
    certPath: string;
    registerAdminKey: (publicJwk: { kid: string; n: string; e: string }) => Promise<void>;
  }) => Promise<PortvaktConfigInput["environments"][number]["credential"]>;
  /**
   * A second environment `nav`, kind test, on the same simulator, signed in as the demo consumer
   * organisation (889640782) with its admin client: to see what a consumer sees when the demo
   * provider revokes its access or deactivates a scope.
   */
  withConsumerEnvironment?: boolean;
  /** Audit retention and streaming (tests of issue 18 #6). */
  auditLog?: PortvaktConfigInput["auditLog"];
  /** The Enhetsregisteret look-up: `false` switches it off (names only); an object overrides its settings. */
  enhetsregisteret?: false | { ttlSeconds?: number; maxEntries?: number };
}

export interface RunningStack {
  url: string;
  simulator: RunningSimulator;
  /** The prod environment's own simulator (`prodSimulator`); else prod shares `simulator`. */
  prodSimulator?: RunningSimulator;
  idp: RunningDemoIdp;
  bff: RunningBff;
  config: PortvaktConfigInput;
  close(): Promise<void>;
}

/** A secret kept in a file of the data folder, made on first use (0600). */
async function secretFile(path: string): Promise<string> {
  if (!existsSync(path))
    await writeFile(path, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return path;
}

/** Registers an RSA public key on the demo admin client (replacing its keys), signed in with the certificate. */
async function registerAdminKey(
  simulator: RunningSimulator,
  keyPath: string,
  certPath: string,
  publicJwk: { kid: string; n: string; e: string },
): Promise<void> {
  const tokens = new TokenClient({
    issuer: simulator.issuer,
    clientId: simulator.demo.adminClientId,
    credential: await loadCredential({ type: "pem", keyPath, certPath }),
    allowInsecureHttp: true,
  });
  const api = new SelfServiceClient({
    baseUrl: simulator.apiBaseUrl,
    tokens,
    adminScopes: [...ALL_ADMIN_SCOPES],
  });
  await api.replaceJwks(simulator.demo.adminClientId, {
    keys: [{ kty: "RSA", ...publicJwk, use: "sig", alg: "RS256" }],
  });
}

/**
 * Registers a new RSA key on the demo admin client through the self-service API (signed in with
 * the business certificate) and writes its private JWK beside the other credential files (0600).
 * Answers the `jwk` credential configuration that uses it.
 */
async function registerOwnAdminKey(
  simulator: RunningSimulator,
  credentialDir: string,
  keyPath: string,
  certPath: string,
): Promise<{ type: "jwk"; path: string; orgno: string }> {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = `portvakt-admin-${randomUUID()}`;
  const publicJwk = publicKey.export({ format: "jwk" });
  await registerAdminKey(simulator, keyPath, certPath, {
    kid,
    n: String(publicJwk.n),
    e: String(publicJwk.e),
  });
  const path = join(credentialDir, "admin-key.jwk.json");
  await writeFile(
    path,
    JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid, alg: "RS256" }),
    { mode: 0o600 },
  );
  return { type: "jwk", path, orgno: simulator.demo.providerOrgno };
}

/**
 * The simulator, the demo sign-in provider and a BFF configured with the simulator's provider admin client, as an
 * organisation would configure Portvakt against Digdir: the business certificate's key and
 * chain as PEM files on disk.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const simulator = await startSimulator({
    mode: options.mode,
    port: options.simulatorPort ?? 0,
    ...(options.dataDir ? { dataDir: join(options.dataDir, "simulator") } : {}),
  });
  const credentialDir = options.dataDir
    ? join(options.dataDir, "bff")
    : await mkdtemp(join(tmpdir(), "portvakt-stack-"));
  await mkdir(credentialDir, { recursive: true, mode: 0o700 });
  const provider = simulator.demo.orgs[simulator.demo.providerOrgno]!;
  const keyPath = join(credentialDir, "admin-key.pem");
  const certPath = join(credentialDir, "admin-chain.pem");
  await writeFile(keyPath, provider.keyPem, { mode: 0o600 });
  await writeFile(certPath, provider.chainPem);
  let prodSimulator: RunningSimulator | undefined;
  let prodKeyPath = keyPath;
  let prodCertPath = certPath;
  if (options.withProdEnvironment && options.prodSimulator) {
    prodSimulator = await startSimulator({
      mode: options.mode,
      port: 0,
      ...(options.dataDir ? { dataDir: join(options.dataDir, "simulator-prod") } : {}),
    });
    const prodProvider = prodSimulator.demo.orgs[prodSimulator.demo.providerOrgno]!;
    prodKeyPath = join(credentialDir, "prod-admin-key.pem");
    prodCertPath = join(credentialDir, "prod-admin-chain.pem");
    await writeFile(prodKeyPath, prodProvider.keyPem, { mode: 0o600 });
    await writeFile(prodCertPath, prodProvider.chainPem);
  }
  const prodUpstream = prodSimulator ?? simulator;
  const demoCredential = options.adminCredential
    ? await options.adminCredential({
        simulator,
        keyPath,
        certPath,
        registerAdminKey: (jwk) => registerAdminKey(simulator, keyPath, certPath, jwk),
      })
    : options.ownAdminKey
      ? await registerOwnAdminKey(simulator, credentialDir, keyPath, certPath)
      : ({ type: "pem", keyPath, certPath } as const);
  const consumer = simulator.demo.orgs[simulator.demo.consumerOrgno]!;
  const consumerKeyPath = join(credentialDir, "consumer-admin-key.pem");
  const consumerCertPath = join(credentialDir, "consumer-admin-chain.pem");
  if (options.withConsumerEnvironment) {
    await writeFile(consumerKeyPath, consumer.keyPem, { mode: 0o600 });
    await writeFile(consumerCertPath, consumer.chainPem);
  }

  // The sign-in provider must know the BFF's callback before the BFF starts: fix the port first.
  const port = options.port || (await freePort());
  const publicOrigin = options.publicOrigin ?? `http://127.0.0.1:${port}`;
  const clientSecretPath = await secretFile(join(credentialDir, "idp-client-secret"));
  const idp = await startDemoIdp({
    port: options.idpPort ?? 0,
    ...(options.mode === "test" ? { signingKey: testIdpSigningKey() } : {}),
    clients: [
      {
        clientId: "portvakt-demo",
        clientSecret: await readFile(clientSecretPath, "utf8"),
        redirectUris: [`${publicOrigin}/auth/callback`],
        postLogoutRedirectUris: [`${publicOrigin}/`],
      },
    ],
  });

  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const config: PortvaktConfigInput = {
    port,
    host: "127.0.0.1",
    publicOrigin,
    metricsEnabled: true,
    auditDatabasePath: join(credentialDir, "portvakt.db"),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    ...(options.metricsTokenFile ? { metricsTokenFile: options.metricsTokenFile } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.auditLog ? { auditLog: options.auditLog } : {}),
    ...(options.alerts ? { alerts: options.alerts } : {}),
    ...(options.adminKeyRotation ? { adminKeyRotation: options.adminKeyRotation } : {}),
    ...(options.changeRequests ? { changeRequests: options.changeRequests } : {}),
    auth: {
      issuer: idp.issuer,
      clientId: "portvakt-demo",
      clientSecretFile: clientSecretPath,
      roleClaim: "groups",
      roles: {
        "*": {
          admin: [DEMO_GROUPS.admin],
          operator: [DEMO_GROUPS.operator],
          viewer: [DEMO_GROUPS.viewer],
        },
      },
      sessionSecretFile: await secretFile(join(credentialDir, "session-secret")),
      ...(options.mutationsPerMinute ? { mutationsPerMinute: options.mutationsPerMinute } : {}),
      ...(options.idleTimeoutMinutes ? { idleTimeoutMinutes: options.idleTimeoutMinutes } : {}),
      ...(options.signInPerMinute ? { signInPerMinute: options.signInPerMinute } : {}),
      ...(options.roleRecheckMinutes ? { roleRecheckMinutes: options.roleRecheckMinutes } : {}),
      allowInsecureHttp: true,
    },
    logLevel: "info",
    ...(options.upstreamTimeoutMs ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
    ...(options.credentialCheckSeconds
      ? { credentialCheckSeconds: options.credentialCheckSeconds }
      : {}),
    ...(options.outcome ? { outcome: options.outcome } : {}),
    ...(options.webDist ? { webDist: options.webDist } : {}),
    // The simulator serves Enhetsregisteret's open API shape; tests may switch the look-up off.
    enhetsregisteret: {
      ...(options.enhetsregisteret === false
        ? {}
        : { baseUrl: `${simulator.url}/enhetsregisteret/api` }),
      ...(typeof options.enhetsregisteret === "object" ? options.enhetsregisteret : {}),
    },
    environments: [
      {
        id: "demo",
        label: options.upstream ? "Demo (replay)" : "Demo (simulator)",
        kind: "demo",
        issuer: options.upstream?.issuer ?? simulator.issuer,
        apiBaseUrl: options.upstream?.apiBaseUrl ?? simulator.apiBaseUrl,
        clientId: simulator.demo.adminClientId,
        adminScopes: [...ALL_ADMIN_SCOPES],
        credential: demoCredential,
        allowInsecureHttp: true,
        fourEyes: options.fourEyes?.includes("demo") ?? false,
      },
      ...(options.withConsumerEnvironment
        ? [
            {
              id: "nav",
              label: "NAV (consumer, simulator)",
              kind: "test" as const,
              issuer: simulator.issuer,
              apiBaseUrl: simulator.apiBaseUrl,
              clientId: simulator.demo.consumerAdminClientId,
              adminScopes: [
                "idporten:dcr.read",
                "idporten:dcr.write",
                "idporten:dcr.modify",
                "idporten:scopes.read",
              ],
              credential: {
                type: "pem" as const,
                keyPath: consumerKeyPath,
                certPath: consumerCertPath,
              },
              allowInsecureHttp: true,
            },
          ]
        : []),
      ...(options.withProdEnvironment
        ? [
            {
              id: "prod",
              label: "Prod (simulator)",
              kind: "prod" as const,
              issuer: prodUpstream.issuer,
              apiBaseUrl: prodUpstream.apiBaseUrl,
              clientId: prodUpstream.demo.adminClientId,
              adminScopes: [...ALL_ADMIN_SCOPES],
              credential: {
                type: "pem" as const,
                keyPath: prodKeyPath,
                certPath: prodCertPath,
              },
              allowInsecureHttp: true,
              fourEyes: options.fourEyes?.includes("prod") ?? false,
            },
          ]
        : []),
      ...(options.withFourEyesEnvironment
        ? [
            {
              id: "prod-review",
              label: "Prod, four-eyes (simulator)",
              kind: "prod" as const,
              issuer: simulator.issuer,
              apiBaseUrl: simulator.apiBaseUrl,
              clientId: simulator.demo.adminClientId,
              adminScopes: [...ALL_ADMIN_SCOPES],
              credential: { type: "pem" as const, keyPath, certPath },
              allowInsecureHttp: true,
              fourEyes: true,
            },
          ]
        : []),
    ],
  };
  const logger = options.logger ?? createLogger("info");
  let bff: RunningBff;
  try {
    bff = await startBff(parseConfig(config, "demo configuration"), logger, {
      ...(options.now ? { now: options.now } : {}),
      ...(options.databasePlugins ? { databasePlugins: options.databasePlugins } : {}),
      ...(options.bulkJobs ? { bulkJobs: options.bulkJobs } : {}),
    });
  } catch (error) {
    await idp.close();
    await simulator.close();
    await prodSimulator?.close();
    throw error;
  }
  return {
    url: bff.url,
    simulator,
    ...(prodSimulator ? { prodSimulator } : {}),
    idp,
    bff,
    config,
    close: async () => {
      await bff.close();
      await idp.close();
      await simulator.close();
      await prodSimulator?.close();
      if (!options.dataDir) await rm(credentialDir, { recursive: true, force: true });
    },
  };
}
