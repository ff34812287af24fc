import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { type AdminCredential, CredentialError } from "@portvakt/maskinporten";
import type { GrantAlg, GrantSigner } from "@portvakt/maskinporten-rules";
import { NODE_HASH, type RemoteKeyPlacement, remoteCredential } from "./remote";
import {
  createTokenSource,
  type TokenSource,
  type TokenSourceConfig,
  withBearer,
} from "./token-source";

/**
 * An admin credential whose private key is in Azure Key Vault or Managed HSM (config
 * `credential.type: "azureKeyVault"`). Portvakt calls two operations of the Key Vault REST API
 * (api-version 7.4; Microsoft Learn, "Key Vault REST API: Keys"): `GET {vaultUrl}/keys/{name}/{version}`
 * (the public JWK, `key.n`/`key.e`) and `POST {vaultUrl}/keys/{name}/{version}/sign` with
 * `{"alg":"RS256","value":<base64url SHA-256 digest>}`, answered `{"kid","value":<base64url signature>}`.
 * The key needs the `sign` and `get` permissions (RBAC: "Key Vault Crypto User").
 */
export interface AzureKeyVaultCredentialConfig extends RemoteKeyPlacement {
  type: "azureKeyVault";
  /** The vault's URL, e.g. `https://portvakt-prod.vault.azure.net` (https; loopback http for tests). */
  vaultUrl: string;
  keyName: string;
  /** The key version (32 hex characters); Portvakt signs with this version only. */
  keyVersion: string;
  /** Where the bearer token comes from (scope `https://vault.azure.net/.default`). */
  tokenSource: TokenSourceConfig;
}

/** The REST API version Portvakt speaks (generally available since 2023). */
export const AZURE_KEY_VAULT_API_VERSION = "7.4";

/** Key Vault's error body (`KeyVaultError`): `{"error":{"code","message"}}`, read leniently. */
function errorOf(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (body.error?.code) return `${String(body.error.code)}: ${String(body.error.message ?? "")}`;
  } catch {}
  return `HTTP ${status}`;
}

function keyUrl(config: AzureKeyVaultCredentialConfig, operation = ""): string {
  const base = config.vaultUrl.replace(/\/+$/, "");
  const name = encodeURIComponent(config.keyName);
  const version = encodeURIComponent(config.keyVersion);
  return `${base}/keys/${name}/${version}${operation}?api-version=${AZURE_KEY_VAULT_API_VERSION}`;
}

/**
 * A `GrantSigner` that asks Key Vault to sign: the grant's signing input is hashed here, only the
 * digest is sent. @throws Error naming the key and Key Vault's error code (e.g. `Forbidden`,
 * `KeyNotFound`, a disabled key's `Forbidden`/`KeyDisabled`).
 */
export function azureKeyVaultSigner(
  config: AzureKeyVaultCredentialConfig,
  tokens: TokenSource,
  alg: GrantAlg,
  doFetch: typeof fetch = fetch,
): GrantSigner {
  const name = `azure-key-vault:${config.keyName}/${config.keyVersion}`;
  return {
    sign: async (signingInput) => {
      const digest = createHash(NODE_HASH[alg]).update(signingInput).digest();
      let response: Response;
      try {
        response = await withBearer(tokens, doFetch, keyUrl(config, "/sign"), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ alg, value: digest.toString("base64url") }),
        });
      } catch (error) {
        throw new Error(
          `Azure Key Vault could not sign with ${name}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      const text = await response.text();
      if (!response.ok) {
        throw new Error(
          `Azure Key Vault could not sign with ${name}: ${errorOf(response.status, text)}`,
        );
      }
      const value = (JSON.parse(text) as { value?: unknown }).value;
      if (typeof value !== "string" || value.length === 0) {
        throw new Error(`Azure Key Vault answered no signature for ${name}`);
      }
      return Buffer.from(value, "base64url");
    },
  };
}

async function publicKeyOf(
  config: AzureKeyVaultCredentialConfig,
  tokens: TokenSource,
  doFetch: typeof fetch,
): Promise<KeyObject> {
  let response: Response;
  try {
    response = await withBearer(tokens, doFetch, keyUrl(config), { method: "GET" });
  } catch (error) {
    throw new CredentialError(
      "UNREADABLE",
      `Azure Key Vault key ${config.keyName}/${config.keyVersion}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    throw new CredentialError(
      "UNREADABLE",
      `Azure Key Vault key ${config.keyName}/${config.keyVersion} cannot be read (${errorOf(response.status, text)})`,
    );
  }
  const key = (JSON.parse(text) as { key?: { kty?: string; n?: string; e?: string } }).key;
  if (!key?.kty?.startsWith("RSA") || !key.n || !key.e) {
    throw new CredentialError(
      "UNREADABLE",
      `Azure Key Vault key ${config.keyName}/${config.keyVersion} is ${key?.kty ?? "unknown"}; Maskinporten needs an RSA key`,
    );
  }
  return createPublicKey({ key: { kty: "RSA", n: key.n, e: key.e }, format: "jwk" });
}

/**
 * Builds the credential: reads the key's public half at start (so a wrong name, version or a
 * missing permission fails the start), and with `certPath` checks it is the certificate's.
 * @throws CredentialError (`UNREADABLE`, `KEY_MISMATCH`, `CERT_EXPIRED`, …).
 */
export async function loadAzureKeyVaultCredential(
  config: AzureKeyVaultCredentialConfig,
  options: { fetch?: typeof fetch } = {},
): Promise<AdminCredential> {
  const doFetch = options.fetch ?? fetch;
  const tokens = createTokenSource(config.tokenSource, { fetch: doFetch });
  const alg: GrantAlg = "RS256";
  return remoteCredential(config, {
    publicKey: await publicKeyOf(config, tokens, doFetch),
    signer: azureKeyVaultSigner(config, tokens, alg, doFetch),
    keyService: `azure-key-vault:${config.keyName}/${config.keyVersion}`,
    alg,
  });
}
