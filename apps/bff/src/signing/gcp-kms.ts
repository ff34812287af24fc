import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { type AdminCredential, CredentialError } from "@portvakt/maskinporten";
import type { GrantSigner } from "@portvakt/maskinporten-rules";
import { type RemoteKeyPlacement, remoteCredential } from "./remote";
import {
  createTokenSource,
  type TokenSource,
  type TokenSourceConfig,
  withBearer,
} from "./token-source";

/**
 * An admin credential whose private key is in Google Cloud KMS (config `credential.type:
 * "gcpKms"`). Portvakt calls two methods of the Cloud KMS REST API v1 (Google Cloud docs,
 * "cryptoKeyVersions.getPublicKey" and "cryptoKeyVersions.asymmetricSign"):
 * `GET {endpoint}/v1/{name}/publicKey` (answers `{"pem","algorithm",…}`) and
 * `POST {endpoint}/v1/{name}:asymmetricSign` with `{"digest":{"sha256":<base64>}}`, answered
 * `{"signature":<base64>,"name",…}`. The key version's algorithm must be RSASSA-PKCS1-v1_5 with
 * SHA-256 (`RSA_SIGN_PKCS1_2048_SHA256`, `_3072_`, `_4096_`): the grant is RS256. The service
 * account needs `cloudkms.cryptoKeyVersions.useToSign` and `.viewPublicKey`.
 */
export interface GcpKmsCredentialConfig extends RemoteKeyPlacement {
  type: "gcpKms";
  /** `projects/{p}/locations/{l}/keyRings/{r}/cryptoKeys/{k}/cryptoKeyVersions/{v}`. */
  keyVersionName: string;
  /** The API's base URL; default Cloud KMS's (the docs' service endpoint). */
  endpoint?: string;
  /** Where the bearer token comes from (scope `https://www.googleapis.com/auth/cloudkms`). */
  tokenSource: TokenSourceConfig;
}

/** Cloud KMS's service endpoint (Google Cloud docs, Cloud KMS REST reference, "Service endpoint"). */
export const GCP_KMS_ENDPOINT = "https://cloudkms.googleapis.com";

/** The key version algorithms that make an RS256 signature (CryptoKeyVersionAlgorithm). */
const RS256_ALGORITHMS = new Set([
  "RSA_SIGN_PKCS1_2048_SHA256",
  "RSA_SIGN_PKCS1_3072_SHA256",
  "RSA_SIGN_PKCS1_4096_SHA256",
]);

/** Google's error body (`{"error":{"code","message","status"}}`), read leniently. */
function errorOf(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { status?: unknown; message?: unknown } };
    if (body.error?.status)
      return `${String(body.error.status)}: ${String(body.error.message ?? "")}`;
  } catch {}
  return `HTTP ${status}`;
}

function url(config: GcpKmsCredentialConfig, suffix: string): string {
  return `${(config.endpoint ?? GCP_KMS_ENDPOINT).replace(/\/+$/, "")}/v1/${config.keyVersionName}${suffix}`;
}

/**
 * A `GrantSigner` that asks Cloud KMS to sign the SHA-256 digest of the signing input (only the
 * digest leaves the process). @throws Error naming the key version and Google's status
 * (e.g. `PERMISSION_DENIED`, `FAILED_PRECONDITION` for a disabled version).
 */
export function gcpKmsSigner(
  config: GcpKmsCredentialConfig,
  tokens: TokenSource,
  doFetch: typeof fetch = fetch,
): GrantSigner {
  return {
    sign: async (signingInput) => {
      const digest = createHash("sha256").update(signingInput).digest();
      const fail = (reason: string, cause?: unknown) =>
        new Error(`Google Cloud KMS could not sign with ${config.keyVersionName}: ${reason}`, {
          cause,
        });
      let response: Response;
      try {
        response = await withBearer(tokens, doFetch, url(config, ":asymmetricSign"), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ digest: { sha256: digest.toString("base64") } }),
        });
      } catch (error) {
        throw fail((error as Error).message, error);
      }
      const text = await response.text();
      if (!response.ok) throw fail(errorOf(response.status, text));
      const signature = (JSON.parse(text) as { signature?: unknown }).signature;
      if (typeof signature !== "string" || signature.length === 0) throw fail("no signature");
      return Buffer.from(signature, "base64");
    },
  };
}

async function publicKeyOf(
  config: GcpKmsCredentialConfig,
  tokens: TokenSource,
  doFetch: typeof fetch,
): Promise<KeyObject> {
  const fail = (reason: string, cause?: unknown) =>
    new CredentialError("UNREADABLE", `Google Cloud KMS key ${config.keyVersionName}: ${reason}`, {
      cause,
    });
  let response: Response;
  try {
    response = await withBearer(tokens, doFetch, url(config, "/publicKey"), { method: "GET" });
  } catch (error) {
    throw fail((error as Error).message, error);
  }
  const text = await response.text();
  if (!response.ok) throw fail(`its public key cannot be read (${errorOf(response.status, text)})`);
  const body = JSON.parse(text) as { pem?: unknown; algorithm?: unknown };
  if (typeof body.algorithm !== "string" || !RS256_ALGORITHMS.has(body.algorithm)) {
    throw fail(
      `its algorithm is ${String(body.algorithm)}; an RS256 grant needs RSA_SIGN_PKCS1_*_SHA256`,
    );
  }
  if (typeof body.pem !== "string") throw fail("no public key PEM in the answer");
  return createPublicKey(body.pem);
}

/**
 * Builds the credential: reads the key version's public key and algorithm at start (so a wrong
 * name, a PSS or EC key, or a missing permission fails the start), and with `certPath` checks it
 * is the certificate's. @throws CredentialError (`UNREADABLE`, `KEY_MISMATCH`, `CERT_EXPIRED`, …).
 */
export async function loadGcpKmsCredential(
  config: GcpKmsCredentialConfig,
  options: { fetch?: typeof fetch } = {},
): Promise<AdminCredential> {
  const doFetch = options.fetch ?? fetch;
  const tokens = createTokenSource(config.tokenSource, { fetch: doFetch });
  return remoteCredential(config, {
    publicKey: await publicKeyOf(config, tokens, doFetch),
    signer: gcpKmsSigner(config, tokens, doFetch),
    keyService: `gcp-kms:${config.keyVersionName}`,
    alg: "RS256",
  });
}
