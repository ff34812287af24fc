import { ALL_ADMIN_SCOPES } from "@portvakt/contracts";
import { CompactSign, type CryptoKey, importPKCS8 } from "jose";

/** A simulator as the grant helpers need it (a `RunningSimulator` fits). */
export interface GrantTarget {
  issuer: string;
  demo: {
    orgs: Record<string, { x5c: string[]; keyPem: string }>;
    adminClientId: string;
    consumerAdminClientId: string;
    providerOrgno: string;
    consumerOrgno: string;
    keyedClients: Array<{ clientId: string; kid: string; privateKeyPem: string }>;
  };
}

export interface SignGrantOptions {
  /** Goes into `aud` unless `claims.aud` says otherwise. */
  issuer: string;
  clientId: string;
  scope: string | string[];
  /** PKCS#8 PEM of the signing key. */
  privateKeyPem: string;
  /** Header `x5c`; any value, so tests can send a string or garbage. */
  x5c?: unknown;
  kid?: string;
  alg?: "RS256" | "RS384" | "RS512";
  /** Added to or replacing header parameters. */
  header?: Record<string, unknown>;
  /** Added to or replacing claims; a claim set to `undefined` is left out. */
  claims?: Record<string, unknown>;
  /** Epoch seconds; default now. */
  iat?: number;
  /** exp - iat; default 60. */
  lifetimeSeconds?: number;
  jti?: string;
}

const importedKeys = new Map<string, Promise<CryptoKey>>();
function signingKeyOf(pem: string, alg: string): Promise<CryptoKey> {
  const cacheKey = `${alg}\u0000${pem}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    key = importPKCS8(pem, alg);
    importedKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * Signs a JWT-bearer grant. Every part can be bent (header, claims, times), so tests can
 * provoke each of Maskinporten's error codes.
 */
export async function signGrant(options: SignGrantOptions): Promise<string> {
  const alg = options.alg ?? "RS256";
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    aud: options.issuer,
    iss: options.clientId,
    scope: Array.isArray(options.scope) ? options.scope.join(" ") : options.scope,
    iat,
    exp: iat + (options.lifetimeSeconds ?? 60),
    jti: options.jti ?? crypto.randomUUID(),
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  const header: Record<string, unknown> = {
    alg,
    ...(options.x5c !== undefined ? { x5c: options.x5c } : {}),
    ...(options.kid !== undefined ? { kid: options.kid } : {}),
    ...options.header,
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader(header as { alg: string })
    .sign(await signingKeyOf(options.privateKeyPem, alg));
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  /** The simulator's own reason for a refusal (`X-Simulator-Detail`), not part of Digdir's answer. */
  detail?: string;
}

/** Posts a grant to a token endpoint and returns status, parsed body and the simulator's detail. */
export async function requestToken(tokenEndpoint: string, assertion: string): Promise<TokenAnswer> {
  const response = await fetch(tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    }).toString(),
  });
  const detail = response.headers.get("x-simulator-detail");
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    ...(detail ? { detail } : {}),
  };
}

/** Grant options for a seeded org's business certificate (x5c). */
export function certificateGrant(
  target: GrantTarget,
  orgno: string,
  clientId: string,
  scope: string | string[],
): SignGrantOptions {
  const org = target.demo.orgs[orgno];
  if (!org) throw new Error(`The demo has no certificate for ${orgno}`);
  return { issuer: target.issuer, clientId, scope, privateKeyPem: org.keyPem, x5c: org.x5c };
}

/** Grant options for a seeded consumer client with a registered key (kid). */
export function keyedClientGrant(
  target: GrantTarget,
  clientId: string,
  scope: string | string[],
): SignGrantOptions {
  const client = target.demo.keyedClients.find((candidate) => candidate.clientId === clientId);
  if (!client) throw new Error(`The demo has no keyed client ${clientId}`);
  return {
    issuer: target.issuer,
    clientId,
    scope,
    privateKeyPem: client.privateKeyPem,
    kid: client.kid,
  };
}

/** An access token for a grant, or an error naming Maskinporten's answer. */
export async function fetchAccessToken(
  target: GrantTarget,
  grant: SignGrantOptions,
): Promise<string> {
  const answer = await requestToken(`${target.issuer}token`, await signGrant(grant));
  if (answer.status !== 200 || typeof answer.body.access_token !== "string") {
    throw new Error(`Token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.access_token;
}

/** A token for 991825827's demo admin client (every admin scope unless `scope` narrows it). */
export function providerAdminToken(
  target: GrantTarget,
  scope: string | string[] = ALL_ADMIN_SCOPES,
): Promise<string> {
  return fetchAccessToken(
    target,
    certificateGrant(target, target.demo.providerOrgno, target.demo.adminClientId, scope),
  );
}

/** A token for 889640782's demo admin client (dcr scopes and scopes.read by default). */
export function consumerAdminToken(
  target: GrantTarget,
  scope: string | string[] = [
    "idporten:dcr.read",
    "idporten:dcr.write",
    "idporten:dcr.modify",
    "idporten:scopes.read",
  ],
): Promise<string> {
  return fetchAccessToken(
    target,
    certificateGrant(target, target.demo.consumerOrgno, target.demo.consumerAdminClientId, scope),
  );
}
