import {
  constants,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  privateEncrypt,
  randomBytes,
} from "node:crypto";
import { DIGEST_INFO_PREFIX, StandInError, startStandInServer } from "./cloud-stand-in-http";

/**
 * A stand-in for Azure Key Vault on loopback, for tests. It speaks the Key Vault REST API's shapes
 * (Microsoft Learn, "Keys - Get Key" and "Keys - Sign", api-version 7.4): `GET /keys/{name}/{version}`
 * answers `{"key":{"kid","kty":"RSA","key_ops","n","e"},"attributes":{…}}`; `POST
 * /keys/{name}/{version}/sign` takes `{"alg":"RS256|RS384|RS512","value":<base64url digest>}` and
 * answers `{"kid","value":<base64url signature>}`; errors are `{"error":{"code","message"}}`
 * (401 Unauthorized without a valid bearer token, 404 KeyNotFound, 403 Forbidden for a disabled
 * key, 400 BadParameter). Its token endpoint `POST /token` is OAuth 2.0 client credentials
 * (Entra ID's shape) for the one client it was given.
 */
export interface AzureKeyVaultStandIn {
  url: string;
  /** The token endpoint (client credentials). */
  tokenUrl: string;
  /** Adds an RSA key version (new or imported material); answers its version id. */
  addKey(name: string, options?: { privateKey?: KeyObject }): string;
  disable(name: string, version: string): void;
  /** Sign requests answered with a signature, by `name/version`. */
  signs: Map<string, number>;
  /** Tokens the token endpoint issued. */
  tokensIssued(): number;
  /** Every issued token stops working (as after expiry): the next call gets 401. */
  revokeTokens(): void;
  close(): Promise<void>;
}

const ALG_HASH = { RS256: "sha256", RS384: "sha384", RS512: "sha512" } as const;

export async function startAzureKeyVaultStandIn(client: {
  clientId: string;
  clientSecret: string;
}): Promise<AzureKeyVaultStandIn> {
  const keys = new Map<string, { privateKey: KeyObject; enabled: boolean }>();
  const signs = new Map<string, number>();
  let issued = 0;
  const fail = (status: number, code: string, message: string): never => {
    throw new StandInError(status, { error: { code, message } });
  };
  const server = await startStandInServer((request) => {
    if (request.path === "/token" && request.method === "POST") {
      const form = new URLSearchParams(request.body);
      if (
        form.get("grant_type") !== "client_credentials" ||
        form.get("client_id") !== client.clientId ||
        form.get("client_secret") !== client.clientSecret
      ) {
        throw new StandInError(401, {
          error: "invalid_client",
          error_description: "AADSTS7000215: Invalid client secret provided.",
        });
      }
      if (form.get("scope") !== "https://vault.azure.net/.default") {
        throw new StandInError(400, { error: "invalid_scope" });
      }
      issued += 1;
      return { token_type: "Bearer", expires_in: 3599, access_token: server.issue() };
    }
    if (!server.valid(request.headers.authorization)) {
      fail(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
    }
    if (request.query.get("api-version") !== "7.4") {
      fail(400, "BadParameter", "The specified version of the API is not supported");
    }
    const match = /^\/keys\/([^/]+)\/([^/]+)(\/sign)?$/.exec(request.path);
    if (!match) return fail(404, "NotFound", `No route ${request.path}`);
    const [, name, version, sign] = match;
    const id = `${name}/${version}`;
    const key =
      keys.get(id) ??
      fail(404, "KeyNotFound", `A key with (name/id) ${id} was not found in this key vault.`);
    const kid = `${server.url}/keys/${id}`;
    if (!sign && request.method === "GET") {
      const jwk = createPublicKey(key.privateKey).export({ format: "jwk" });
      return {
        key: { kid, kty: "RSA", key_ops: ["sign", "verify"], n: jwk.n, e: jwk.e },
        attributes: {
          enabled: key.enabled,
          created: 1_700_000_000,
          updated: 1_700_000_000,
          recoveryLevel: "Recoverable",
        },
      };
    }
    if (!sign || request.method !== "POST") return fail(405, "BadParameter", "Method not allowed");
    if (!key.enabled) fail(403, "Forbidden", "Operation sign is not allowed on a disabled key.");
    const body = JSON.parse(request.body || "{}") as { alg?: string; value?: string };
    const hash = ALG_HASH[body.alg as keyof typeof ALG_HASH];
    if (!hash) return fail(400, "BadParameter", `Invalid algorithm ${String(body.alg)}`);
    const digest = Buffer.from(String(body.value ?? ""), "base64url");
    const prefix = DIGEST_INFO_PREFIX[hash];
    if (digest.length !== prefix[prefix.length - 1]) {
      fail(400, "BadParameter", "Invalid length of the digest for the algorithm");
    }
    const signature = privateEncrypt(
      { key: key.privateKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.concat([prefix, digest]),
    );
    signs.set(id, (signs.get(id) ?? 0) + 1);
    return { kid, value: signature.toString("base64url") };
  });
  return {
    url: server.url,
    tokenUrl: `${server.url}/token`,
    signs,
    addKey: (name, { privateKey } = {}) => {
      const version = randomBytes(16).toString("hex");
      const key = privateKey ?? generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      keys.set(`${name}/${version}`, {
        privateKey: createPrivateKey(key.export({ format: "pem", type: "pkcs8" })),
        enabled: true,
      });
      return version;
    },
    disable: (name, version) => {
      const key = keys.get(`${name}/${version}`);
      if (key) key.enabled = false;
    },
    tokensIssued: () => issued,
    revokeTokens: () => server.revokeAll(),
    close: server.close,
  };
}
